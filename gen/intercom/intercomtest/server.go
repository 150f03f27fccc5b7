package intercomtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// Server is a fake Intercom API on loopback for tests: it knows every operation of the API the
// client was generated from, and holds the client's requests to the description strictly. A
// request that does not match (an unknown method and path, a missing or malformed path or query
// parameter, no bearer token, a missing or other Intercom-Version, a body that does not decode
// strictly into the operation's request type or fails its Validate method) fails the test with a
// message saying what was wrong and where, and is answered 400 with that message, so that the
// code under test sees an error too. Every other request is recorded (see Requests and Last)
// and answered with what the test registered for its operation (Respond, RespondError,
// RespondRaw) or, by default, with a result synthesized from the operation's response schema.
//
// Tests name an operation by its method and path template as the API reference writes them:
// "GET /contacts/{id}". A Server is safe for concurrent use.
type Server struct {
	t     testing.TB
	srv   *httptest.Server
	now   func() time.Time
	limit *rateLimit // nil without WithRateLimit

	mu       sync.Mutex
	answers  map[string][]answer // by route, in the order to give them
	requests []*Request
	faults   []*pendingFault // in the order to apply them (faults.go)
	state    *state          // nil unless WithState (state.go)
	replay   *replay         // nil unless WithReplay (replay.go)
}

// Request is a request the fake accepted, as it came and as it decoded.
type Request struct {
	Route      string            // the operation, "GET /contacts/{id}"
	Method     string            // "GET"
	Path       string            // the path as sent, escaped: "/contacts/6657add46abd0167d9419cd2"
	PathParams map[string]string // path parameters by name, unescaped: {"id": "6657add46abd0167d9419cd2"}
	Query      url.Values
	Header     http.Header
	// Params is the query decoded into the operation's options struct, such as
	// *intercom.ContactsListOptions; nil when the operation has no query parameters.
	Params any
	// Body is the request body decoded into a pointer to the operation's request type, such as
	// *intercom.CreateContactRequest; nil when the request had no body.
	Body    any
	RawBody []byte // the body as sent
}

// answer is a registered answer.
type answer struct {
	status int
	header http.Header
	body   []byte
}

// testToken is the access token of the clients Client makes.
const testToken = "intercomtest-token"

// ServerOption configures the Server NewServer starts.
type ServerOption func(*Server)

