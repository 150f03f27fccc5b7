package intercom

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"
	"time"
)

// BenchmarkContactsListAll iterates over every contact of a workspace of N contacts, served by
// a loopback server in pages of 150 (Intercom's largest), in two ways:
//
//   - client: for c, err := range client.Contacts.ListAll(ctx, &ContactsListOptions{PerPage: 150})
//   - plain: a hand-written loop of net/http and encoding/json (json.Decoder on the body) that
//     decodes each page into the generated ContactList, the same type the client decodes into,
//     and follows pages.next.starting_after itself: no retries, no logging, no iterator.
//
// Each reports items/s and, as peak-heap-MB, the most heap the process had in use for objects
// (runtime/metrics /memory/classes/heap/objects:bytes, live and not yet collected, sampled every
// millisecond while the benchmark runs), and, as live-heap-MB, the most heap still reachable
// after a forced collection at 16 points of one more pass. Both include the in-process test
// server; neither may grow with N, since an iteration holds one page at a time: compare N=10000
// with N=100000. peak-heap-MB says as much about the collector's pacing as about the client (with
// so little live, the heap grows to Go's 4 MB minimum goal before a collection, and a longer run
// samples more collections); live-heap-MB is what the iteration holds.
func BenchmarkContactsListAll(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		srv := newContactsBenchServer(b, n)
		hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2}}
		b.Cleanup(hc.CloseIdleConnections)
		client, err := NewClient(WithToken(testToken), WithBaseURL(srv.URL+basePath), WithHTTPClient(hc))
		if err != nil {
			b.Fatal(err)
		}
		ways := []struct {
			name string
			run  func(ctx context.Context, onItem func()) (int, error)
		}{
			{"client", func(ctx context.Context, onItem func()) (int, error) {
				count := 0
				for c, err := range client.Contacts.ListAll(ctx, &ContactsListOptions{PerPage: 150}) {
					if err != nil {
						return count, err
					}
					if c.ID != "" {
						count++
					}
					onItem()
				}
				return count, nil
			}},
			{"plain", func(ctx context.Context, onItem func()) (int, error) {
				return plainListContacts(ctx, hc, srv.URL+basePath, onItem)
			}},
		}
		for _, way := range ways {
			b.Run(fmt.Sprintf("N=%d/%s", n, way.name), func(b *testing.B) {
				ctx := context.Background()
				nothing := func() {}
				sampler := startHeapSampler()
				iterations := 0
				for b.Loop() {
					count, err := way.run(ctx, nothing)
					if err != nil || count != n {
						b.Fatalf("%d contacts, err %v; want %d", count, err, n)
					}
					iterations++
				}
				peak := sampler.stop()
				b.ReportMetric(float64(n)*float64(iterations)/b.Elapsed().Seconds(), "items/s")
				b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
				b.ReportMetric(float64(liveHeapPeak(b, n, way.run))/(1<<20), "live-heap-MB")
			})
		}
	}
}

// plainListContacts is the loop a user would write without the client: GET /contacts page after
// page, decoding each into a ContactList. It returns how many contacts it saw.
func plainListContacts(ctx context.Context, hc *http.Client, base string, onItem func()) (int, error) {
	count := 0
	cursor := ""
	for {
		q := url.Values{"per_page": {"150"}}
		if cursor != "" {
			q.Set("starting_after", cursor)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/contacts?"+q.Encode(), nil)
		if err != nil {
			return count, err
		}
		req.Header.Set("Authorization", "Bearer "+testToken)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Intercom-Version", APIVersion)
		resp, err := hc.Do(req)
		if err != nil {
			return count, err
		}
		var page ContactList
		err = json.NewDecoder(resp.Body).Decode(&page)
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
		if err != nil {
			return count, err
		}
		if resp.StatusCode != http.StatusOK {
			return count, fmt.Errorf("status %s", resp.Status)
		}
		for _, c := range page.Data {
			if c.ID != "" {
				count++
			}
			onItem()
		}
		if page.Pages == nil || page.Pages.Next == nil {
			return count, nil
		}
		next, ok := page.Pages.Next.StartingAfter.Get()
		if !ok || next == "" {
			return count, nil
		}
		cursor = next
	}
}

// newContactsBenchServer serves GET /contacts under basePath for n contacts that it makes up page
// by page: the cursor is the offset of the page's first contact.
func newContactsBenchServer(b *testing.B, n int) *httptest.Server {
	b.Helper()
	bufs := sync.Pool{New: func() any { return new([]byte) }}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+basePath+"/contacts", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		perPage, err := strconv.Atoi(q.Get("per_page"))
		if err != nil || perPage < 1 || perPage > 150 {
			http.Error(w, "bad per_page", http.StatusBadRequest)
			return
		}
		offset := 0
		if s := q.Get("starting_after"); s != "" {
			if offset, err = strconv.Atoi(s); err != nil || offset < 0 || offset > n {
				http.Error(w, "bad starting_after", http.StatusBadRequest)
				return
			}
		}
		end := min(offset+perPage, n)
		bp := bufs.Get().(*[]byte)
		buf := append((*bp)[:0], `{"type":"list","data":[`...)
		for i := offset; i < end; i++ {
			if i > offset {
				buf = append(buf, ',')
			}
			buf = appendBenchContact(buf, i)
		}
		buf = append(buf, `],"total_count":`...)
		buf = strconv.AppendInt(buf, int64(n), 10)
		buf = append(buf, `,"pages":{"type":"pages","page":`...)
		buf = strconv.AppendInt(buf, int64(offset/perPage+1), 10)
		buf = append(buf, `,"per_page":`...)
		buf = strconv.AppendInt(buf, int64(perPage), 10)
		buf = append(buf, `,"total_pages":`...)
		buf = strconv.AppendInt(buf, int64((n+perPage-1)/perPage), 10)
		if end < n {
			buf = append(buf, `,"next":{"per_page":`...)
			buf = strconv.AppendInt(buf, int64(perPage), 10)
			buf = append(buf, `,"starting_after":"`...)
			buf = strconv.AppendInt(buf, int64(end), 10)
			buf = append(buf, `"}`...)
		}
		buf = append(buf, "}}"...)
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(buf)
		*bp = buf
		bufs.Put(bp)
	})
	srv := httptest.NewServer(mux)
	b.Cleanup(srv.Close)
	return srv
}

