package intercom

import (
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// authSeen is a server on its own origin that records the Authorization header of each request.
type authSeen struct {
	*httptest.Server
	mu   sync.Mutex
	auth []string
}

func newAuthSeen(t *testing.T) *authSeen {
	t.Helper()
	s := &authSeen{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"type":"team.list","teams":[]}`))
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *authSeen) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.auth...)
}

// A GET follows a redirect, but the token goes only to the origin it was meant for: not to
// another port of the same host, which net/http would send it to.
func TestRedirectKeepsTokenToItsOrigin(t *testing.T) {
	t.Parallel()
	other := newAuthSeen(t)
	srv := newReplyServer(t, func(r seen, _ int) answer {
		if r.Path == "/teams" {
			return answer{status: http.StatusFound, header: map[string]string{"Location": other.URL + "/elsewhere"}}
		}
		return answer{status: http.StatusNotFound}
	})
	if _, err := srv.client(t).Teams.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := other.seen(); len(got) != 1 || got[0] != "" {
		t.Errorf("the other origin got Authorization %q, want one request without it", got)
	}

	// On the same origin, the token follows.
	same := newReplyServer(t, func(r seen, _ int) answer {
		if r.Path == "/teams" {
			return answer{status: http.StatusMovedPermanently, header: map[string]string{"Location": basePath + "/teams2"}}
		}
		return answer{body: `{"type":"team.list"}`}
	})
	if _, err := same.client(t).Teams.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	reqs := same.requests()
	if len(reqs) != 2 || reqs[1].Header.Get("Authorization") != "Bearer "+testToken {
		t.Errorf("requests = %+v", reqs)
	}
}

// A POST is never redirected, whatever the status: the error says so, nothing is decoded from
// the other request, and it is not retried.
func TestRedirectOfPostRefused(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			other := newAuthSeen(t)
			srv := newTestServer(t, answer{status: status, header: map[string]string{"Location": other.URL + "/contacts"}})
			got, err := srv.client(t).Contacts.Create(t.Context(), &CreateContactRequest{Email: Some("a@example.com")})
			if !errors.Is(err, ErrRedirect) || got != nil {
				t.Fatalf("Create = %v, %v; want ErrRedirect", got, err)
			}
			if !strings.Contains(err.Error(), "redirect of a POST") {
				t.Errorf("err = %v", err)
			}
			if n := len(srv.requests()); n != 1 {
				t.Errorf("%d requests, want 1: not retried", n)
			}
			if n := len(other.seen()); n != 0 {
				t.Errorf("the redirect target got %d requests", n)
			}
		})
	}
}

// A redirect loop fails at once, without retries.
func TestRedirectLoop(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{status: http.StatusFound, header: map[string]string{"Location": basePath + "/teams"}})
	_, err := srv.client(t).Teams.List(t.Context())
	if !errors.Is(err, ErrRedirect) || !strings.Contains(err.Error(), "redirect loop") {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
	if got := srv.sleeps.recorded(); len(got) != 0 {
		t.Errorf("retried after %v", got)
	}
}

// The HTTP client's own CheckRedirect is still asked, after the package's rules.
func TestRedirectAsksTheirCheck(t *testing.T) {
	t.Parallel()
	other := newAuthSeen(t)
	srv := newTestServer(t, answer{status: http.StatusFound, header: map[string]string{"Location": other.URL}})
	theirs := errors.New("no redirects here")
	hc := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return theirs }}
	if _, err := srv.client(t, WithHTTPClient(hc), WithMaxRetries(0)).Teams.List(t.Context()); !errors.Is(err, theirs) {
		t.Errorf("err = %v, want theirs", err)
	}
	if hc.CheckRedirect == nil || len(other.seen()) != 0 {
		t.Error("the caller's client was changed, or the redirect followed")
	}
}

// A header value that cannot be sent, set by a middleware, fails the call once, before
// anything is sent; WithHeader refuses one at once.
func TestInvalidHeaderNotRetried(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{body: `{}`})
	bad := WithMiddleware(func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		req.Header.Set("X-Trace", "a\nb")
		return next(req)
	})
	_, err := srv.client(t, bad).Teams.List(t.Context())
	var hdrErr *headerError
	if !errors.As(err, &hdrErr) || hdrErr.key != "X-Trace" {
		t.Fatalf("err = %v", err)
	}
	if n, waits := len(srv.requests()), srv.sleeps.recorded(); n != 0 || len(waits) != 0 {
		t.Errorf("%d requests sent, waits %v; want none", n, waits)
	}
	if _, err := NewClient(WithToken(testToken), WithHeader("X-Trace", "a\rb")); err == nil {
		t.Error("WithHeader accepted a carriage return")
	}
}

// A server whose certificate is not trusted fails the call at once: trying again would not help.
func TestTLSVerificationNotRetried(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Error("a request got through an untrusted certificate")
	}))
	t.Cleanup(srv.Close)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake errors are expected
	var attempts atomic.Int32
	count := WithMiddleware(func(req *http.Request, next MiddlewareNext) (*http.Response, error) {
		attempts.Add(1)
		return next(req)
	})
	var sleeps sleepRecorder
	c, err := NewClient(WithToken(testToken), WithBaseURL(srv.URL), count, withSleep(sleeps.sleep), WithMaxRetries(3))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Teams.List(t.Context())
	var verifyErr *tls.CertificateVerificationError
	if !errors.As(err, &verifyErr) {
		t.Fatalf("err = %v, want a certificate verification error", err)
	}
	if n := attempts.Load(); n != 1 || len(sleeps.recorded()) != 0 {
		t.Errorf("%d attempts, waits %v; want 1 and none", n, sleeps.recorded())
	}
}
