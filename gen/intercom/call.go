package intercom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// call is one API request as the generated methods describe it.
type call struct {
	method       string
	path         string     // escaped path, starting with "/"
	query        url.Values // nil for none
	body         any        // value to encode as JSON; nil (or a nil pointer) for none
	bodyRequired bool       // the operation needs a body
	out          any        // pointer to decode a 2xx body into; nil to discard it
	status       int        // the documented success status
	accept       string     // Accept header; JSON when empty
	retry        retryRule  // when a failed attempt may be sent again
}

// maxErrorBody caps how much of an error response is read: enough for any JSON error list,
// and an HTML error page from a proxy is not worth more.
const maxErrorBody = 64 << 10

// do sends c and decodes its answer. opts apply to this call only.
func (co *core) do(ctx context.Context, c *call, opts []Option) error {
	resp, data, err := co.send(ctx, c, opts, false)
	if err != nil {
		return err
	}
	if c.out == nil || resp.StatusCode == http.StatusNoContent {
		return nil // nothing documented, or nothing to decode
	}
	if t := bytes.TrimSpace(data); len(t) == 0 || string(t) == "null" {
		// A documented result that did not come is not a zero value: a Contact with no id.
		return &DecodeError{Method: c.method, Path: c.path, Status: resp.StatusCode, Err: ErrNoResult}
	}
	if err := unmarshal(data, c.out); err != nil {
		return &DecodeError{Method: c.method, Path: c.path, Status: resp.StatusCode, Err: err}
	}
	return nil
}

// stream sends c and returns the body of a successful answer unread, for binary downloads; the
// caller closes it.
func (co *core) stream(ctx context.Context, c *call, opts []Option) (io.ReadCloser, error) {
	resp, _, err := co.send(ctx, c, opts, true)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// send sends c, retrying as the package documentation says, and returns a 2xx response or the
// error. The body of the response is returned read and closed, unless stream is set: then it is
// returned unread, for the caller to close.
func (co *core) send(ctx context.Context, c *call, opts []Option, stream bool) (*http.Response, []byte, error) {
	cfg := co.cfg
	if len(opts) > 0 {
		cfg = cfg.clone()
		if err := cfg.applyCall(opts); err != nil {
			return nil, nil, err
		}
	}
	if cfg.response != nil {
		*cfg.response = nil
	}
	if err := checkPath(c.path); err != nil {
		return nil, nil, fmt.Errorf("intercom: %s %s: %w", c.method, c.path, err)
	}
	var body []byte
	if !isNil(c.body) {
		var err error
		if body, err = json.Marshal(c.body); err != nil {
			return nil, nil, fmt.Errorf("intercom: %s %s: encode request body: %w", c.method, c.path, err)
		}
		if c.bodyRequired && string(body) == "null" {
			// A union with no variant set, say: Intercom would answer 400.
			return nil, nil, fmt.Errorf("intercom: %s %s: the request body is required, and this %T encodes as null", c.method, c.path, c.body)
		}
	} else if c.bodyRequired {
		return nil, nil, fmt.Errorf("intercom: %s %s: the request body is required", c.method, c.path)
	}
	cancel := context.CancelFunc(func() {})
	if cfg.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, cfg.timeout)
	}
	resp, data, err := cfg.exchange(ctx, c, body, stream)
	if err == nil && stream {
		// The timeout covers reading the download, so it ends when the caller closes it.
		resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	} else {
		cancel()
	}
	return resp, data, err
}

// exchange makes the attempts of a call: it sends the request, and sends it again while the
// failure is one worth retrying (see retryable), the retries last and the context lasts,
// waiting between attempts as retryWait says, and before each for the rate limiter's leave.
func (cfg *config) exchange(ctx context.Context, c *call, body []byte, stream bool) (*http.Response, []byte, error) {
	next := cfg.transport()
	var lastErr error
	for attempt := 1; ; attempt++ {
		if err := cfg.waitTurn(ctx, c, lastErr); err != nil {
			return nil, nil, err
		}
		// A fresh request for every attempt: a new reader over the body, headers that no
		// middleware has touched.
		actx, done := cfg.attemptContext(ctx)
		req, err := cfg.newRequest(actx, c, body)
		if err != nil {
			done(false)
			return nil, nil, err
		}
		start := cfg.now()
		resp, data, err := cfg.attempt(next, req, c, stream)
		if cfg.limiter != nil {
			cfg.limiter.Observe(observe(start, cfg.now(), resp))
		}
		if timedOut := done(err == nil && stream); timedOut && err != nil && ctx.Err() == nil {
			err = &attemptTimeoutError{prefix: "intercom: " + c.method + " " + c.path, after: cfg.attemptTimeout, err: err}
		}
		err = cfg.scrubber().scrub(err)
		cfg.record(resp, attempt)
		apiErr, _ := err.(*APIError)
		if apiErr != nil {
			apiErr.Attempts = attempt
		}
		cfg.logAttempt(ctx, c, attempt, cfg.now().Sub(start), resp, err)
		if err == nil {
			if stream {
				resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: func() { done(false) }}
			}
			return resp, data, nil
		}
		if attempt > cfg.maxRetries || ctx.Err() != nil || !retryable(c, resp, err) {
			if apiErr == nil && attempt > 1 {
				err = fmt.Errorf("%w (%d attempts)", err, attempt)
			}
			return nil, nil, err
		}
		var hint *http.Response
		if apiErr != nil {
			hint = resp
		}
		wait := cfg.retryWait(attempt, hint)
		if cfg.logger != nil {
			reason := err.Error()
			if apiErr != nil {
				reason = apiErr.Status
			}
			cfg.logger.retry(ctx, c, attempt+1, wait, reason)
		}
		if werr := cfg.sleep(ctx, wait); werr != nil {
			return nil, nil, &waitError{prefix: "intercom: " + c.method + " " + c.path, ctxErr: werr, last: err}
		}
		lastErr = err
	}
}

