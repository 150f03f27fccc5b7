package intercom

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// noKeepAlive is an HTTP client that opens a connection per request, so that net/http never
// retries a request on its own and the server sees exactly the client's attempts.
func noKeepAlive() *http.Client {
	return &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
}

// closedAddr returns a loopback address where nothing listens: connecting to it is refused.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// countAttempts is a middleware that counts the attempts it sees.
func countAttempts(n *atomic.Int32) Middleware {
	return func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		n.Add(1)
		return next(req)
	}
}

// A 429 with Retry-After is waited out and retried, even for a POST, with the same body; the
// success that follows is returned, with its rate-limit facts.
func TestRetry429RetryAfterThenSuccess(t *testing.T) {
	srv := newReplyServer(t, func(_ seen, i int) answer {
		if i == 0 {
			return answer{status: http.StatusTooManyRequests, body: `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`,
				header: map[string]string{"Retry-After": "3", "X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000010"}}
		}
		return answer{body: `{"type":"contact","id":"c1","email":"a@example.com"}`,
			header: map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "999", "X-RateLimit-Reset": "1700000020"}}
	})
	c := srv.client(t)
	var resp *Response
	ct, err := c.Contacts.Create(context.Background(), &CreateContactRequest{Email: Some("a@example.com")}, WithResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if ct.ID != "c1" {
		t.Errorf("contact = %+v", ct)
	}
	reqs := srv.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != http.MethodPost || r.Path != "/contacts" || r.Header.Get("Authorization") != "Bearer "+testToken {
			t.Errorf("attempt %d: %s %s %v", i+1, r.Method, r.Path, r.Header)
		}
		assertJSON(t, fmt.Sprintf("attempt %d body", i+1), r.Body, `{"email":"a@example.com"}`)
	}
	if got := srv.sleeps.recorded(); !slices.Equal(got, []time.Duration{3 * time.Second}) {
		t.Errorf("waits = %v, want Retry-After's 3s", got)
	}
	if resp == nil || resp.StatusCode != 200 || resp.Attempts != 2 {
		t.Fatalf("response = %+v", resp)
	}
	want := RateLimit{Limit: 1000, Remaining: 999, Reset: time.Unix(1700000020, 0).UTC()}
	if resp.RateLimit != want {
		t.Errorf("rate limit = %+v, want %+v", resp.RateLimit, want)
	}
}

// A GET answered 503 every time is tried 1+2 times, with exponential backoff in between, and
// then fails with a typed error that reports the attempts.
func TestRetry503ExhaustedIsTypedError(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{status: http.StatusServiceUnavailable, body: `{"type":"error.list","request_id":"r503","errors":[{"code":"service_unavailable","message":"Try later"}]}`})
	_, err := srv.client(t, withRand(maxJitter)).Companies.Get(t.Context(), "c1")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v (%T), want *APIError", err, err)
	}
	assertNoToken(t, err)
	if apiErr.StatusCode != 503 || apiErr.Attempts != 3 || apiErr.RequestID != "r503" {
		t.Errorf("apiErr = %+v", apiErr)
	}
	if !errors.Is(err, ErrServer) || errors.Is(err, ErrNotFound) {
		t.Errorf("errors.Is: ErrServer %v, ErrNotFound %v", errors.Is(err, ErrServer), errors.Is(err, ErrNotFound))
	}
	if want := "intercom: GET /companies/c1: 503 Service Unavailable: service_unavailable (Try later) (request id r503, 3 attempts)"; err.Error() != want {
		t.Errorf("Error() = %s\nwant      %s", err, want)
	}
	if n := len(srv.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
	// Full jitter draws up to the ceiling; maxJitter draws the ceiling itself.
	if got, want := srv.sleeps.recorded(), []time.Duration{initialBackoff, 2 * initialBackoff}; !slices.Equal(got, want) {
		t.Errorf("waits = %v, want %v", got, want)
	}
}

