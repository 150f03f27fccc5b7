package conformance

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/generator/ir"
)

const (
	testToken  = "tok_conformance"
	basePath   = "/intercom"               // the test server serves only under this prefix
	callHeader = "X-Conformance-Call"      // names the planned call a request belongs to
	specServer = "https://api.intercom.io" // the description's server, for kin-openapi's router
	binaryBody = "id,name\n1,conformance\n"
)

// call is one planned call of an operation: the request the client is given and the answer
// the server makes.
type call struct {
	op   *operation
	name string // what the call exercises, for messages
	// The request: the body from the request example reqExample ("" when the operation
	// has no body, or no example and the body is made up from its schema).
	reqExample string
	body       any // nil for none
	// The answer: status and body from the response example respExample ("" for none).
	status      int
	respExample string
	resp        any // nil for no body
	binary      bool
}

// received is what the server saw of one call.
type received struct {
	route    string // "GET /contacts/{id}", as kin-openapi's router matched it; "" if none
	problems []string
}

// server is the loopback API: it validates every request against the description and answers
// as the planned call says.
type server struct {
	*httptest.Server
	s      *suite
	router routers.Router

	mu    sync.Mutex
	calls map[string]*call     // by the value of callHeader
	seen  map[string]*received // by the value of callHeader
	stray []string             // requests that named no planned call
}

func newServer(t *testing.T, s *suite) *server {
	t.Helper()
	router, err := legacy.NewRouter(s.doc, openapi3.DisableExamplesValidation())
	if err != nil {
		t.Fatal(err)
	}
	srv := &server{s: s, router: router, calls: map[string]*call{}, seen: map[string]*received{}}
	srv.Server = httptest.NewServer(http.HandlerFunc(srv.serve))
	t.Cleanup(srv.Close)
	return srv
}

// plan registers c under id.
func (srv *server) plan(id string, c *call) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	srv.calls[id] = c
}

func (srv *server) received(id string) *received {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return srv.seen[id]
}

func (srv *server) serve(w http.ResponseWriter, r *http.Request) {
	id := r.Header.Get(callHeader)
	srv.mu.Lock()
	c := srv.calls[id]
	if c == nil {
		srv.stray = append(srv.stray, r.Method+" "+r.RequestURI)
	}
	srv.mu.Unlock()
	if c == nil {
		http.Error(w, "no such call", http.StatusTeapot)
		return
	}
	got := srv.validate(r)
	srv.mu.Lock()
	srv.seen[id] = got
	srv.mu.Unlock()

	switch {
	case c.binary:
		w.Header().Set("Content-Type", "application/octet-stream")
		w.WriteHeader(c.status)
		_, _ = io.WriteString(w, binaryBody)
	case c.resp != nil:
		data, err := json.Marshal(c.resp)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(c.status)
		_, _ = w.Write(data)
	default:
		w.WriteHeader(c.status)
	}
}

