package intercom

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testToken is the access token of the test clients. It must never appear in an error message.
const testToken = "tok_TEST_never_in_errors_7f3c"

// basePath is the prefix of the test servers' base URL. The mux serves only under it, so that a
// request built from an absolute URL instead of the base URL fails loudly.
const basePath = "/api"

// seen is one request as the test server received it.
type seen struct {
	Method string
	URI    string // the request URI exactly as sent, escaped, with the base path removed
	Path   string // URI without the query
	Query  string // the raw query string
	Header http.Header
	Body   []byte
}

// answer is what the test server replies.
type answer struct {
	status int // 200 when 0
	body   string
	header map[string]string
	delay  time.Duration // wait this long (or until the client gives up) before answering
	// hangup makes the server reset the connection without answering; raw makes it write raw
	// bytes (a broken answer, say) and then close the connection.
	hangup bool
	raw    string
}

// testServer is an httptest server on loopback that records every request under basePath and
// replies with a canned answer.
type testServer struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []seen
	reply  func(r seen, i int) answer
	sleeps sleepRecorder // the waits between retries of the clients made by client
	logs   *syncBuffer   // what the clients made by client log
}

// newTestServer returns a server that gives every request the answer ans.
func newTestServer(t *testing.T, ans answer) *testServer {
	t.Helper()
	return newReplyServer(t, func(seen, int) answer { return ans })
}

// newReplyServer returns a server that answers request number i (from 0) with reply(r, i).
func newReplyServer(t *testing.T, reply func(r seen, i int) answer) *testServer {
	t.Helper()
	s := &testServer{reply: reply, logs: testLogBuffer(t)}
	mux := http.NewServeMux()
	mux.HandleFunc(basePath+"/", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("server: read body: %v", err)
		}
		uri := strings.TrimPrefix(r.RequestURI, basePath)
		path, query, _ := strings.Cut(uri, "?")
		req := seen{Method: r.Method, URI: uri, Path: path, Query: query, Header: r.Header.Clone(), Body: body}
		s.mu.Lock()
		i := len(s.reqs)
		s.reqs = append(s.reqs, req)
		s.mu.Unlock()
		ans := s.reply(req, i)
		if ans.delay > 0 {
			select {
			case <-time.After(ans.delay):
			case <-r.Context().Done():
				return
			}
		}
		if ans.hangup || ans.raw != "" {
			hangup(t, w, ans.raw)
			return
		}
		for k, v := range ans.header {
			w.Header().Set(k, v)
		}
		if ans.body != "" && w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		status := ans.status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, ans.body)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("server: request outside the base URL: %s %s", r.Method, r.RequestURI)
		http.Error(w, "outside the base URL", http.StatusTeapot)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// hangup takes the connection of w over, writes raw to it and resets it.
func hangup(t *testing.T, w http.ResponseWriter, raw string) {
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		t.Errorf("server: hijack: %v", err)
		return
	}
	if raw != "" {
		// An orderly close after the bytes, so that the client reads them all before the end.
		_, _ = buf.WriteString(raw)
		_ = buf.Flush()
	} else if tc, ok := conn.(*net.TCPConn); ok {
		_ = tc.SetLinger(0) // close with a reset
	}
	_ = conn.Close()
}

// client returns a client with the test token that sends to s, plus opts. Its waits between
// retries are recorded in s.sleeps instead of slept, and it logs everything to s.logs, which
// must not contain the token when the test ends.
func (s *testServer) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	base := []Option{
		WithToken(testToken), WithBaseURL(s.URL + basePath),
		withSleep(s.sleeps.sleep), WithLogger(testLogger(s.logs)),
	}
	c, err := NewClient(append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

// requests returns the requests received so far.
func (s *testServer) requests() []seen {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]seen(nil), s.reqs...)
}

// only returns the one request the server received, failing the test if there was not exactly one.
func (s *testServer) only(t *testing.T) seen {
	t.Helper()
	reqs := s.requests()
	if len(reqs) != 1 {
		t.Fatalf("server received %d requests, want 1: %+v", len(reqs), reqs)
	}
	return reqs[0]
}

// assertJSON fails unless got and want are the same JSON value (compared decoded, not as bytes).
func assertJSON(t *testing.T, what string, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Errorf("%s: %q is not JSON: %v", what, got, err)
		return
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("%s: the expected value %q is not JSON: %v", what, want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %s\nwant %s", what, got, want)
	}
}

// assertNoToken fails if the access token appears in err's message, or in err printed with %+v
// or %#v.
func assertNoToken(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	for _, text := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		if strings.Contains(text, testToken) {
			t.Errorf("the error text contains the access token: %s", text)
		}
	}
}

// recordingTransport answers every request with a canned response and records its URL and
// headers, without any network.
type recordingTransport struct {
	mu   sync.Mutex
	reqs []*http.Request
	body string
}

func (rt *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	rt.mu.Lock()
	rt.reqs = append(rt.reqs, req)
	rt.mu.Unlock()
	body := rt.body
	if body == "" {
		body = "{}"
	}
	return &http.Response{
		StatusCode: http.StatusOK,
		Status:     "200 OK",
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(body)),
		Request:    req,
	}, nil
}

func (rt *recordingTransport) urls() []string {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	var out []string
	for _, r := range rt.reqs {
		out = append(out, r.URL.String())
	}
	return out
}

