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
	"strconv"
	"strings"
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
}

// maxErrorBody caps how much of an error response is read: enough for any JSON error list,
// and an HTML error page from a proxy is not worth more.
const maxErrorBody = 64 << 10

// do sends c and decodes its answer. opts apply to this call only.
func (co *core) do(ctx context.Context, c *call, opts []Option) error {
	resp, err := co.send(ctx, c, opts)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if c.out == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil
	}
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("intercom: %s %s: read response: %w", c.method, c.path, err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil // an empty answer decodes to the zero value
	}
	if err := json.Unmarshal(data, c.out); err != nil {
		return &DecodeError{Method: c.method, Path: c.path, Status: resp.StatusCode, Err: err}
	}
	return nil
}

// stream sends c and returns the body of a successful answer unread, for binary downloads; the
// caller closes it.
func (co *core) stream(ctx context.Context, c *call, opts []Option) (io.ReadCloser, error) {
	resp, err := co.send(ctx, c, opts)
	if err != nil {
		return nil, err
	}
	return resp.Body, nil
}

// send sends c and returns a 2xx response with its body unread, or the error.
func (co *core) send(ctx context.Context, c *call, opts []Option) (*http.Response, error) {
	cfg := co.cfg
	if len(opts) > 0 {
		cfg = cfg.clone()
		if err := cfg.applyCall(opts); err != nil {
			return nil, err
		}
	}
	if err := checkPath(c.path); err != nil {
		return nil, fmt.Errorf("intercom: %s %s: %w", c.method, c.path, err)
	}
	var body []byte
	if !isNil(c.body) {
		var err error
		if body, err = json.Marshal(c.body); err != nil {
			return nil, fmt.Errorf("intercom: %s %s: encode request body: %w", c.method, c.path, err)
		}
	} else if c.bodyRequired {
		return nil, fmt.Errorf("intercom: %s %s: the request body is required", c.method, c.path)
	}
	req, err := cfg.newRequest(ctx, c, body)
	if err != nil {
		return nil, err
	}
	resp, err := cfg.httpClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("intercom: %s %s: %w", c.method, c.path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		defer resp.Body.Close()
		return nil, newAPIError(c.method, c.path, resp)
	}
	return resp, nil
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
	req.Header.Set("Authorization", "Bearer "+cfg.token)
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

// DecodeError reports a success response whose body does not decode into the result type.
type DecodeError struct {
	Method, Path string
	Status       int
	Err          error
}

func (e *DecodeError) Error() string {
	return fmt.Sprintf("intercom: %s %s: decode %d response: %v", e.Method, e.Path, e.Status, e.Err)
}

func (e *DecodeError) Unwrap() error { return e.Err }

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