// validate checks r against the description: kin-openapi's router finds its operation, and
// openapi3filter validates the security requirement (a bearer token), the path and query
// parameters and the JSON body (without filling in defaults, which would hide a missing
// required property). On top of that, the Intercom-Version header must be the description's
// version, every query parameter must be declared, and a body needs a JSON content type (which
// openapi3filter checks) while an operation without one gets none.
func (srv *server) validate(r *http.Request) *received {
	got := &received{}
	fail := func(format string, args ...any) { got.problems = append(got.problems, fmt.Sprintf(format, args...)) }
	body, err := io.ReadAll(r.Body)
	if err != nil {
		fail("read body: %v", err)
	}
	rest, ok := strings.CutPrefix(r.URL.EscapedPath(), basePath+"/")
	if !ok {
		fail("request outside the base URL: %s", r.URL.EscapedPath())
		return got
	}
	u, err := url.Parse(specServer + "/" + rest + "?" + r.URL.RawQuery)
	if err != nil {
		fail("parse URL: %v", err)
		return got
	}
	req := r.Clone(context.Background())
	req.URL = u
	req.RequestURI = ""
	req.Body = io.NopCloser(bytes.NewReader(body))
	route, pathParams, err := srv.router.FindRoute(req)
	if err != nil {
		fail("%s %s matches no operation: %v", r.Method, u.Path, err)
		return got
	}
	got.route = route.Method + " " + route.Path
	opts := &openapi3filter.Options{
		MultiError:                        true,
		RejectWhenRequestBodyNotSpecified: true,
		SkipSettingDefaults:               true, // else a missing required property with a default passes
		AuthenticationFunc: func(_ context.Context, in *openapi3filter.AuthenticationInput) error {
			if in.SecurityScheme.Type != "http" || in.SecurityScheme.Scheme != "bearer" {
				return in.NewError(fmt.Errorf("unexpected security scheme %s", in.SecuritySchemeName))
			}
			if h := in.RequestValidationInput.Request.Header.Get("Authorization"); h != "Bearer "+testToken {
				return in.NewError(fmt.Errorf("Authorization is %q, want the bearer token", h))
			}
			return nil
		},
	}
	// kin-openapi cannot decode an object exploded into the query whose schema has
	// alternatives (it keeps the last alternative's decoding, empty): such a parameter is read
	// and validated here, and openapi3filter validates the others.
	filtered := *route
	op := *route.Operation
	op.Parameters = nil
	for _, p := range route.Operation.Parameters {
		if !explodedAlternatives(p.Value) {
			op.Parameters = append(op.Parameters, p)
			continue
		}
		obj := map[string]any{}
		for name := range objectProperties(p.Value.Schema) {
			if v, ok := req.URL.Query()[name]; ok {
				obj[name] = v[0]
			}
		}
		if err := p.Value.Schema.Value.VisitJSON(obj, openapi3.MultiErrors()); err != nil {
			fail("query parameter %s %v: %v", p.Value.Name, obj, err)
		}
	}
	filtered.Operation = &op
	if err := openapi3filter.ValidateRequest(context.Background(), &openapi3filter.RequestValidationInput{
		Request: req, PathParams: pathParams, Route: &filtered, Options: opts,
	}); err != nil {
		for _, e := range flattenErrors(err) {
			fail("%v", e)
		}
	}
	version := srv.s.doc.Components.Schemas["intercom_version"]
	if v := r.Header.Get("Intercom-Version"); v == "" {
		fail("no Intercom-Version header")
	} else if err := version.Value.VisitJSON(v); err != nil {
		fail("Intercom-Version %q: %v", v, err)
	} else if v != srv.s.doc.Info.Version {
		fail("Intercom-Version %q is not the description's version %q", v, srv.s.doc.Info.Version)
	}
	declared := map[string]bool{}
	for _, p := range append(slices.Clone(route.PathItem.Parameters), route.Operation.Parameters...) {
		if p.Value.In != openapi3.ParameterInQuery {
			continue
		}
		declared[p.Value.Name] = true
		if explodedObject(p.Value) {
			maps.Copy(declared, objectProperties(p.Value.Schema))
		}
	}
	for name := range req.URL.Query() {
		if !declared[name] {
			fail("query parameter %q is not declared", name)
		}
	}
	if route.Operation.RequestBody == nil && len(body) > 0 {
		fail("a body (%s) for an operation that takes none", body)
	}
	return got
}

func flattenErrors(err error) []error {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []error
		for _, e := range me {
			out = append(out, flattenErrors(e)...)
		}
		return out
	}
	return []error{err}
}

