package intercom

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// APIError is a non-2xx answer from the API. Use errors.As to reach it, or errors.Is with one
// of the Err sentinels for the common statuses:
//
//	var apiErr *intercom.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound { ... }
//	if errors.Is(err, intercom.ErrNotFound) { ... }
//
// When the call was retried, the APIError describes the last attempt.
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
	RateLimit  RateLimit     // the rate-limit headers of the answer
	Attempts   int           // the number of attempts the call made, 1 when it was not retried
}

// ErrorDetail is one entry of Intercom's errors[].
type ErrorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// Sentinel errors that an *APIError matches, with errors.Is, by its status code.
var (
	// ErrBadRequest matches an *APIError with status 400 Bad Request.
	ErrBadRequest = errors.New("intercom: bad request")
	// ErrUnauthorized matches an *APIError with status 401 Unauthorized: a missing, wrong or
	// revoked access token.
	ErrUnauthorized = errors.New("intercom: unauthorized")
	// ErrForbidden matches an *APIError with status 403 Forbidden: the token lacks a permission.
	ErrForbidden = errors.New("intercom: forbidden")
	// ErrNotFound matches an *APIError with status 404 Not Found.
	ErrNotFound = errors.New("intercom: not found")
	// ErrConflict matches an *APIError with status 409 Conflict.
	ErrConflict = errors.New("intercom: conflict")
	// ErrUnprocessable matches an *APIError with status 422 Unprocessable Entity: a request
	// that is well-formed but invalid.
	ErrUnprocessable = errors.New("intercom: unprocessable entity")
	// ErrRateLimited matches an *APIError with status 429 Too Many Requests; its RateLimit
	// says when the window resets.
	ErrRateLimited = errors.New("intercom: rate limited")
	// ErrServer matches an *APIError with a 5xx status.
	ErrServer = errors.New("intercom: server error")
)

// ErrResponseTooLarge matches the error of a call whose answer was larger than
// WithMaxResponseSize allows.
var ErrResponseTooLarge = errors.New("intercom: response too large")

// tooLargeError is the error of a call whose answer was larger than its limit.
type tooLargeError struct {
	method, path string
	limit        int64
}

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("intercom: %s %s: response larger than %d bytes (see WithMaxResponseSize)", e.method, e.path, e.limit)
}

func (e *tooLargeError) Is(target error) bool { return target == ErrResponseTooLarge }

// Is reports whether target is the sentinel error for e's status code, so that
// errors.Is(err, ErrNotFound) holds for a 404.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrBadRequest:
		return e.StatusCode == http.StatusBadRequest
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrUnprocessable:
		return e.StatusCode == http.StatusUnprocessableEntity
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	}
	return false
}

// Error describes the failure in one line: request, status, Intercom's codes and messages, the
// request id to quote to Intercom's support, and the number of attempts if there were several.
func (e *APIError) Error() string {
	var b strings.Builder
	status := e.Status
	if status == "" {
		status = strings.TrimSpace(fmt.Sprintf("%d %s", e.StatusCode, http.StatusText(e.StatusCode)))
	}
	fmt.Fprintf(&b, "intercom: %s %s: %s", oneLine(e.Method), oneLine(e.Path), oneLine(status))
	for i, d := range e.Errors {
		sep := ", "
		if i == 0 {
			sep = ": "
		}
		b.WriteString(sep)
		b.WriteString(oneLine(d.Code))
		if d.Message != "" {
			b.WriteString(" (" + oneLine(d.Message) + ")")
		}
		if d.Field != "" {
			b.WriteString(" [field " + oneLine(d.Field) + "]")
		}
	}
	if len(e.Errors) == 0 && len(e.Body) > 0 {
		b.WriteString(": " + snippet(e.Body))
	}
	var notes []string
	if e.RequestID != "" {
		notes = append(notes, "request id "+oneLine(e.RequestID))
	}
	if e.Attempts > 1 {
		notes = append(notes, fmt.Sprintf("%d attempts", e.Attempts))
	}
	if len(notes) > 0 {
		b.WriteString(" (" + strings.Join(notes, ", ") + ")")
	}
	return b.String()
}

// errorBody is Intercom's error envelope.
type errorBody struct {
	Type      string        `json:"type"`
	RequestID string        `json:"request_id"`
	Errors    []ErrorDetail `json:"errors"`
	// A few endpoints answer with a single error instead of a list; the phone call redirects
	// name its code error_key.
	Code     string `json:"code"`
	ErrorKey string `json:"error_key"`
	Message  string `json:"message"`
}

// newAPIError reads an error response through a size cap and decodes what it can.
func newAPIError(method, path string, resp *http.Response) *APIError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody)) // let the connection be reused
	e := &APIError{
		Method: method, Path: path, StatusCode: resp.StatusCode, Status: resp.Status,
		Header: resp.Header, RateLimit: parseRateLimit(resp.Header), Attempts: 1,
	}
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
		if eb.Code == "" {
			eb.Code = eb.ErrorKey
		}
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

