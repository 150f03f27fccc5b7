package intercom

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"testing"
)

// One client shared by many goroutines, each call with its own options: every request carries
// its own options and nothing else, and the client's settings do not change.
func TestConcurrentCallsWithPerCallOptions(t *testing.T) {
	const workers, callsEach = 50, 4
	srv := newTestServer(t, answer{body: `{"type":"contact","id":"c","created_at":1700000000}`})
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
				ct, err := c.Contacts.Get(context.Background(), "id "+key, opts...)
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
		if want := "/contacts/id%20" + key; r.Path != want {
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
	if _, err := c.Contacts.Get(context.Background(), "after"); err != nil {
		t.Fatal(err)
	}
	last := srv.requests()[workers*callsEach].Header
	if _, ok := last["X-Worker"]; ok || last.Get("Intercom-Version") != APIVersion ||
		last.Get("User-Agent") != defaultUserAgent || last.Get("Authorization") != "Bearer "+testToken ||
		len(last.Values("X-Client")) != 1 {
		t.Errorf("the client's settings changed: %v", last)
	}
}
