package lower

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/naming"
)

// findExt is a search operation's x-find-by, as the overlay writes it: the fields to make a
// FindBy<Field> method for, what is found, and where the request and the answer say what the
// lookup needs (dotted property names).
type findExt struct {
	Noun    string   `json:"noun"`     // what is found, in errors and docs: "contact"
	Fields  []string `json:"fields"`   // search fields (x-search-fields) of type string
	Query   string   `json:"query"`    // request body: the query, the runtime's Filter
	PerPage string   `json:"per-page"` // request body: the page size; "" for none
	Total   string   `json:"total"`    // response: how many match in all; "" for none
	ID      string   `json:"id"`       // item: its id
}

// upsertExt is a create operation's x-upsert: the identifiers an existing item is found by
// (each a field of the service's x-find-by and a property of the create request), in the order
// tried, and the operationId of the update.
type upsertExt struct {
	Keys   []string `json:"keys"`
	Update string   `json:"update"`
}

// lookupSpecs holds each operation's x-find-by and x-upsert until the operations and their
// paging are complete.
type lookupSpecs struct {
	finds   map[*ir.Operation]findExt
	upserts map[*ir.Operation]upsertExt
	where   map[*ir.Operation]string
}

// lookupSpec records the x-find-by and x-upsert of op, if any, for lookups to resolve.
func (l *lowerer) lookupSpec(o *ir.Operation, op *openapi3.Operation, where string) {
	var f findExt
	if l.decodeExt(op.Extensions, o.Pointer, where, "x-find-by", &f) {
		l.lookupExts.finds[o] = f
		l.lookupExts.where[o] = where
	}
	var u upsertExt
	if l.decodeExt(op.Extensions, o.Pointer, where, "x-upsert", &u) {
		l.lookupExts.upserts[o] = u
		l.lookupExts.where[o] = where
	}
}

// lookups resolves every recorded x-find-by, then every x-upsert (which uses the finds), into
// the methods of their services.
func (l *lowerer) lookups(api *ir.API) {
	for _, s := range api.Services {
		methods := serviceMethods(s)
		for _, o := range s.Operations {
			if ext, ok := l.lookupExts.finds[o]; ok {
				l.finds(s, o, ext, methods)
			}
		}
		for _, o := range s.Operations {
			if ext, ok := l.lookupExts.upserts[o]; ok {
				l.upsert(s, o, ext, methods)
			}
		}
		slices.SortFunc(s.Finds, func(a, b *ir.FindBy) int { return cmp.Compare(a.Name, b.Name) })
		slices.SortFunc(s.Upserts, func(a, b *ir.Upsert) int { return cmp.Compare(a.Name, b.Name) })
	}
}

// serviceMethods maps the methods of a service so far to what makes them.
func serviceMethods(s *ir.Service) map[string]string {
	m := map[string]string{}
	for _, o := range s.Operations {
		what := fmt.Sprintf("%s %s", o.Method, o.Path)
		m[o.Name] = what
		if p := o.Paging; p != nil {
			m[p.Pages], m[p.All], m[p.Send] = "the iterators of "+what, "the iterators of "+what, "the iterators of "+what
		}
	}
	return m
}

// claim takes the method name of service s for what, or reports who has it.
func (l *lowerer) claim(methods map[string]string, s *ir.Service, name, what string, o *ir.Operation, where string) bool {
	if prev, ok := methods[name]; ok {
		l.problem(o.Pointer, where, "%s makes the method %s.%s, which %s also makes", what, s.Name, name, prev)
		return false
	}
	methods[name] = what + " of " + where
	return true
}

