package intercom

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// Each attempt has a default timeout of its own, which WithAttemptTimeout changes or lifts,
// and which is not the call's.
func TestAttemptTimeoutDefault(t *testing.T) {
	t.Parallel()
	c, err := NewClient(WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.core.cfg.attemptTimeout; got != DefaultAttemptTimeout || c.core.cfg.timeout != 0 {
		t.Errorf("attempt timeout %v, call timeout %v; want %v and none", got, c.core.cfg.timeout, DefaultAttemptTimeout)
	}
	c, err = NewClient(WithToken(testToken), WithAttemptTimeout(0), WithTimeout(time.Minute))
	if err != nil || c.core.cfg.attemptTimeout != 0 || c.core.cfg.timeout != time.Minute {
		t.Errorf("WithAttemptTimeout(0): %v, %+v", err, c)
	}
	if _, err := NewClient(WithToken(testToken), WithAttemptTimeout(-time.Second)); err == nil {
		t.Error("a negative attempt timeout was accepted")
	}
}

// A stalled attempt of a GET runs out of time and is retried; the retry succeeds.
func TestStalledAttemptRetried(t *testing.T) {
	t.Parallel()
	srv := newReplyServer(t, func(_ seen, i int) answer {
		if i == 0 {
			return answer{delay: time.Hour, body: `{}`} // stalls until the client gives up
		}
		return answer{body: `{"type":"team.list"}`}
	})
	if _, err := srv.client(t, WithAttemptTimeout(50*time.Millisecond)).Teams.List(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

// A stalled POST runs out of time and is not sent again: the server may have acted on it.
func TestStalledPostNotRetried(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{delay: time.Hour, body: `{}`})
	_, err := srv.client(t, WithAttemptTimeout(50*time.Millisecond)).Contacts.Create(t.Context(), &CreateContactRequest{Email: Some("a@example.com")})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "attempt timed out after 50ms") {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// A download's attempt timeout ends with the answer's headers: reading a long body is not cut.
func TestAttemptTimeoutSparesDownloadBody(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.WriteHeader(http.StatusOK)
		http.NewResponseController(w).Flush()
		select {
		case <-time.After(150 * time.Millisecond): // three attempt timeouts
		case <-r.Context().Done():
			return
		}
		_, _ = io.WriteString(w, "gzip bytes")
	}))
	t.Cleanup(srv.Close)
	c, err := NewClient(WithToken(testToken), WithBaseURL(srv.URL), WithAttemptTimeout(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := c.DataExport.Download(t.Context(), "job")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if data, err := io.ReadAll(rc); err != nil || string(data) != "gzip bytes" {
		t.Errorf("body %q, %v", data, err)
	}
}
