package lower

import (
	"cmp"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gointercom/intercom/generator/diag"
	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/naming"
	"github.com/gointercom/intercom/generator/spec"
)

const componentsPrefix = "#/components/schemas/"

// component returns the Ref of a component schema, lowering it on first use. Every component
// becomes a named type, so that the names in the description are the names in Go.
func (l *lowerer) component(ptr string) ir.Ref {
	if r, ok := l.comps[ptr]; ok {
		return r
	}
	key := strings.TrimPrefix(ptr, componentsPrefix)
	sr := l.t.Components.Schemas[key]
	if sr == nil || sr.Value == nil {
		l.problem(ptr, "", "schema %s is not defined", ptr)
		return ir.Ref{Kind: ir.Any}
	}
	if r, ok := runtimeType(sr.Value); ok {
		l.comps[ptr] = r
		return r
	}
	name := naming.Exported(key)
	if x, ok := sr.Value.Extensions["x-go-name"].(string); ok && x != "" {
		name = x
	}
	r := ir.Ref{Kind: ir.Named, Name: name}
	l.comps[ptr] = r // before lowering the body, so that cycles end here
	t := l.define(name, ptr, sr.Value)
	if t.Kind == ir.Alias && t.Elem != nil && t.Elem.Kind == ir.Named && t.Elem.Name == name {
		l.problem(ptr, "", "schema %s refers to itself without structure", ptr)
	}
	return r
}

// schema lowers a schema in place: a $ref names its component, scalars and arrays become Go
// types directly, and inline objects, enums and unions become named types called name.
func (l *lowerer) schema(sr *openapi3.SchemaRef, ptr, name string) ir.Ref {
	if sr == nil {
		return ir.Ref{Kind: ir.Any}
	}
	if sr.Ref != "" {
		if !strings.HasPrefix(sr.Ref, componentsPrefix) {
			l.problem(ptr, "", "$ref %s does not name a component schema", sr.Ref)
			return ir.Ref{Kind: ir.Any}
		}
		return l.component(sr.Ref)
	}
	s := sr.Value
	if s == nil {
		return ir.Ref{Kind: ir.Any}
	}
	if r, ok := runtimeType(s); ok {
		return r
	}
	if inner, innerPtr, ok := delegate(s, ptr); ok {
		return l.schema(inner, innerPtr, name)
	}
	switch k := l.kind(s); k {
	case kindStruct, kindUnion, kindMap, kindEnum:
		if k == kindMap && isFree(s.AdditionalProperties) {
			return ir.Ref{Kind: ir.MapOf, Elem: &ir.Ref{Kind: ir.Any}}
		}
		l.define(name, ptr, s)
		return ir.Ref{Kind: ir.Named, Name: name}
	default:
		return l.scalar(s, ptr, name)
	}
}

// scalar lowers schemas that need no named type: strings, numbers, booleans, arrays, free-form.
func (l *lowerer) scalar(s *openapi3.Schema, ptr, name string) ir.Ref {
	switch {
	case is(s, "array"):
		elem := l.schema(s.Items, ptr+"/items", name+"Item")
		if s.Items != nil && s.Items.Ref == "" && s.Items.Value != nil && s.Items.Value.Nullable && optable(elem) {
			// A null element is not the element's zero value ("" is a reaction too).
			inner := elem
			elem = ir.Ref{Kind: ir.OptOf, Elem: &inner}
		}
		return ir.Ref{Kind: ir.Slice, Elem: &elem}
	case is(s, "string"):
		return ir.Ref{Kind: ir.String}
	case is(s, "integer"):
		switch s.Format {
		case "date-time", "timestamp", "unix-time":
			return ir.Ref{Kind: ir.Timestamp}
		}
		return ir.Ref{Kind: ir.Int}
	case is(s, "number"):
		return ir.Ref{Kind: ir.Float}
	case is(s, "boolean"):
		return ir.Ref{Kind: ir.Bool}
	case is(s, "object"):
		return ir.Ref{Kind: ir.MapOf, Elem: &ir.Ref{Kind: ir.Any}}
	}
	return ir.Ref{Kind: ir.Any}
}

// runtimeType returns the hand-written runtime type the overlay maps s onto with x-runtime-type.
func runtimeType(s *openapi3.Schema) (ir.Ref, bool) {
	if x, ok := s.Extensions["x-runtime-type"].(string); ok && x != "" {
		return ir.Ref{Kind: ir.Runtime, Name: x}, true
	}
	return ir.Ref{}, false
}