// TestConformanceOperations calls every operation of the description through the generated
// client: the server validates each request and answers with each of the operation's response
// examples in turn (a request example that pairs with a response example by name is the
// request of that call), and the client must decode every answer: a 2xx into the method's typed
// result, exactly as the example decodes on its own, an error into an *APIError that carries
// the example's errors. The operations the server saw must be exactly the description's.
func TestConformanceOperations(t *testing.T) {
	t.Parallel()
	s := load(t)
	srv := newServer(t, s)
	client, err := intercom.NewClient(intercom.WithToken(testToken), intercom.WithBaseURL(srv.URL+basePath),
		intercom.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	checkMethods(t, s)
	exercised := map[string]bool{}
	calls := 0
	for _, o := range s.ops {
		t.Run(o.key, func(t *testing.T) {
			plans, err := plan(t, s, o)
			if err != nil {
				t.Fatal(err)
			}
			for i, c := range plans {
				id := fmt.Sprintf("%s #%d", o.key, i)
				srv.plan(id, c)
				invoke(t, s, client, srv, id, c)
				if got := srv.received(id); got != nil && got.route == o.key {
					exercised[o.key] = true
				}
				calls++
			}
		})
	}
	want := make([]string, len(s.ops))
	for i, o := range s.ops {
		want[i] = o.key
	}
	got := slices.Sorted(maps.Keys(exercised))
	if !slices.Equal(got, want) {
		t.Errorf("operations exercised differ from the description's:\n got %d: %v\nwant %d: %v", len(got), got, len(want), want)
	}
	srv.mu.Lock()
	stray := srv.stray
	srv.mu.Unlock()
	if len(stray) > 0 {
		t.Errorf("requests that belong to no planned call: %v", stray)
	}
	checkedOperations.Store(int64(len(got)))
	checkedCalls.Store(int64(calls))
	t.Logf("conformance: %d of %d operations called through the client in %d calls", len(got), len(want), calls)
}

// checkMethods checks that the client's methods are the operations: every method of every
// service (except the <Method>Pages and <Method>All iterators, and the lookups the model makes
// of them: FindBy<Field> and Upsert) calls one operation, and every operation has its method,
// so that the calls made by reflection cover the client too.
func checkMethods(t *testing.T, s *suite) {
	t.Helper()
	want := map[string]bool{}
	for _, o := range s.ops {
		want[o.service+"."+o.ir.Name] = true
	}
	helpers := map[string]bool{}
	for _, svc := range s.api.Services {
		for _, f := range svc.Finds {
			helpers[svc.Name+"."+f.Name] = true
		}
		for _, u := range svc.Upserts {
			helpers[svc.Name+"."+u.Name] = true
		}
	}
	got := map[string]bool{}
	ct := reflect.TypeFor[intercom.Client]()
	for f := range ct.Fields() {
		if !f.IsExported() || !strings.HasSuffix(f.Type.String(), "Service") {
			continue
		}
		for m := range f.Type.Methods() {
			out := m.Type.Out(0)
			if out.Kind() == reflect.Func && strings.HasPrefix(out.String(), "iter.Seq2[") {
				continue
			}
			// Beside a method per operation, the lookups built on them.
			if name := f.Name + "." + m.Name; !helpers[name] {
				got[name] = true
			}
		}
	}
	if !maps.Equal(got, want) {
		t.Errorf("client methods differ from the operations:\n got %v\nwant %v", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
	}
}

// plan returns the calls that exercise o: one for each response example (with the request
// example of the same name, else the operation's successful request), one for each request
// example no response example names (answered with the first successful response), and one
// successful call when no response example is successful.
//
// A request example with spec defects (see examples_test.go) is not sent, as it may not fit the
// method's request type; when an operation has no other, the call sends a body made up from the
// schema instead.
func plan(t *testing.T, s *suite, o *operation) ([]*call, error) {
	type named struct {
		key, summary string
		value        any
	}
	var reqs []named
	var schemaBody any
	if o.op.RequestBody != nil {
		mt := o.op.RequestBody.Value.Content.Get("application/json")
		if mt == nil {
			return nil, fmt.Errorf("the request body is not JSON")
		}
		for _, k := range slices.Sorted(maps.Keys(mt.Examples)) {
			if len(exampleDefects(t, s, o, true, k)) > 0 {
				continue
			}
			ex := mt.Examples[k].Value
			reqs = append(reqs, named{k, ex.Summary, ex.Value})
		}
		if len(reqs) == 0 {
			v, err := sample(mt.Schema, 0)
			if err != nil {
				return nil, fmt.Errorf("make up a request body: %w", err)
			}
			schemaBody = v
		}
	}
	type resp struct {
		status int
		key    string
		value  any
	}
	var resps []resp
	for _, code := range slices.Sorted(maps.Keys(o.op.Responses.Map())) {
		if code == "default" {
			// A default response (of any other status) has no status for the server to answer
			// with; the operation's numbered responses are the ones checked.
			continue
		}
		status, err := strconv.Atoi(code)
		if err != nil {
			return nil, fmt.Errorf("response %s: not a status code", code)
		}
		mt := o.op.Responses.Value(code).Value.Content.Get("application/json")
		if mt == nil {
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(mt.Examples)) {
			resps = append(resps, resp{status, k, mt.Examples[k].Value.Value})
		}
	}
	norm := func(s string) string {
		return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "_", " "))), " ")
	}
	pair := func(r resp) int {
		for i, q := range reqs {
			if norm(q.summary) == norm(r.key) || norm(q.key) == norm(r.key) {
				return i
			}
		}
		return -1
	}
	success := -1 // the request example of the successful call
	for _, r := range resps {
		if r.status/100 == 2 {
			if i := pair(r); i >= 0 {
				success = i
				break
			}
		}
	}
	if success < 0 && len(reqs) > 0 {
		success = 0
	}
	request := func(i int) (string, any) {
		if i < 0 {
			i = success
		}
		if i < 0 {
			return "", schemaBody
		}
		return reqs[i].key, reqs[i].value
	}
	var calls []*call
	used := map[int]bool{}
	var ok *resp
	for _, r := range resps {
		i := pair(r)
		if i < 0 {
			i = success
		}
		used[i] = true
		key, body := request(i)
		calls = append(calls, &call{op: o, reqExample: key, body: body, status: r.status, respExample: r.key, resp: r.value})
		if ok == nil && r.status/100 == 2 {
			ok = &r
		}
	}
	for i := range reqs {
		if used[i] {
			continue
		}
		key, body := request(i)
		c := &call{op: o, reqExample: key, body: body, status: successStatus(o)}
		if ok != nil {
			c.status, c.respExample, c.resp = ok.status, ok.key, ok.value
		}
		calls = append(calls, c)
	}
	if ok == nil {
		key, body := request(-1)
		c := &call{op: o, reqExample: key, body: body, status: successStatus(o), binary: o.ir.Binary != ""}
		// An operation that documents a JSON result without an example is answered with one made
		// up from its schema: an empty answer would rightly fail (ErrNoResult).
		if r := o.op.Responses.Status(c.status); r != nil && r.Value != nil && !c.binary && o.ir.Result != nil {
			if mt := r.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
				v, err := sample(mt.Schema, 0)
				if err != nil {
					return nil, fmt.Errorf("make up a response body: %w", err)
				}
				c.resp = v
			}
		}
		calls = append(calls, c)
	}
	for _, c := range calls {
		req := "no body"
		switch {
		case c.reqExample != "":
			req = "request example " + strconv.Quote(c.reqExample)
		case c.body != nil:
			req = "a body made from the schema"
		}
		answer := "no body"
		switch {
		case c.respExample != "":
			answer = "example " + strconv.Quote(c.respExample)
		case c.resp != nil:
			answer = "a body made from the schema"
		}
		c.name = fmt.Sprintf("%s, answered %d with %s", req, c.status, answer)
	}
	return calls, nil
}