// appendBenchContact appends contact number i as the API sends a contact (about 1.3 kB of JSON).
func appendBenchContact(buf []byte, i int) []byte {
	id := strconv.Itoa(0x6657ac000000 + i)
	buf = append(buf, `{"type":"contact","id":"`...)
	buf = append(buf, id...)
	buf = append(buf, `","workspace_id":"ecahpwf5","external_id":"ext-`...)
	buf = append(buf, id...)
	buf = append(buf, `","role":"user","email":"user`...)
	buf = append(buf, id...)
	buf = append(buf, `@example.com","email_domain":"example.com","phone":"+353871234567","name":"Joe Bloggs `...)
	buf = append(buf, id...)
	buf = append(buf, `","owner_id":991267,"has_hard_bounced":false,"marked_email_as_spam":false,`+
		`"unsubscribed_from_emails":false,"created_at":1717021600,"updated_at":1717021700,`+
		`"signed_up_at":1717021600,"last_seen_at":1717021650,"last_replied_at":null,`+
		`"last_contacted_at":null,"last_email_opened_at":null,"last_email_clicked_at":null,`+
		`"language_override":null,"browser":"chrome","browser_version":"124.0","browser_language":"en",`+
		`"os":"macOS","android_app_name":null,"android_app_version":null,"android_device":null,`+
		`"android_os_version":null,"android_sdk_version":null,"android_last_seen_at":null,`+
		`"ios_app_name":null,"ios_app_version":null,"ios_device":null,"ios_os_version":null,`+
		`"ios_sdk_version":null,"ios_last_seen_at":null,`+
		`"custom_attributes":{"plan":"pro","seats":12,"beta":true},`+
		`"avatar":{"type":"avatar","image_url":"https://static.intercomassets.com/avatars/1/square_128/a.png"},`+
		`"tags":{"type":"list","data":[{"type":"tag","id":"81","url":"/tags/81"}],"url":"/contacts/`...)
	buf = append(buf, id...)
	buf = append(buf, `/tags","total_count":1,"has_more":false},"notes":{"type":"list","data":[],"url":"/contacts/`...)
	buf = append(buf, id...)
	buf = append(buf, `/notes","total_count":0,"has_more":false},"companies":{"type":"list","data":[],"url":"/contacts/`...)
	buf = append(buf, id...)
	buf = append(buf, `/companies","total_count":0,"has_more":false},`+
		`"location":{"type":"location","country":"Ireland","region":"Dublin","city":"Dublin"},`+
		`"social_profiles":{"type":"list","data":[]}}`...)
	return buf
}

// heapSampler records the largest heap in use for objects while it runs.
type heapSampler struct {
	done chan struct{}
	peak chan uint64
}

const heapObjectsMetric = "/memory/classes/heap/objects:bytes"

// startHeapSampler samples the heap every millisecond until stop.
func startHeapSampler() *heapSampler {
	s := &heapSampler{done: make(chan struct{}), peak: make(chan uint64)}
	go func() {
		sample := []metrics.Sample{{Name: heapObjectsMetric}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		var peak uint64
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-s.done:
				s.peak <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// stop ends the sampling and returns the peak, in bytes.
func (s *heapSampler) stop() uint64 {
	close(s.done)
	return <-s.peak
}

// liveHeapPeak makes one more pass of run over n contacts, outside the timing, and returns the
// most heap that is still reachable after a forced collection at 16 points of it, in bytes:
// what the iteration holds, whatever the collector's pace.
func liveHeapPeak(b *testing.B, n int, run func(ctx context.Context, onItem func()) (int, error)) uint64 {
	b.Helper()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	every := max(n/16, 1)
	var peak uint64
	seen := 0
	count, err := run(context.Background(), func() {
		seen++
		if seen%every == 0 {
			runtime.GC()
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
		}
	})
	if err != nil || count != n {
		b.Fatalf("%d contacts, err %v; want %d", count, err, n)
	}
	return peak
}
