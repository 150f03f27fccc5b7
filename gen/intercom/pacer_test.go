package intercom

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock that moves only when something sleeps on it.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	slept []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.slept = append(c.slept, d)
	c.t = c.t.Add(max(d, 0))
	return nil
}

// answered is the observation of an answer at now with the given rate-limit facts, the server's
// clock ahead of now by skew.
func answered(now time.Time, skew time.Duration, status, limit, remaining int, reset time.Time) Observation {
	return Observation{
		Sent: now, Received: now, StatusCode: status, Date: now.Add(skew).Truncate(time.Second),
		RateLimit: RateLimit{Limit: limit, Remaining: remaining, Reset: reset},
	}
}

// pace runs n calls through p one after the other, answering none, and returns the offsets from
// start at which they went.
func pace(t *testing.T, p *Pacer, clock *fakeClock, start time.Time, n int) []time.Duration {
	t.Helper()
	var at []time.Duration
	for range n {
		if err := p.Wait(t.Context()); err != nil {
			t.Fatal(err)
		}
		at = append(at, clock.now().Sub(start))
	}
	return at
}

func seconds(xs ...float64) []time.Duration {
	var out []time.Duration
	for _, x := range xs {
		out = append(out, time.Duration(x*float64(time.Second)))
	}
	return out
}

// Before it has seen the headers, a Pacer lets every call through; after, it spreads what is
// left of the window over what is left of it, and the next window's budget over the next.
func TestPacerSpreadsCalls(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock.now, clock.sleep, noJitter)
	start := clock.now()
	if got := pace(t, p, clock, start, 3); !slices.Equal(got, seconds(0, 0, 0)) {
		t.Fatalf("before any answer: calls at %v, want all at once", got)
	}
	// Three calls are out; the answer to the first says 7 of 10 are left for 10 seconds.
	p.Observe(answered(start, 0, 200, 10, 7, start.Add(10*time.Second)))
	// 7 - 2 still unanswered = 5 calls over 10s; then the window is over, and its length not
	// known yet: calls go at once until an answer tells.
	got := pace(t, p, clock, start, 7)
	if want := seconds(0, 2, 4, 6, 8, 10, 10); !slices.Equal(got, want) {
		t.Errorf("calls at %v, want %v", got, want)
	}
}

// Once answers from two windows have shown the window's length, a Pacer moves on to the next
// window by itself, with its whole budget spread over it.
func TestPacerLearnsWindow(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock.now, clock.sleep, noJitter)
	start := clock.now()
	at := func(d float64) time.Time { return start.Add(seconds(d)[0]) }
	pace(t, p, clock, start, 1)
	p.Observe(answered(start, 0, 200, 4, 0, at(10)))
	if got := pace(t, p, clock, start, 1); !slices.Equal(got, seconds(10)) {
		t.Fatalf("call at %v, want at the reset", got)
	}
	p.Observe(answered(clock.now(), 0, 200, 4, 2, at(20))) // the next window, 10s long: 2 left
	got := pace(t, p, clock, start, 6)
	if want := seconds(10, 15, 20, 22.5, 25, 27.5); !slices.Equal(got, want) {
		t.Errorf("calls at %v, want %v", got, want)
	}
}

// A 429 spends the window: the next call waits for the reset.
func TestPacerAfterRateLimited(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock.now, clock.sleep, noJitter)
	start := clock.now()
	pace(t, p, clock, start, 1)
	p.Observe(answered(start, 0, http.StatusTooManyRequests, 10, 3, start.Add(4*time.Second)))
	if got := pace(t, p, clock, start, 1); !slices.Equal(got, seconds(4)) {
		t.Errorf("call at %v, want at the reset", got)
	}
}

