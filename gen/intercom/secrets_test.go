package intercom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The configuration, which holds the token, prints and logs without it.
func TestConfigHidesToken(t *testing.T) {
	c, err := NewClient(WithToken(testToken), WithTimeout(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	cfg := c.core.cfg
	for _, v := range []any{cfg, &cfg, c.core, c, *c} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if text := fmt.Sprintf(verb, v); strings.Contains(text, testToken) {
				t.Errorf("%s of %T shows the token: %s", verb, v, text)
			}
		}
	}
	if got := cfg.String(); !strings.Contains(got, "[REDACTED]") || !strings.Contains(got, "https://") {
		t.Errorf("String() = %s", got)
	}
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	logger.Info("config", "cfg", cfg, "ptr", &cfg)
	if strings.Contains(buf.String(), testToken) || !strings.Contains(buf.String(), "[REDACTED]") {
		t.Errorf("slog output: %s", buf.String())
	}
	if got := (config{}).String(); !strings.Contains(got, "token: (none)") {
		t.Errorf("no token: %s", got)
	}
}

// The client logs each attempt and each retry, with what helps debugging and without headers
// or the token.
func TestLogging(t *testing.T) {
	srv := newReplyServer(t, func(_ seen, i int) answer {
		if i == 0 {
			return answer{status: http.StatusServiceUnavailable, header: map[string]string{"X-Request-Id": "req-a", "Retry-After": "2"}}
		}
		return answer{body: `{"type":"team.list"}`, header: map[string]string{"X-Request-Id": "req-b"}}
	})
	if _, err := srv.client(t).Teams.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(srv.logs.String()), "\n")
	want := []string{
		`level=DEBUG msg="intercom: attempt" method=GET path=/teams attempt=1 took=`,
		`level=INFO msg="intercom: retrying" method=GET path=/teams attempt=2 wait=2s after="503 Service Unavailable"`,
		`level=DEBUG msg="intercom: attempt" method=GET path=/teams attempt=2 took=`,
	}
	if len(lines) != len(want) {
		t.Fatalf("log:\n%s", srv.logs)
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("line %d = %s\nwant it to contain %s", i+1, lines[i], w)
		}
	}
	if !strings.Contains(lines[0], "status=503 request_id=req-a error=") || !strings.Contains(lines[2], "status=200 request_id=req-b") {
		t.Errorf("log:\n%s", srv.logs)
	}
	for _, bad := range []string{"Bearer", "Authorization", testToken} {
		if strings.Contains(srv.logs.String(), bad) {
			t.Errorf("the log contains %q:\n%s", bad, srv.logs)
		}
	}

	// At info level, only the retries are logged.
	var buf syncBuffer
	info := slog.New(slog.NewTextHandler(&buf, nil))
	srv2 := newTestServer(t, answer{status: http.StatusBadGateway})
	_, _ = srv2.client(t, WithLogger(info), WithMaxRetries(1)).Teams.List(context.Background())
	if got := strings.Count(buf.String(), "\n"); got != 1 || !strings.Contains(buf.String(), "intercom: retrying") {
		t.Errorf("info log:\n%s", buf.String())
	}
}

// Every option checks its argument, given to NewClient or to a call.
func TestOptionValidation(t *testing.T) {
	bad := map[string]Option{
		"negative timeout":  WithTimeout(-time.Second),
		"negative retries":  WithMaxRetries(-1),
		"negative wait":     WithMaxRetryWait(-time.Second),
		"nil middleware":    WithMiddleware(nil),
		"nil logger":        WithLogger(nil),
		"nil response":      WithResponse(nil),
		"nil HTTP client":   WithHTTPClient(nil),
		"empty token":       WithToken(""),
		"managed header":    WithHeader("Accept", "x"),
		"unknown region":    WithRegion("xx"),
		"relative base URL": WithBaseURL("/x"),
		"empty API version": WithVersion(""),
	}
	srv := newTestServer(t, answer{body: `{}`})
	c := srv.client(t)
	for name, opt := range bad {
		if _, err := NewClient(WithToken(testToken), opt); err == nil {
			t.Errorf("%s: NewClient accepted it", name)
		} else {
			assertNoToken(t, err)
		}
		if _, err := c.Teams.List(context.Background(), opt); err == nil {
			t.Errorf("%s: a call accepted it", name)
		}
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d calls with bad options were sent", n)
	}
}