func (l *lowerer) finds(s *ir.Service, o *ir.Operation, ext findExt, methods map[string]string) {
	where := l.lookupExts.where[o]
	fail := func(format string, args ...any) { l.problem(o.Pointer, where, "x-find-by: "+format, args...) }
	switch {
	case o.Search == nil:
		fail("the operation has no x-search-fields to find by")
		return
	case o.Paging == nil || !o.Paging.Kind.Facts().InBody:
		fail("the operation needs an x-pagination of a kind paging through its body, which says where its items are")
		return
	case len(o.PathParams) > 0:
		fail("the operation takes path parameters, which a lookup by one value cannot give")
		return
	case ext.Noun == "" || len(ext.Fields) == 0:
		fail("needs noun (what is found) and fields")
		return
	}
	base := ir.FindBy{Search: o, Noun: ext.Noun}
	var ref ir.Ref
	var err error
	if base.Query, ref, err = l.path(o.Body.Type, ext.Query); err != nil {
		fail("query: %v", err)
		return
	} else if ref.Kind != ir.Runtime || ref.Name != ir.QueryType {
		fail("query: %s is %s, not the runtime's %s (set x-runtime-type: %s on it)", ext.Query, describe(ref), ir.QueryType, ir.QueryType)
		return
	}
	if ext.PerPage != "" {
		if base.PerPage, ref, err = l.path(o.Body.Type, ext.PerPage); err != nil {
			fail("per-page: %v", err)
			return
		} else if ref.Kind != ir.Int {
			fail("per-page: %s is not an integer", ext.PerPage)
			return
		}
	}
	if ext.Total != "" {
		if base.Total, ref, err = l.path(*o.Result, ext.Total); err != nil {
			fail("total: %v", err)
			return
		} else if ref.Kind != ir.Int {
			fail("total: %s is not an integer", ext.Total)
			return
		}
	}
	if base.ID, ref, err = l.path(o.Paging.Item, ext.ID); err != nil {
		fail("id: %v", err)
		return
	} else if ref.Kind != ir.String {
		fail("id: %s is not a string", ext.ID)
		return
	}
	for _, name := range ext.Fields {
		i := slices.IndexFunc(o.Search.Fields, func(f *ir.SearchField) bool { return f.Name == name })
		if i < 0 {
			fail("field %q is not one of the operation's x-search-fields", name)
			continue
		}
		if sf := o.Search.Fields[i]; sf.Type != "string" {
			fail("field %q is of type %s; a lookup takes a string", name, sf.Type)
			continue
		}
		f := base
		f.Field, f.Name, f.Arg = o.Search.Fields[i], naming.FindByMethod(name), naming.Unexported(name)
		if l.claim(methods, s, f.Name, "x-find-by "+name, o, where) {
			s.Finds = append(s.Finds, &f)
		}
	}
}

func (l *lowerer) upsert(s *ir.Service, o *ir.Operation, ext upsertExt, methods map[string]string) {
	where := l.lookupExts.where[o]
	fail := func(format string, args ...any) { l.problem(o.Pointer, where, "x-upsert: "+format, args...) }
	i := slices.IndexFunc(s.Operations, func(u *ir.Operation) bool { return u.ID == ext.Update })
	if ext.Update == "" || i < 0 {
		fail("update %q is not the operationId of an operation of %s", ext.Update, s.Name)
		return
	}
	u := &ir.Upsert{Name: naming.UpsertMethod, Create: o, Update: s.Operations[i]}
	switch {
	case len(ext.Keys) == 0:
		fail("needs the keys an existing item is found by")
		return
	case !structBody(l, o) || len(o.PathParams) > 0:
		fail("the create must take an object body and no path parameters")
		return
	case !structBody(l, u.Update) || len(u.Update.PathParams) != 1 || u.Update.PathParams[0].Type.Kind != ir.String:
		fail("the update %s must take the item's id (one string path parameter) and an object body", ext.Update)
		return
	case o.Result == nil || u.Update.Result == nil || o.Result.Kind != ir.Named || *o.Result != *u.Update.Result:
		fail("the create answers %s and the update %s answers %s: an upsert answers one type (point both answers at one schema in the overlay)",
			describeResult(o), ext.Update, describeResult(u.Update))
		return
	}
	for _, key := range ext.Keys {
		j := slices.IndexFunc(s.Finds, func(f *ir.FindBy) bool { return f.Field.Name == key })
		if j < 0 || s.Finds[j].Search.Paging.Item != *o.Result {
			fail("key %q has no x-find-by of %s finding %s", key, s.Name, describeResult(o))
			return
		}
		value, ref, err := l.path(o.Body.Type, key)
		if err != nil || ref.Kind != ir.String || value[len(value)-1].Wrap == ir.Pointer {
			fail("key %q is not a string property of the create's request", key)
			return
		}
		u.Keys = append(u.Keys, ir.UpsertKey{Value: value, Find: s.Finds[j]})
	}
	u.Noun, u.ID = u.Keys[0].Find.Noun, u.Keys[0].Find.ID
	u.Var = naming.Unexported(u.Noun)
	if u.Var == "ctx" || u.Var == "req" || u.Var == "opts" || u.Var == "created" || u.Var == "err" || u.Var == "s" {
		u.Var = "item" // the method's other names
	}
	if l.claim(methods, s, u.Name, "x-upsert", o, where) {
		s.Upserts = append(s.Upserts, u)
	}
}

// structBody reports whether o takes a request body that is a struct.
func structBody(l *lowerer, o *ir.Operation) bool {
	if o.Body == nil || o.Body.Type.Kind != ir.Named {
		return false
	}
	t := l.types[o.Body.Type.Name]
	return t != nil && t.Kind == ir.Struct
}

func describeResult(o *ir.Operation) string {
	if o.Result == nil {
		return "nothing"
	}
	return o.Result.String()
}