// invoke makes call c through the client's method for its operation, with arguments made from
// the description: path parameters from their examples, every query parameter from its example
// (else made up from its schema), the body decoded from the request example into the method's
// request type. It checks what the client returns against the answer.
func invoke(t *testing.T, s *suite, client *intercom.Client, srv *server, id string, c *call) {
	t.Helper()
	o := c.op
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%s: "+format, append([]any{c.name}, args...)...)
	}
	method := reflect.ValueOf(client).Elem().FieldByName(o.service).MethodByName(o.ir.Name)
	if !method.IsValid() {
		fail("the client has no method %s.%s", o.service, o.ir.Name)
		return
	}
	args := []reflect.Value{reflect.ValueOf(t.Context())}
	for _, p := range o.ir.PathParams {
		v, err := pathValue(o, p)
		if err != nil {
			fail("%v", err)
			return
		}
		args = append(args, v)
	}
	if o.ir.Query != nil {
		v, err := queryValue(s, o)
		if err != nil {
			fail("%v", err)
			return
		}
		args = append(args, v)
	}
	if o.ir.Body != nil {
		ty, err := s.goType(o.ir.Body.Type)
		if err != nil {
			fail("%v", err)
			return
		}
		v := reflect.New(ty)
		data, err := json.Marshal(c.body)
		if err != nil {
			fail("%v", err)
			return
		}
		if err := json.Unmarshal(data, v.Interface()); err != nil {
			fail("the request body %s does not decode into %s: %v", data, ty, err)
			return
		}
		if !o.ir.Body.ByPointer {
			v = v.Elem()
		}
		args = append(args, v)
	}
	opts := []intercom.Option{intercom.WithHeader(callHeader, id)}
	args = append(args, reflect.ValueOf(opts))
	if got, want := len(args), method.Type().NumIn(); got != want {
		fail("%d arguments for %s.%s, which takes %d", got, o.service, o.ir.Name, want)
		return
	}
	outs := method.CallSlice(args)
	errV := outs[len(outs)-1]
	var callErr error
	if !errV.IsNil() {
		callErr = errV.Interface().(error)
	}

	got := srv.received(id)
	if got == nil {
		fail("the server received no request: %v", callErr)
		return
	}
	if got.route != o.key {
		fail("the client sent %s, not %s", got.route, o.key)
	}
	for _, p := range got.problems {
		fail("invalid request: %s", p)
	}

	if c.status/100 != 2 {
		checkAPIError(t, c, callErr)
		return
	}
	if callErr != nil {
		fail("the call failed: %v", callErr)
		return
	}
	switch {
	case c.binary:
		rc, ok := outs[0].Interface().(io.ReadCloser)
		if !ok {
			fail("a binary download returns %s, not an io.ReadCloser", outs[0].Type())
			return
		}
		data, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil || string(data) != binaryBody {
			fail("the download read %q (%v), want %q", data, err, binaryBody)
		}
	case len(outs) == 2 && c.resp != nil:
		checkResult(t, c, outs[0])
	}
}

