package lower

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gointercom/intercom/generator/ir"
)

// resources gives the operations their part in the life of a resource's records, for the fake
// server's store. A resource is a collection path whose items have a GET answering an object
// with an id ("GET /contacts/{id}"); its other plain operations are found by method and path: a
// PUT or DELETE of the same path, a POST to the collection and a POST to its "/search" (a
// paged search), a GET of the collection whose answer holds the items. A create or update
// counts only when it answers what the GET does. Where methods and paths cannot say, the
// overlay does, with x-resource on the operation: {kind, verb, key}, or {verb: none} to say
// an operation is none of its resource's.
func (l *lowerer) resources(api *ir.API) {
	ops := map[string]*ir.Operation{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			ops[o.Method+" "+o.Path] = o
		}
	}
	kinds := map[string]bool{}
	for _, key := range slices.Sorted(maps.Keys(ops)) {
		get := ops[key]
		coll, ok := collection(get.Path)
		if !ok || get.Method != "GET" || !l.hasID(get.Result) {
			continue
		}
		kind := strings.TrimPrefix(coll, "/")
		kinds[kind] = true
		get.Resource = &ir.ResourceRole{Kind: kind, Verb: ir.VerbGet}
		same := func(o *ir.Operation) bool { return o.Result != nil && *o.Result == *get.Result }
		for _, c := range []struct {
			key  string
			verb ir.Verb
			ok   func(*ir.Operation) bool
		}{
			{"PUT " + get.Path, ir.VerbUpdate, same},
			{"DELETE " + get.Path, ir.VerbDelete, func(*ir.Operation) bool { return true }},
			{"POST " + coll, ir.VerbCreate, same},
			{"GET " + coll, ir.VerbList, l.lists},
			{"POST " + coll + "/search", ir.VerbSearch, func(o *ir.Operation) bool { return o.Paging != nil }},
		} {
			if o := ops[c.key]; o != nil && c.ok(o) {
				o.Resource = &ir.ResourceRole{Kind: kind, Verb: c.verb}
			}
		}
	}
	for _, key := range slices.Sorted(maps.Keys(ops)) {
		l.resourceSpec(ops[key], kinds)
	}
}

// resourceSpec applies the x-resource of an operation, if it has one.
func (l *lowerer) resourceSpec(o *ir.Operation, kinds map[string]bool) {
	item := l.t.Paths.Value(o.Path)
	if item == nil {
		return
	}
	op := item.GetOperation(o.Method)
	if op == nil {
		return
	}
	raw, ok := op.Extensions["x-resource"]
	if !ok {
		return
	}
	where := o.Method + " " + o.Path
	m, ok := raw.(map[string]any)
	str := func(k string) string { s, _ := m[k].(string); return s }
	if !ok {
		l.problem(o.Pointer, where, "x-resource must be an object: {kind, verb, key}")
		return
	}
	if str("verb") == "none" {
		o.Resource = nil
		return
	}
	verb, ok := ir.ParseVerb(str("verb"))
	role := &ir.ResourceRole{Kind: str("kind"), Verb: verb, Key: str("key")}
	var err error
	switch {
	case !ok:
		err = fmt.Errorf("verb %q is not one of get, create, update, delete, list, search, none", str("verb"))
	case !kinds[role.Kind]:
		err = fmt.Errorf("kind %q is not a resource (one with a GET of an item, such as contacts)", role.Kind)
	case role.Verb == ir.VerbList && !l.lists(o), role.Verb == ir.VerbSearch && o.Paging == nil:
		err = fmt.Errorf("a %s answers a list of items, and this operation does not", role.Verb)
	case role.Key != "" && role.Verb != ir.VerbCreate:
		err = fmt.Errorf("key is for a create (a create that updates the record with the same key)")
	case role.Key != "" && o.Body == nil:
		err = fmt.Errorf("key %q: the operation has no body to find it in", role.Key)
	}
	if err != nil {
		l.problem(o.Pointer, where, "x-resource: %v", err)
		return
	}
	o.Resource = role
}

// collection returns the collection a path names one item of ("/contacts/{id}" is of
// "/contacts"): literal segments, then one parameter.
func collection(path string) (string, bool) {
	i := strings.LastIndex(path, "/")
	coll, last := path[:i], path[i+1:]
	if !strings.HasPrefix(last, "{") || strings.Contains(coll, "{") || coll == "" {
		return "", false
	}
	return coll, true
}

// hasID reports whether r is an object type with an "id" property.
func (l *lowerer) hasID(r *ir.Ref) bool {
	if r == nil || r.Kind != ir.Named {
		return false
	}
	t := l.types[r.Name]
	if t == nil || t.Kind != ir.Struct {
		return false
	}
	return slices.ContainsFunc(t.Fields, func(f *ir.Field) bool { return f.JSON == "id" })
}

// lists reports whether an operation answers a list of items: it pages, or its answer has one
// property that is a list of objects.
func (l *lowerer) lists(o *ir.Operation) bool {
	if o.Paging != nil {
		return true
	}
	if o.Result == nil || o.Result.Kind != ir.Named || l.types[o.Result.Name] == nil {
		return false
	}
	n := 0
	for _, f := range l.types[o.Result.Name].Fields {
		if f.Type.Kind == ir.Slice && f.Type.Elem != nil && f.Type.Elem.Kind == ir.Named {
			if t := l.types[f.Type.Elem.Name]; t != nil && t.Kind == ir.Struct {
				n++
			}
		}
	}
	return n == 1
}
