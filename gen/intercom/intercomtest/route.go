package intercomtest

import (
	"net/url"
	"reflect"
	"strings"
	"sync"
)

// route is one operation of the API as the fake serves it. The generator lists every operation
// in routes (routes_gen.go), from the same model as the client's methods.
type route struct {
	op     string // the client's method, "Contacts.Get"
	method string // "GET"
	path   string // template, "/contacts/{id}"
	status int    // documented success status

	pathParams   []param      // in the order of the path
	query        reflect.Type // the options struct of the query parameters; nil for none
	queryParams  []param
	queryAnyOf   [][]string   // alternative sets of query parameters, one of which is required (its Validate checks)
	body         reflect.Type // the request body; nil for none
	bodyRequired bool
	bodyCheck    func(body any) error // what the client checks of a body beyond its type's Validate; nil for nothing
	result       reflect.Type         // what a 2xx answer decodes into; nil when it has no body
	binary       string               // content type of a binary 2xx answer; "" for JSON
	paging       *paging              // how the operation pages; nil if it does not
}

// param is a path or query parameter.
type param struct {
	name     string       // on the wire
	field    string       // query parameters: the field of the options struct
	typ      reflect.Type // path parameters: the Go type of the argument
	required bool
}

// paging names, as chains of JSON properties, where an operation's answers keep their items,
// the next cursor or the number of pages (total, for a numbered kind), and where its requests
// carry the cursor. The fake knows a kind only by these facts (see synthesize), so a new kind
// of the generator's needs nothing here.
type paging struct {
	items, next, total, param []string
	// endsEmpty says the pages end at an empty one and the cursor is handed on even there (a
	// scroll), rather than at a page without a next cursor.
	endsEmpty bool
}

// fact is what the Go type of a struct field does not say about its property.
type fact struct {
	constant string // the value the property always has; "" for none
	format   string // "email", "uri", "uuid", "date-time" or "date"; "" for none
}

// key is how tests name the route: "GET /contacts/{id}".
func (r *route) key() string { return r.method + " " + r.path }

// shapeOf is a route key without the names of its path parameters, "GET /contacts/{}/tags".
// Versions of the API name the parameters of one path differently (/contacts/{id} in one,
// /contacts/{contact_id} in another), and OpenAPI allows no two paths that differ only in those
// names: a test, and the action table, name a route either way, and the parameters by position.
func shapeOf(key string) string {
	parts := strings.Split(key, "/")
	for i, p := range parts {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			parts[i] = "{}"
		}
	}
	return strings.Join(parts, "/")
}

// keyParams returns the names of the path parameters of a route key, in order.
func keyParams(key string) []string {
	var names []string
	for _, p := range strings.Split(key, "/") {
		if name, ok := strings.CutPrefix(p, "{"); ok {
			names = append(names, strings.TrimSuffix(name, "}"))
		}
	}
	return names
}

// routeShapes returns the routes by shape.
var routeShapes = sync.OnceValue(func() map[string]*route {
	m := make(map[string]*route, len(routes))
	for i := range routes {
		m[shapeOf(routes[i].key())] = &routes[i]
	}
	return m
})

// lookupRoute returns the route a key names, with the API's names of its path parameters or
// others (see shapeOf), or nil.
func lookupRoute(key string) *route {
	if r := routeIndex()[key]; r != nil {
		return r
	}
	return routeShapes()[shapeOf(key)]
}

// pathParam returns the value of the path parameter that key, a name of r, calls name: the
// parameter at the same position of r's path.
func pathParam(r *route, key, name string, values map[string]string) string {
	for i, n := range keyParams(key) {
		if n == name && i < len(r.pathParams) {
			return values[r.pathParams[i].name]
		}
	}
	return ""
}

// routeIndex returns the routes by key.
var routeIndex = sync.OnceValue(func() map[string]*route {
	m := make(map[string]*route, len(routes))
	for i := range routes {
		m[routes[i].key()] = &routes[i]
	}
	return m
})

// match finds the route of a request from its method and escaped path, with the values of its
// path parameters, unescaped. Where several templates fit, the one with a literal segment
// where the others have a parameter wins ("/contacts/search" over "/contacts/{id}"). Without a
// match, methods lists the methods of the templates the path fits, for the message.
func match(method, escapedPath string) (r *route, params map[string]string, methods []string) {
	segs := strings.Split(escapedPath, "/")
	var best *route
	var bestValues []string
	for i := range routes {
		cand := &routes[i]
		values, ok := fit(cand.path, segs)
		if !ok {
			continue
		}
		if cand.method != method {
			methods = append(methods, cand.method)
			continue
		}
		if best == nil || moreLiteral(cand.path, best.path) {
			best, bestValues = cand, values
		}
	}
	if best == nil {
		return nil, nil, methods
	}
	params = map[string]string{}
	for i, p := range best.pathParams {
		params[p.name] = bestValues[i]
	}
	return best, params, nil
}

// fit matches the segments of a path against a template, returning the values of its
// parameters in order. A parameter takes one whole, non-empty segment.
func fit(template string, segs []string) ([]string, bool) {
	tsegs := strings.Split(template, "/")
	if len(tsegs) != len(segs) {
		return nil, false
	}
	var values []string
	for i, t := range tsegs {
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			values = append(values, v)
			continue
		}
		if t != segs[i] {
			return nil, false
		}
	}
	return values, true
}

// moreLiteral reports whether template a has a literal segment where b first has a parameter.
func moreLiteral(a, b string) bool {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	for i := range min(len(as), len(bs)) {
		ap, bp := strings.HasPrefix(as[i], "{"), strings.HasPrefix(bs[i], "{")
		if ap != bp {
			return bp
		}
	}
	return false
}
