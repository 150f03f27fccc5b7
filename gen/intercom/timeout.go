package intercom

import (
	"context"
	"strings"
	"sync"
	"time"
)

// DefaultAttemptTimeout bounds each attempt of a call, from sending the request to reading the
// end of the answer (for a download, to receiving its headers), when WithAttemptTimeout is not
// given: a stalled connection then fails the attempt instead of hanging the call, and the
// attempt is retried if its method is safe to send again. It is far above what any answer of
// the API takes.
const DefaultAttemptTimeout = 60 * time.Second

// attemptContext returns the context of one attempt under ctx, and done, which ends the
// attempt: done(false) releases the context, done(true) only stops its timer (a download's body
// is still to be read under it; releasing it is then left to a later done(false)). done reports
// whether the attempt ran out of time.
func (cfg *config) attemptContext(ctx context.Context) (context.Context, func(keep bool) bool) {
	if cfg.attemptTimeout <= 0 {
		return ctx, func(bool) bool { return false }
	}
	actx, cancel := context.WithCancel(ctx)
	var (
		mu       sync.Mutex
		timedOut bool
	)
	timer := time.AfterFunc(cfg.attemptTimeout, func() {
		mu.Lock()
		timedOut = true
		mu.Unlock()
		cancel()
	})
	return actx, func(keep bool) bool {
		timer.Stop()
		if !keep {
			cancel()
		}
		mu.Lock()
		defer mu.Unlock()
		return timedOut
	}
}

// attemptTimeoutError is an attempt that ran out of its time (WithAttemptTimeout). It matches
// context.DeadlineExceeded, and it is retried like a broken connection: only for a safe method.
type attemptTimeoutError struct {
	prefix string // "intercom: METHOD /path"
	after  time.Duration
	err    error // what the attempt failed with when its context was cancelled
}

func (e *attemptTimeoutError) Error() string {
	return e.prefix + ": attempt timed out after " + e.after.String() + " (see WithAttemptTimeout): " +
		strings.TrimPrefix(e.err.Error(), e.prefix+": ")
}

// Unwrap returns context.DeadlineExceeded, so that errors.Is matches it as it matches a call
// that ran out of time, and the attempt's own error.
func (e *attemptTimeoutError) Unwrap() []error { return []error{context.DeadlineExceeded, e.err} }