// Which answers are retried, for which methods: a 429 always; 500, 502, 503 and 504 only for an
// idempotent method, since the server may have acted on the request; nothing else.
func TestRetryPolicyByStatusAndMethod(t *testing.T) {
	tests := []struct {
		method   string
		status   int
		attempts int
	}{
		{http.MethodGet, 500, 3}, {http.MethodGet, 502, 3}, {http.MethodGet, 503, 3}, {http.MethodGet, 504, 3},
		{http.MethodGet, 429, 3}, {http.MethodGet, 501, 1}, {http.MethodGet, 400, 1}, {http.MethodGet, 401, 1},
		{http.MethodGet, 404, 1}, {http.MethodGet, 409, 1}, {http.MethodGet, 408, 1},
		{http.MethodPut, 500, 3}, {http.MethodDelete, 503, 3}, {http.MethodHead, 502, 3},
		{http.MethodPost, 429, 3}, {http.MethodPost, 500, 1}, {http.MethodPost, 502, 1}, {http.MethodPost, 503, 1},
		{http.MethodPost, 504, 1}, {http.MethodPatch, 500, 1}, {http.MethodPatch, 429, 3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.method, tt.status), func(t *testing.T) {
			srv := newTestServer(t, answer{status: tt.status, body: `{"type":"error.list","errors":[{"code":"x"}]}`})
			c := srv.client(t)
			var body any
			if tt.method != http.MethodGet && tt.method != http.MethodHead {
				body = map[string]string{"k": "v"}
			}
			err := c.core.do(context.Background(), &call{method: tt.method, path: "/things/1", body: body, status: 200}, nil)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tt.status {
				t.Fatalf("err = %v, want an *APIError with status %d", err, tt.status)
			}
			if apiErr.Attempts != tt.attempts {
				t.Errorf("Attempts = %d, want %d", apiErr.Attempts, tt.attempts)
			}
			if n := len(srv.requests()); n != tt.attempts {
				t.Errorf("server got %d requests, want %d", n, tt.attempts)
			}
		})
	}
}

// A POST answered 500 is not retried: the server may have created the contact.
func TestPostNotRetriedOn500(t *testing.T) {
	srv := newTestServer(t, answer{status: http.StatusInternalServerError, body: `{"type":"error.list","errors":[{"code":"server_error","message":"Oops"}]}`})
	_, err := srv.client(t).Contacts.Create(context.Background(), &CreateContactRequest{Email: Some("a@example.com")})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.Attempts != 1 {
		t.Fatalf("err = %v, want a 500 *APIError after one attempt", err)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if w := srv.sleeps.recorded(); len(w) != 0 {
		t.Errorf("waited %v", w)
	}
}

// A POST whose connection is refused is retried: nothing was sent, so nothing was done.
func TestPostRetriedWhenConnectionRefused(t *testing.T) {
	var attempts atomic.Int32
	sleeps := &sleepRecorder{}
	c, err := NewClient(WithToken(testToken), WithBaseURL("http://"+closedAddr(t)+basePath),
		WithMiddleware(countAttempts(&attempts)), withSleep(sleeps.sleep), WithLogger(testLogger(testLogBuffer(t))))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Contacts.Create(context.Background(), &CreateContactRequest{Email: Some("a@example.com")})
	if err == nil {
		t.Fatal("no error from a closed port")
	}
	assertNoToken(t, err)
	if n := attempts.Load(); n != 3 {
		t.Errorf("%d attempts, want 3", n)
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) || opErr.Op != "dial" {
		t.Errorf("err = %v, want a dial error", err)
	}
	if !strings.Contains(err.Error(), "connection refused") || !strings.HasSuffix(err.Error(), "(3 attempts)") {
		t.Errorf("Error() = %s", err)
	}
	if len(sleeps.recorded()) != 2 {
		t.Errorf("waits = %v, want 2", sleeps.recorded())
	}
}

// A POST whose first connection is refused reaches the server on the retry, exactly once.
func TestPostRefusedThenDelivered(t *testing.T) {
	srv := newTestServer(t, answer{body: `{"type":"contact","id":"c9"}`})
	refused := closedAddr(t)
	var dials atomic.Int32
	tr := &http.Transport{DisableKeepAlives: true}
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 1 {
			addr = refused
		}
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}
	ct, err := srv.client(t, WithHTTPClient(&http.Client{Transport: tr})).Contacts.Create(context.Background(), &CreateContactRequest{Email: Some("x@example.com")})
	if err != nil || ct.ID != "c9" {
		t.Fatalf("Create = %+v, %v", ct, err)
	}
	if r := srv.only(t); r.Method != http.MethodPost {
		t.Errorf("request = %+v", r)
	}
	if n := dials.Load(); n != 2 {
		t.Errorf("%d dials, want 2", n)
	}
}

