package intercom

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"
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
}

// testServer is an httptest server on loopback that records every request under basePath and
// replies with a canned answer.
type testServer struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []seen
	ans  answer
}

func newTestServer(t *testing.T, ans answer) *testServer {
	t.Helper()
	s := &testServer{ans: ans}
	mux := http.NewServeMux()
	mux.HandleFunc(basePath+"/", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Errorf("server: read body: %v", err)
		}
		uri := strings.TrimPrefix(r.RequestURI, basePath)
		path, query, _ := strings.Cut(uri, "?")
		s.mu.Lock()
		s.reqs = append(s.reqs, seen{Method: r.Method, URI: uri, Path: path, Query: query, Header: r.Header.Clone(), Body: body})
		s.mu.Unlock()
		for k, v := range s.ans.header {
			w.Header().Set(k, v)
		}
		if s.ans.body != "" && w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		status := s.ans.status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, s.ans.body)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("server: request outside the base URL: %s %s", r.Method, r.RequestURI)
		http.Error(w, "outside the base URL", http.StatusTeapot)
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	return s
}

// client returns a client with the test token that sends to s, plus opts.
func (s *testServer) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	c, err := NewClient(append([]Option{WithToken(testToken), WithBaseURL(s.URL + basePath)}, opts...)...)
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

// assertNoToken fails if the access token appears in err's message.
func assertNoToken(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(err.Error(), testToken) {
		t.Errorf("the error text contains the access token: %v", err)
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

func ptr[T any](v T) *T { return &v }
