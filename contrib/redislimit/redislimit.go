// Package redislimit is a rate limiter for the Intercom client whose budget lives in Redis, so
// that several processes (or several clients in one) calling for the same Intercom app share
// one budget instead of each spending it as if it were alone:
//
//	rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
//	limiter := redislimit.New(rdb, "intercom:ratelimit:my-app")
//	client, err := intercom.NewClient(intercom.WithToken(token), intercom.WithRateLimiter(limiter))
//
// It paces calls as the client's own Pacer does (see intercom.Pacer): from the X-RateLimit
// headers of every answer, any process's, it knows the limit, the calls left and the reset, and
// gives out turns spread evenly over what is left of the window. The state is one Redis hash,
// read and written by Lua scripts, so that giving a turn is atomic across processes. Times are
// kept in Intercom's clock, which each process estimates from the Date headers of its answers,
// so that processes whose clocks disagree still agree on the window.
//
// It is a module of its own, so that the client module keeps importing the standard library
// only.
package redislimit

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/redis/go-redis/v9"
)

// stateTTL is how long the shared state outlives its last use.
const stateTTL = time.Hour

// observeTimeout bounds the Redis round trip of Observe, which has no context of its own.
const observeTimeout = 5 * time.Second

// Limiter is an intercom.RateLimiter whose budget is kept in Redis under one key. It is safe for
// concurrent use; every Limiter with the same Redis and key shares the budget.
type Limiter struct {
	rdb redis.Scripter
	key string

	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	rand  func(n int64) int64

	mu      sync.Mutex
	clock   intercom.ClockOffset
	pending int // calls this Limiter let through that have had no answer yet
	// waiting counts this Limiter's calls waiting for their turn, by the reset (Unix ms) of the
	// window the turn is in.
	waiting map[int64]int
	onError func(error)
}

// Option configures a Limiter.
type Option func(*Limiter)

// WithClock makes the Limiter read the time from now and wait with sleep instead of the system
// clock, for tests.
func WithClock(now func() time.Time, sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(l *Limiter) { l.now, l.sleep = now, sleep }
}

// WithErrorHandler sets the function told of a failure to record an answer in Redis (Observe
// cannot return it). By default such failures are dropped: the next answer records the budget
// again.
func WithErrorHandler(f func(error)) Option {
	return func(l *Limiter) { l.onError = f }
}

// New returns a Limiter that keeps its budget in rdb under key. Use one key per Intercom app
// (the limit is per app).
func New(rdb redis.Scripter, key string, opts ...Option) *Limiter {
	l := &Limiter{rdb: rdb, key: key, now: time.Now, sleep: sleepContext, rand: rand.Int64N, onError: func(error) {}, waiting: map[int64]int{}}
	for _, o := range opts {
		o(l)
	}
	return l
}

// Wait waits for the call's turn in the shared budget, or until ctx is done. It fails when Redis
// cannot be reached: the call then fails too, rather than spend a budget that others share.
func (l *Limiter) Wait(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		l.mu.Lock()
		offset := l.clock.Offset()
		l.mu.Unlock()
		now := l.now().Add(offset)
		res, err := reserveScript.Run(ctx, l.rdb, []string{l.key}, now.UnixMilli(), stateTTL.Milliseconds()).Int64Slice()
		if err != nil {
			return fmt.Errorf("redislimit: take a turn: %w", err)
		}
		at, interval, window, turn := time.UnixMilli(res[0]), res[1], res[2], res[3] == 1
		if !turn && !at.After(now) {
			break // nothing known: go at once
		}
		if interval > 1 {
			at = at.Add(time.Duration(l.rand(interval/2)) * time.Millisecond) // jitter within the turn
		}
		if turn {
			l.mu.Lock()
			l.waiting[window]++
			l.mu.Unlock()
		}
		err = l.sleep(ctx, at.Add(-offset).Sub(l.now()))
		if turn {
			l.mu.Lock()
			if l.waiting[window]--; l.waiting[window] <= 0 {
				delete(l.waiting, window)
			}
			l.mu.Unlock()
		}
		if err != nil {
			return err
		}
		if turn {
			break
		}
		// Waited for the end of a window without a turn in the next: ask again.
	}
	l.mu.Lock()
	l.pending++
	l.mu.Unlock()
	return nil
}