// A connection broken off in the middle of the answer's body: a GET is retried and succeeds; a
// POST is not retried, as the server has acted on it.
func TestConnectionResetMidBody(t *testing.T) {
	t.Parallel()
	partial := "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"type\":\"contact\",\"id\":"
	srv := newReplyServer(t, func(r seen, i int) answer {
		if i == 0 || r.Method == http.MethodPost {
			return answer{raw: partial}
		}
		return answer{body: `{"type":"company","id":"c2"}`}
	})
	c := srv.client(t, WithHTTPClient(noKeepAlive()))
	var resp *Response
	ct, err := c.Companies.Get(t.Context(), "c2", WithResponse(&resp))
	if err != nil || ct.ID != "c2" {
		t.Fatalf("Get = %+v, %v", ct, err)
	}
	if n := len(srv.requests()); n != 2 || resp.Attempts != 2 {
		t.Errorf("%d requests, %d attempts; want 2", n, resp.Attempts)
	}

	_, err = c.Contacts.Create(t.Context(), &CreateContactRequest{Email: Some("a@example.com")})
	if err == nil {
		t.Fatal("POST with a broken answer: no error")
	}
	assertNoToken(t, err)
	if !errors.Is(err, io.ErrUnexpectedEOF) || !strings.HasPrefix(err.Error(), "intercom: POST /contacts: read response: ") {
		t.Errorf("err = %v, want a read error", err)
	}
	if n := len(srv.requests()); n != 3 {
		t.Errorf("the POST was sent %d times, want once", n-2)
	}
}

// A connection reset before any answer: a GET is retried; a POST is not, since the request had
// been written.
func TestConnectionResetBeforeAnswer(t *testing.T) {
	srv := newReplyServer(t, func(r seen, i int) answer {
		if i == 0 || r.Method == http.MethodPost {
			return answer{hangup: true}
		}
		return answer{body: `{"type":"team.list","teams":[]}`}
	})
	c := srv.client(t, WithHTTPClient(noKeepAlive()))
	if _, err := c.Teams.List(context.Background()); err != nil {
		t.Fatalf("GET after a reset: %v", err)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
	_, err := c.Contacts.Create(context.Background(), &CreateContactRequest{Email: Some("a@example.com")})
	if err == nil {
		t.Fatal("POST to a server that hangs up: no error")
	}
	assertNoToken(t, err)
	if n := len(srv.requests()); n != 3 {
		t.Errorf("the POST was sent %d times, want once", n-2)
	}
}

// A per-call timeout ends a call to a slow server, wins over the client's, and is not retried.
func TestPerCallTimeoutSlowServer(t *testing.T) {
	srv := newTestServer(t, answer{delay: 10 * time.Second, body: `{}`})
	c := srv.client(t, WithTimeout(time.Hour))
	start := time.Now()
	_, err := c.Teams.List(context.Background(), WithTimeout(50*time.Millisecond))
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the call took %v", took)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	assertNoToken(t, err)
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1: a call out of time is not retried", n)
	}

	// The client's timeout applies to calls without their own; WithTimeout(0) lifts it.
	slow := newTestServer(t, answer{delay: 200 * time.Millisecond, body: `{"type":"team.list"}`})
	c = slow.client(t, WithTimeout(20*time.Millisecond))
	if _, err := c.Teams.List(context.Background()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("client timeout: err = %v", err)
	}
	if _, err := c.Teams.List(context.Background(), WithTimeout(0)); err != nil {
		t.Errorf("WithTimeout(0) on the call: %v", err)
	}
}

// A download's timeout lasts until its body is closed, not only until the method returns.
func TestTimeoutCoversDownload(t *testing.T) {
	srv := newTestServer(t, answer{body: "gzip bytes", header: map[string]string{"Content-Type": "application/octet-stream"}})
	rc, err := srv.client(t, WithTimeout(time.Minute)).DataExport.Download(context.Background(), "job")
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(rc)
	if err != nil || string(data) != "gzip bytes" {
		t.Errorf("body %q, %v", data, err)
	}
	if err := rc.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}

