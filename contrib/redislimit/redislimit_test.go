package redislimit

import (
	"bytes"
	"context"
	"errors"
	"net"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
	"github.com/redis/go-redis/v9"
)

// startRedis starts a redis-server of its own on a free loopback port for the test, and returns
// its address. The server keeps nothing on disk and stops when the test ends.
func startRedis(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("redis-server")
	if err != nil {
		t.Fatalf("redis-server is needed (apt-get install redis-server; .ci/run installs it): %v", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	var out bytes.Buffer
	cmd := exec.Command(path, "--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", t.TempDir())
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr := "127.0.0.1:" + port
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	defer rdb.Close()
	for deadline := time.Now().Add(20 * time.Second); ; {
		if rdb.Ping(t.Context()).Err() == nil {
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("redis-server did not start on %s:\n%s", addr, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// newRedis returns a client of the Redis at addr, closed when the test ends: one per "process".
func newRedis(t *testing.T, addr string) *redis.Client {
	rdb := redis.NewClient(&redis.Options{Addr: addr})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// fakeClock is a clock that moves only when something sleeps on it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
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
	c.t = c.t.Add(max(d, 0))
	return nil
}

// Two clients, each with its Limiter and Redis connection as two processes would have, share
// one budget: taking turns, they cause no 429 against the simulated limit. Without a limiter,
// the same calls hit it.
func TestSharedBudget(t *testing.T) {
	t.Parallel()
	addr := startRedis(t)
	for _, shared := range []bool{true, false} {
		clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 0, 500e6, time.UTC)}
		srv := intercomtest.NewServer(t, intercomtest.WithRateLimit(5, 10*time.Second), intercomtest.WithClock(clock.now))
		var clients []*intercom.Client
		for range 2 {
			l := New(newRedis(t, addr), "intercom:test:"+t.Name(), WithClock(clock.now, clock.sleep))
			var lim intercom.RateLimiter = l
			if !shared {
				lim = nil
			}
			clients = append(clients, srv.Client(intercom.WithRateLimiter(lim), intercom.WithMaxRetries(0)))
		}
		start := clock.now()
		failed := 0
		for i := range 30 {
			if _, err := clients[i%2].Teams.List(t.Context()); err != nil {
				if !errors.Is(err, intercom.ErrRateLimited) {
					t.Fatal(err)
				}
				failed++
			}
		}
		if !shared {
			if srv.RateLimited() == 0 || failed == 0 {
				t.Errorf("without a limiter: %d 429s, want some", srv.RateLimited())
			}
			continue
		}
		if n := srv.RateLimited(); n != 0 || failed != 0 {
			t.Errorf("shared budget: %d 429s, %d calls failed; want none", n, failed)
		}
		// 30 calls at 5 a window take the rest of the first window and five more.
		if took := clock.now().Sub(start); took < 50*time.Second || took > 61*time.Second {
			t.Errorf("the calls took %v of the fake clock, want between 50s and 61s", took)
		}
	}
}

// A Limiter that has seen no answer yet still waits its turn in a budget another has spent.
func TestNewcomerWaits(t *testing.T) {
	t.Parallel()
	addr := startRedis(t)
	clock := &fakeClock{t: time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)}
	key := "intercom:test:" + t.Name()
	a := New(newRedis(t, addr), key, WithClock(clock.now, clock.sleep))
	b := New(newRedis(t, addr), key, WithClock(clock.now, clock.sleep))
	if err := a.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	now := clock.now()
	a.Observe(intercom.Observation{
		Sent: now, Received: now, StatusCode: 200, Date: now,
		RateLimit: intercom.RateLimit{Limit: 10, Remaining: 0, Reset: now.Add(7 * time.Second)},
	})
	if err := b.Wait(t.Context()); err != nil {
		t.Fatal(err)
	}
	if waited := clock.now().Sub(now); waited < 7*time.Second || waited >= 8*time.Second {
		t.Errorf("the newcomer went after %v, want at the reset, 7s (plus jitter under a turn)", waited)
	}
}

// Without Redis, Wait fails rather than spend a shared budget blind; Observe reports to the
// error handler.
func TestRedisUnreachable(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	t.Cleanup(func() { rdb.Close() })
	var reported []error
	lim := New(rdb, "k", WithErrorHandler(func(err error) { reported = append(reported, err) }))
	if err := lim.Wait(t.Context()); err == nil {
		t.Error("Wait without Redis succeeded")
	}
	now := time.Now()
	lim.Observe(intercom.Observation{Sent: now, Received: now, RateLimit: intercom.RateLimit{Limit: 1, Remaining: 1, Reset: now.Add(time.Minute)}})
	if len(reported) != 1 {
		t.Errorf("reported %v, want one error", reported)
	}
}