// Observe records what an answer said of the limit in the shared budget.
func (l *Limiter) Observe(o intercom.Observation) {
	// The Limiter keeps to its own clock: the answer's round trip is placed at its now.
	rtt := o.Received.Sub(o.Sent)
	o.Received = l.now()
	o.Sent = o.Received.Add(-rtt)
	l.mu.Lock()
	l.pending = max(l.pending-1, 0)
	pending := l.pending + l.waiting[o.RateLimit.Reset.UnixMilli()]
	l.clock.Observe(o)
	offset := l.clock.Offset()
	l.mu.Unlock()
	rl := o.RateLimit
	if rl.Limit <= 0 || rl.Reset.IsZero() {
		return
	}
	limited := 0
	if o.StatusCode == http.StatusTooManyRequests {
		limited = 1
	}
	ctx, cancel := context.WithTimeout(context.Background(), observeTimeout)
	defer cancel()
	err := observeScript.Run(ctx, l.rdb, []string{l.key}, l.now().Add(offset).UnixMilli(), rl.Limit, rl.Remaining,
		rl.Reset.UnixMilli(), limited, pending, stateTTL.Milliseconds()).Err()
	if err != nil && err != redis.Nil {
		l.onError(fmt.Errorf("redislimit: record an answer: %w", err))
	}
}

// sleepContext waits for d, or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// The state is a hash: limit (calls a window, 0 while unknown), remaining (turns left in the
// window), reset (its end), prev (the end of the window before, if the budget rolled over to
// this one), seen (the last reset an answer gave), window (its length, 0 while unknown) and next
// (the earliest next turn); times in Unix milliseconds of Intercom's clock. The scripts are the
// arithmetic of intercom.Pacer's budget.

// reserveScript takes the next turn at ARGV[1] (now), the TTL ARGV[2]; it returns {the turn's
// time, the turn's length, the end of the turn's window, 1}, or, when nothing is known of the
// current window, {when to ask again (now: go at once), 0, 0, 0}. Until answers from two windows
// have shown the window's length, the end of a window makes the limit unknown again, as
// intercom.Pacer does.
var reserveScript = redis.NewScript(`
local k = KEYS[1]
local now, ttl = tonumber(ARGV[1]), tonumber(ARGV[2])
local s = redis.call('HMGET', k, 'limit', 'remaining', 'reset', 'prev', 'window', 'next')
local limit, reset = tonumber(s[1]) or 0, tonumber(s[3]) or 0
if limit <= 0 then
  if reset > now then return {reset, 0, reset, 0} end
  return {now, 0, reset, 0}
end
local remaining, prev, window, nxt = tonumber(s[2]) or 0, tonumber(s[4]) or 0, tonumber(s[5]) or 0, tonumber(s[6]) or 0
local function roll(at)
  if window <= 0 then
    redis.call('HSET', k, 'limit', 0)
    return false
  end
  local n = math.floor((at - reset) / window) + 1
  prev, reset, remaining = reset, reset + n * window, limit
  return true
end
local at = now
if nxt > at then at = nxt end
if at >= reset and not roll(at) then return {at, 0, reset, 0} end
if remaining <= 0 then
  at = reset
  if not roll(at) then return {at, 0, reset, 0} end
end
local interval = math.floor((reset - at) / remaining)
remaining = remaining - 1
redis.call('HSET', k, 'remaining', remaining, 'reset', reset, 'prev', prev, 'next', at + interval)
redis.call('PEXPIRE', k, ttl)
return {at, interval, reset, 1}
`)

// observeScript records an answer received at ARGV[1] (now) that said limit ARGV[2], remaining
// ARGV[3], reset ARGV[4], was a 429 if ARGV[5] is 1, with ARGV[6] calls of this process not in
// that count (let through and unanswered, or waiting for a turn in that window); the TTL is
// ARGV[7].
var observeScript = redis.NewScript(`
local k = KEYS[1]
local now, limit, rem, reset = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local limited, pending, ttl = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
if limit <= 0 or reset <= now then return 0 end
local s = redis.call('HMGET', k, 'remaining', 'reset', 'prev', 'seen', 'window')
local remaining, cur = tonumber(s[1]) or 0, tonumber(s[2]) or 0
local prev, seen, window = tonumber(s[3]) or 0, tonumber(s[4]) or 0, tonumber(s[5]) or 0
local r = rem - pending
if r < 0 or limited == 1 then r = 0 end
if seen > 0 and reset > seen then
  local d = reset - seen
  if window == 0 or d < window then window = d end
end
if reset == cur then
  if r < remaining then remaining = r end
elseif reset > prev then
  cur, remaining, prev = reset, r, 0
end
redis.call('HSET', k, 'limit', limit, 'remaining', remaining, 'reset', cur, 'prev', prev, 'seen', reset, 'window', window)
redis.call('PEXPIRE', k, ttl)
return 1
`)
