package ratelimit

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

// The simulated limit: Intercom's 10,000 calls a minute in 10-second windows, scaled down in
// time so that a run takes under a minute, and the calls the goroutines make between them.
const (
	limit  = 100
	window = 2 * time.Second
	calls  = 2000
)

// result is what one run measured.
type result struct {
	limited    int           // 429s the server gave
	failed     int           // calls that returned an error
	elapsed    time.Duration // from the first call to the last answer
	throughput float64       // calls that succeeded a second, as a fraction of the limit's
}

// run makes calls calls from goroutines goroutines sharing one client of a fresh fake with the
// simulated limit, with the client's pacer or without it.
func run(b *testing.B, goroutines int, paced bool) result {
	srv := intercomtest.NewServer(b, intercomtest.WithRateLimit(limit, window))
	opts := []intercom.Option{}
	if !paced {
		opts = append(opts, intercom.WithRateLimiter(nil))
	}
	c := srv.Client(opts...)
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	var firstErr error
	var once sync.Once
	start := time.Now()
	for range goroutines {
		wg.Go(func() {
			for next.Add(1) <= calls {
				if _, err := c.Teams.List(b.Context()); err != nil {
					failed.Add(1)
					if !errors.Is(err, intercom.ErrRateLimited) {
						once.Do(func() { firstErr = err })
					}
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	if firstErr != nil {
		b.Fatalf("a call failed other than by the rate limit: %v", firstErr)
	}
	ok := calls - int(failed.Load())
	return result{
		limited: srv.RateLimited(), failed: int(failed.Load()), elapsed: elapsed,
		throughput: float64(ok) / elapsed.Seconds() / (float64(limit) / window.Seconds()),
	}
}

// BenchmarkRateLimit reports, for each number of goroutines, with the pacer and without it:
// 429s (the 429s received), failed (calls that returned an error, after their retries), and
// limit-fraction (the calls that succeeded a second ÷ the limit's calls a second). Run it once
// (-benchtime 1x): each iteration makes all the calls, which takes at least calls ÷ limit
// windows.
func BenchmarkRateLimit(b *testing.B) {
	for _, g := range []int{8, 64} {
		for _, paced := range []bool{true, false} {
			mode := "pacer"
			if !paced {
				mode = "retries"
			}
			b.Run(fmt.Sprintf("goroutines=%d/%s", g, mode), func(b *testing.B) {
				var r result
				for b.Loop() {
					r = run(b, g, paced)
				}
				b.ReportMetric(float64(r.limited), "429s")
				b.ReportMetric(float64(r.failed), "failed")
				b.ReportMetric(r.throughput, "limit-fraction")
				b.ReportMetric(r.elapsed.Seconds(), "s")
			})
		}
	}
}