// optable reports whether a value of r has a zero value that a null would be mistaken for:
// scalars do; slices, maps and free-form values have nil.
func optable(r ir.Ref) bool {
	switch r.Kind {
	case ir.String, ir.Int, ir.Float, ir.Bool, ir.Timestamp:
		return true
	}
	return false
}

type schemaKind int

const (
	kindScalar schemaKind = iota
	kindStruct
	kindUnion
	kindMap
	kindEnum
)

func (l *lowerer) kind(s *openapi3.Schema) schemaKind {
	switch {
	case len(branches(s)) > 0:
		return kindUnion
	case len(s.Properties) > 0 || len(s.AllOf) > 0:
		return kindStruct
	case is(s, "string") && len(enumValues(s)) > 1:
		return kindEnum
	case is(s, "object") || s.AdditionalProperties.Schema != nil:
		return kindMap
	}
	return kindScalar
}

// define creates the named type name from schema s.
func (l *lowerer) define(name, ptr string, s *openapi3.Schema) *ir.Type {
	title := s.Title
	if naming.Exported(title) == name {
		title = "" // a title that only repeats the name says nothing
	}
	t := &ir.Type{Name: name, Pointer: ptr, Doc: cleanDoc(title, s.Description)}
	if !l.register(name, ptr) {
		return t
	}
	l.types[name] = t
	if s.Deprecated {
		t.Doc = strings.TrimSpace(t.Doc + "\n\nDeprecated: the API marks this type as deprecated.")
	}
	if inner, innerPtr, ok := delegate(s, ptr); ok {
		t.Kind = ir.Alias
		elem := l.schema(inner, innerPtr, name+"Value")
		t.Elem = &elem
		return t
	}
	switch l.kind(s) {
	case kindUnion:
		t.Kind = ir.Union
		l.union(t, s, ptr)
	case kindStruct:
		t.Kind = ir.Struct
		l.fields(t, s, ptr)
		t.AnyOfRequired = constraints(s)
		t.FromString = l.shorthand(t, s, ptr, "x-from-string", ir.String)
		t.FromArray = l.shorthand(t, s, ptr, "x-from-array", ir.Slice)
	case kindEnum:
		t.Kind = ir.Enum
		l.enum(t, s, ptr)
	case kindMap:
		t.Kind = ir.Map
		elem := ir.Ref{Kind: ir.Any}
		if a := s.AdditionalProperties.Schema; a != nil {
			elem = l.schema(a, ptr+"/additionalProperties", name+"Value")
		}
		t.Elem = &elem
	default:
		t.Kind = ir.Alias
		elem := l.scalar(s, ptr, name+"Item")
		t.Elem = &elem
	}
	return t
}

// register claims a Go name for the schema at ptr, reporting a clash with an earlier claim.
func (l *lowerer) register(name, ptr string) bool {
	if !naming.IsIdentifier(name) {
		l.problem(ptr, "", "Go name %q is not an exported identifier; set x-go-name in the overlay", name)
		return false
	}
	if prev, ok := l.owner[name]; ok {
		l.problem(ptr, "", "Go name %s is already used by %s; set x-go-name in the overlay to tell them apart", name, prev)
		return false
	}
	l.owner[name] = ptr
	return true
}

type prop struct {
	name     string
	schema   *openapi3.SchemaRef
	ptr      string
	required bool
}

// props collects the properties of an object schema, those of its allOf members first, in the
// order the description declares them.
func (l *lowerer) props(s *openapi3.Schema, ptr string) []prop {
	var out []prop
	index := map[string]int{}
	add := func(p prop) {
		if i, ok := index[p.name]; ok {
			p.required = p.required || out[i].required
			out[i] = p
			return
		}
		index[p.name] = len(out)
		out = append(out, p)
	}
	for i, m := range s.AllOf {
		mptr := fmt.Sprintf("%s/allOf/%d", ptr, i)
		if m.Ref != "" {
			mptr = m.Ref
		}
		if m.Value != nil {
			for _, p := range l.props(m.Value, mptr) {
				add(p)
			}
		}
	}
	for _, k := range l.orderedKeys(ptr+"/properties", s.Properties) {
		add(prop{name: k, schema: s.Properties[k], ptr: ptr + "/properties/" + escape(k), required: slices.Contains(s.Required, k)})
	}
	for _, r := range s.Required {
		if i, ok := index[r]; ok {
			out[i].required = true
		}
	}
	return out
}

