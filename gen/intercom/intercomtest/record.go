package intercomtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Recording is what a Recorder writes and WithReplay reads: the exchanges with Intercom, in the
// order they happened, as JSON.
type Recording struct {
	// Scrubbed lists the JSON properties whose values were replaced, in requests and answers;
	// a replay scrubs the requests it is given likewise before matching them.
	Scrubbed  []string   `json:"scrubbed,omitempty"`
	Exchanges []Exchange `json:"exchanges"`
}

// Exchange is one request and its answer.
type Exchange struct {
	Method      string          `json:"method"`
	Path        string          `json:"path"`            // escaped, without the query
	Query       string          `json:"query,omitempty"` // encoded, keys sorted
	RequestBody json.RawMessage `json:"request_body,omitempty"`

	Status int               `json:"status"`
	Header map[string]string `json:"header,omitempty"` // the headers that matter to the client
	Body   json.RawMessage   `json:"body,omitempty"`   // JSON answers
	Text   string            `json:"text,omitempty"`   // any other answer
}

// Scrubbed is what a scrubbed value becomes.
const Scrubbed = "REDACTED"

// keptHeaders are the answer headers a recording keeps: those the client reads.
var keptHeaders = []string{
	"Content-Type", "Retry-After", "X-Request-Id",
	"X-Ratelimit-Limit", "X-Ratelimit-Remaining", "X-Ratelimit-Reset",
}

// Recorder is an http.RoundTripper that records the exchanges it carries to a file, for
// WithReplay to answer later: put it in the client's *http.Client (intercom.WithHTTPClient)
// when running against the real Intercom once. It keeps no request header, so never the access
// token, and it replaces the token wherever else it appears, and the values of the properties
// it is told to scrub (such as "email" or "name"), at any depth of the JSON of requests and
// answers and in query parameters of those names, with Scrubbed. The file is rewritten after each exchange, so that it is complete
// whenever the test stops. A Recorder is safe for concurrent use.
type Recorder struct {
	path  string
	next  http.RoundTripper
	scrub []string

	mu  sync.Mutex
	rec Recording
}

// NewRecorder returns a Recorder that sends requests through next (http.DefaultTransport if
// nil) and records them to the file at path, scrubbing the properties scrub names.
func NewRecorder(path string, next http.RoundTripper, scrub ...string) *Recorder {
	if next == nil {
		next = http.DefaultTransport
	}
	scrub = slices.Sorted(slices.Values(scrub))
	return &Recorder{path: path, next: next, scrub: scrub, rec: Recording{Scrubbed: scrub, Exchanges: []Exchange{}}}
}

// RoundTrip sends req through the next RoundTripper and records the exchange. An error writing
// the recording is returned in place of the answer.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil {
		var err error
		if reqBody, err = io.ReadAll(req.Body); err != nil {
			return nil, fmt.Errorf("intercomtest: record: read the request body: %w", err)
		}
		req.Body.Close()
		req = req.Clone(req.Context())
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err // nothing to replay: a replay of a broken connection is a Fault
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("intercomtest: record: read the answer: %w", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))

	token := bearer(req.Header)
	ex := Exchange{
		Method:      req.Method,
		Path:        scrubText(req.URL.EscapedPath(), token),
		Query:       scrubQuery(req.URL.Query(), token, r.scrub),
		RequestBody: scrubJSON(reqBody, token, r.scrub),
		Status:      resp.StatusCode,
	}
	for _, k := range keptHeaders {
		if v := resp.Header.Get(k); v != "" {
			if ex.Header == nil {
				ex.Header = map[string]string{}
			}
			ex.Header[k] = scrubText(v, token)
		}
	}
	if json.Valid(body) {
		ex.Body = scrubJSON(body, token, r.scrub)
	} else {
		ex.Text = scrubText(string(body), token)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rec.Exchanges = append(r.rec.Exchanges, ex)
	if err := r.write(); err != nil {
		return nil, err
	}
	return resp, nil
}

// write replaces the file with the recording so far.
func (r *Recorder) write() error {
	data, err := json.MarshalIndent(r.rec, "", "  ")
	if err != nil {
		return fmt.Errorf("intercomtest: record: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(r.path), ".recording-*")
	if err != nil {
		return fmt.Errorf("intercomtest: record: %w", err)
	}
	_, err = tmp.Write(append(data, '\n'))
	err = errors.Join(err, tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), r.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("intercomtest: record: %w", err)
	}
	return nil
}

// bearer returns the token of a request's Authorization header, "" if none.
func bearer(h http.Header) string {
	token, _ := strings.CutPrefix(h.Get("Authorization"), "Bearer ")
	return strings.TrimSpace(token)
}

// scrubText replaces the token in s.
func scrubText(s, token string) string {
	if token == "" {
		return s
	}
	return strings.ReplaceAll(s, token, Scrubbed)
}

// scrubQuery encodes a query with the token replaced and the values of the parameters named
// in scrub replaced with Scrubbed, as a recording keeps it.
func scrubQuery(q url.Values, token string, scrub []string) string {
	out := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			if slices.Contains(scrub, k) {
				v = Scrubbed
			}
			out.Add(k, scrubText(v, token))
		}
	}
	return out.Encode()
}

// scrubJSON returns JSON data with the token replaced wherever it appears and the values of the
// properties named in scrub replaced with Scrubbed (null stays null), re-encoded compactly with
// sorted keys so that equal bodies compare equal; nil for an empty body.
func scrubJSON(data []byte, token string, scrub []string) json.RawMessage {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return json.RawMessage(scrubText(string(data), token))
	}
	v = scrubValue(v, token, scrub)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if enc.Encode(v) != nil {
		return json.RawMessage(scrubText(string(data), token))
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

func scrubValue(v any, token string, scrub []string) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if slices.Contains(scrub, k) && e != nil {
				x[k] = Scrubbed
				continue
			}
			x[k] = scrubValue(e, token, scrub)
		}
	case []any:
		for i, e := range x {
			x[i] = scrubValue(e, token, scrub)
		}
	case string:
		return scrubText(x, token)
	}
	return v
}
