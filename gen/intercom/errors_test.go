package intercom

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAPIErrorIntercomList(t *testing.T) {
	srv := newTestServer(t, answer{
		status: http.StatusBadRequest,
		body: `{"type":"error.list","request_id":"b7b6e9a0-4e2c-4c6b-9f5e-7c8e2d0a1b2c","errors":[
			{"code":"parameter_invalid","message":"Email is invalid","field":"email"},
			{"code":"parameter_not_found","message":"Name is required"}]}`,
		header: map[string]string{"X-Request-Id": "header-id-ignored"},
	})
	c := srv.client(t)
	_, err := c.Contacts.Create(context.Background(), &CreateContactRequest{Email: Some("not-an-email")})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v (%T), want *APIError", err, err)
	}
	assertNoToken(t, err)
	if apiErr.StatusCode != 400 || apiErr.Status != "400 Bad Request" || apiErr.Type != "error.list" {
		t.Errorf("status/type = %d %q %q", apiErr.StatusCode, apiErr.Status, apiErr.Type)
	}
	if apiErr.RequestID != "b7b6e9a0-4e2c-4c6b-9f5e-7c8e2d0a1b2c" {
		t.Errorf("request id = %q, want the body's", apiErr.RequestID)
	}
	want := []ErrorDetail{
		{Code: "parameter_invalid", Message: "Email is invalid", Field: "email"},
		{Code: "parameter_not_found", Message: "Name is required"},
	}
	if len(apiErr.Errors) != 2 || apiErr.Errors[0] != want[0] || apiErr.Errors[1] != want[1] {
		t.Errorf("errors = %+v", apiErr.Errors)
	}
	if apiErr.Body != nil {
		t.Errorf("Body kept for a decoded error list: %q", apiErr.Body)
	}
	if apiErr.Method != http.MethodPost || apiErr.Path != "/contacts" {
		t.Errorf("request = %s %s", apiErr.Method, apiErr.Path)
	}
	wantText := "intercom: POST /contacts: 400 Bad Request: parameter_invalid (Email is invalid) [field email], " +
		"parameter_not_found (Name is required) (request id b7b6e9a0-4e2c-4c6b-9f5e-7c8e2d0a1b2c)"
	if err.Error() != wantText {
		t.Errorf("Error() =\n %s\nwant\n %s", err.Error(), wantText)
	}
}

