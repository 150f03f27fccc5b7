package intercom

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
)

// The access token must never be printed: the configuration hides it (see config.String), a
// Response hands out its request with the Authorization header redacted, and the functions
// below take it out of what a server or a proxy echoes back, which ends up in errors and logs.

// redactedText stands in for the access token wherever it would have been printed.
const redactedText = "[REDACTED]"

// checkToken refuses a token that cannot be sent as it is: blank, or holding whitespace or a
// control character, such as the newline of a token read from a file. The error never quotes
// the token.
func checkToken(token string) error {
	if strings.TrimSpace(token) == "" {
		return errors.New("empty token")
	}
	for i, r := range token {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return &tokenCharError{at: i, r: r}
		}
	}
	return nil
}

// tokenCharError names the offending character of a token and its position, not the token.
type tokenCharError struct {
	at int
	r  rune
}

func (e *tokenCharError) Error() string {
	return fmt.Sprintf("the token holds whitespace or a control character (%U at byte %d); a token read from a file often ends with a newline: trim it", e.r, e.at)
}

// scrubber replaces the access token in text the client did not write.
type scrubber struct{ token string }

// scrubber returns the scrubber of cfg's token.
func (cfg *config) scrubber() scrubber {
	if cfg.token == nil {
		return scrubber{}
	}
	return scrubber{token: cfg.token()}
}

func (s scrubber) string(v string) string {
	if s.token == "" || !strings.Contains(v, s.token) {
		return v
	}
	return strings.ReplaceAll(v, s.token, redactedText)
}

func (s scrubber) bytes(v []byte) []byte {
	if s.token == "" || !bytes.Contains(v, []byte(s.token)) {
		return v
	}
	return bytes.ReplaceAll(v, []byte(s.token), []byte(redactedText))
}

func (s scrubber) header(h http.Header) http.Header {
	for _, vs := range h {
		for i, v := range vs {
			vs[i] = s.string(v)
		}
	}
	return h
}

// apiError takes the token out of everything e carries from the answer.
func (s scrubber) apiError(e *APIError) {
	e.Status = s.string(e.Status)
	e.RequestID = s.string(e.RequestID)
	e.Type = s.string(e.Type)
	for i, d := range e.Errors {
		e.Errors[i] = ErrorDetail{Code: s.string(d.Code), Message: s.string(d.Message), Field: s.string(d.Field)}
	}
	e.Body = s.bytes(e.Body)
	e.Header = s.header(e.Header)
}

// error returns err, or, when its message holds the token, an error with the same chain (for
// errors.Is and errors.As) whose message does not.
func (s scrubber) error(err error) error {
	if err == nil || s.token == "" || !strings.Contains(err.Error(), s.token) {
		return err
	}
	return &scrubbedError{msg: s.string(err.Error()), err: err}
}

// scrubbedError is an error whose message held the access token.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }

// Unwrap returns the original error, for errors.Is and errors.As; printing it would show the
// token, which is why the client never does.
func (e *scrubbedError) Unwrap() error { return e.err }

// GoString keeps %#v from printing the original error.
func (e *scrubbedError) GoString() string { return "intercom.scrubbedError{" + e.msg + "}" }

// scrub takes the token out of the error of an attempt: an *APIError in place, the decoder's
// error of a *DecodeError (which callers reach with errors.As, past any wrapping) in place, any
// other error by wrapping it.
func (s scrubber) scrub(err error) error {
	if apiErr, ok := err.(*APIError); ok {
		s.apiError(apiErr)
		return err
	}
	var decErr *DecodeError
	if errors.As(err, &decErr) {
		decErr.Err = s.error(decErr.Err)
	}
	return s.error(err)
}