// Cancelling the context while the client waits to retry ends the call at once, with an error
// that is both the cancellation and the last attempt's.
func TestCancelDuringBackoff(t *testing.T) {
	srv := newTestServer(t, answer{status: http.StatusServiceUnavailable, body: "busy", header: map[string]string{"Retry-After": "3600"}})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	waiting := make(chan time.Duration, 1)
	sleep := func(ctx context.Context, d time.Duration) error {
		waiting <- d
		return sleepContext(ctx, d) // really wait, until cancelled
	}
	c := srv.client(t, withSleep(sleep), WithMaxRetryWait(2*time.Hour))
	errc := make(chan error, 1)
	go func() {
		_, err := c.Teams.List(ctx)
		errc <- err
	}()
	if d := <-waiting; d != time.Hour {
		t.Errorf("waiting %v, want Retry-After's hour", d)
	}
	cancel()
	var err error
	select {
	case err = <-errc:
	case <-time.After(10 * time.Second):
		t.Fatal("the call did not return after its context was cancelled")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 || apiErr.Attempts != 1 {
		t.Errorf("err = %v, want to reach the 503 of the last attempt", err)
	}
	assertNoToken(t, err)
	if want := "intercom: GET /teams: context canceled while waiting to retry (last attempt: 503 Service Unavailable: busy)"; err.Error() != want {
		t.Errorf("Error() = %s\nwant      %s", err, want)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// A timeout that runs out during the wait ends the call then, not after the wait. (The timeout
// leaves the first attempt ample time even on a loaded machine.)
func TestTimeoutDuringBackoff(t *testing.T) {
	srv := newTestServer(t, answer{status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "3600"}})
	c := srv.client(t, withSleep(sleepContext), WithMaxRetryWait(2*time.Hour), WithTimeout(time.Second))
	start := time.Now()
	_, err := c.Teams.List(context.Background())
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("the call took %v", took)
	}
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrRateLimited) {
		t.Errorf("err = %v, want both context.DeadlineExceeded and ErrRateLimited", err)
	}
}

// Middleware runs in order, the client's outside the call's, around every attempt, each with a
// fresh request.
func TestMiddlewareOrderAndAttempts(t *testing.T) {
	srv := newReplyServer(t, func(_ seen, i int) answer {
		if i == 0 {
			return answer{status: http.StatusBadGateway}
		}
		return answer{body: `{"type":"team.list"}`}
	})
	var mu sync.Mutex
	var trace []string
	mw := func(name string) Middleware {
		return func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
			mu.Lock()
			trace = append(trace, name+">")
			mu.Unlock()
			req.Header.Add("X-Through", name)
			resp, err := next(req)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				trace = append(trace, "<"+name+" error")
			} else {
				trace = append(trace, "<"+name+" "+strconv.Itoa(resp.StatusCode))
			}
			return resp, err
		}
	}
	c := srv.client(t, WithMiddleware(mw("a"), mw("b")))
	if _, err := c.Teams.List(context.Background(), WithMiddleware(mw("call"))); err != nil {
		t.Fatal(err)
	}
	want := []string{"a>", "b>", "call>", "<call 502", "<b 502", "<a 502", "a>", "b>", "call>", "<call 200", "<b 200", "<a 200"}
	if !slices.Equal(trace, want) {
		t.Errorf("trace = %v\nwant    %v", trace, want)
	}
	for i, r := range srv.requests() {
		if got := r.Header.Values("X-Through"); !slices.Equal(got, []string{"a", "b", "call"}) {
			t.Errorf("attempt %d: X-Through = %v, want one pass of each middleware", i+1, got)
		}
	}

	// The call's middleware stayed with the call.
	trace = nil
	if _, err := c.Teams.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a>", "b>", "<b 200", "<a 200"}; !slices.Equal(trace, want) {
		t.Errorf("later call: trace = %v, want %v", trace, want)
	}
}

// A middleware that logs requests can do so safely with RedactHeader.
func TestLoggingMiddlewareRedacts(t *testing.T) {
	srv := newTestServer(t, answer{body: `{"type":"team.list"}`})
	logs := testLogBuffer(t)
	logger := testLogger(logs)
	logging := func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		logger.Info("request", "method", req.Method, "url", req.URL.String(), "header", RedactHeader(req.Header))
		return next(req)
	}
	if _, err := srv.client(t, WithMiddleware(logging)).Teams.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "Authorization:[[REDACTED]]") {
		t.Errorf("log = %s", logs)
	}
	h := http.Header{"Authorization": {"Bearer x"}, "X-Other": {"kept"}}
	if r := RedactHeader(h); r.Get("Authorization") != "[REDACTED]" || r.Get("X-Other") != "kept" || h.Get("Authorization") != "Bearer x" {
		t.Errorf("RedactHeader = %v (original now %v)", r, h)
	}
}