// sleepRecorder stands in for the client's sleep between retries: it records each wait and
// returns at once (with the context's error, if it is done).
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (r *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	r.waits = append(r.waits, d)
	r.mu.Unlock()
	return ctx.Err()
}

func (r *sleepRecorder) recorded() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.waits...)
}

// withSleep replaces the client's sleep between retries.
func withSleep(f func(ctx context.Context, d time.Duration) error) Option {
	return func(c *config) error { c.sleep = f; return nil }
}

// withRand replaces the client's random source for the backoff jitter.
func withRand(f func(n int64) int64) Option {
	return func(c *config) error { c.rand = f; return nil }
}

// withNow replaces the client's clock.
func withNow(now time.Time) Option {
	return func(c *config) error { c.now = func() time.Time { return now }; return nil }
}

// maxJitter is a random source that always draws the largest value, so that a backoff is its
// ceiling.
func maxJitter(n int64) int64 { return n - 1 }

// noJitter is a random source that always draws 0.
func noJitter(int64) int64 { return 0 }

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testLogBuffer returns a buffer for log output that, when the test ends, must not contain the
// access token (nor the token given to single calls by the tests).
func testLogBuffer(t *testing.T) *syncBuffer {
	t.Helper()
	b := &syncBuffer{}
	t.Cleanup(func() {
		for _, secret := range []string{testToken, "call-token", "token-"} {
			if strings.Contains(b.String(), secret) {
				t.Errorf("the log contains a token (%q):\n%s", secret, b)
			}
		}
	})
	return b
}

// testLogger logs everything, down to debug level, as text to w.
func testLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// withNowFunc replaces the client's clock.
func withNowFunc(now func() time.Time) Option {
	return func(c *config) error { c.now = now; return nil }
}

// jsonBody is a request body written as JSON, for callOp, which decodes it into the request
// type of the method: the Go shape of some requests differs between versions of the API (a
// union in one, a struct in another), their JSON does not.
type jsonBody string

// callOp calls the client's method name ("Contacts.Update") through reflection, for the
// operations whose Go signature differs between versions of the API, with ctx and args in the
// order the method takes them (see callByName). It returns the result as a T: the result itself
// when it is one, else decoded from the result's JSON (a version's ContactsUpdateResponse as a
// Contact).
func callOp[T any](t *testing.T, ctx context.Context, c *Client, name string, args ...any) (*T, error) {
	t.Helper()
	out, _, err := callByName(ctx, c, name, args...)
	if err != nil {
		t.Fatal(err)
	}
	err, _ = out[len(out)-1].Interface().(error)
	if err != nil || len(out) == 1 {
		return nil, err
	}
	if v, ok := out[0].Interface().(*T); ok {
		return v, nil
	}
	b, err := json.Marshal(out[0].Interface())
	v := new(T)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		t.Fatalf("%s: its result %T as a %T: %v", name, out[0].Interface(), v, err)
	}
	return v, nil
}

// callByName calls the client's method name with ctx and args in the order the method takes
// them: a jsonBody is decoded into the request type, an int is converted to the parameter's
// type (int64 or string), and a pointer parameter that args skip (the query options a version
// adds, or a request not given) is nil. It returns what the method returns and the request it
// was given (nil for none); the error is a call that cannot be made.
func callByName(ctx context.Context, c *Client, name string, args ...any) (out []reflect.Value, req any, err error) {
	service, method, _ := strings.Cut(name, ".")
	m := reflect.ValueOf(c).Elem().FieldByName(service).MethodByName(method)
	if !m.IsValid() {
		return nil, nil, fmt.Errorf("the client has no %s", name)
	}
	mt := m.Type()
	in := []reflect.Value{reflect.ValueOf(ctx)}
	for j := 1; j < mt.NumIn()-1; j++ { // between ctx and the options
		pt := mt.In(j)
		isRequest := pt.Kind() == reflect.Pointer && pt.Elem().Kind() == reflect.Struct && !strings.HasSuffix(pt.Elem().Name(), "Options")
		var arg reflect.Value
		if len(args) > 0 {
			switch a := args[0].(type) {
			case jsonBody:
				if isRequest {
					arg = reflect.New(pt.Elem())
					if err := json.Unmarshal([]byte(a), arg.Interface()); err != nil {
						return nil, nil, fmt.Errorf("%s: %s as a %s: %w", name, a, pt.Elem(), err)
					}
					req = arg.Interface()
				}
			case int:
				switch pt.Kind() {
				case reflect.Int64:
					arg = reflect.ValueOf(int64(a)).Convert(pt)
				case reflect.String:
					arg = reflect.ValueOf(strconv.Itoa(a)).Convert(pt)
				}
			default:
				if reflect.TypeOf(a).AssignableTo(pt) {
					arg = reflect.ValueOf(a)
				}
			}
			if arg.IsValid() {
				args = args[1:]
			}
		}
		if !arg.IsValid() {
			if pt.Kind() != reflect.Pointer {
				return nil, nil, fmt.Errorf("%s: no argument for its parameter %d, a %s", name, j, pt)
			}
			arg = reflect.Zero(pt)
		}
		in = append(in, arg)
	}
	if len(args) > 0 {
		return nil, nil, fmt.Errorf("%s takes no %T here", name, args[0])
	}
	return m.Call(in), req, nil
}
