package intercom

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// One client shared by many goroutines, each call with its own options: every request carries
// its own options and nothing else, and the client's settings do not change.
func TestConcurrentCallsWithPerCallOptions(t *testing.T) {
	t.Parallel()
	const workers, callsEach = 50, 4
	srv := newTestServer(t, answer{body: `{"type":"company","id":"c","created_at":1700000000}`})
	c := srv.client(t, WithHeader("X-Client", "shared"))

	var wg sync.WaitGroup
	errs := make(chan error, workers*callsEach)
	for w := range workers {
		wg.Go(func() {
			for i := range callsEach {
				key := fmt.Sprintf("%d-%d", w, i)
				opts := []Option{WithHeader("X-Worker", key)}
				if w%2 == 0 {
					opts = append(opts, WithVersion("2.1"+strconv.Itoa(w)))
				}
				if w%3 == 0 {
					opts = append(opts, WithUserAgent("agent-"+key))
				}
				if w%5 == 0 {
					opts = append(opts, WithToken("token-"+key))
				}
				ct, err := c.Companies.Get(t.Context(), "id "+key, opts...)
				if err != nil {
					errs <- fmt.Errorf("call %s: %w", key, err)
					continue
				}
				if ct.CreatedAt != 1700000000 {
					errs <- fmt.Errorf("call %s: result %+v", key, ct)
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	reqs := srv.requests()
	if len(reqs) != workers*callsEach {
		t.Fatalf("server got %d requests, want %d", len(reqs), workers*callsEach)
	}
	seenKeys := map[string]bool{}
	for _, r := range reqs {
		keys := r.Header.Values("X-Worker")
		if len(keys) != 1 {
			t.Errorf("%s: X-Worker = %v, want exactly one", r.Path, keys)
			continue
		}
		key := keys[0]
		seenKeys[key] = true
		var w, i int
		if _, err := fmt.Sscanf(key, "%d-%d", &w, &i); err != nil {
			t.Fatalf("bad key %q", key)
		}
		if want := "/companies/id%20" + key; r.Path != want {
			t.Errorf("call %s went to %s, want %s", key, r.Path, want)
		}
		if got := r.Header.Values("X-Client"); len(got) != 1 || got[0] != "shared" {
			t.Errorf("call %s: X-Client = %v", key, got)
		}
		wantVersion := APIVersion
		if w%2 == 0 {
			wantVersion = "2.1" + strconv.Itoa(w)
		}
		if got := r.Header.Get("Intercom-Version"); got != wantVersion {
			t.Errorf("call %s: Intercom-Version = %q, want %q", key, got, wantVersion)
		}
		wantUA := defaultUserAgent
		if w%3 == 0 {
			wantUA = "agent-" + key
		}
		if got := r.Header.Get("User-Agent"); got != wantUA {
			t.Errorf("call %s: User-Agent = %q, want %q", key, got, wantUA)
		}
		wantAuth := "Bearer " + testToken
		if w%5 == 0 {
			wantAuth = "Bearer token-" + key
		}
		if got := r.Header.Get("Authorization"); got != wantAuth {
			t.Errorf("call %s: Authorization = %q, want %q", key, got, wantAuth)
		}
	}
	if len(seenKeys) != workers*callsEach {
		t.Errorf("%d distinct calls seen, want %d", len(seenKeys), workers*callsEach)
	}

	// The client kept its own settings.
	if _, err := c.Companies.Get(t.Context(), "after"); err != nil {
		t.Fatal(err)
	}
	last := srv.requests()[workers*callsEach].Header
	if _, ok := last["X-Worker"]; ok || last.Get("Intercom-Version") != APIVersion ||
		last.Get("User-Agent") != defaultUserAgent || last.Get("Authorization") != "Bearer "+testToken ||
		len(last.Values("X-Client")) != 1 {
		t.Errorf("the client's settings changed: %v", last)
	}
}

// One client shared by many goroutines whose calls are retried, each with its own middleware,
// retry count and WithResponse: the retries of one call never mix with another's.
func TestConcurrentRetries(t *testing.T) {
	t.Parallel()
	const workers = 50
	var mu sync.Mutex
	tries := map[string]int{}
	srv := newReplyServer(t, func(r seen, _ int) answer {
		key := r.Header.Get("X-Worker")
		mu.Lock()
		tries[key]++
		n := tries[key]
		mu.Unlock()
		if n == 1 {
			return answer{status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "1"}}
		}
		return answer{body: `{"type":"company","id":"` + key + `"}`, header: map[string]string{"X-Worker": key}}
	})
	// Three client middlewares leave room in their slice: a call's must not be appended there.
	clientMW := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		req.Header.Add("X-Client-Middleware", "1")
		return next(req)
	}
	pass := func(req *http.Request, next MiddlewareNext) (*http.Response, error) { return next(req) }
	c := srv.client(t, WithHeader("X-Client", "shared"), WithMiddleware(clientMW), WithMiddleware(pass), WithMiddleware(pass))
	if n, m := len(c.core.cfg.middleware), cap(c.core.cfg.middleware); n != 3 || m == n {
		t.Fatalf("client middleware: len %d cap %d; the test needs spare capacity", n, m)
	}

	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			key := strconv.Itoa(w)
			var attempts atomic.Int32
			var resp *Response
			opts := []Option{WithHeader("X-Worker", key), WithMiddleware(countAttempts(&attempts)), WithResponse(&resp)}
			noRetry := w%10 == 0
			if noRetry {
				opts = append(opts, WithMaxRetries(0))
			}
			ct, err := c.Companies.Get(t.Context(), key, opts...)
			switch {
			case noRetry:
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.Attempts != 1 || attempts.Load() != 1 || resp.StatusCode != 429 {
					errs <- fmt.Errorf("worker %s without retries: %v, %d attempts", key, err, attempts.Load())
				}
			case err != nil:
				errs <- fmt.Errorf("worker %s: %w", key, err)
			case ct.ID != key || attempts.Load() != 2 || resp.Attempts != 2 || resp.Header.Get("X-Worker") != key:
				errs <- fmt.Errorf("worker %s: contact %q, %d attempts, response %d attempts for %q",
					key, ct.ID, attempts.Load(), resp.Attempts, resp.Header.Get("X-Worker"))
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	reqs := srv.requests()
	if want := workers + workers - workers/10; len(reqs) != want {
		t.Errorf("server got %d requests, want %d", len(reqs), want)
	}
	for _, r := range reqs {
		key := r.Header.Get("X-Worker")
		if r.Path != "/companies/"+key || len(r.Header.Values("X-Worker")) != 1 ||
			len(r.Header.Values("X-Client-Middleware")) != 1 || r.Header.Get("X-Client") != "shared" {
			t.Errorf("request %s: %v", r.Path, r.Header)
		}
	}
	if n := len(srv.sleeps.recorded()); n != workers-workers/10 {
		t.Errorf("%d waits, want %d", n, workers-workers/10)
	}
}