func TestAPIErrorSingleError(t *testing.T) {
	srv := newTestServer(t, answer{
		status: http.StatusUnauthorized,
		body:   `{"type":"error","code":"unauthorized","message":"Access Token Invalid"}`,
		header: map[string]string{"X-Request-Id": "000b1e2r3q"},
	})
	_, err := srv.client(t).Admins.Identify(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	assertNoToken(t, err)
	if len(apiErr.Errors) != 1 || apiErr.Errors[0].Code != "unauthorized" || apiErr.Errors[0].Message != "Access Token Invalid" {
		t.Errorf("errors = %+v", apiErr.Errors)
	}
	if apiErr.RequestID != "000b1e2r3q" {
		t.Errorf("request id = %q, want the X-Request-Id header", apiErr.RequestID)
	}
	if want := "intercom: GET /me: 401 Unauthorized: unauthorized (Access Token Invalid) (request id 000b1e2r3q)"; err.Error() != want {
		t.Errorf("Error() = %s\nwant      %s", err, want)
	}
}

func TestAPIErrorHTMLPage(t *testing.T) {
	page := "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
	srv := newTestServer(t, answer{
		status: http.StatusBadGateway,
		body:   page,
		header: map[string]string{"Content-Type": "text/html", "X-Request-Id": "req-502-abc"},
	})
	_, err := srv.client(t).Teams.List(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	assertNoToken(t, err)
	if apiErr.StatusCode != 502 || apiErr.RequestID != "req-502-abc" || len(apiErr.Errors) != 0 {
		t.Errorf("apiErr = %+v", apiErr)
	}
	if string(apiErr.Body) != page {
		t.Errorf("Body = %q", apiErr.Body)
	}
	if got := apiErr.Header.Get("Content-Type"); got != "text/html" {
		t.Errorf("Header Content-Type = %q", got)
	}
	// A GET answered 502 is retried; the error describes the last attempt and counts them.
	want := "intercom: GET /teams: 502 Bad Gateway: <html> <head><title>502 Bad Gateway</title></head> <body> " +
		"<center><h1>502 Bad Gateway</h1></center> </body> </html> (request id req-502-abc, 3 attempts)"
	if err.Error() != want {
		t.Errorf("Error() =\n %s\nwant\n %s", err, want)
	}
	if strings.ContainsAny(err.Error(), "\r\n") {
		t.Error("Error() spans several lines")
	}
}

func TestAPIErrorOversizedBody(t *testing.T) {
	big := strings.Repeat("x", 3*maxErrorBody)
	srv := newTestServer(t, answer{status: http.StatusServiceUnavailable, body: big, header: map[string]string{"Content-Type": "text/plain"}})
	_, err := srv.client(t, WithMaxRetries(0)).Tags.List(context.Background())
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if len(apiErr.Body) != maxErrorBody {
		t.Errorf("read %d bytes of the body, want the cap %d", len(apiErr.Body), maxErrorBody)
	}
	if n := len(err.Error()); n > 400 {
		t.Errorf("Error() is %d bytes long", n)
	}
	if !strings.Contains(err.Error(), "503 Service Unavailable: xxxx") || !strings.HasSuffix(err.Error(), "…") {
		t.Errorf("Error() = %s", err)
	}
}

// newAPIError reads at most maxErrorBody bytes, whatever the size of the body.
func TestNewAPIErrorReadsUpToTheCap(t *testing.T) {
	body := &countingReader{r: strings.NewReader(strings.Repeat("y", 10*maxErrorBody))}
	resp := &http.Response{StatusCode: 500, Header: http.Header{}, Body: io.NopCloser(body)}
	e := newAPIError("GET", "/x", resp)
	if len(e.Body) != maxErrorBody {
		t.Errorf("Body has %d bytes, want %d", len(e.Body), maxErrorBody)
	}
	if body.n > 2*maxErrorBody {
		t.Errorf("read %d bytes of the body, want at most %d", body.n, 2*maxErrorBody)
	}
	if e.Status != "500 Internal Server Error" {
		t.Errorf("Status = %q, want one made from the code", e.Status)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestDecodeErrorBody(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantErrs []ErrorDetail
		wantBody bool
		wantID   string
	}{
		{"list", `{"type":"error.list","request_id":"r1","errors":[{"code":"not_found","message":"Resource Not Found"}]}`,
			[]ErrorDetail{{Code: "not_found", Message: "Resource Not Found"}}, false, "r1"},
		{"single", `{"code":"rate_limit_exceeded","message":"Exceeded rate limit of 1000 in 10_seconds"}`,
			[]ErrorDetail{{Code: "rate_limit_exceeded", Message: "Exceeded rate limit of 1000 in 10_seconds"}}, false, ""},
		{"error key", `{"error_key":"invalid_phone_number","message":"Invalid phone number"}`,
			[]ErrorDetail{{Code: "invalid_phone_number", Message: "Invalid phone number"}}, false, ""},
		{"error key only", `{"error_key":"some_error"}`, []ErrorDetail{{Code: "some_error"}}, false, ""},
		{"empty list", `{"type":"error.list","errors":[]}`, nil, true, ""},
		{"other JSON", `["oops"]`, nil, true, ""},
		{"text", `Service Unavailable`, nil, true, ""},
		{"empty", ``, nil, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e APIError
			decodeErrorBody(&e, []byte(tt.body))
			if len(e.Errors) != len(tt.wantErrs) {
				t.Fatalf("errors = %+v, want %+v", e.Errors, tt.wantErrs)
			}
			for i := range e.Errors {
				if e.Errors[i] != tt.wantErrs[i] {
					t.Errorf("errors[%d] = %+v, want %+v", i, e.Errors[i], tt.wantErrs[i])
				}
			}
			if (len(e.Body) > 0) != tt.wantBody {
				t.Errorf("Body = %q, want kept: %v", e.Body, tt.wantBody)
			}
			if e.RequestID != tt.wantID {
				t.Errorf("RequestID = %q, want %q", e.RequestID, tt.wantID)
			}
		})
	}
}

func TestSnippet(t *testing.T) {
	if got := snippet([]byte("  a \n\t b  ")); got != "a b" {
		t.Errorf("whitespace: %q", got)
	}
	if got := snippet([]byte{0xff, 0xfe, 0x00, 0x01}); got != "(4 bytes of non-text body)" {
		t.Errorf("binary: %q", got)
	}
	// A long non-ASCII page is cut at a character boundary and stays valid UTF-8.
	long := strings.Repeat("é", 300)
	got := snippet([]byte(long))
	if !utf8.ValidString(got) || !strings.HasSuffix(got, "…") || len(got) > 200+len("…") {
		t.Errorf("long non-ASCII: %d bytes, valid %v: %q", len(got), utf8.ValidString(got), got)
	}
	// A body cut by the read cap in the middle of a character is still text.
	cut := []byte(strings.Repeat("ü", 10))
	cut = cut[:len(cut)-1]
	if got := snippet(cut); got != strings.Repeat("ü", 9) {
		t.Errorf("cut body: %q", got)
	}
	cut4 := []byte("ok 😀")
	for i := 1; i < 4; i++ {
		if got := snippet(cut4[:len(cut4)-i]); got != "ok" {
			t.Errorf("4-byte rune cut by %d: %q", i, got)
		}
	}
}

func TestDecodeError(t *testing.T) {
	// A property of the wrong shape is tolerated (see DecodeIssues); a body of the wrong kind is not.
	srv := newTestServer(t, answer{body: `["not", "an", "admin"]`})
	_, err := srv.client(t).Admins.Get(context.Background(), "12")
	var de *DecodeError
	if !errors.As(err, &de) {
		t.Fatalf("err = %v (%T), want *DecodeError", err, err)
	}
	assertNoToken(t, err)
	if de.Status != 200 || de.Method != "GET" || de.Path != "/admins/12" || de.Unwrap() == nil {
		t.Errorf("DecodeError = %+v", de)
	}
	if !strings.HasPrefix(err.Error(), "intercom: GET /admins/12: decode 200 response: ") {
		t.Errorf("Error() = %s", err)
	}
}

// errors.Is matches an *APIError against the sentinel of its status, also through wrapping.
func TestSentinelErrors(t *testing.T) {
	sentinels := map[error]int{
		ErrBadRequest: 400, ErrUnauthorized: 401, ErrForbidden: 403, ErrNotFound: 404,
		ErrConflict: 409, ErrUnprocessable: 422, ErrRateLimited: 429,
	}
	for _, status := range []int{400, 401, 403, 404, 409, 422, 429, 500, 503, 599, 418} {
		var err error = &APIError{StatusCode: status}
		err = fmt.Errorf("context: %w", err)
		for sentinel, code := range sentinels {
			if got := errors.Is(err, sentinel); got != (code == status) {
				t.Errorf("%d: errors.Is(%v) = %v", status, sentinel, got)
			}
		}
		if got := errors.Is(err, ErrServer); got != (status >= 500) {
			t.Errorf("%d: errors.Is(ErrServer) = %v", status, got)
		}
		if errors.Is(err, io.EOF) {
			t.Errorf("%d matches io.EOF", status)
		}
	}
	srv := newTestServer(t, answer{status: http.StatusUnauthorized, body: `{"type":"error.list","errors":[{"code":"unauthorized"}]}`})
	if _, err := srv.client(t).Admins.Identify(context.Background()); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("401: err = %v, want ErrUnauthorized", err)
	}
}

// Error() stays one line whatever the server sends, and says how many attempts were made.
func TestAPIErrorOneLine(t *testing.T) {
	e := &APIError{Method: "GET", Path: "/x", StatusCode: 400, Attempts: 2,
		Errors:    []ErrorDetail{{Code: "bad\ncode", Message: "line1\r\nline2\x00", Field: "f\tg"}},
		RequestID: "id\n1"}
	want := "intercom: GET /x: 400 Bad Request: bad code (line1  line2 ) [field f g] (request id id 1, 2 attempts)"
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q\nwant      %q", got, want)
	}
	long := &APIError{StatusCode: 400, Errors: []ErrorDetail{{Code: strings.Repeat("é", 400)}}}
	if got := long.Error(); len(got) > 400 || !utf8.ValidString(got) {
		t.Errorf("long code: %d bytes, valid %v", len(got), utf8.ValidString(got))
	}
}

