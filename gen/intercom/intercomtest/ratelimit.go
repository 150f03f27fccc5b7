package intercomtest

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// WithRateLimit makes the fake enforce a rate limit as Intercom does: at most limit requests in
// each window of the given length (Intercom's is 10,000 a minute, enforced in 10-second
// windows; tests scale it down). Every answer carries X-RateLimit-Limit, X-RateLimit-Remaining
// and X-RateLimit-Reset (the end of the window, in Unix seconds) and a Date; a request over the
// limit is answered 429 with Intercom's error code rate_limit_exceeded, is not recorded, and
// does not count. Windows start at whole multiples of the window since the Unix epoch, so that
// a window of whole seconds resets at a whole second, as the header can say exactly.
func WithRateLimit(limit int, window time.Duration) ServerOption {
	return func(s *Server) {
		if limit < 1 || window <= 0 {
			s.t.Fatalf("intercomtest: WithRateLimit(%d, %v): want a limit of at least 1 and a positive window", limit, window)
		}
		s.limit = &rateLimit{limit: limit, window: window}
	}
}

// WithClock makes the fake read the time from now, for its rate limit and its Date header,
// instead of the system clock: a test can then move time on without waiting.
func WithClock(now func() time.Time) ServerOption {
	return func(s *Server) { s.now = now }
}

// RateLimited returns how many requests the fake has answered 429 for being over its rate
// limit (see WithRateLimit).
func (s *Server) RateLimited() int {
	if s.limit == nil {
		return 0
	}
	s.limit.mu.Lock()
	defer s.limit.mu.Unlock()
	return s.limit.refused
}

// rateLimit is the budget of a fake with WithRateLimit.
type rateLimit struct {
	limit  int
	window time.Duration

	mu      sync.Mutex
	start   time.Time // of the current window
	used    int       // requests admitted in it
	refused int       // requests refused, in all
}

// admit counts a request that arrived at now against the budget, sets the rate-limit headers of
// its answer in h, and reports whether it is within the limit.
func (rl *rateLimit) admit(now time.Time, h http.Header) bool {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	ns := now.UnixNano()
	if start := time.Unix(0, ns-ns%int64(rl.window)); !start.Equal(rl.start) {
		rl.start, rl.used = start, 0
	}
	ok := rl.used < rl.limit
	if ok {
		rl.used++
	} else {
		rl.refused++
	}
	end := rl.start.Add(rl.window)
	reset := end.Unix()
	if end.After(time.Unix(reset, 0)) {
		reset++ // never a reset before the window's end
	}
	h.Set("X-RateLimit-Limit", strconv.Itoa(rl.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(rl.limit-rl.used))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset, 10))
	return ok
}

// overLimit answers the request 429 if the fake has a rate limit and the request is over it;
// either way it sets the rate-limit headers and the Date of the answer. It reports whether it
// answered.
func (s *Server) overLimit(w http.ResponseWriter) bool {
	now := s.now()
	w.Header().Set("Date", now.UTC().Format(http.TimeFormat))
	if s.limit == nil || s.limit.admit(now, w.Header()) {
		return false
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	w.Write(errorList("rate_limit_exceeded", fmt.Sprintf("Exceeded rate limit of %d in %v", s.limit.limit, s.limit.window)))
	return true
}
