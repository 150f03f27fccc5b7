package intercom

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// RateLimiter decides when each attempt of a call may be sent, from what the answers say about
// the rate limit. A client has one, shared by all its calls and goroutines: a Pacer unless
// WithRateLimiter says otherwise. Implementations must be safe for concurrent use.
type RateLimiter interface {
	// Wait blocks until an attempt may be sent, or until ctx is done, when it returns ctx's
	// error and the attempt is not sent.
	Wait(ctx context.Context) error
	// Observe is told, once after each attempt that Wait let through, what came of it.
	Observe(o Observation)
}

// Observation is what one attempt taught about the rate limit.
type Observation struct {
	// Sent and Received are when, by the local clock, the attempt started and its answer (or
	// its failure) came.
	Sent, Received time.Time
	// StatusCode is the status of the answer, 0 when none came.
	StatusCode int
	// RateLimit is what the answer's X-RateLimit headers said; zero without them.
	RateLimit RateLimit
	// Date is the answer's Date header, the server's clock to the second; zero without it.
	Date time.Time
}

// observe returns the observation of an attempt sent at sent and answered with resp (nil for
// none) at received.
func observe(sent, received time.Time, resp *http.Response) Observation {
	o := Observation{Sent: sent, Received: received}
	if resp != nil {
		o.StatusCode, o.RateLimit = resp.StatusCode, parseRateLimit(resp.Header)
		if d, err := http.ParseTime(resp.Header.Get("Date")); err == nil {
			o.Date = d
		}
	}
	return o
}

// ClockOffset estimates how far the server's clock is ahead of the local one, from the Date
// headers of answers, so that a reset time the server gives in its clock can be waited for by
// the local clock. A Date is only to the second, but each answer bounds the offset from both
// sides (the server wrote its Date between the local Sent and Received), and the bounds of many
// answers close in on it. The zero value knows nothing and estimates 0. It is not safe for
// concurrent use.
type ClockOffset struct {
	lo, hi time.Duration
	known  bool
}

// Observe narrows the estimate with o; an observation without Date changes nothing. Bounds
// that contradict each other (a clock was set) start the estimate again.
func (c *ClockOffset) Observe(o Observation) {
	if o.Date.IsZero() || o.Sent.IsZero() || o.Received.IsZero() {
		return
	}
	lo := o.Date.Sub(o.Received)              // the Date was written no later than received
	hi := o.Date.Add(time.Second).Sub(o.Sent) // and its second had not ended when sent
	if !c.known || lo > c.hi || hi < c.lo {
		c.lo, c.hi, c.known = lo, hi, true
		return
	}
	c.lo, c.hi = max(c.lo, lo), min(c.hi, hi)
}

// Offset returns the smallest offset the answers allow: converting a server time to local time
// with it gives the latest local time that can be that server time, so that a wait until a
// reset never ends before the server's reset.
func (c *ClockOffset) Offset() time.Duration { return c.lo }

// Pacer is the default RateLimiter: it spreads the calls it lets through over what is left of
// the rate-limit window, so that a client that has seen the rate-limit headers of one answer
// does not cause a 429.
//
// From each answer it learns the limit, the calls remaining and when the window resets
// (X-RateLimit-Limit, -Remaining and -Reset, the reset converted to the local clock with the
// help of the answer's Date header). It then lets the calls go one by one, the remaining calls
// spaced evenly up to the reset, with some jitter, and counts those it let through and that
// have had no answer yet, and those waiting for their turn, against what the answers say is
// left. Once the budget it knows of is spent, calls wait for the next window, which, once two
// windows have shown how long a window is, it spreads the whole budget over. Before any answer
// with the headers, for an API that sends none, and after the end of the first window until an
// answer from the second, it lets calls through at once. A call waiting its turn stops waiting
// when its context is done.
//
// One Pacer serves one budget: share it, with WithRateLimiter, between the clients of one
// process that call for the same Intercom app. For several processes, use a limiter that keeps
// the budget in a shared store, such as the Redis one in the repository's contrib/redislimit.
type Pacer struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	rand  func(n int64) int64

	mu      sync.Mutex
	clock   ClockOffset
	budget  budget
	pending int // calls let through (their turn come) and not yet observed
	// waiting counts the calls waiting for their turn, by the reset of the window the turn is
	// in: the budget has counted them, an answer from that window has not.
	waiting map[int64]int // by Unix nanoseconds
}

// NewPacer returns a Pacer that knows nothing yet of the rate limit.
func NewPacer() *Pacer { return newPacer(time.Now, sleepContext, rand.Int64N) }

func newPacer(now func() time.Time, sleep func(context.Context, time.Duration) error, rnd func(int64) int64) *Pacer {
	return &Pacer{now: now, sleep: sleep, rand: rnd, waiting: map[int64]int{}}
}

// Wait waits for the call's turn, or until ctx is done.
func (p *Pacer) Wait(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.mu.Lock()
		offset := p.clock.Offset()
		now := p.now()
		at, turn := p.budget.reserve(now.Add(offset), p.rand)
		window := p.budget.reset.UnixNano()
		if turn {
			p.waiting[window]++
		} else if !at.After(now.Add(offset)) {
			p.pending++ // nothing known: go at once
			p.mu.Unlock()
			return nil
		}
		p.mu.Unlock()
		err := p.sleep(ctx, at.Add(-offset).Sub(p.now()))
		p.mu.Lock()
		if turn {
			if p.waiting[window]--; p.waiting[window] <= 0 {
				delete(p.waiting, window)
			}
			if err == nil {
				p.pending++
			}
		}
		p.mu.Unlock()
		if err != nil || turn {
			return err
		}
		// Waited for the end of a window without a turn in the next: ask again.
	}
}