// checkResult checks that the method's result is what the response example decodes to on its
// own: examples_test.go checks that decoding against the description.
func checkResult(t *testing.T, c *call, result reflect.Value) {
	t.Helper()
	ty := result.Type()
	if ty.Kind() == reflect.Pointer {
		ty = ty.Elem()
	}
	data, err := json.Marshal(c.resp)
	if err != nil {
		t.Fatal(err)
	}
	direct := reflect.New(ty)
	if err := json.Unmarshal(data, direct.Interface()); err != nil {
		t.Errorf("%s: the example does not decode into %s: %v", c.name, ty, err)
		return
	}
	got, err1 := json.Marshal(result.Interface())
	want, err2 := json.Marshal(direct.Interface())
	if err1 != nil || err2 != nil {
		t.Errorf("%s: encode the result: %v, %v", c.name, err1, err2)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: the method returned\n%s\nbut the example decodes to\n%s", c.name, got, want)
	}
}

// checkAPIError checks that an error answer came back as an *APIError carrying the example's
// status, type, request id and errors.
func checkAPIError(t *testing.T, c *call, err error) {
	t.Helper()
	var apiErr *intercom.APIError
	if !errors.As(err, &apiErr) {
		t.Errorf("%s: the call returned %v, not an *APIError", c.name, err)
		return
	}
	if apiErr.StatusCode != c.status {
		t.Errorf("%s: status %d, want %d", c.name, apiErr.StatusCode, c.status)
	}
	if c.resp == nil {
		return
	}
	data, _ := json.Marshal(c.resp)
	// Intercom's error list, or on a few endpoints a single error: {code or error_key, message}.
	// Read apart: the model decodes itself (an embedded one would take the whole object).
	var want intercom.Error
	var single struct {
		Code     string `json:"code"`
		ErrorKey string `json:"error_key"`
		Message  string `json:"message"`
	}
	err = errors.Join(json.Unmarshal(data, &want), json.Unmarshal(data, &single))
	if err != nil || intercom.DecodeIssues(&want) != nil {
		// An answer of another shape (the description declares one for a few operations, as
		// {"errors": {"field": "message"}}): the client keeps it in Body.
		if !bytes.Equal(apiErr.Body, data) {
			t.Errorf("%s: the example %s is not Intercom's error list, and the *APIError's Body is %s", c.name, data, apiErr.Body)
		}
		return
	}
	var wantErrs []intercom.ErrorDetail
	for _, e := range want.Errors {
		wantErrs = append(wantErrs, intercom.ErrorDetail{Code: e.Code, Message: e.Message, Field: e.Field})
	}
	if len(wantErrs) == 0 {
		wantErrs = []intercom.ErrorDetail{{Code: cmp.Or(single.Code, single.ErrorKey), Message: single.Message}}
	}
	if apiErr.Type != want.Type || apiErr.RequestID != want.RequestID || !reflect.DeepEqual(apiErr.Errors, wantErrs) {
		t.Errorf("%s: the *APIError has type %q, request id %q, errors %+v; the example has %q, %q, %+v",
			c.name, apiErr.Type, apiErr.RequestID, apiErr.Errors, want.Type, want.RequestID, wantErrs)
	}
}