// A token that a server or a proxy echoes back, in a body, a message or a header, is taken out
// of the error and of the log.
func TestEchoedTokenIsScrubbed(t *testing.T) {
	t.Parallel()
	echo := "Bearer " + testToken
	for name, ans := range map[string]answer{
		"JSON error":   {status: http.StatusUnauthorized, body: `{"type":"error.list","request_id":"` + testToken + `","errors":[{"code":"unauthorized","message":"bad token ` + testToken + `","field":"` + testToken + `"}]}`},
		"plain body":   {status: http.StatusBadGateway, body: "proxy saw Authorization: " + echo, header: map[string]string{"Content-Type": "text/plain", "X-Echo": echo}},
		"status line":  {status: http.StatusForbidden, raw: "HTTP/1.1 403 " + testToken + "\r\nContent-Length: 0\r\n\r\n"},
		"reading body": {raw: "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"echo\":\"" + testToken},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := newTestServer(t, ans)
			_, err := srv.client(t, WithMaxRetries(0)).Teams.List(t.Context())
			if err == nil {
				t.Fatal("no error")
			}
			assertNoToken(t, err)
			var apiErr *APIError
			if errors.As(err, &apiErr) {
				text := fmt.Sprintf("%#v %s %s", *apiErr, apiErr.Body, apiErr.Header)
				if strings.Contains(text, testToken) {
					t.Errorf("the APIError holds the token: %s", text)
				}
			}
		})
	}
}

// An error from the transport or a middleware whose message holds the token is returned with
// the token taken out, and still matches what it wraps.
func TestTransportErrorIsScrubbed(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{body: `{}`})
	sentinel := errors.New("proxy refused")
	leak := WithMiddleware(func(req *http.Request, _ MiddlewareNext) (*http.Response, error) {
		return nil, fmt.Errorf("%w: %s", sentinel, req.Header.Get("Authorization"))
	})
	_, err := srv.client(t, leak, WithMaxRetries(0)).Teams.List(t.Context())
	assertNoToken(t, err)
	if !errors.Is(err, sentinel) || !strings.Contains(err.Error(), "proxy refused: Bearer [REDACTED]") {
		t.Errorf("err = %v", err)
	}
}

// NewClient refuses a token it could not send as it is, from WithToken or from the environment,
// without quoting it.
func TestMalformedToken(t *testing.T) {
	for name, token := range map[string]string{
		"blank":            " \t ",
		"trailing newline": testToken + "\n",
		"inner space":      "abc def",
		"control":          "abc\x00def",
		"non-breaking":     "abc\u00a0def",
	} {
		if _, err := NewClient(WithToken(token)); err == nil {
			t.Errorf("%s: WithToken accepted it", name)
		} else if strings.Contains(err.Error(), strings.TrimSpace(token)) && strings.TrimSpace(token) != "" {
			t.Errorf("%s: the error quotes the token: %v", name, err)
		}
	}
	t.Setenv(TokenEnv, testToken+"\n")
	_, err := NewClient()
	if err == nil || !strings.Contains(err.Error(), TokenEnv) || !strings.Contains(err.Error(), "newline") {
		t.Errorf("token with a newline in %s: %v", TokenEnv, err)
	}
	assertNoToken(t, err)
	if _, err := NewClient(WithToken(testToken)); err != nil {
		t.Errorf("WithToken replaces the environment's token: %v", err)
	}
}

// A *DecodeError whose decoder's message holds the token, reached with errors.As, says it
// without the token, and its decoder's error still matches what it wraps.
func TestDecodeErrorIsScrubbed(t *testing.T) {
	t.Parallel()
	cause := errors.New("bad value " + testToken)
	err := scrubber{token: testToken}.scrub(fmt.Errorf("attempt: %w", &DecodeError{Method: "GET", Path: "/teams", Status: 200, Err: cause}))
	assertNoToken(t, err)
	var decErr *DecodeError
	if !errors.As(err, &decErr) {
		t.Fatalf("err = %v, want a *DecodeError", err)
	}
	if text := decErr.Error() + decErr.Err.Error(); strings.Contains(text, testToken) || !strings.Contains(text, "bad value [REDACTED]") {
		t.Errorf("the DecodeError says %q", text)
	}
	if !errors.Is(err, cause) {
		t.Error("the scrubbed error no longer matches its cause")
	}
}