// Observe learns from the answer to a call that Wait let through.
func (p *Pacer) Observe(o Observation) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.pending = max(p.pending-1, 0)
	p.clock.Observe(o)
	p.budget.observe(o, p.now().Add(p.clock.Offset()), p.pending+p.waiting[o.RateLimit.Reset.UnixNano()])
}

// budget is what a Pacer knows of the current window, all times by the server's clock.
type budget struct {
	limit     int           // calls allowed in a window; 0 while nothing is known
	remaining int           // calls that may still be let through in the window
	reset     time.Time     // when the window ends
	prev      time.Time     // when the window before it ended, if the budget rolled over to it
	seen      time.Time     // the last reset an answer gave
	window    time.Duration // the window's length; 0 until answers from two windows came
	next      time.Time     // the earliest time of the next call
}

// reserve takes the turn of one call asked for at now: it returns when the call may go and
// true, or, when no turn can be given because nothing is known of the current window, false and
// when to ask again (now: go at once).
func (b *budget) reserve(now time.Time, rnd func(int64) int64) (time.Time, bool) {
	if b.limit == 0 {
		// Nothing known, or a window whose length is not known yet has ended: calls go at once
		// (after that window's end) until an answer tells.
		if b.reset.After(now) {
			return b.reset, false
		}
		return now, false
	}
	at := now
	if b.next.After(at) {
		at = b.next
	}
	if !at.Before(b.reset) && !b.roll(at) {
		return at, false
	}
	if b.remaining <= 0 {
		// The window's budget is spent: the first turn of the next window.
		at = b.reset
		if !b.roll(at) {
			return at, false
		}
	}
	interval := b.reset.Sub(at) / time.Duration(b.remaining)
	b.remaining--
	b.next = at.Add(interval)
	if interval > 1 {
		// Jitter within the turn, so that wake-ups do not line up with anything else's.
		at = at.Add(time.Duration(rnd(int64(interval / 2))))
	}
	return at, true
}

// roll moves the budget to the window that holds at, assuming it starts afresh. Until answers
// from two windows have shown how long a window is, it cannot: it forgets the limit instead, so
// that calls go at once, from at, until an answer says where the new window stands (turns
// spread over a guessed window would hold calls back long after the answer came).
func (b *budget) roll(at time.Time) bool {
	if b.window <= 0 {
		b.limit = 0
		return false
	}
	n := at.Sub(b.reset)/b.window + 1
	b.prev, b.reset = b.reset, b.reset.Add(n*b.window)
	b.remaining = b.limit
	return true
}

// observe learns from o, received at now; pending calls, let through and not yet answered or
// waiting for their turn in o's window, are not counted in o's remaining calls.
func (b *budget) observe(o Observation, now time.Time, pending int) {
	rl := o.RateLimit
	if rl.Limit <= 0 || rl.Reset.IsZero() || !rl.Reset.After(now) {
		return // nothing to learn, or about a window that is over
	}
	remaining := max(rl.Remaining-pending, 0)
	if o.StatusCode == http.StatusTooManyRequests {
		remaining = 0
	}
	if d := rl.Reset.Sub(b.seen); !b.seen.IsZero() && d > 0 && (b.window == 0 || d < b.window) {
		b.window = d // the shortest step between two resets is the window
	}
	b.seen = rl.Reset
	b.limit = rl.Limit
	switch {
	case rl.Reset.Equal(b.reset):
		b.remaining = min(b.remaining, remaining)
	case !rl.Reset.After(b.prev):
		// A late answer from the window the budget has rolled over from.
	default:
		// A window the budget had not placed, or placed wrong: the answer knows better.
		b.reset, b.remaining, b.prev = rl.Reset, remaining, time.Time{}
	}
}

// WithRateLimiter makes calls wait for l's leave before each attempt, and tell l what came of
// it, instead of the client's Pacer: a Pacer shared with other clients, or a limiter whose
// budget is shared between processes. WithRateLimiter(nil) turns rate limiting off: calls then
// learn of the limit only from a 429, which they wait out and retry. Given to a call, it
// applies to that call only.
func WithRateLimiter(l RateLimiter) Option {
	return func(c *config) error {
		c.limiter, c.limiterSet = l, true
		return nil
	}
}

// waitTurn waits for the rate limiter's leave to send an attempt of c; lastErr is the error of
// the attempt before, nil for the first.
func (cfg *config) waitTurn(ctx context.Context, c *call, lastErr error) error {
	if cfg.limiter == nil {
		return nil
	}
	err := cfg.limiter.Wait(ctx)
	switch {
	case err == nil:
		return nil
	case lastErr != nil:
		return &waitError{prefix: "intercom: " + c.method + " " + c.path, ctxErr: err, last: lastErr}
	}
	return fmt.Errorf("intercom: %s %s: waiting for the rate limit: %w", c.method, c.path, err)
}
