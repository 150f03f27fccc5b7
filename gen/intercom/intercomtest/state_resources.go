package intercomtest

import (
	"reflect"
	"sync"
)

// resource is a kind of record the stateful fake stores: a collection path whose items have a
// GET ("GET /contacts/{id}"), with the operations that create, update, delete, list and search
// them (resourceRoutes).
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

// resourceRole is what an operation does to the records of a resource, as the generated table
// resourceRoutes (resources_gen.go) has it.
type resourceRole struct {
	kind string // "contacts"
	verb verb
	key  string // for a create: the property by which it updates a record instead; "" for none
}

// crud is what a route does to a resource, when it is one of its CRUD operations.
type crud struct {
	res  *resource
	verb verb
	key  string
}

// cruds returns the CRUD operations of every resource, by route key, from the generated
// resourceRoutes: the model finds them by method and path, and the overlay's x-resource says
// what those cannot. A resource's type is what its GET answers.
var cruds = sync.OnceValue(func() map[string]crud {
	idx := routeIndex()
	byKind := map[string]*resource{}
	for key, role := range resourceRoutes {
		if role.verb != verbGet {
			continue
		}
		r := idx[key]
		res := &resource{kind: role.kind, typ: r.result}
		if f, ok := fieldsOf(r.result)["id"]; ok {
			res.numericID = unwrap(f.typ).Kind() == reflect.Int64
		}
		byKind[role.kind] = res
	}
	out := make(map[string]crud, len(resourceRoutes))
	for key, role := range resourceRoutes {
		if res := byKind[role.kind]; res != nil {
			out[key] = crud{res, role.verb, role.key}
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
