package intercomtest

import (
	"context"
	"encoding/json"
	"iter"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

// The tests of this package hold against the client of every version of the API, generated
// beside them. Where an operation's Go signature changes between versions (a version
// adds query options to Contacts.Get, answers Contacts.Update with a type of its own, names a
// search request after its resource, moves an operation to another service), the tests call it
// through call or searchAll, by its route and with the arguments every version takes: what goes
// over the wire is the same in all of them.

// call calls the client's method for the operation of route ("GET /contacts/{id}") with ctx and
// args, giving nil for each pointer parameter that args skip (the query options a version adds),
// and returns its result as a T: the result itself when it is one, else decoded from its JSON.
func call[T any](t *testing.T, ctx context.Context, c *intercom.Client, route string, args ...any) (*T, error) {
	t.Helper()
	op := opOf(t, route)
	out := opMethod(t, c, op).Call(opArgs(t, ctx, c, op, args))
	err, _ := out[len(out)-1].Interface().(error)
	if err != nil || len(out) == 1 {
		return nil, err
	}
	if v, ok := out[0].Interface().(*T); ok {
		return v, nil
	}
	b, merr := json.Marshal(out[0].Interface())
	v := new(T)
	if merr == nil {
		merr = json.Unmarshal(b, v)
	}
	if merr != nil {
		t.Fatalf("%s: the result %T as a %T: %v", op, out[0].Interface(), v, merr)
	}
	return v, nil
}

// searchAll iterates over the items of the search of route ("POST /contacts/search"), through
// its All iterator, with the request decoded from body, the search's JSON.
func searchAll[T any](t *testing.T, ctx context.Context, c *intercom.Client, route, body string) iter.Seq2[T, error] {
	t.Helper()
	op := opOf(t, route) + "All"
	m := opMethod(t, c, op)
	var req reflect.Value
	for i := 1; i < m.Type().NumIn(); i++ {
		if in := m.Type().In(i); in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct {
			if _, ok := in.Elem().FieldByName("Query"); ok {
				req = reflect.New(in.Elem())
			}
		}
	}
	if !req.IsValid() {
		t.Fatalf("%s takes no search request", op)
	}
	if err := json.Unmarshal([]byte(body), req.Interface()); err != nil {
		t.Fatalf("%s: %s: %v", op, body, err)
	}
	seq, ok := m.Call(opArgs(t, ctx, c, op, []any{req.Interface()}))[0].Interface().(iter.Seq2[T, error])
	if !ok {
		t.Fatalf("%s does not iterate over %s", op, reflect.TypeFor[T]())
	}
	return seq
}

// searchBodyOf is the JSON of a search for query, written as JSON, with per results a page.
func searchBodyOf(query string, per int) string {
	return `{"query": ` + query + `, "pagination": {"per_page": ` + strconv.Itoa(per) + `}}`
}

// opOf returns the client's name of the operation of route ("Contacts.Get").
func opOf(t *testing.T, route string) string {
	t.Helper()
	r := lookupRoute(route)
	if r == nil {
		t.Fatalf("the API has no operation %s", route)
	}
	return r.op
}

// opMethod returns the client's method op ("Contacts.Get").
func opMethod(t *testing.T, c *intercom.Client, op string) reflect.Value {
	t.Helper()
	return method(t, c, &route{op: op})
}

// jsonBody is a request body written as JSON, for call, which decodes it into the request type
// of the operation: the Go shape of some requests differs between versions of the API, their
// JSON does not.
type jsonBody string

// opArgs returns the arguments of op's method: ctx, then args in order (a jsonBody decoded into
// the request type), with nil for each pointer parameter between them that args skip, and no
// options.
func opArgs(t *testing.T, ctx context.Context, c *intercom.Client, op string, args []any) []reflect.Value {
	t.Helper()
	mt := opMethod(t, c, op).Type()
	in := []reflect.Value{reflect.ValueOf(ctx)}
	for j := 1; j < mt.NumIn()-1; j++ { // between ctx and the options
		pt := mt.In(j)
		body, isBody := jsonBody(""), false
		if len(args) > 0 {
			body, isBody = args[0].(jsonBody)
		}
		switch {
		case isBody && pt.Kind() == reflect.Pointer && pt.Elem().Kind() == reflect.Struct && !strings.HasSuffix(pt.Elem().Name(), "Options"):
			v := reflect.New(pt.Elem())
			if err := json.Unmarshal([]byte(body), v.Interface()); err != nil {
				t.Fatalf("%s: %s as a %s: %v", op, body, pt.Elem(), err)
			}
			in = append(in, v)
			args = args[1:]
		case isBody:
			in = append(in, reflect.Zero(pt))
		case len(args) > 0 && args[0] != nil && reflect.TypeOf(args[0]).ConvertibleTo(pt) &&
			(pt.Kind() != reflect.Pointer || reflect.TypeOf(args[0]) == pt):
			in = append(in, reflect.ValueOf(args[0]).Convert(pt))
			args = args[1:]
		case len(args) > 0 && args[0] == nil:
			in = append(in, reflect.Zero(pt))
			args = args[1:]
		case pt.Kind() == reflect.Pointer:
			in = append(in, reflect.Zero(pt))
		default:
			t.Fatalf("%s: no argument for its parameter %d, a %s", op, j, pt)
		}
	}
	if len(args) > 0 {
		t.Fatalf("%s takes no %T", op, args[0])
	}
	return in
}

// routeKeys finds route keys with path parameters in a message of the fake.
var routeKeys = regexp.MustCompile(`\b(GET|POST|PUT|DELETE|PATCH) /[A-Za-z0-9_./{}]*\{[A-Za-z_]+\}[A-Za-z0-9_./{}]*`)

// apiNames rewrites a message of the fake, written with the tests' names of routes ("GET
// /contacts/{id}"), into the names of the version under test ("GET /contacts/{contact_id}" in
// some): where the fake names the route of a request, it names it as the API does. A key the
// message quotes (as a test gave it: Respond("GET /contacts/{id}", 200)) stays.
func apiNames(msg string) string {
	var b strings.Builder
	last := 0
	for _, m := range routeKeys.FindAllStringIndex(msg, -1) {
		b.WriteString(msg[last:m[0]])
		key := msg[m[0]:m[1]]
		if r := lookupRoute(key); r != nil && !strings.HasSuffix(msg[:m[0]], `"`) {
			key = r.key()
		}
		b.WriteString(key)
		last = m[1]
	}
	b.WriteString(msg[last:])
	return b.String()
}