// attempt sends req once through next. It returns a 2xx response, with its body read into data
// unless stream is set; or the answer and an *APIError for another status; or the answer and
// the error reading its body; or no answer and the error of the round trip.
func (cfg *config) attempt(next MiddlewareNext, req *http.Request, c *call, stream bool) (*http.Response, []byte, error) {
	resp, err := next(req)
	if err != nil {
		if resp != nil && resp.Body != nil {
			_ = resp.Body.Close()
		}
		return nil, nil, fmt.Errorf("intercom: %s %s: %w", c.method, c.path, err)
	}
	if resp == nil {
		return nil, nil, fmt.Errorf("intercom: %s %s: no response and no error from the HTTP client or a middleware", c.method, c.path)
	}
	if resp.Body == nil {
		resp.Body = http.NoBody
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer resp.Body.Close()
		return resp, nil, newAPIError(c.method, c.path, resp)
	}
	if stream {
		return resp, nil, nil
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, cfg.maxResponse+1))
	if err != nil {
		return resp, nil, fmt.Errorf("intercom: %s %s: read response: %w", c.method, c.path, err)
	}
	if int64(len(data)) > cfg.maxResponse {
		return resp, nil, &tooLargeError{method: c.method, path: c.path, limit: cfg.maxResponse}
	}
	return resp, data, nil
}

// transport returns the round trip of one attempt: the middleware around the HTTP client.
func (cfg *config) transport() MiddlewareNext {
	hc := cfg.httpClient
	next := MiddlewareNext(func(req *http.Request) (*http.Response, error) {
		if err := checkHeader(req.Header); err != nil {
			return nil, err
		}
		return hc.Do(req)
	})
	for _, mw := range slices.Backward(cfg.middleware) {
		inner := next
		next = func(req *http.Request) (*http.Response, error) { return mw(req, inner) }
	}
	return next
}

// logAttempt logs the outcome of one attempt: never a header, never the token.
func (cfg *config) logAttempt(ctx context.Context, c *call, attempt int, took time.Duration, resp *http.Response, err error) {
	if cfg.logger != nil {
		cfg.logger.attempt(ctx, c, attempt, took, resp, err)
	}
}

// cancelOnClose releases a call's timeout when the caller closes the body of its download.
type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelOnClose) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

func (cfg *config) newRequest(ctx context.Context, c *call, body []byte) (*http.Request, error) {
	// The path is already escaped; parsing the joined string keeps escaped slashes in ids.
	target := cfg.baseURL + c.path
	if len(c.query) > 0 {
		target += "?" + c.query.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, target, rd)
	if err != nil {
		return nil, fmt.Errorf("intercom: %s %s: %w", c.method, c.path, err)
	}
	for k, vs := range cfg.header {
		req.Header[k] = append([]string(nil), vs...)
	}
	req.Header.Set("Authorization", "Bearer "+cfg.token())
	req.Header.Set("Intercom-Version", cfg.version)
	accept := "application/json"
	if c.accept != "" {
		accept = c.accept
	}
	req.Header.Set("Accept", accept)
	if cfg.userAgent != "" {
		req.Header.Set("User-Agent", cfg.userAgent)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, nil
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// checkPath refuses a path with an empty, "." or ".." segment: an empty path parameter would
// silently turn GET /contacts/{id} into GET /contacts/, and a dot segment would be resolved to
// another path by the server or a proxy.
func checkPath(path string) error {
	for seg := range strings.SplitSeq(strings.TrimPrefix(path, "/"), "/") {
		switch seg {
		case "":
			return errors.New("empty path parameter")
		case ".", "..":
			return fmt.Errorf("path parameter %q is not allowed", seg)
		}
	}
	return nil
}

// pathParam escapes one path parameter.
func pathParam[T ~string | ~int64](v T) string {
	switch x := any(v).(type) {
	case string:
		return url.PathEscape(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.String {
		return url.PathEscape(rv.String())
	}
	return strconv.FormatInt(rv.Int(), 10)
}

// queryValue is what a query parameter can hold.
type queryValue interface {
	~string | ~int64 | ~float64 | ~bool
}

// setQuery sets key to v, unless v is the zero value, which means "not given".
func setQuery[T queryValue](q url.Values, key string, v T) {
	var zero T
	if v == zero {
		return
	}
	q.Set(key, queryText(v))
}

// setQueryList adds key once per element (form style, exploded).
func setQueryList[T queryValue](q url.Values, key string, vs []T) {
	for _, v := range vs {
		q.Add(key, queryText(v))
	}
}

func queryText[T queryValue](v T) string {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rv.String()
	case reflect.Int64:
		return strconv.FormatInt(rv.Int(), 10)
	case reflect.Float64:
		return strconv.FormatFloat(rv.Float(), 'f', -1, 64)
	case reflect.Bool:
		return strconv.FormatBool(rv.Bool())
	}
	return fmt.Sprint(v)
}

// unmarshal decodes a response body into out. A result that decodes itself (every generated
// result does, tolerantly) is handed the body directly: going through json.Unmarshal would
// validate and skip the whole body twice more before calling it.
func unmarshal(data []byte, out any) error {
	if u, ok := out.(json.Unmarshaler); ok {
		return u.UnmarshalJSON(data)
	}
	return json.Unmarshal(data, out)
}