// WithMaxRetries(0) disables retries; a call's WithMaxRetries wins over the client's.
func TestMaxRetriesOptions(t *testing.T) {
	srv := newTestServer(t, answer{status: http.StatusServiceUnavailable})
	ctx := context.Background()
	count := func(c *Client, opts ...Option) int {
		t.Helper()
		before := len(srv.requests())
		_, err := c.Teams.List(ctx, opts...)
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("err = %v", err)
		}
		n := len(srv.requests()) - before
		if apiErr.Attempts != n {
			t.Errorf("Attempts = %d, server got %d", apiErr.Attempts, n)
		}
		return n
	}
	off := srv.client(t, WithMaxRetries(0))
	if n := count(off); n != 1 {
		t.Errorf("WithMaxRetries(0): %d attempts, want 1", n)
	}
	if n := count(off, WithMaxRetries(4)); n != 5 {
		t.Errorf("call WithMaxRetries(4) on a client without retries: %d attempts, want 5", n)
	}
	if n := count(off); n != 1 {
		t.Errorf("the client changed: %d attempts, want 1", n)
	}
	def := srv.client(t)
	if n := count(def); n != 1+DefaultMaxRetries {
		t.Errorf("default: %d attempts, want %d", n, 1+DefaultMaxRetries)
	}
	if n := count(def, WithMaxRetries(0)); n != 1 {
		t.Errorf("call WithMaxRetries(0): %d attempts, want 1", n)
	}
}

// How long the client waits: Retry-After (seconds or a date) first, then on a 429
// X-RateLimit-Reset, else the backoff; always capped by the maximum wait.
func TestRetryWaits(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	unix := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	tests := []struct {
		name   string
		status int
		header map[string]string
		opts   []Option
		want   time.Duration
	}{
		{"Retry-After seconds", 429, map[string]string{"Retry-After": "7"}, nil, 7 * time.Second},
		{"Retry-After date", 503, map[string]string{"Retry-After": now.Add(20 * time.Second).Format(http.TimeFormat)}, nil, 20 * time.Second},
		{"Retry-After beats reset", 429, map[string]string{"Retry-After": "2", "X-RateLimit-Reset": unix(9 * time.Second)}, nil, 2 * time.Second},
		{"reset honoured", 429, map[string]string{"X-RateLimit-Reset": unix(7 * time.Second)}, nil, 7 * time.Second},
		{"reset capped", 429, map[string]string{"X-RateLimit-Reset": unix(time.Hour)}, []Option{WithMaxRetryWait(2 * time.Second)}, 2 * time.Second},
		{"reset capped by default", 429, map[string]string{"X-RateLimit-Reset": unix(time.Hour)}, nil, DefaultMaxRetryWait},
		{"Retry-After capped", 503, map[string]string{"Retry-After": "86400"}, []Option{WithMaxRetryWait(5 * time.Second)}, 5 * time.Second},
		{"huge Retry-After", 503, map[string]string{"Retry-After": "99999999999999999"}, nil, DefaultMaxRetryWait},
		{"reset in the past: backoff", 429, map[string]string{"X-RateLimit-Reset": unix(-time.Minute)}, nil, initialBackoff},
		{"reset ignored on a 503", 503, map[string]string{"X-RateLimit-Reset": unix(7 * time.Second)}, nil, initialBackoff},
		{"bad Retry-After: backoff", 503, map[string]string{"Retry-After": "soon"}, nil, initialBackoff},
		{"negative Retry-After: backoff", 503, map[string]string{"Retry-After": "-5"}, nil, initialBackoff},
		{"no hint: backoff", 502, nil, nil, initialBackoff},
		{"backoff capped", 502, nil, []Option{WithMaxRetryWait(100 * time.Millisecond)}, 100 * time.Millisecond},
		{"zero maximum", 429, map[string]string{"Retry-After": "7"}, []Option{WithMaxRetryWait(0)}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newReplyServer(t, func(_ seen, i int) answer {
				if i == 0 {
					return answer{status: tt.status, header: tt.header}
				}
				return answer{body: `{"type":"team.list"}`}
			})
			opts := append([]Option{withNow(now), withRand(maxJitter)}, tt.opts...)
			if _, err := srv.client(t, opts...).Teams.List(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := srv.sleeps.recorded(); !slices.Equal(got, []time.Duration{tt.want}) {
				t.Errorf("waits = %v, want [%v]", got, tt.want)
			}
		})
	}
}