// pathValue is the argument for path parameter p: its example in the description, else one
// made up from its schema.
func pathValue(o *operation, p *ir.Param) (reflect.Value, error) {
	param := o.parameter(openapi3.ParameterInPath, p.Name)
	if param == nil {
		return reflect.Value{}, fmt.Errorf("path parameter %s is not in the description", p.Name)
	}
	v, err := paramExample(param)
	if err != nil {
		return reflect.Value{}, err
	}
	switch p.Type.Kind {
	case ir.String:
		return reflect.ValueOf(fmt.Sprint(v)), nil
	case ir.Int:
		n, err := strconv.ParseInt(fmt.Sprint(v), 10, 64)
		if err != nil {
			return reflect.Value{}, fmt.Errorf("path parameter %s: example %v is not an integer", p.Name, v)
		}
		return reflect.ValueOf(n), nil
	}
	return reflect.Value{}, fmt.Errorf("path parameter %s has type %s", p.Name, p.Type)
}

// queryValue is the query options of o, every parameter set: to its example in the
// description, else to a value made up from its schema. A parameter that is an object exploded
// into the query (GET /events' filter, one of user_id, intercom_user_id or email) gives the
// options the properties of its example. The options are filled by decoding
// {"<GoField>": value} into them, as encoding/json matches untagged fields by name.
func queryValue(s *suite, o *operation) (reflect.Value, error) {
	ty, err := s.goType(ir.Ref{Kind: ir.Named, Name: o.ir.Query.Name})
	if err != nil {
		return reflect.Value{}, err
	}
	values := map[string]any{} // by name in the query
	objects := map[string]bool{}
	for _, p := range o.op.Parameters {
		param := p.Value
		if param.In != openapi3.ParameterInQuery {
			continue
		}
		v, err := paramExample(param)
		if err != nil {
			return reflect.Value{}, err
		}
		if m, ok := v.(map[string]any); ok && param.Schema != nil && param.Schema.Value.Type.Is(openapi3.TypeObject) {
			for k, pv := range m {
				values[k] = pv
			}
			for name := range objectProperties(param.Schema) {
				objects[name] = true
			}
			continue
		}
		values[param.Name] = v
	}
	fields := map[string]any{}
	for _, f := range o.ir.Query.Fields {
		v, ok := values[f.JSON]
		if !ok {
			if objects[f.JSON] {
				continue // another alternative of an object parameter
			}
			return reflect.Value{}, fmt.Errorf("query parameter %s is not in the description", f.JSON)
		}
		if str, ok := v.(string); ok && f.Type.Kind != ir.String && f.Type.Kind != ir.Named {
			// An example written as a string for a number or boolean ("1677253093").
			var n any
			if json.Unmarshal([]byte(str), &n) == nil {
				v = n
			}
		}
		fields[f.Name] = v
	}
	v := reflect.New(ty)
	data, err := json.Marshal(fields)
	if err != nil {
		return reflect.Value{}, err
	}
	if err := json.Unmarshal(data, v.Interface()); err != nil {
		return reflect.Value{}, fmt.Errorf("query parameters %s do not fit %s: %v", data, ty, err)
	}
	return v, nil
}

// explodedObject reports whether p is an object parameter in form style, exploded: its
// properties are the query's parameters.
func explodedObject(p *openapi3.Parameter) bool {
	return p.In == openapi3.ParameterInQuery && p.Schema != nil && p.Schema.Value != nil &&
		p.Schema.Value.Type.Is(openapi3.TypeObject) && (p.Style == "" || p.Style == openapi3.SerializationForm) &&
		(p.Explode == nil || *p.Explode)
}

