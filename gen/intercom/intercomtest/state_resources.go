package intercomtest

import (
	"reflect"
	"strings"
	"sync"
)

// resource is a kind of record the stateful fake stores, derived from the route table: a
// collection path whose items have a GET ("GET /contacts/{id}"), with the operations of the
// same paths that create, update, delete, list and search them.
type resource struct {
	kind      string       // the collection path without its leading slash: "contacts"
	typ       reflect.Type // what its GET answers: intercom.Contact
	numericID bool         // its ids are numbers
}

// verb is what an operation does to the records of a resource.
type verb int

const (
	verbGet verb = iota + 1
	verbCreate
	verbUpdate
	verbDelete
	verbList
	verbSearch
)

// crud is what a route does to a resource, when it is one of its CRUD operations.
type crud struct {
	res  *resource
	verb verb
}

// cruds returns the CRUD operations of every resource, by route key. A resource's operations
// are found by their method and path alone (POST, PUT, DELETE of the same paths, POST of
// "/search" under the collection); a create or update counts only when it answers the
// resource's type, and a list only when its answer holds a list of items.
var cruds = sync.OnceValue(func() map[string]crud {
	idx := routeIndex()
	out := map[string]crud{}
	byKind := map[string]*resource{}
	for i := range routes {
		r := &routes[i]
		coll, ok := collectionOf(r)
		if !ok || r.method != "GET" || r.result == nil {
			continue
		}
		if r.result.Kind() != reflect.Struct {
			continue
		}
		idField, ok := fieldsOf(r.result)["id"]
		if !ok {
			continue // records without an id (an export job) are not for the store
		}
		res := &resource{kind: strings.TrimPrefix(coll, "/"), typ: r.result}
		if k := idField.typ; isOpt(k) {
			res.numericID = optElem(k).Kind() == reflect.Int64
		} else {
			res.numericID = k.Kind() == reflect.Int64
		}
		byKind[res.kind] = res
		out[r.key()] = crud{res, verbGet}
		for method, v := range map[string]verb{"PUT": verbUpdate, "DELETE": verbDelete} {
			if o := idx[method+" "+r.path]; o != nil && (v == verbDelete || o.result == r.result) {
				out[o.key()] = crud{res, v}
			}
		}
		if o := idx["POST "+coll]; o != nil && o.result == r.result {
			out[o.key()] = crud{res, verbCreate}
		}
		if o := idx["GET "+coll]; o != nil && o.result != nil && itemsOf(o) != nil {
			out[o.key()] = crud{res, verbList}
		}
		if o := idx["POST "+coll+"/search"]; o != nil && o.paging != nil {
			out[o.key()] = crud{res, verbSearch}
		}
	}
	return out
})

// resourceOf returns the resource of kind, if there is one.
func resourceOf(kind string) *resource {
	for _, c := range cruds() {
		if c.res.kind == kind {
			return c.res
		}
	}
	return nil
}

// collectionOf returns the collection of a route whose path names one item of it
// ("/contacts/{id}" is of "/contacts"): a path of literal segments and one final parameter.
func collectionOf(r *route) (string, bool) {
	i := strings.LastIndex(r.path, "/")
	coll, last := r.path[:i], r.path[i+1:]
	if !strings.HasPrefix(last, "{") || strings.Contains(coll, "{") || coll == "" {
		return "", false
	}
	return coll, true
}

// itemsOf returns where the answer of a list operation keeps its items: the paging facts say,
// or else its one property that is a list of objects.
func itemsOf(r *route) []string {
	if r.paging != nil {
		return r.paging.items
	}
	var found []string
	for name, f := range fieldsOf(r.result) {
		if f.typ.Kind() == reflect.Slice && f.typ.Elem().Kind() == reflect.Struct && !isUnion(f.typ.Elem()) {
			if found != nil {
				return nil // two lists: which one is not for us to guess
			}
			found = []string{name}
		}
	}
	return found
}

// elemType returns the type of the items at path in t, a struct.
func elemType(t reflect.Type, path []string) reflect.Type {
	for _, name := range path {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if isOpt(t) {
			t = optElem(t)
		}
		if t.Kind() != reflect.Struct {
			return nil
		}
		f, ok := fieldsOf(t)[name]
		if !ok {
			return nil
		}
		t = f.typ
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Slice {
		return nil
	}
	e := t.Elem()
	for e.Kind() == reflect.Pointer {
		e = e.Elem()
	}
	return e
}