// The reset is in the server's clock: a Pacer waits for it by the local clock, corrected with
// the Date header, whether the server's clock is ahead or behind.
func TestPacerClockSkew(t *testing.T) {
	t.Parallel()
	for _, skew := range []time.Duration{-time.Hour, 30 * time.Second, 0} {
		t.Run(skew.String(), func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			p := newPacer(clock.now, clock.sleep, noJitter)
			start := clock.now()
			pace(t, p, clock, start, 1)
			p.Observe(answered(start, skew, 200, 10, 0, start.Add(skew+5*time.Second)))
			if got := pace(t, p, clock, start, 1); !slices.Equal(got, seconds(5)) {
				t.Errorf("call at %v, want 5s: the reset by the local clock", got)
			}
		})
	}
}

// The bounds of several answers narrow the offset down below the Date header's second.
func TestClockOffset(t *testing.T) {
	t.Parallel()
	var c ClockOffset
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const skew = 1500 * time.Millisecond // the server is 1.5s ahead
	for _, local := range []time.Duration{0, 300 * time.Millisecond, 600 * time.Millisecond} {
		sent := base.Add(local)
		recv := sent.Add(10 * time.Millisecond)
		c.Observe(Observation{Sent: sent, Received: recv, Date: sent.Add(skew + 5*time.Millisecond).Truncate(time.Second)})
	}
	if got := c.Offset(); got > skew || got < skew-500*time.Millisecond {
		t.Errorf("offset %v, want within (1s, 1.5s]", got)
	}
	// A clock set back starts again.
	c.Observe(Observation{Sent: base, Received: base, Date: base.Add(-time.Hour)})
	if got := c.Offset(); got != -time.Hour {
		t.Errorf("after the clock was set: %v", got)
	}
}

// Wake-ups are jittered within the turn of each call.
func TestPacerJitter(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	p := newPacer(clock.now, clock.sleep, maxJitter)
	start := clock.now()
	pace(t, p, clock, start, 1)
	p.Observe(answered(start, 0, 200, 10, 4, start.Add(8*time.Second)))
	// Turns at 0, 2, 4, 6s, each woken up to 1s (half a turn) late.
	got := pace(t, p, clock, start, 4)
	want := []time.Duration{time.Second - 1, 3*time.Second - 1, 5*time.Second - 1, 7*time.Second - 1}
	if !slices.Equal(got, want) {
		t.Errorf("calls at %v, want %v", got, want)
	}
}

// A call waiting its turn stops when its context is done, and gives its turn back.
func TestPacerContext(t *testing.T) {
	t.Parallel()
	p := newPacer(time.Now, sleepContext, noJitter)
	now := time.Now()
	p.Observe(Observation{StatusCode: 200, RateLimit: RateLimit{Limit: 10, Remaining: 0, Reset: now.Add(time.Hour)}})
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() { errc <- p.Wait(ctx) }()
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("Wait = %v, want context.Canceled", err)
	}
	if p.pending != 0 {
		t.Errorf("%d calls pending, want none", p.pending)
	}
}

// limitedServer answers like Intercom with a limit of limit calls a window, by clock.
func limitedServer(t *testing.T, clock *fakeClock, limit int, window time.Duration) (*testServer, *int) {
	var mu sync.Mutex
	var start time.Time
	count, limited := 0, 0
	srv := newReplyServer(t, func(seen, int) answer {
		mu.Lock()
		defer mu.Unlock()
		now := clock.now()
		if now.Sub(start) >= window {
			start, count = now.Truncate(window), 0
		}
		h := map[string]string{
			"X-RateLimit-Limit": strconv.Itoa(limit),
			"X-RateLimit-Reset": strconv.FormatInt(start.Add(window).Unix(), 10),
			"Date":              now.Format(http.TimeFormat),
		}
		if count >= limit {
			limited++
			h["X-RateLimit-Remaining"] = "0"
			return answer{status: http.StatusTooManyRequests, header: h, body: `{"type":"error.list","errors":[{"code":"rate_limit_exceeded"}]}`}
		}
		count++
		h["X-RateLimit-Remaining"] = strconv.Itoa(limit - count)
		return answer{body: `{"type":"team.list"}`, header: h}
	})
	return srv, &limited
}

