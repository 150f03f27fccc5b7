package changes

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/gointercom/intercom/generator/ir"
)

// compareModels lists what the two models of the client differ in. Operations are matched by
// method and path, with path parameters unnamed (so that renaming {id} to {ticket_id} is a
// parameter change, not another operation); types by Go name; fields by property name.
func compareModels(from, to *ir.API) *Report {
	r := &Report{}
	a, b := operations(from), operations(to)
	for _, key := range slices.Sorted(maps.Keys(a)) {
		if _, ok := b[key]; !ok {
			r.OperationsRemoved = append(r.OperationsRemoved, describe(a[key]))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(b)) {
		old, ok := a[key]
		if !ok {
			r.OperationsAdded = append(r.OperationsAdded, describe(b[key]))
			continue
		}
		params := compareParams(old.op, b[key].op)
		r.Parameters = append(r.Parameters, params...)
		if what := compareOperation(old, b[key], params); len(what) > 0 {
			r.OperationsChanged = append(r.OperationsChanged, ChangedOperation{Operation: describe(b[key]), Changes: what})
		}
	}
	sortByHTTP(r.OperationsAdded)
	sortByHTTP(r.OperationsRemoved)
	slices.SortStableFunc(r.OperationsChanged, func(x, y ChangedOperation) int { return byPath(x.HTTP, y.HTTP) })

	ta, tb := typesByName(from), typesByName(to)
	ua, ub := uses(from, ta), uses(to, tb)
	for _, name := range slices.Sorted(maps.Keys(ta)) {
		if tb[name] == nil {
			r.TypesRemoved = append(r.TypesRemoved, typeOf(ta[name]))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(tb)) {
		old, nu := ta[name], tb[name]
		if old == nil {
			r.TypesAdded = append(r.TypesAdded, typeOf(nu))
			continue
		}
		switch {
		case old.Kind == ir.Struct && nu.Kind == ir.Struct:
			in := ub[name]
			if in == "" {
				in = ua[name]
			}
			r.Fields = append(r.Fields, compareFields(old, nu, in)...)
		case old.Kind == ir.Enum && nu.Kind == ir.Enum:
			if e, ok := compareEnum(old, nu); ok {
				r.Enums = append(r.Enums, e)
			}
		case old.Kind != nu.Kind && old.Kind != ir.Options && nu.Kind != ir.Options:
			// A struct that became a union, say: a type removed and a type added.
			r.TypesRemoved = append(r.TypesRemoved, typeOf(old))
			r.TypesAdded = append(r.TypesAdded, typeOf(nu))
		}
	}
	return r
}

// op is an operation and the service that offers it.
type op struct {
	svc string
	op  *ir.Operation
}

func operations(api *ir.API) map[string]op {
	m := map[string]op{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			m[opKey(o)] = op{svc: s.Name, op: o}
		}
	}
	return m
}

// opKey identifies an operation across versions: "GET /contacts/{}".
func opKey(o *ir.Operation) string {
	var b strings.Builder
	b.WriteString(o.Method + " ")
	for _, p := range o.PathParts {
		if p.Param != nil {
			b.WriteString("{}")
		} else {
			b.WriteString(p.Literal)
		}
	}
	return b.String()
}

func describe(o op) Operation {
	return Operation{HTTP: o.op.Method + " " + o.op.Path, Go: o.svc + "." + o.op.Name, Summary: o.op.Summary}
}

// byPath orders "METHOD /path" strings by path, then method, so that the operations of a path
// stay together.
func byPath(x, y string) int {
	mx, px, _ := strings.Cut(x, " ")
	my, py, _ := strings.Cut(y, " ")
	return cmp.Or(cmp.Compare(px, py), cmp.Compare(mx, my))
}

func sortByHTTP(ops []Operation) {
	slices.SortStableFunc(ops, func(x, y Operation) int { return byPath(x.HTTP, y.HTTP) })
}

// compareOperation lists what changed in an operation itself.
func compareOperation(a, b op, params []ParameterChange) []string {
	var what []string
	if x, y := a.svc+"."+a.op.Name, b.svc+"."+b.op.Name; x != y {
		what = append(what, fmt.Sprintf("Go method %s → %s", code(x), code(y)))
	}
	if len(params) > 0 {
		n := len(params)
		what = append(what, fmt.Sprintf("%d parameter change%s", n, plural(n)))
	}
	if x, y := bodyType(a.op), bodyType(b.op); x != y {
		what = append(what, fmt.Sprintf("request body %s → %s", orNone(x), orNone(y)))
	}
	if x, y := resultType(a.op), resultType(b.op); x != y {
		what = append(what, fmt.Sprintf("result %s → %s", orNone(x), orNone(y)))
	}
	if a.op.Status != b.op.Status {
		what = append(what, fmt.Sprintf("success status %d → %d", a.op.Status, b.op.Status))
	}
	if x, y := pagingKind(a.op), pagingKind(b.op); x != y {
		what = append(what, fmt.Sprintf("paging %s → %s", orNone(x), orNone(y)))
	}
	if a.op.Deprecated != b.op.Deprecated {
		if b.op.Deprecated {
			what = append(what, "now deprecated")
		} else {
			what = append(what, "no longer deprecated")
		}
	}
	return what
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	if strings.HasPrefix(s, "`") {
		return s
	}
	return code(s)
}

func bodyType(o *ir.Operation) string {
	if o.Body == nil {
		return ""
	}
	if o.Body.ByPointer {
		return "*" + o.Body.Type.String()
	}
	return o.Body.Type.String()
}

func resultType(o *ir.Operation) string {
	switch {
	case o.Binary != "":
		return "io.ReadCloser (" + o.Binary + ")"
	case o.Result == nil:
		return ""
	case o.ResultByPointer:
		return "*" + o.Result.String()
	}
	return o.Result.String()
}

func pagingKind(o *ir.Operation) string {
	if o.Paging == nil {
		return ""
	}
	return o.Paging.Kind.String()
}

// compareParams lists the parameter changes of an operation: path parameters by position,
// query parameters by name.
func compareParams(a, b *ir.Operation) []ParameterChange {
	where := b.Method + " " + b.Path
	var out []ParameterChange
	for i := range max(len(a.PathParams), len(b.PathParams)) {
		switch {
		case i >= len(b.PathParams):
			p := a.PathParams[i]
			out = append(out, ParameterChange{Operation: where, Name: p.Name, In: "path", Change: "removed", Before: p.Type.String()})
		case i >= len(a.PathParams):
			p := b.PathParams[i]
			out = append(out, ParameterChange{Operation: where, Name: p.Name, In: "path", Change: "added", After: p.Type.String()})
		default:
			x, y := a.PathParams[i], b.PathParams[i]
			if x.Name != y.Name {
				out = append(out, ParameterChange{Operation: where, Name: y.Name, In: "path", Change: "renamed", Before: x.Name, After: y.Name})
			}
			if x.Type.String() != y.Type.String() {
				out = append(out, ParameterChange{Operation: where, Name: y.Name, In: "path", Change: "retyped", Before: x.Type.String(), After: y.Type.String()})
			}
		}
	}
	qa, qb := queryParams(a), queryParams(b)
	for _, name := range slices.Sorted(maps.Keys(qa)) {
		if _, ok := qb[name]; !ok {
			out = append(out, ParameterChange{Operation: where, Name: name, In: "query", Change: "removed", Before: qa[name]})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(qb)) {
		old, ok := qa[name]
		switch {
		case !ok:
			out = append(out, ParameterChange{Operation: where, Name: name, In: "query", Change: "added", After: qb[name]})
		case old != qb[name]:
			out = append(out, ParameterChange{Operation: where, Name: name, In: "query", Change: "retyped", Before: old, After: qb[name]})
		}
	}
	return out
}

// queryParams maps each query parameter of o (as the options struct puts it in the query) to
// its Go type.
func queryParams(o *ir.Operation) map[string]string {
	m := map[string]string{}
	if o.Query != nil {
		for _, f := range o.Query.Fields {
			m[f.JSON] = f.Type.String()
		}
	}
	return m
}

func typesByName(api *ir.API) map[string]*ir.Type {
	m := map[string]*ir.Type{}
	for _, t := range api.Types {
		m[t.Name] = t
	}
	return m
}

func typeOf(t *ir.Type) Type {
	return Type{Name: t.Name, Kind: kindName(t.Kind), Origin: ir.Origin(t.Pointer)}
}

func kindName(k ir.TypeKind) string {
	switch k {
	case ir.Struct:
		return "struct"
	case ir.Enum:
		return "enum"
	case ir.Union:
		return "union"
	case ir.Map:
		return "map"
	case ir.Alias:
		return "alias"
	case ir.Options:
		return "query options"
	}
	return "kind " + strconv.Itoa(int(k))
}

// uses tells, for every type, whether requests or responses (or both) hold its values.
func uses(api *ir.API, byName map[string]*ir.Type) map[string]string {
	req, resp := map[string]bool{}, map[string]bool{}
	var visit func(seen map[string]bool, r ir.Ref)
	visit = func(seen map[string]bool, r ir.Ref) {
		switch r.Kind {
		case ir.Slice, ir.MapOf, ir.OptOf:
			visit(seen, *r.Elem)
		case ir.Named:
			t := byName[r.Name]
			if t == nil || seen[t.Name] {
				return
			}
			seen[t.Name] = true
			for _, f := range t.Fields {
				visit(seen, f.Type)
			}
			for _, v := range t.Variants {
				visit(seen, v.Type)
			}
			if t.Elem != nil {
				visit(seen, *t.Elem)
			}
		}
	}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Body != nil {
				visit(req, o.Body.Type)
			}
			if o.Result != nil {
				visit(resp, *o.Result)
			}
		}
	}
	out := map[string]string{}
	for name := range byName {
		var in []string
		if req[name] {
			in = append(in, "request")
		}
		if resp[name] {
			in = append(in, "response")
		}
		out[name] = strings.Join(in, ", ")
	}
	return out
}