// explodedAlternatives reports whether p is an exploded object parameter with alternatives.
func explodedAlternatives(p *openapi3.Parameter) bool {
	return explodedObject(p) && len(p.Schema.Value.OneOf)+len(p.Schema.Value.AnyOf) > 0
}

// objectProperties lists the properties an object schema declares, itself or in its
// alternatives.
func objectProperties(sr *openapi3.SchemaRef) map[string]bool {
	out := map[string]bool{}
	if sr == nil || sr.Value == nil {
		return out
	}
	for name := range sr.Value.Properties {
		out[name] = true
	}
	for _, alts := range []openapi3.SchemaRefs{sr.Value.AllOf, sr.Value.OneOf, sr.Value.AnyOf} {
		for _, a := range alts {
			maps.Copy(out, objectProperties(a))
		}
	}
	return out
}

// parameter returns o's parameter in where named name.
// successStatus is the status the server answers a successful call of o with: the one the
// description declares, or 200 for an operation that declares none (only errors or a default),
// which the client takes as success like any 2xx.
func successStatus(o *operation) int {
	return cmp.Or(o.ir.Status, http.StatusOK)
}

// parameter returns the operation's parameter, or else the one its path declares for all its
// operations.
func (o *operation) parameter(in, name string) *openapi3.Parameter {
	if p := o.op.Parameters.GetByInAndName(in, name); p != nil {
		return p
	}
	return o.item.Parameters.GetByInAndName(in, name)
}

// paramExample returns the example of a parameter, or a value made up from its schema.
func paramExample(p *openapi3.Parameter) (any, error) {
	if p.Example != nil {
		return p.Example, nil
	}
	for _, ex := range sortedValues(p.Examples) {
		return ex.Value.Value, nil
	}
	if p.Schema == nil {
		return nil, fmt.Errorf("parameter %s has neither an example nor a schema", p.Name)
	}
	return sample(p.Schema, 0)
}

func sortedValues[V any](m map[string]V) iter.Seq2[string, V] {
	return func(yield func(string, V) bool) {
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if !yield(k, m[k]) {
				return
			}
		}
	}
}

// sample makes up a value that the schema accepts: the schema's example, default or first enum
// value if it has one, else its required properties (and every property with an example),
// its first alternative, or a plain value of its type.
func sample(ref *openapi3.SchemaRef, depth int) (any, error) {
	if ref == nil || ref.Value == nil {
		return nil, errors.New("no schema")
	}
	if depth > 16 {
		return nil, errors.New("the schema nests too deep")
	}
	sc := ref.Value
	switch {
	case sc.Example != nil && sc.VisitJSON(sc.Example) == nil: // some examples are of the wrong type
		return sc.Example, nil
	case sc.Default != nil:
		return sc.Default, nil
	case len(sc.Enum) > 0:
		return sc.Enum[0], nil
	case len(sc.OneOf) > 0 && len(sc.Properties) == 0:
		return sample(sc.OneOf[0], depth+1)
	case len(sc.AnyOf) > 0 && len(sc.Properties) == 0:
		return sample(sc.AnyOf[0], depth+1)
	case len(sc.AllOf) > 0:
		out := map[string]any{}
		for _, part := range sc.AllOf {
			v, err := sample(part, depth+1)
			if err != nil {
				return nil, err
			}
			if m, ok := v.(map[string]any); ok {
				maps.Copy(out, m)
			}
		}
		return out, nil
	}
	switch {
	case sc.Type.Is(openapi3.TypeObject) || len(sc.Properties) > 0:
		out := map[string]any{}
		required := slices.Clone(sc.Required)
		for _, alts := range []openapi3.SchemaRefs{sc.OneOf, sc.AnyOf} {
			if len(alts) > 0 && alts[0].Value != nil { // alternatives that only list required properties
				required = append(required, alts[0].Value.Required...)
			}
		}
		for name, p := range sortedValues(sc.Properties) {
			if !slices.Contains(required, name) && (p.Value == nil || p.Value.Example == nil) {
				continue
			}
			v, err := sample(p, depth+1)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			out[name] = v
		}
		return out, nil
	case sc.Type.Is(openapi3.TypeArray):
		v, err := sample(sc.Items, depth+1)
		if err != nil {
			return nil, err
		}
		return []any{v}, nil
	case sc.Type.Is(openapi3.TypeString):
		return "conformance", nil
	case sc.Type.Is(openapi3.TypeInteger), sc.Type.Is(openapi3.TypeNumber):
		if sc.Min != nil {
			return *sc.Min, nil
		}
		return 1, nil
	case sc.Type.Is(openapi3.TypeBoolean):
		return true, nil
	}
	return map[string]any{}, nil
}