func (l *lowerer) fields(t *ir.Type, s *openapi3.Schema, ptr string) {
	used := map[string]string{}
	var fromObject []prop // the properties with x-from-object, read once every field is known
	for _, p := range l.props(s, ptr) {
		ps := p.schema.Value
		f := &ir.Field{JSON: p.name, Required: p.required, Name: naming.Exported(p.name)}
		if ps != nil {
			if x, ok := ps.Extensions["x-go-name"].(string); ok && x != "" {
				f.Name = x
			}
			f.Nullable = ps.Nullable
			f.Aliases = l.aliases(ps, p.ptr)
			f.Deprecated = ps.Deprecated
			f.Min, f.Max = ps.Min, ps.Max
			if is(ps, "string") {
				f.Format = ps.Format
			}
			f.Doc = cleanDoc("", ps.Description)
			if c, ok := constant(ps); ok && p.schema.Ref == "" {
				f.Const = c
				f.Doc = strings.TrimSpace(f.Doc + fmt.Sprintf("\n\nAlways %q.", c))
			}
		}
		if !naming.IsIdentifier(f.Name) {
			l.problem(p.ptr, "", "property %q makes no Go field name; set x-go-name in the overlay", p.name)
			continue
		}
		if prev, ok := used[f.Name]; ok {
			l.problem(p.ptr, "", "properties %q and %q both make field %s.%s; set x-go-name in the overlay", prev, p.name, t.Name, f.Name)
			continue
		}
		used[f.Name] = p.name
		if f.Const != "" {
			f.Type = ir.Ref{Kind: ir.String}
		} else {
			f.Type = l.schema(p.schema, p.ptr, t.Name+f.Name)
		}
		t.Fields = append(t.Fields, f)
		if ps != nil && ps.Extensions["x-from-object"] != nil {
			fromObject = append(fromObject, p)
		}
	}
	for _, p := range fromObject {
		l.fromObject(t, p)
	}
}

// fromObject reads x-from-object of the property p of t: a map from the properties of an
// object that may arrive in place of its value (the shape a later API version sends where this
// one sends its parts) to the properties of t each is read into.
func (l *lowerer) fromObject(t *ir.Type, p prop) {
	f := t.Fields[slices.IndexFunc(t.Fields, func(f *ir.Field) bool { return f.JSON == p.name })]
	if !slices.ContainsFunc([]string{"string", "integer", "number", "boolean"}, func(typ string) bool { return is(p.schema.Value, typ) }) {
		l.problem(p.ptr, "", "x-from-object on %s, whose value is not a scalar (a string, a number or a boolean)", p.name)
		return
	}
	var m map[string]string
	if !l.decodeExt(p.schema.Value.Extensions, p.ptr, "", "x-from-object", &m) {
		return
	}
	if len(m) == 0 {
		l.problem(p.ptr, "", "x-from-object maps none of an object's properties to properties of %s", t.Name)
		return
	}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		i := slices.IndexFunc(t.Fields, func(f *ir.Field) bool { return f.JSON == m[k] })
		if i < 0 {
			l.problem(p.ptr, "", "x-from-object reads %s into %s, which is not a property of %s", k, m[k], t.Name)
			continue
		}
		f.FromObject = append(f.FromObject, ir.ObjectProp{Prop: k, Into: t.Fields[i]})
	}
}

// shorthand reads the extension ext of the struct t (x-from-string, x-from-array): the name of
// its property, of Go kind kind, that a JSON value of that kind in place of the whole object
// stands for.
func (l *lowerer) shorthand(t *ir.Type, s *openapi3.Schema, ptr, ext string, kind ir.RefKind) string {
	var name string
	if !l.decodeExt(s.Extensions, ptr, "", ext, &name) {
		return ""
	}
	i := slices.IndexFunc(t.Fields, func(f *ir.Field) bool { return f.JSON == name })
	if i < 0 || t.Fields[i].Type.Kind != kind {
		what := map[ir.RefKind]string{ir.String: "string", ir.Slice: "list"}[kind]
		l.problem(ptr, "", "%s %s names no %s property of %s", ext, name, what, t.Name)
		return ""
	}
	return name
}