// NewServer starts a fake Intercom API on loopback and stops it when the test ends. Point a
// client at it with Client, or with the option Option returns. Options change what it does: a
// store (WithState), a rate limit (WithRateLimit).
func NewServer(t testing.TB, opts ...ServerOption) *Server {
	t.Helper()
	s := &Server{t: t, answers: map[string][]answer{}, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL returns the base URL of the fake, "http://127.0.0.1:port".
func (s *Server) URL() string { return s.srv.URL }

// Option returns the client option that sends requests to the fake: intercom.WithBaseURL of its
// URL. The client still needs a token (WithToken or INTERCOM_TOKEN): the fake takes any.
func (s *Server) Option() intercom.Option { return intercom.WithBaseURL(s.srv.URL) }

// Client returns a client of the fake with a test token, configured further by opts. It fails
// the test if NewClient does.
func (s *Server) Client(opts ...intercom.Option) *intercom.Client {
	s.t.Helper()
	c, err := intercom.NewClient(append([]intercom.Option{intercom.WithToken(testToken), s.Option()}, opts...)...)
	if err != nil {
		s.t.Fatalf("intercomtest: %v", err)
	}
	return c
}

// Respond registers the answer to the next request of route ("GET /contacts/{id}"): status, and
// body as JSON text ([]byte, json.RawMessage or string) or as a value to encode (such as
// &intercom.Contact{...}). Registering several answers for a route gives them in turn, one a
// request; the last one is then given to every further request.
//
// The answer is checked as strictly as requests are: a 2xx body must decode into the
// operation's result type (no unknown property, no value of the wrong type, no unknown enum
// value; properties may be left out), or be empty for an operation without one; an error status
// (4xx, 5xx) needs Intercom's error list, as RespondError makes. An answer that fails the check
// fails the test and is not registered. RespondRaw registers an answer without checks.
func (s *Server) Respond(route string, status int, body any) {
	s.t.Helper()
	r := s.route("Respond", route)
	if r == nil {
		return
	}
	data, err := encode(body)
	if err == nil {
		err = checkAnswer(r, status, data)
	}
	if err != nil {
		s.t.Errorf("intercomtest: Respond(%q, %d): %v", route, status, err)
		return
	}
	s.queue(r, answer{status: status, body: data})
}

// RespondError registers an error answer to the next request of route, as Respond does: status
// (4xx or 5xx) with Intercom's error list of one error, code and message.
func (s *Server) RespondError(route string, status int, code, message string) {
	s.t.Helper()
	r := s.route("RespondError", route)
	if r == nil {
		return
	}
	if status < 400 || status > 599 {
		s.t.Errorf("intercomtest: RespondError(%q, %d): the status of an error is 4xx or 5xx", route, status)
		return
	}
	s.queue(r, answer{status: status, body: errorList(code, message)})
}

// RespondRaw registers an answer to the next request of route, as Respond does, but as it is:
// status, header and body are sent without any check, for testing how code copes with answers
// the description does not allow (a new property, a proxy's HTML error page) or with headers
// such as Retry-After.
func (s *Server) RespondRaw(route string, status int, header http.Header, body []byte) {
	s.t.Helper()
	r := s.route("RespondRaw", route)
	if r == nil {
		return
	}
	if status < 200 || status > 599 {
		s.t.Errorf("intercomtest: RespondRaw(%q, %d): the status of an answer is 2xx to 5xx", route, status)
		return
	}
	s.queue(r, answer{status: status, header: header.Clone(), body: slices.Clone(body)})
}

// Requests returns the requests the fake accepted, in the order they came.
func (s *Server) Requests() []*Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// Last returns the last accepted request of route ("POST /contacts"). It fails the test at once
// (t.Fatalf) if there is none, so call it from the test's goroutine.
func (s *Server) Last(route string) *Request {
	s.t.Helper()
	r := s.route("Last", route)
	if r == nil {
		s.t.FailNow()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := len(s.requests) - 1; i >= 0; i-- {
		if req := s.requests[i]; req.Route == r.key() {
			if route == r.key() {
				return req
			}
			// Named with other names for its path parameters: PathParams under those names.
			named := *req
			named.PathParams = make(map[string]string, len(req.PathParams))
			for _, name := range keyParams(route) {
				named.PathParams[name] = pathParam(r, route, name, req.PathParams)
			}
			return &named
		}
	}
	s.t.Fatalf("intercomtest: no %s request was made (%d requests in all)", route, len(s.requests))
	return nil
}

// route returns the route a test names, or fails the test.
func (s *Server) route(fn, key string) *route {
	s.t.Helper()
	if r := lookupRoute(key); r != nil {
		return r
	}
	s.t.Errorf("intercomtest: %s: the API has no operation %q (name one as \"GET /contacts/{id}\")%s", fn, key, suggest(key))
	return nil
}

// suggest names the operations with the same path, for a route that is not one.
func suggest(key string) string {
	_, path, _ := strings.Cut(key, " ")
	var same []string
	for _, r := range routes {
		if shapeOf(r.path) == shapeOf(path) {
			same = append(same, r.key())
		}
	}
	if len(same) == 0 {
		return ""
	}
	return "; this path has " + strings.Join(same, ", ")
}

func (s *Server) queue(r *route, a answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers[r.key()] = append(s.answers[r.key()], a)
}

// next takes the answer registered for the next request of r, if any.
func (s *Server) next(r *route) (answer, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := s.answers[r.key()]
	if len(q) == 0 {
		return answer{}, false
	}
	if len(q) > 1 {
		s.answers[r.key()] = q[1:]
	}
	return q[0], true
}

// maxBody caps the request bodies the fake reads.
const maxBody = 10 << 20

// serve checks a request, records it and answers it.
func (s *Server) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(io.LimitReader(req.Body, maxBody+1))
	if err != nil {
		s.reject(w, req.Method+" "+req.URL.Path, problems{"reading the body: " + err.Error()})
		return
	}
	if s.overLimit(w) {
		return
	}
	r, pathValues, methods := match(req.Method, req.URL.EscapedPath())
	if r == nil {
		msg := fmt.Sprintf("%s %s: the Intercom API %s has no such operation", req.Method, req.URL.EscapedPath(), intercom.APIVersion)
		if len(methods) > 0 {
			msg += fmt.Sprintf(" (the path takes %s)", strings.Join(methods, ", "))
		}
		s.reject(w, "", problems{msg})
		return
	}
	rec := &Request{
		Route: r.key(), Method: req.Method, Path: req.URL.EscapedPath(), PathParams: pathValues,
		Query: req.URL.Query(), Header: req.Header.Clone(), RawBody: body,
	}
	var probs problems
	checkHeaders(req.Header, &probs)
	checkPathParams(r, pathValues, &probs)
	rec.Params = decodeQuery(r, rec.Query, &probs)
	rec.Body = decodeBody(r, req.Header, body, &probs)
	if len(probs) > 0 {
		s.reject(w, r.key(), probs)
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.mu.Unlock()

	if s.fault(w, req, r.key()) {
		return
	}
	a, ok := s.next(r)
	if !ok {
		a, ok = s.remembered(r, rec) // replay.go
	}
	if !ok {
		a = answer{status: r.status}
		switch {
		case r.binary != "":
			a.header = http.Header{"Content-Type": {r.binary}}
			a.body = []byte("intercomtest: the content of " + r.op)
		case r.result != nil:
			a.body = synthesize(r, rec)
		}
	}
	h := w.Header()
	for k, vs := range a.header {
		h[k] = slices.Clone(vs)
	}
	if h.Get("Content-Type") == "" && len(a.body) > 0 {
		h.Set("Content-Type", "application/json")
	}
	if a.status == 0 { // an operation whose description documents no success status
		a.status = http.StatusOK
	}
	w.WriteHeader(a.status)
	w.Write(a.body)
}

// reject fails the test with what is wrong with a request, and answers it 400 with the same
// message in Intercom's error list.
func (s *Server) reject(w http.ResponseWriter, route string, probs problems) {
	msg := "intercomtest: "
	if route != "" {
		msg += route + ": "
	}
	msg += strings.Join(probs, "; ")
	s.t.Errorf("%s", msg)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	w.Write(errorList("intercomtest_rejected", msg))
}

// checkHeaders requires what Intercom requires of every request: a bearer token and the API
// version the fake serves.
func checkHeaders(h http.Header, probs *problems) {
	auth := h.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	switch {
	case auth == "":
		probs.add("", "missing Authorization header (a bearer token)")
	case !ok || strings.TrimSpace(token) == "":
		probs.add("", "the Authorization header is not a bearer token")
	}
	switch v := h.Get("Intercom-Version"); v {
	case "":
		probs.add("", "missing Intercom-Version header")
	case intercom.APIVersion:
	default:
		probs.add("", "Intercom-Version is %q, the fake serves %s", v, intercom.APIVersion)
	}
}

// checkPathParams requires each path parameter to be of its type.
func checkPathParams(r *route, values map[string]string, probs *problems) {
	for _, p := range r.pathParams {
		if p.typ.Kind() == reflect.Int64 {
			if _, err := strconv.ParseInt(values[p.name], 10, 64); err != nil {
				probs.add(fmt.Sprintf("path parameter %q", p.name), "%q is not an integer", values[p.name])
			}
		}
	}
}

// decodeQuery decodes the query into the operation's options struct, strictly: no unknown
// parameter, each of its type (and enum) and given once unless it is a list, every required one
// given; then the options' Validate method (bounds). It returns a pointer to the options, nil for
// an operation without query parameters.
func decodeQuery(r *route, q url.Values, probs *problems) any {
	if r.query == nil {
		for _, k := range slices.Sorted(maps.Keys(q)) {
			probs.add("", "unknown query parameter %q: the operation takes none", k)
		}
		return nil
	}
	before := len(*probs)
	opts := reflect.New(r.query)
	byName := map[string]param{}
	for _, p := range r.queryParams {
		byName[p.name] = p
	}
	for _, k := range slices.Sorted(maps.Keys(q)) {
		p, ok := byName[k]
		if !ok {
			probs.add("", "unknown query parameter %q", k)
			continue
		}
		where := fmt.Sprintf("query parameter %q", k)
		f := opts.Elem().FieldByName(p.field)
		values := q[k]
		if f.Kind() == reflect.Slice {
			list := reflect.MakeSlice(f.Type(), len(values), len(values))
			for i, v := range values {
				parseText(v, list.Index(i), where, probs)
			}
			f.Set(list)
			continue
		}
		if len(values) > 1 {
			probs.add(where, "given %d times", len(values))
			continue
		}
		parseText(values[0], f, where, probs)
	}
	for _, p := range r.queryParams {
		if p.required && !q.Has(p.name) {
			probs.add("", "missing required query parameter %q", p.name)
		}
	}
	if len(*probs) == before {
		validate(opts, "query", probs)
	}
	return opts.Interface()
}

// parseText sets v from the text of a query parameter.
func parseText(s string, v reflect.Value, where string, probs *problems) {
	switch v.Kind() {
	case reflect.String:
		if values, ok := enumValues[v.Type()]; ok && !slices.Contains(values, s) {
			probs.add(where, "%q is not a value of %s (want one of %s)", s, typeName(v.Type()), quoteAll(values))
			return
		}
		v.SetString(s)
	case reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			probs.add(where, "%q is not an integer", s)
			return
		}
		v.SetInt(n)
	case reflect.Float64:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			probs.add(where, "%q is not a number", s)
			return
		}
		v.SetFloat(f)
	case reflect.Bool:
		if s != "true" && s != "false" {
			probs.add(where, "%q is not true or false", s)
			return
		}
		v.SetBool(s == "true")
	default:
		probs.add(where, "the fake cannot read a %s", v.Type())
	}
}

// decodeBody decodes the request body strictly into the operation's request type, running the
// Validate methods of what it holds. It returns a pointer to the decoded body, or nil.
func decodeBody(r *route, h http.Header, body []byte, probs *problems) any {
	switch {
	case len(body) > maxBody:
		probs.add("body", "larger than %d bytes", maxBody)
		return nil
	case len(bytes.TrimSpace(body)) == 0:
		if r.bodyRequired {
			probs.add("body", "missing: the operation requires one (%s)", typeName(r.body))
		}
		return nil
	case r.body == nil:
		probs.add("body", "the operation takes no body, got %d bytes", len(body))
		return nil
	case string(bytes.TrimSpace(body)) == "null":
		// Decoding would leave the zero value, which is no request either.
		probs.add("body", "null: the operation takes %s", typeName(r.body))
		return nil
	}
	if mt, _, err := mime.ParseMediaType(h.Get("Content-Type")); err != nil || mt != "application/json" {
		probs.add("", "Content-Type is %q, want application/json", h.Get("Content-Type"))
	}
	v, err := decodeStrict(body, r.body, "body", true) // and Validate
	if err != nil {
		*probs = append(*probs, err.Error())
		return nil
	}
	if r.bodyCheck != nil {
		report(r.bodyCheck(v.Interface()), "body", "checked as "+r.op+" does", probs)
	}
	return v.Interface()
}

// validate runs the Validate method the client generates for request types, if v (a pointer)
// has one, and reports its failure at where.
func validate(v reflect.Value, where string, probs *problems) {
	if !v.Type().Implements(validator) {
		return
	}
	report(v.Interface().(interface{ Validate() error }).Validate(), where, "", probs)
}

// report adds the failure of a check the client makes before sending, placed at where and
// labelled by (by default, the Validate method of the type that failed).
func report(err error, where, by string, probs *problems) {
	var ve *intercom.ValidationError
	switch {
	case err == nil:
	case errors.As(err, &ve):
		at := where
		if ve.Field != "" {
			if where == "query" {
				at = fmt.Sprintf("query parameter %q", ve.Field)
			} else {
				at = join(where, ve.Field)
			}
		}
		if by == "" {
			by = ve.Type + ".Validate"
		}
		probs.add(at, "%s (%s)", ve.Reason, by)
	default:
		probs.add(where, "%v", err)
	}
}

// checkAnswer holds a registered answer to what the operation can answer.
func checkAnswer(r *route, status int, body []byte) error {
	switch {
	case status >= 200 && status <= 299:
		switch {
		case r.binary != "":
			return nil
		case r.result == nil:
			if len(bytes.TrimSpace(body)) > 0 {
				return fmt.Errorf("body: %s answers without a body", r.key())
			}
			return nil
		case len(bytes.TrimSpace(body)) == 0:
			return fmt.Errorf("body: missing: %s answers with %s", r.key(), typeName(r.result))
		}
		_, err := decodeStrict(body, r.result, "body", false)
		return err
	case status >= 400 && status <= 599:
		v, err := decodeStrict(body, reflect.TypeFor[errorBody](), "body", true)
		if err != nil {
			return fmt.Errorf("%w (an error answer is Intercom's error list: use RespondError)", err)
		}
		if eb := v.Interface().(*errorBody); eb.Type != "error.list" || len(eb.Errors) == 0 {
			return errors.New(`body: an error list has "type": "error.list" and at least one error (use RespondError)`)
		}
		return nil
	}
	return fmt.Errorf("status %d: the fake answers 2xx with the operation's result, or an error (4xx, 5xx)", status)
}

// errorBody is Intercom's error list, as the client reads it.
type errorBody struct {
	Type      string        `json:"type"`
	RequestID string        `json:"request_id,omitempty"`
	Errors    []errorDetail `json:"errors"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message,omitempty"`
	Field   string `json:"field,omitempty"`
}

// errorList encodes Intercom's error list of one error.
func errorList(code, message string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "<=" reads better than "\u003c="
	enc.Encode(errorBody{Type: "error.list", RequestID: "intercomtest", Errors: []errorDetail{{Code: code, Message: message}}})
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// encode returns the JSON of a body given to Respond.
func encode(body any) ([]byte, error) {
	switch b := body.(type) {
	case nil:
		return nil, nil
	case []byte:
		return slices.Clone(b), nil
	case json.RawMessage:
		return slices.Clone(b), nil
	case string:
		return []byte(b), nil
	}
	data, err := json.Marshal(body)
	if err != nil {
		return nil, fmt.Errorf("body: %v", err)
	}
	return data, nil
}