// TestConformanceServerRejects makes sure the server's validation is not vacuous: it must find
// what is wrong with requests that break the description in one way each.
func TestConformanceServerRejects(t *testing.T) {
	t.Parallel()
	s := load(t)
	srv := newServer(t, s)
	var away, me *operation
	for _, o := range s.ops {
		switch {
		case o.method == http.MethodPut && strings.HasPrefix(o.path, "/admins/{") && strings.HasSuffix(o.path, "}/away"):
			away = o
		case o.key == "GET /me":
			me = o
		}
	}
	if away == nil || me == nil {
		t.Fatal("PUT /admins/{id}/away (by any name of the id) or GET /me is missing from the description")
	}
	good := func() *http.Request {
		r, _ := http.NewRequest(http.MethodPut, srv.URL+basePath+"/admins/123/away",
			strings.NewReader(`{"away_mode_enabled":true,"away_mode_reassign":false}`))
		r.Header.Set("Authorization", "Bearer "+testToken)
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Intercom-Version", intercom.APIVersion)
		return r
	}
	tests := []struct {
		name  string
		op    *operation
		edit  func(r *http.Request) *http.Request
		wants string // in a problem; "" for none
	}{
		{"valid", away, func(r *http.Request) *http.Request { return r }, ""},
		{"no token", away, func(r *http.Request) *http.Request { r.Header.Del("Authorization"); return r }, "authorization failed"},
		{"wrong type in body", away, func(r *http.Request) *http.Request {
			r2, _ := http.NewRequest(r.Method, r.URL.String(), strings.NewReader(`{"away_mode_enabled":"yes","away_mode_reassign":false}`))
			r2.Header = r.Header
			return r2
		}, "away_mode_enabled"},
		{"missing body property", away, func(r *http.Request) *http.Request {
			r2, _ := http.NewRequest(r.Method, r.URL.String(), strings.NewReader(`{"away_mode_enabled":true}`))
			r2.Header = r.Header
			return r2
		}, "away_mode_reassign"},
		{"undeclared query parameter", away, func(r *http.Request) *http.Request { r.URL.RawQuery = "verbose=1"; return r }, `"verbose" is not declared`},
		{"unknown version", away, func(r *http.Request) *http.Request { r.Header.Set("Intercom-Version", "0.9"); return r }, "Intercom-Version"},
		{"other version", away, func(r *http.Request) *http.Request { r.Header.Set("Intercom-Version", "2.8"); return r }, "not the description's version"},
		{"body where none is taken", me, func(r *http.Request) *http.Request {
			r2, _ := http.NewRequest(http.MethodGet, srv.URL+basePath+"/me", strings.NewReader(`{"x":1}`))
			r2.Header = r.Header
			return r2
		}, "body"},
		{"no such path", away, func(r *http.Request) *http.Request { r.URL.Path = basePath + "/admins/123/awayy"; return r }, "matches no operation"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := fmt.Sprintf("reject #%d", i)
			srv.plan(id, &call{op: tt.op, status: http.StatusOK})
			r := tt.edit(good())
			r.Header.Set(callHeader, id)
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
			got := srv.received(id)
			if got == nil {
				t.Fatal("the server saw no request")
			}
			all := strings.Join(got.problems, "\n")
			switch {
			case tt.wants == "" && len(got.problems) > 0:
				t.Errorf("a valid request has problems:\n%s", all)
			case tt.wants != "" && !strings.Contains(all, tt.wants):
				t.Errorf("problems do not mention %q:\n%s", tt.wants, all)
			}
		})
	}
}