// aliases returns the other names a property arrives under, x-wire-aliases, sorted.
func (l *lowerer) aliases(s *openapi3.Schema, ptr string) []string {
	xs, ok := s.Extensions["x-wire-aliases"].([]any)
	if !ok {
		if s.Extensions["x-wire-aliases"] != nil {
			l.problem(ptr, "", "x-wire-aliases must be a list of property names")
		}
		return nil
	}
	var out []string
	for _, x := range xs {
		name, ok := x.(string)
		if !ok || name == "" {
			l.problem(ptr, "", "x-wire-aliases holds %v, not a property name", x)
			continue
		}
		out = append(out, name)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func (l *lowerer) enum(t *ir.Type, s *openapi3.Schema, ptr string) {
	// x-enum-varnames names values that make no identifier ("=", "!~"), in the order of enum.
	var varnames []string
	if xs, ok := s.Extensions["x-enum-varnames"].([]any); ok {
		for _, x := range xs {
			str, _ := x.(string)
			varnames = append(varnames, str)
		}
	}
	seen := map[string]string{}
	for i, v := range s.Enum {
		if v == nil {
			continue // null is a value of nullable enums, not a constant
		}
		str, ok := v.(string)
		if !ok {
			l.problem(ptr, "", "enum value %v of %s is not a string", v, t.Name)
			continue
		}
		suffix := naming.Exported(str)
		if i < len(varnames) && varnames[i] != "" {
			suffix = varnames[i]
		}
		c := t.Name + suffix
		if suffix == "" {
			l.problem(ptr, "", "enum value %q of %s makes no Go name; set x-enum-varnames in the overlay", str, t.Name)
			continue
		}
		if prev, dup := seen[c]; dup {
			l.problem(ptr, "", "enum values %q and %q both make constant %s; set x-enum-varnames in the overlay", prev, str, c)
			continue
		}
		if !l.register(c, ptr+"/enum") {
			continue
		}
		seen[c] = str
		t.Values = append(t.Values, ir.EnumValue{Name: c, Value: str})
	}
}

// enumValues returns the non-null values of an enum.
func enumValues(s *openapi3.Schema) []any {
	var out []any
	for _, v := range s.Enum {
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}

// union lowers oneOf/anyOf alternatives into variants told apart by JSON kind, then by a
// discriminating constant property, then by the properties each object variant requires.
func (l *lowerer) union(t *ir.Type, s *openapi3.Schema, ptr string) {
	key := "oneOf"
	if len(s.OneOf) == 0 {
		key = "anyOf"
	}
	used := map[string]bool{}
	objects := map[*ir.Variant]objectBranch{}
	for i, b := range branches(s) {
		bptr := fmt.Sprintf("%s/%s/%d", ptr, key, i)
		bs := b.Value
		v := &ir.Variant{Name: l.variantName(b, bptr)}
		if v.Name == "" || used[v.Name] {
			l.problem(bptr, "", "cannot name variant %d of union %s (%q taken or empty); set a title or x-go-name on it in the overlay", i, t.Name, v.Name)
			continue
		}
		used[v.Name] = true
		v.Kind = jsonKind(bs)
		if v.Kind == ir.KindArray && bs != nil && bs.Items != nil {
			v.ElemKind = jsonKind(bs.Items.Value)
		}
		v.Type = l.schema(b, bptr, t.Name+v.Name)
		if v.Kind == ir.KindObject {
			optr := bptr
			if b.Ref != "" {
				optr = b.Ref
			}
			for _, p := range l.props(bs, optr) {
				v.Properties = append(v.Properties, p.name)
				if p.required {
					v.Required = append(v.Required, p.name)
				}
			}
			slices.Sort(v.Properties)
			slices.Sort(v.Required)
			objects[v] = objectBranch{bs, optr}
		}
		t.Variants = append(t.Variants, v)
	}
	t.Discriminator = l.discriminator(t, s)
	if t.Discriminator == "" && alike(t.Variants) {
		for v, b := range objects {
			v.Properties = l.deepProperties(b.schema, b.ptr, v.Properties)
		}
	}
}

// objectBranch is the schema of an object variant and where it is.
type objectBranch struct {
	schema *openapi3.Schema
	ptr    string
}

// alike reports whether two object variants require and declare the same properties, so
// that only what lies below them can tell them apart (tag_company_request and
// untag_company_request differ in their companies' untag).
func alike(vs []*ir.Variant) bool {
	for i, a := range vs {
		for _, b := range vs[i+1:] {
			if a.Kind == ir.KindObject && b.Kind == ir.KindObject &&
				slices.Equal(a.Properties, b.Properties) && slices.Equal(a.Required, b.Required) {
				return true
			}
		}
	}
	return false
}

// deepProperties adds to props, the properties of the object schema s, those one level below
// them as the runtime's matchShape names them: "p.q" for a property q of an object p, "p[].q"
// for one of the objects of an array p.
func (l *lowerer) deepProperties(s *openapi3.Schema, ptr string, props []string) []string {
	out := slices.Clone(props)
	for _, p := range l.props(s, ptr) {
		ps, sep := p.schema.Value, "."
		if ps != nil && ps.Items != nil {
			ps, sep = ps.Items.Value, "[]."
		}
		if ps == nil {
			continue
		}
		for _, q := range l.props(ps, p.ptr) {
			out = append(out, p.name+sep+q.name)
		}
	}
	slices.Sort(out)
	return out
}

// discriminator finds a property that every object variant fixes to a distinct constant.
func (l *lowerer) discriminator(t *ir.Type, s *openapi3.Schema) string {
	bs := branches(s)
	if d := s.Discriminator; d != nil && d.PropertyName != "" {
		// Each variant's value: its key in the mapping, else its schema's name (OpenAPI's
		// default for a discriminator without a mapping).
		byRef := map[string]string{}
		for _, value := range slices.Sorted(maps.Keys(d.Mapping)) {
			if ref := d.Mapping[value].Ref; byRef[ref] == "" {
				byRef[ref] = value // the first value, when several map to one schema
			}
		}
		for i, b := range bs {
			if i < len(t.Variants) && b.Ref != "" {
				t.Variants[i].Discriminator = cmp.Or(byRef[b.Ref], path.Base(b.Ref))
			}
		}
		return d.PropertyName
	}
	if len(bs) < 2 || len(bs) != len(t.Variants) {
		return ""
	}
	var candidates []string
	for i, b := range bs {
		if b.Value == nil || jsonKind(b.Value) != ir.KindObject {
			return ""
		}
		var names []string
		for _, p := range l.props(b.Value, "") {
			if p.schema.Value != nil {
				if _, ok := constant(p.schema.Value); ok {
					names = append(names, p.name)
				}
			}
		}
		if i == 0 {
			candidates = names
		} else {
			candidates = slices.DeleteFunc(candidates, func(n string) bool { return !slices.Contains(names, n) })
		}
	}
	slices.Sort(candidates)
	for _, c := range candidates {
		values := map[string]bool{}
		for i, b := range bs {
			for _, p := range l.props(b.Value, "") {
				if p.name == c {
					v, _ := constant(p.schema.Value)
					values[v] = true
					t.Variants[i].Discriminator = v
				}
			}
		}
		if len(values) == len(bs) {
			return c
		}
	}
	for _, v := range t.Variants {
		v.Discriminator = ""
	}
	return ""
}

func (l *lowerer) variantName(b *openapi3.SchemaRef, ptr string) string {
	if b.Value != nil {
		if x, ok := b.Value.Extensions["x-go-name"].(string); ok && x != "" {
			return x
		}
	}
	if b.Ref != "" {
		return l.component(b.Ref).Name
	}
	s := b.Value
	if s == nil {
		return ""
	}
	if s.Title != "" {
		return naming.Exported(s.Title)
	}
	switch jsonKind(s) {
	case ir.KindArray:
		elem := ""
		if s.Items != nil {
			if s.Items.Ref != "" {
				elem = l.component(s.Items.Ref).Name
			} else if s.Items.Value != nil && s.Items.Value.Type != nil && len(s.Items.Value.Type.Slice()) == 1 {
				elem = naming.Exported(s.Items.Value.Type.Slice()[0])
			}
		}
		return elem + "List"
	case ir.KindString:
		return "String"
	case ir.KindInteger:
		return "Integer"
	case ir.KindNumber:
		return "Number"
	case ir.KindBoolean:
		return "Boolean"
	}
	return "Object"
}

func jsonKind(s *openapi3.Schema) ir.JSONKind {
	switch {
	case s == nil:
		return ir.KindObject
	case is(s, "array"):
		return ir.KindArray
	case is(s, "string"):
		return ir.KindString
	case is(s, "integer"):
		return ir.KindInteger
	case is(s, "number"):
		return ir.KindNumber
	case is(s, "boolean"):
		return ir.KindBoolean
	}
	return ir.KindObject
}

// branches returns the alternatives of a oneOf/anyOf that describe values. Alternatives that
// only list required properties of the parent object (Intercom uses anyOf that way to say
// "email or external_id") constrain a struct; they do not make a union.
func branches(s *openapi3.Schema) openapi3.SchemaRefs {
	bs := s.OneOf
	if len(bs) == 0 {
		bs = s.AnyOf
	}
	for _, b := range bs {
		if b.Ref != "" {
			return bs
		}
		if v := b.Value; v != nil && (v.Type != nil || len(v.Properties) > 0 || v.Items != nil || len(v.Enum) > 0 || len(v.AllOf) > 0) {
			return bs
		}
	}
	return nil
}

// constraints returns the sets of required properties that constraint-only alternatives list.
func constraints(s *openapi3.Schema) [][]string {
	if len(branches(s)) > 0 {
		return nil
	}
	var out [][]string
	for _, b := range append(slices.Clone(s.OneOf), s.AnyOf...) {
		if b.Value != nil && len(b.Value.Required) > 0 {
			out = append(out, slices.Sorted(slices.Values(b.Value.Required)))
		}
	}
	return out
}

// delegate reports whether s only stands for another schema: a lone allOf, oneOf or anyOf
// member with nothing else beside it.
func delegate(s *openapi3.Schema, ptr string) (*openapi3.SchemaRef, string, bool) {
	if len(s.Properties) > 0 || len(s.Enum) > 0 || s.Items != nil {
		return nil, "", false
	}
	one := func(key string, rs openapi3.SchemaRefs) (*openapi3.SchemaRef, string, bool) {
		if len(rs) == 1 {
			return rs[0], ptr + "/" + key + "/0", true
		}
		return nil, "", false
	}
	switch {
	case len(s.AllOf) == 1 && len(s.OneOf) == 0 && len(s.AnyOf) == 0:
		return one("allOf", s.AllOf)
	case len(s.OneOf) == 1 && len(s.AllOf) == 0:
		return one("oneOf", s.OneOf)
	case len(s.AnyOf) == 1 && len(s.AllOf) == 0:
		return one("anyOf", s.AnyOf)
	}
	return nil, "", false
}

// constant returns the only value a single-valued string enum allows.
func constant(s *openapi3.Schema) (string, bool) {
	vs := enumValues(s)
	if len(vs) != 1 {
		return "", false
	}
	v, ok := vs[0].(string)
	return v, ok
}

func is(s *openapi3.Schema, typ string) bool {
	if s.Type == nil || s.Type.IsEmpty() {
		switch typ {
		case "object":
			return len(s.Properties) > 0
		case "array":
			return s.Items != nil
		}
		return false
	}
	return s.Type.Includes(typ)
}

func isFree(a openapi3.AdditionalProperties) bool {
	return a.Schema == nil || (a.Schema.Ref == "" && a.Schema.Value != nil && isEmptySchema(a.Schema.Value))
}

func isEmptySchema(s *openapi3.Schema) bool {
	return (s.Type == nil || s.Type.IsEmpty()) && len(s.Properties) == 0 && s.Items == nil &&
		len(s.OneOf)+len(s.AnyOf)+len(s.AllOf) == 0 && len(s.Enum) == 0
}

// orderedKeys returns the keys of m in the order the description writes them at ptr, so that
// fields keep the author's order; keys it cannot place follow, sorted.
func (l *lowerer) orderedKeys(ptr string, m openapi3.Schemas) []string {
	var keys []string
	seen := map[string]bool{}
	if n := l.node(ptr); n != nil {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			if _, ok := m[k]; ok && !seen[k] {
				keys = append(keys, k)
				seen[k] = true
			}
		}
	}
	var rest []string
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(keys, rest...)
}

func escape(tok string) string {
	return strings.TrimPrefix(spec.JoinPointer(tok), "#/")
}

func (l *lowerer) problem(ptr, op, format string, args ...any) {
	l.probs.Add(diag.Problem{File: l.doc.File, Line: l.doc.Line(ptr), Pointer: ptr, Operation: op}, format, args...)
}

func sortTypes(ts []*ir.Type) {
	slices.SortFunc(ts, func(a, b *ir.Type) int { return cmp.Compare(a.Name, b.Name) })
}