// compareFields lists the properties added, removed and retyped between two versions of a
// struct.
func compareFields(a, b *ir.Type, in string) []FieldChange {
	fa, fb := fields(a), fields(b)
	var out []FieldChange
	for _, name := range slices.Sorted(maps.Keys(fa)) {
		if _, ok := fb[name]; !ok {
			out = append(out, FieldChange{Type: b.Name, Field: name, In: in, Change: "removed", Before: fa[name]})
		}
	}
	for _, name := range slices.Sorted(maps.Keys(fb)) {
		old, ok := fa[name]
		switch {
		case !ok:
			out = append(out, FieldChange{Type: b.Name, Field: name, In: in, Change: "added", After: fb[name]})
		case old != fb[name]:
			out = append(out, FieldChange{Type: b.Name, Field: name, In: in, Change: "retyped", Before: old, After: fb[name]})
		}
	}
	slices.SortStableFunc(out, func(x, y FieldChange) int { return cmp.Compare(x.Field, y.Field) })
	return out
}

// fields maps each property of a struct to the Go type of its field, as declared.
func fields(t *ir.Type) map[string]string {
	m := map[string]string{}
	for _, f := range t.Fields {
		typ := f.Type.String()
		switch f.Wrap {
		case ir.Pointer:
			typ = "*" + typ
		case ir.Opt:
			typ = "Opt[" + typ + "]"
		}
		m[f.JSON] = typ
	}
	return m
}

func compareEnum(a, b *ir.Type) (EnumChange, bool) {
	va, vb := map[string]bool{}, map[string]bool{}
	for _, v := range a.Values {
		va[v.Value] = true
	}
	for _, v := range b.Values {
		vb[v.Value] = true
	}
	e := EnumChange{Type: b.Name}
	for _, v := range slices.Sorted(maps.Keys(vb)) {
		if !va[v] {
			e.Added = append(e.Added, v)
		}
	}
	for _, v := range slices.Sorted(maps.Keys(va)) {
		if !vb[v] {
			e.Removed = append(e.Removed, v)
		}
	}
	return e, len(e.Added)+len(e.Removed) > 0
}
