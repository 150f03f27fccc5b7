package intercomtest

import (
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// settableClock is a clock a test moves by hand.
type settableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *settableClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *settableClock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// The fake enforces its rate limit window by window, says so in the headers of every answer,
// and refuses a request over it with Intercom's 429.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	clock := &settableClock{t: time.Date(2026, 1, 2, 3, 4, 5, 500e6, time.UTC)} // half-way through a 2s window
	srv := NewServer(t, WithRateLimit(3, 2*time.Second), WithClock(clock.now))
	c := srv.Client(intercom.WithRateLimiter(nil), intercom.WithMaxRetries(0))
	reset := time.Date(2026, 1, 2, 3, 4, 6, 0, time.UTC)
	call := func() (*intercom.Response, error) {
		var resp *intercom.Response
		_, err := c.Teams.List(t.Context(), intercom.WithResponse(&resp))
		return resp, err
	}
	for i := range 3 {
		resp, err := call()
		if err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
		want := intercom.RateLimit{Limit: 3, Remaining: 2 - i, Reset: reset}
		if resp.RateLimit != want || resp.Header.Get("Date") != "Fri, 02 Jan 2026 03:04:05 GMT" {
			t.Errorf("call %d: %+v, Date %q; want %+v", i+1, resp.RateLimit, resp.Header.Get("Date"), want)
		}
	}
	resp, err := call()
	var apiErr *intercom.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTooManyRequests || len(apiErr.Errors) != 1 || apiErr.Errors[0].Code != "rate_limit_exceeded" {
		t.Fatalf("call 4: %v, want a 429 rate_limit_exceeded", err)
	}
	if want := (intercom.RateLimit{Limit: 3, Remaining: 0, Reset: reset}); apiErr.RateLimit != want || resp == nil {
		t.Errorf("429: %+v, want %+v", apiErr.RateLimit, want)
	}
	if n, refused := len(srv.Requests()), srv.RateLimited(); n != 3 || refused != 1 {
		t.Errorf("%d requests recorded, %d refused; want 3 and 1", n, refused)
	}
	clock.add(500 * time.Millisecond) // the next window
	resp, err = call()
	if err != nil {
		t.Fatalf("next window: %v", err)
	}
	if want := (intercom.RateLimit{Limit: 3, Remaining: 2, Reset: reset.Add(2 * time.Second)}); resp.RateLimit != want {
		t.Errorf("next window: %+v, want %+v", resp.RateLimit, want)
	}
}

// A window that is not whole seconds resets, by the header, no earlier than it ends.
func TestRateLimitResetRoundsUp(t *testing.T) {
	t.Parallel()
	clock := &settableClock{t: time.Date(2026, 1, 2, 3, 4, 5, 100e6, time.UTC)}
	srv := NewServer(t, WithRateLimit(10, 1500*time.Millisecond), WithClock(clock.now))
	var resp *intercom.Response
	if _, err := srv.Client().Teams.List(t.Context(), intercom.WithResponse(&resp)); err != nil {
		t.Fatal(err)
	}
	end := clock.now().Truncate(1500 * time.Millisecond).Add(1500 * time.Millisecond)
	if reset := resp.RateLimit.Reset; reset.Before(end) || reset.Sub(end) >= time.Second {
		t.Errorf("reset %v for a window ending %v", reset, end)
	}
}