// The backoff doubles from initialBackoff up to maxBackoff, drawn with full jitter, and never
// overflows however many retries are allowed.
func TestBackoff(t *testing.T) {
	cfg := config{rand: maxJitter}
	want := []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second}
	for i, w := range want {
		if got := cfg.backoff(i + 1); got != w {
			t.Errorf("backoff(%d) = %v, want %v", i+1, got, w)
		}
	}
	for n := 1; n < 200; n++ {
		if got := cfg.backoff(n); got <= 0 || got > maxBackoff {
			t.Errorf("backoff(%d) = %v", n, got)
		}
	}
	cfg.rand = noJitter
	if got := cfg.backoff(3); got != 0 {
		t.Errorf("full jitter can draw 0; got %v", got)
	}
	// The default source stays within the ceiling.
	c, err := NewClient(WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		if got := c.core.cfg.backoff(2); got < 0 || got > time.Second {
			t.Fatalf("backoff(2) = %v, want within [0, 1s]", got)
		}
	}
}

// Which connection failures are worth retrying, for which methods.
func TestRetryableError(t *testing.T) {
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	read := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	tests := []struct {
		name      string
		err       error
		get, post bool
	}{
		{"refused", fmt.Errorf("wrapped: %w", dial), true, true},
		{"proxy refused", &net.OpError{Op: "proxyconnect", Net: "tcp", Err: dial}, true, true},
		{"reset", read, true, false},
		{"EOF", io.EOF, true, false},
		{"unknown host", &net.OpError{Op: "dial", Err: &net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}}, false, false},
		{"untrusted certificate", fmt.Errorf("tls: %w", x509.UnknownAuthorityError{}), false, false},
		{"wrong host certificate", x509.HostnameError{Host: "x"}, false, false},
	}
	for _, tt := range tests {
		if got := retryableError(true, tt.err); got != tt.get {
			t.Errorf("%s: GET retryable = %v, want %v", tt.name, got, tt.get)
		}
		if got := retryableError(false, tt.err); got != tt.post {
			t.Errorf("%s: POST retryable = %v, want %v", tt.name, got, tt.post)
		}
	}
}

// A sleep with a done context returns at once.
func TestSleepContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v", err)
	}
	if err := sleepContext(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("zero wait, done context: err = %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("sleepContext did not return at once")
	}
	if err := sleepContext(context.Background(), time.Millisecond); err != nil {
		t.Errorf("err = %v", err)
	}
}

// An answer larger than WithMaxResponseSize fails the call with ErrResponseTooLarge, once: the
// same answer would come again, so even a GET is not retried. At the limit it decodes; the
// option works per call too, and refuses a size below one byte.
func TestMaxResponseSize(t *testing.T) {
	t.Parallel()
	body := `{"type":"company","id":"c1","name":"Ada Inc"}`
	srv := newTestServer(t, answer{body: body})
	client := srv.client(t, WithMaxResponseSize(int64(len(body))-1))
	var resp *Response
	_, err := client.Companies.Get(t.Context(), "c1", WithResponse(&resp))
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Fatalf("err = %v, want ErrResponseTooLarge", err)
	}
	if want := fmt.Sprintf("intercom: GET /companies/c1: response larger than %d bytes (see WithMaxResponseSize)", len(body)-1); err.Error() != want {
		t.Errorf("Error() = %s\nwant      %s", err, want)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if resp == nil || resp.StatusCode != http.StatusOK {
		t.Errorf("WithResponse got %+v, want the 200 whose body was too large", resp)
	}
	c, err := client.Companies.Get(t.Context(), "c1", WithMaxResponseSize(int64(len(body))))
	if err != nil || c.Name != "Ada Inc" {
		t.Errorf("at the limit: %+v, %v", c, err)
	}
	if _, err := NewClient(WithToken("t"), WithMaxResponseSize(0)); err == nil {
		t.Error("WithMaxResponseSize(0) accepted")
	}
}