// A client paces its calls by default: once it has seen the headers, it causes no 429. Without
// its pacer, the same calls hit the limit.
func TestClientPacedByDefault(t *testing.T) {
	t.Parallel()
	for _, paced := range []bool{true, false} {
		clock := newFakeClock()
		srv, limited := limitedServer(t, clock, 5, 10*time.Second)
		opts := []Option{withSleep(clock.sleep), withNowFunc(clock.now), withRand(noJitter), WithMaxRetries(3)}
		if !paced {
			opts = append(opts, WithRateLimiter(nil))
		}
		c := srv.client(t, opts...)
		for range 23 {
			if _, err := c.Teams.List(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		switch {
		case paced && *limited != 0:
			t.Errorf("paced: %d 429s, want none", *limited)
		case !paced && *limited == 0:
			t.Errorf("without the pacer: no 429, want some")
		}
	}
}

// WithRateLimiter plugs another limiter in, which is asked before each attempt and told of
// each; given to a call, it applies to that call only.
func TestWithRateLimiter(t *testing.T) {
	t.Parallel()
	srv := newReplyServer(t, func(_ seen, i int) answer {
		h := map[string]string{"X-RateLimit-Limit": "100", "X-RateLimit-Remaining": strconv.Itoa(99 - i), "X-RateLimit-Reset": "1900000000"}
		if i == 0 {
			return answer{status: http.StatusServiceUnavailable, header: h}
		}
		return answer{body: `{"type":"team.list"}`, header: h}
	})
	var rec recordingLimiter
	c := srv.client(t, WithRateLimiter(&rec))
	if _, err := c.Teams.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	if rec.waits != 2 || len(rec.seen) != 2 || rec.seen[0].StatusCode != 503 || rec.seen[1].RateLimit.Remaining != 98 || rec.seen[1].Date.IsZero() {
		t.Errorf("limiter asked %d times, told %+v", rec.waits, rec.seen)
	}
	var other recordingLimiter
	if _, err := c.Teams.List(t.Context(), WithRateLimiter(&other)); err != nil {
		t.Fatal(err)
	}
	if rec.waits != 2 || other.waits != 1 {
		t.Errorf("per-call limiter: client's asked %d times, call's %d", rec.waits, other.waits)
	}
	// A limiter that refuses fails the call before anything is sent.
	n := len(srv.requests())
	_, err := c.Teams.List(t.Context(), WithRateLimiter(refusingLimiter{}))
	if !errors.Is(err, context.DeadlineExceeded) || len(srv.requests()) != n {
		t.Errorf("refused: %v", err)
	}
}

type recordingLimiter struct {
	mu    sync.Mutex
	waits int
	seen  []Observation
}

func (l *recordingLimiter) Wait(context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.waits++
	return nil
}

func (l *recordingLimiter) Observe(o Observation) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, o)
}

type refusingLimiter struct{}

func (refusingLimiter) Wait(context.Context) error { return context.DeadlineExceeded }
func (refusingLimiter) Observe(Observation)        {}

// Calls waiting for their turn in a window are counted against what an answer from that window
// says is left, as the calls let through and not yet answered are.
func TestPacerCountsWaitingCalls(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	asleep := make(chan struct{}, 3)
	sleep := func(ctx context.Context, d time.Duration) error {
		asleep <- struct{}{}
		<-release
		return nil
	}
	start := time.Now()
	p := newPacer(time.Now, sleep, noJitter)
	p.Observe(Observation{StatusCode: 200, RateLimit: RateLimit{Limit: 10, Remaining: 10, Reset: start.Add(time.Hour).Truncate(time.Second)}})
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if err := p.Wait(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	for range 3 {
		<-asleep
	}
	// Another process has spent 5 of the window: 5 are left, 3 of them taken by the waiting calls.
	p.Observe(Observation{StatusCode: 200, RateLimit: RateLimit{Limit: 10, Remaining: 5, Reset: start.Add(time.Hour).Truncate(time.Second)}})
	close(release)
	wg.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.budget.remaining != 2 || p.pending != 3 || len(p.waiting) != 0 {
		t.Errorf("remaining %d, pending %d, waiting %v; want 2, 3 and none", p.budget.remaining, p.pending, p.waiting)
	}
}