// oneLine makes s, a piece of an error message, safe to print on one line: control characters
// become spaces, invalid UTF-8 becomes U+FFFD, and a long text is cut.
func oneLine(s string) string {
	const max = 300
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	if len(s) > max {
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

// ErrNoResult is the error a *DecodeError wraps when a success response that documents a JSON
// result has none: an empty body, only whitespace, or null.
var ErrNoResult = errors.New("the response has no result (empty body or null)")

// DecodeError reports a success response whose body does not decode into the result type, or
// has none (ErrNoResult).
type DecodeError struct {
	Method, Path string
	Status       int
	Err          error
}

// Error describes the request, the status and why the body did not decode.
func (e *DecodeError) Error() string {
	return fmt.Sprintf("intercom: %s %s: decode %d response: %v", e.Method, e.Path, e.Status, e.Err)
}

// Unwrap returns the error of the JSON decoder.
func (e *DecodeError) Unwrap() error { return e.Err }

// PaginationError reports pages that cannot be followed, such as a cursor that repeats.
type PaginationError struct {
	Reason string
}

// Error says why the pages stopped.
func (e *PaginationError) Error() string { return "intercom: pagination stopped: " + e.Reason }

// ScrollError reports a scroll that failed. Intercom cannot resume it: start a new scroll (after
// the failed one expires, a minute after its last request, since a workspace has one at a time).
type ScrollError struct {
	Page int   // the page that failed, from 1
	Err  error // why
}

// Error names the page that failed and says how to recover.
func (e *ScrollError) Error() string {
	return fmt.Sprintf("intercom: scroll failed on page %d and cannot be resumed; start a new scroll: %v", e.Page, e.Err)
}

// Unwrap returns why the page failed.
func (e *ScrollError) Unwrap() error { return e.Err }

// ValidationError reports a request the API is known to reject, found before sending it.
type ValidationError struct {
	// Type is the request type, "ContactsListOptions"; "search request" for raw JSON given to
	// ValidateSearch.
	Type   string
	Field  string // the property on the wire, "per_page"; "" for the value as a whole
	Reason string // "must be between 1 and 150"
}

// Error names the request type, the field and the rule it breaks.
func (e *ValidationError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("intercom: invalid %s: %s", e.Type, e.Reason)
	}
	return fmt.Sprintf("intercom: invalid %s: %s %s", e.Type, e.Field, e.Reason)
}

// The errors of VerifySignature; a WebhookRouter answers 401 Unauthorized for the first three.
var (
	// ErrSignatureMissing means the request has no signature.
	ErrSignatureMissing = errors.New("intercom: webhook signature missing")
	// ErrSignatureMalformed means the signature is not "sha1=" and 40 hexadecimal digits.
	ErrSignatureMalformed = errors.New("intercom: webhook signature malformed")
	// ErrSignatureMismatch means the signature is not the body's signed with the secret: the
	// body was changed, or signed with another secret.
	ErrSignatureMismatch = errors.New("intercom: webhook signature mismatch")
	// ErrNoWebhookSecret means the client secret to verify with is empty or only whitespace,
	// which would accept forged notifications: a mistake in the receiver's configuration, not in
	// the request.
	ErrNoWebhookSecret = errors.New("intercom: webhook client secret is empty")
)

// ErrMalformedNotification is wrapped by the errors of DecodeNotification: the body is not JSON,
// or not a notification envelope.
var ErrMalformedNotification = errors.New("intercom: malformed webhook notification")

// NotFoundError reports that a lookup by a field found nothing. errors.Is(err, ErrNotFound)
// holds for it, as for a 404.
type NotFoundError struct {
	Resource string // "contact"
	Field    string // the field searched by, "email"
	Value    string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("intercom: no %s has %s %q", e.Resource, e.Field, e.Value)
}

// Is matches ErrNotFound.
func (e *NotFoundError) Is(target error) bool { return target == ErrNotFound }

// AmbiguousError reports that a lookup meant to find one thing found several: Intercom lets two
// leads share an email, say.
type AmbiguousError struct {
	Resource string   // "contact"
	Field    string   // the field searched by, "email"
	Value    string   //
	Count    int64    // how many match, as the search counts them
	IDs      []string // the ids of the first of them
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("intercom: %d %ss have %s %q (%v...), want one", e.Count, e.Resource, e.Field, e.Value, e.IDs)
}

// ErrAttributeMissing is wrapped by the *AttributeError of a key that is absent.
var ErrAttributeMissing = errors.New("no such attribute")

// ErrAttributeKind is wrapped by the *AttributeError of a value of another kind than asked for.
var ErrAttributeKind = errors.New("attribute is of another kind")

// AttributeError is why a custom attribute (or event metadata) could not be read as asked:
// errors.Is tells ErrAttributeMissing from ErrAttributeKind.
type AttributeError struct {
	Key  string          // the attribute's name
	Want string          // what was asked for: "string", "int64", "float64", "bool", "time", ...
	Raw  json.RawMessage // the value as received; nil when the key is absent
	Err  error           // ErrAttributeMissing or ErrAttributeKind
}

func (e *AttributeError) Error() string {
	if e.Raw == nil {
		return "intercom: attribute " + strconv.Quote(e.Key) + ": " + e.Err.Error()
	}
	return "intercom: attribute " + strconv.Quote(e.Key) + " is " + string(e.Raw) + ", not a " + e.Want
}

// Unwrap returns ErrAttributeMissing or ErrAttributeKind.
func (e *AttributeError) Unwrap() error { return e.Err }

// ErrRedirect matches the error of a call whose answer was a redirect the client refused to
// follow: one that would change the method or drop the body (any redirect of a POST, PUT,
// PATCH or DELETE), or a redirect loop. It is not retried.
var ErrRedirect = errors.New("intercom: redirect refused")

// HandlerPanicError is the error the webhook error handler is given when a notification's
// handler panicked: the router recovers, answers 500 (so that Intercom sends the notification
// again) and goes on serving.
type HandlerPanicError struct {
	Value any    // what the handler panicked with
	Stack []byte // the handler's goroutine stack at the panic
}

func (e *HandlerPanicError) Error() string { return fmt.Sprintf("handler panicked: %v", e.Value) }

// Unwrap returns the value the handler panicked with, if it is an error.
func (e *HandlerPanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
