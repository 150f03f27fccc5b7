package intercom

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// WithResponse hands out the raw answer of a call alongside its typed result.
func TestWithResponse(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{body: `{"type":"company","id":"c1"}`, header: map[string]string{
		"X-Request-Id": "req-1", "X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "998", "X-RateLimit-Reset": "1700000000",
	}})
	c := srv.client(t)
	var resp *Response
	ct, err := c.Companies.Get(t.Context(), "c1", WithResponse(&resp))
	if err != nil || ct.ID != "c1" {
		t.Fatalf("Get = %+v, %v", ct, err)
	}
	if resp == nil {
		t.Fatal("no response recorded")
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("X-Request-Id") != "req-1" || resp.Attempts != 1 {
		t.Errorf("response = %d %v, %d attempts", resp.StatusCode, resp.Header, resp.Attempts)
	}
	if resp.Request == nil || resp.Request.URL.Path != basePath+"/companies/c1" {
		t.Fatalf("response request = %+v", resp.Request)
	}
	if got := resp.Request.Header.Get("Authorization"); got != "[REDACTED]" {
		t.Errorf("the response's request has Authorization %q", got)
	}
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		if strings.Contains(fmt.Sprintf(verb, resp), testToken) {
			t.Errorf("%s of the Response shows the token", verb)
		}
	}
	if got := srv.only(t).Header.Get("Authorization"); got != "Bearer "+testToken {
		t.Errorf("the request sent had Authorization %q", got)
	}
	if want := (RateLimit{Limit: 1000, Remaining: 998, Reset: time.Unix(1700000000, 0).UTC()}); resp.RateLimit != want {
		t.Errorf("rate limit = %+v", resp.RateLimit)
	}
	if n, err := resp.Body.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Errorf("Body.Read = %d, %v; want an empty body", n, err)
	}

	// An error answer is recorded too.
	nf := newTestServer(t, answer{status: http.StatusNotFound, body: `{"type":"error.list","errors":[{"code":"not_found"}]}`})
	_, err = c.Companies.Get(t.Context(), "gone", WithBaseURL(nf.URL+basePath), WithResponse(&resp))
	if !errors.Is(err, ErrNotFound) || resp == nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("404: err %v, response %+v", err, resp)
	}

	// No answer: the destination is cleared, not left with the previous call's.
	_, err = c.Companies.Get(t.Context(), "x", WithBaseURL("http://"+closedAddr(t)), WithMaxRetries(0), WithResponse(&resp))
	if err == nil || resp != nil {
		t.Errorf("closed port: err %v, response %+v", err, resp)
	}

	// A download returns its body as the result; the Response has the headers.
	dl := newTestServer(t, answer{body: "bytes", header: map[string]string{"Content-Type": "application/octet-stream"}})
	rc, err := c.DataExport.Download(t.Context(), "job", WithBaseURL(dl.URL+basePath), WithResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if data, _ := io.ReadAll(rc); string(data) != "bytes" || resp == nil || resp.Header.Get("Content-Type") != "application/octet-stream" {
		t.Errorf("download %q, response %+v", data, resp)
	}
}

func TestWithResponseErrors(t *testing.T) {
	var resp *Response
	if _, err := NewClient(WithToken(testToken), WithResponse(&resp)); err == nil || !strings.Contains(err.Error(), "single call") {
		t.Errorf("NewClient(WithResponse) = %v", err)
	}
	srv := newTestServer(t, answer{body: `{}`})
	if _, err := srv.client(t).Teams.List(context.Background(), WithResponse(nil)); err == nil {
		t.Error("WithResponse(nil) accepted")
	}
	if len(srv.requests()) != 0 {
		t.Error("a call with a bad option was sent")
	}
}

func TestParseRateLimit(t *testing.T) {
	tests := []struct {
		header http.Header
		want   RateLimit
	}{
		{http.Header{}, RateLimit{}},
		{http.Header{"X-Ratelimit-Limit": {"1000"}, "X-Ratelimit-Remaining": {"0"}, "X-Ratelimit-Reset": {"1700000000"}},
			RateLimit{Limit: 1000, Remaining: 0, Reset: time.Unix(1700000000, 0).UTC()}},
		{http.Header{"X-Ratelimit-Limit": {" 83 "}, "X-Ratelimit-Remaining": {"-1"}, "X-Ratelimit-Reset": {"soon"}}, RateLimit{Limit: 83}},
		{http.Header{"X-Ratelimit-Reset": {"0"}}, RateLimit{}},
		{http.Header{"X-Ratelimit-Reset": {"99999999999999"}}, RateLimit{}},
		{http.Header{"X-Ratelimit-Limit": {"99999999999999999999999"}}, RateLimit{}},
	}
	for _, tt := range tests {
		if got := parseRateLimit(tt.header); got != tt.want {
			t.Errorf("parseRateLimit(%v) = %+v, want %+v", tt.header, got, tt.want)
		}
	}
}

// A 429 that outlasts the retries reports its rate-limit facts.
func TestRateLimitedError(t *testing.T) {
	srv := newTestServer(t, answer{status: http.StatusTooManyRequests,
		body:   `{"type":"error.list","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit of 1000 in 10_seconds"}]}`,
		header: map[string]string{"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1700000010"}})
	_, err := srv.client(t, withNow(time.Unix(1700000000, 0))).Teams.List(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrRateLimited) {
		t.Fatalf("err = %v, want a rate-limit *APIError", err)
	}
	if want := (RateLimit{Limit: 1000, Remaining: 0, Reset: time.Unix(1700000010, 0).UTC()}); apiErr.RateLimit != want || apiErr.Attempts != 3 {
		t.Errorf("rate limit %+v, attempts %d", apiErr.RateLimit, apiErr.Attempts)
	}
	for _, w := range srv.sleeps.recorded() {
		if w != 10*time.Second {
			t.Errorf("waited %v, want until the reset, 10s", w)
		}
	}
}