// The error-body decoder never panics and always yields a useful one-line message.
func FuzzDecodeErrorBody(f *testing.F) {
	seeds := []string{
		`{"type":"error.list","request_id":"r1","errors":[{"code":"not_found","message":"Resource Not Found"}]}`,
		`{"type":"error.list","errors":[{"code":"parameter_invalid","message":"Email is invalid","field":"email"}]}`,
		`{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}`,
		`{"type":"error.list","errors":[]}`,
		`{"errors":[null,{"code":1}]}`,
		`{"errors":"oops"}`,
		`["oops"]`, `null`, `42`, `"text"`, ``, `{`,
		"<html><body>502 Bad Gateway</body></html>",
		"\xff\xfe\x00binary", "line1\r\nline2", strings.Repeat("é", 200)[:101],
	}
	for i, s := range seeds {
		f.Add([]byte(s), 400+i*7)
	}
	f.Fuzz(func(t *testing.T, body []byte, status int) {
		e := &APIError{Method: "GET", Path: "/contacts/x", StatusCode: status}
		decodeErrorBody(e, body)
		msg := e.Error()
		if msg == "" {
			t.Fatal("empty Error()")
		}
		if strings.ContainsAny(msg, "\r\n") {
			t.Errorf("Error() spans lines: %q", msg)
		}
		if !utf8.ValidString(msg) {
			t.Errorf("Error() is not UTF-8: %q", msg)
		}
		if len(e.Errors) == 0 && len(body) > 0 && len(e.Body) == 0 {
			t.Errorf("neither errors nor body kept for %q", body)
		}
		resp := &http.Response{StatusCode: status, Header: http.Header{"X-Request-Id": {"hdr"}}, Body: io.NopCloser(bytes.NewReader(body))}
		if e := newAPIError("POST", "/x", resp); e.Error() == "" || e.RequestID == "" {
			t.Errorf("newAPIError: %q, request id %q", e.Error(), e.RequestID)
		}
	})
}
