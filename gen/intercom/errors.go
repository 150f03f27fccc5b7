package intercom

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"
)

// APIError is a non-2xx answer from the API. Use errors.As to reach it:
//
//	var apiErr *intercom.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { ... }
type APIError struct {
	Method     string // HTTP method of the request
	Path       string // path of the request, without host or query
	StatusCode int
	Status     string        // "404 Not Found"
	RequestID  string        // Intercom's request id, from the body or the X-Request-Id header
	Type       string        // Intercom's error type, usually "error.list"
	Errors     []ErrorDetail // Intercom's errors[]
	Body       []byte        // the start of the response body, for answers that are not Intercom JSON
	Header     http.Header   // the response headers
}

// ErrorDetail is one entry of Intercom's errors[].
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// Error describes the failure in one line: request, status, Intercom's codes and messages, and
// the request id to quote to Intercom's support.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "intercom: %s %s: %s", e.Method, e.Path, e.Status)
	for i, d := range e.Errors {
		sep := ", "
		if i == 0 {
			sep = ": "
		}
		b.WriteString(sep)
		b.WriteString(d.Code)
		if d.Message != "" {
			b.WriteString(" (" + d.Message + ")")
		}
		if d.Field != "" {
			b.WriteString(" [field " + d.Field + "]")
		}
	}
	if len(e.Errors) == 0 && len(e.Body) > 0 {
		b.WriteString(": " + snippet(e.Body))
	}
	if e.RequestID != "" {
		b.WriteString(" (request id " + e.RequestID + ")")
	}
	return b.String()
}

// errorBody is Intercom's error envelope.
type errorBody struct {
	Type      string        `json:"type"`
	RequestID string        `json:"request_id"`
	Errors    []ErrorDetail `json:"errors"`
	// A few endpoints answer with a single error instead of a list.
	Code    string `json:"code"`
	Message string `json:"message"`
}

// newAPIError reads an error response through a size cap and decodes what it can.
func newAPIError(method, path string, resp *http.Response) *APIError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody)) // let the connection be reused
	e := &APIError{Method: method, Path: path, StatusCode: resp.StatusCode, Status: resp.Status, Header: resp.Header}
	if e.Status == "" {
		e.Status = fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	decodeErrorBody(e, body)
	if e.RequestID == "" {
		e.RequestID = resp.Header.Get("X-Request-Id")
	}
	return e
}

// decodeErrorBody fills e from body: Intercom's JSON error envelope, or else the raw body.
func decodeErrorBody(e *APIError, body []byte) {
	var eb errorBody
	if json.Unmarshal(body, &eb) == nil {
		e.Type = eb.Type
		e.RequestID = eb.RequestID
		e.Errors = eb.Errors
		if len(e.Errors) == 0 && (eb.Code != "" || eb.Message != "") {
			e.Errors = []ErrorDetail{{Code: eb.Code, Message: eb.Message}}
		}
	}
	if len(e.Errors) == 0 {
		e.Body = body
	}
}

// snippet renders the start of a body for an error message, on one line.
func snippet(body []byte) string {
	const max = 200
	s := string(cutPartialRune(body))
	if !utf8.ValidString(s) {
		return fmt.Sprintf("(%d bytes of non-text body)", len(body))
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > max {
		// Cut at a character boundary, so that the message stays valid UTF-8.
		n := max
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n] + "…"
	}
	return s
}

// cutPartialRune drops a multi-byte character left incomplete at the end of b, which is what
// reading a text body up to maxErrorBody bytes can leave.
func cutPartialRune(b []byte) []byte {
	for i := 1; i < utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}
