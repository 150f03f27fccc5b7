package intercomtest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// The default answer of an operation is synthesized from its result type: every field the type
// declares gets a plausible value (ids in Intercom's 24-digit hexadecimal form, timestamps near a
// fixed instant, enum values from the generated constants, the constant of a constant property),
// down to a few levels of nesting. The values come from a generator seeded with the route, so an
// operation answers the same every time, in every run.

// rawType is the type of a free-form value kept as its JSON (the values of CustomAttributes).
var rawType = reflect.TypeFor[json.RawMessage]()

// epoch is the instant synthesized timestamps are near: they fall in the 30 days before it.
var epoch = time.Date(2024, time.May, 29, 12, 0, 0, 0, time.UTC)

// maxDepth is how deep synthesized values nest: optional objects and lists below it are left
// out, which also ends recursive types.
const maxDepth = 4

var firstNames = []string{"Jane", "Ravi", "Amara", "Tomás", "Mei", "Olusegun", "Ingrid", "Kenji"}
var lastNames = []string{"Doe", "Patel", "Okafor", "García", "Chen", "Adeyemi", "Larsen", "Sato"}

// synth builds plausible values of the client's types.
type synth struct {
	rng   *rand.Rand
	depth int
	open  map[reflect.Type]bool // structs being built, to end recursion
}

func newSynth(seed string) *synth {
	h := fnv.New64a()
	h.Write([]byte(seed))
	return &synth{rng: rand.New(rand.NewPCG(0x1c0de, h.Sum64())), open: map[reflect.Type]bool{}}
}

// synthesize returns the default answer of r to req, encoded: a value of r's result type that
// repeats what the request said of it (the ids the path names, the properties of the body),
// with paging that ends (one page, no next cursor).
func synthesize(r *route, req *Request) []byte {
	s := newSynth(r.key())
	v := reflect.New(r.result).Elem()
	if x := s.value(r.result, "", nil); x.IsValid() {
		v.Set(x)
	}
	echo(v, req.RawBody)
	echoPath(v, r.path, req.PathParams)
	if p := r.paging; p != nil {
		switch {
		case len(p.total) > 0: // numbered: one page
			setProperty(v, p.total, "1")
		case p.endsEmpty:
			// The first page has items, the next (asked for with the cursor) has none.
			if len(p.param) == 1 && req.Query.Get(p.param[0]) != "" {
				setProperty(v, p.items, "[]")
			}
		default:
			clearProperty(v, p.next)
		}
	}
	data, err := json.Marshal(v.Interface())
	if err != nil {
		panic(fmt.Sprintf("intercomtest: encode the answer of %s: %v", r.key(), err))
	}
	return data
}

// echoPath sets in v, the answer, the ids that the path template names, with their values in
// params: the id of the resource the path ends in ("/contacts/{id}"), or that the answer is
// (POST /conversations/{id}/reply answers with that conversation: its type is the singular of
// the segment before the id), and a property named after the parameter ("contact_id") or
// after its resource ("/contacts/{id}/..." sets contact_id).
func echoPath(v reflect.Value, template string, params map[string]string) {
	segs := strings.Split(strings.Trim(template, "/"), "/")
	for i, seg := range segs {
		if !strings.HasPrefix(seg, "{") {
			continue
		}
		name := strings.Trim(seg, "{}")
		id := params[name]
		resource := ""
		if i > 0 && !strings.HasPrefix(segs[i-1], "{") {
			resource = singular(segs[i-1])
		}
		if i == len(segs)-1 || (resource != "" && resource == objectType(v)) {
			setID(v, "id", id)
		}
		if name != "id" {
			setID(v, name, id)
		}
		if resource != "" {
			setID(v, resource+"_id", id)
		}
	}
}

// setID sets the id property name of v to id, as a string or, for an integer property, a number.
func setID(v reflect.Value, name, id string) {
	if !setProperty(v, []string{name}, strconv.Quote(id)) {
		setProperty(v, []string{name}, id)
	}
}

// objectType returns the type property of v, the kind of object it is ("conversation"), or "".
func objectType(v reflect.Value) string {
	f, ok := property(v, []string{"type"})
	if !ok {
		return ""
	}
	data, err := json.Marshal(f.Interface())
	if err != nil {
		return ""
	}
	var s string
	json.Unmarshal(data, &s)
	return s
}

// singular returns the singular of the last segment of a path or resource kind, as Intercom names
// its objects: "companies" is "company", "contacts" "contact", "help_center/collections"
// "collection".
func singular(kind string) string {
	seg := kind[strings.LastIndex(kind, "/")+1:]
	switch {
	case strings.HasSuffix(seg, "ies"):
		return strings.TrimSuffix(seg, "ies") + "y"
	case strings.HasSuffix(seg, "s") && !strings.HasSuffix(seg, "ss"):
		return strings.TrimSuffix(seg, "s")
	}
	return seg
}

// echo sets the properties of v, a struct, that the JSON object body also has, to the values
// the body gives, where they decode into the property's type: a contact created with an email
// and custom attributes comes back with them. An object sent for an object property is echoed
// into it, property by property. Left as synthesized, so that the answer stays valid: a
// property with a constant or a format, an enum given a value it does not know, and type,
// which in an answer says what the object is, and in a request often who acts.
func echo(v reflect.Value, body []byte) {
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct || isOpt(v.Type()) || isUnion(v.Type()) || len(body) == 0 {
		return
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return
	}
	fields, facts := fieldsOf(v.Type()), fieldFacts[v.Type()]
	for _, k := range slices.Sorted(maps.Keys(m)) {
		f, ok := fields[k]
		if !ok || k == "type" || facts[k] != (fact{}) || string(m[k]) == "null" {
			continue
		}
		t := f.typ
		if isOpt(t) {
			t = optElem(t)
		}
		field := v.Field(f.index)
		if inner := derefType(t); inner.Kind() == reflect.Struct && !isOpt(inner) && !isUnion(inner) && t != timestampType {
			echo(field, m[k])
			continue
		}
		if values := enumValues[t]; len(values) > 0 {
			var s string
			if json.Unmarshal(m[k], &s) != nil || !slices.Contains(values, s) {
				continue
			}
		}
		setProperty(v, []string{k}, string(m[k]))
	}
}

// derefType returns t without its pointers.
func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// value returns a plausible value of t for the property name of struct owner (nil at the top),
// or an invalid Value to leave it unset.
func (s *synth) value(t reflect.Type, name string, owner reflect.Type) reflect.Value {
	switch {
	case t == timestampType:
		return reflect.ValueOf(epoch.Unix() - s.rng.Int64N(30*24*3600)).Convert(t)
	case t == rawType:
		return reflect.Value{} // free-form values (custom attributes) stay unset
	case isOpt(t):
		inner := s.value(optElem(t), name, owner)
		if !inner.IsValid() {
			return reflect.Value{}
		}
		return fromJSON(t, inner.Interface())
	case isUnion(t):
		return s.union(t, name, owner)
	}
	switch t.Kind() {
	case reflect.Pointer:
		e := s.value(t.Elem(), name, owner)
		if !e.IsValid() {
			return reflect.Value{}
		}
		p := reflect.New(t.Elem())
		p.Elem().Set(e)
		return p
	case reflect.Struct:
		return s.object(t)
	case reflect.Slice:
		out := reflect.MakeSlice(t, 0, 1)
		if s.depth < maxDepth {
			if e := s.value(t.Elem(), name, owner); e.IsValid() {
				out = reflect.Append(out, e)
			}
		}
		return out
	case reflect.Map:
		out := reflect.MakeMap(t)
		if t.Elem().Kind() != reflect.Interface && s.depth < maxDepth {
			if e := s.value(t.Elem(), name, owner); e.IsValid() {
				out.SetMapIndex(reflect.ValueOf("key").Convert(t.Key()), e)
			}
		}
		return out
	case reflect.String:
		return reflect.ValueOf(s.text(t, name, owner)).Convert(t)
	case reflect.Int64:
		return reflect.ValueOf(s.integer(name)).Convert(t)
	case reflect.Float64:
		return reflect.ValueOf(float64(s.rng.IntN(10000)) / 100).Convert(t)
	case reflect.Bool:
		return reflect.ValueOf(s.rng.IntN(2) == 0).Convert(t)
	}
	return reflect.Value{} // free-form values stay unset
}

// object fills every property of a struct, in declaration order, with its constant if it has
// one. A struct already being built (a recursive type), or too deep, is left unset.
func (s *synth) object(t reflect.Type) reflect.Value {
	if s.open[t] || s.depth >= maxDepth {
		return reflect.Value{}
	}
	s.open[t] = true
	s.depth++
	defer func() {
		delete(s.open, t)
		s.depth--
	}()
	v := reflect.New(t).Elem()
	facts := fieldFacts[t]
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		if c := facts[name].constant; c != "" {
			v.Field(i).Set(fromJSON(f.Type, c))
			continue
		}
		if x := s.value(f.Type, name, t); x.IsValid() {
			v.Field(i).Set(x)
		}
	}
	return v
}

// union sets the first variant it can build that decodes back into that variant, else the
// first it can build.
func (s *synth) union(t reflect.Type, name string, owner reflect.Type) reflect.Value {
	var first reflect.Value
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		x := s.value(f.Type, name, owner)
		if !x.IsValid() {
			continue
		}
		u := reflect.New(t).Elem()
		u.Field(i).Set(x)
		if fitsVariant(u, i) || discriminate(u, i) {
			return u
		}
		if !first.IsValid() {
			first = u
		}
	}
	return first
}

// fitsVariant reports whether u, a union with its variant i set, decodes back into that
// variant.
func fitsVariant(u reflect.Value, i int) bool {
	b, err := json.Marshal(u.Interface())
	if err != nil {
		return false
	}
	back := reflect.New(u.Type())
	return json.Unmarshal(b, back.Interface()) == nil && !back.Elem().Field(i).IsZero()
}

// discriminate gives the variant i of u, an object, each value its enum "type" allows until u
// decodes back into it, and reports whether one did: a discriminated union's mapping may list
// fewer values than that enum (2.16's content search result maps content_snippet, not
// external_content, to its default item).
func discriminate(u reflect.Value, i int) bool {
	v := u.Field(i)
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return false
	}
	for j := range v.NumField() {
		f := v.Type().Field(j)
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag != "type" || f.Type.Kind() != reflect.String {
			continue
		}
		for _, value := range enumValues[f.Type] {
			v.Field(j).SetString(value)
			if fitsVariant(u, i) {
				return true
			}
		}
	}
	return false
}

// text returns a plausible string for a property, from its enum values, its format, or its name.
func (s *synth) text(t reflect.Type, name string, owner reflect.Type) string {
	if values := enumValues[t]; len(values) > 0 {
		return values[s.rng.IntN(len(values))]
	}
	n := strings.ToLower(name)
	switch fieldFacts[owner][name].format {
	case "email":
		return s.email()
	case "uri":
		if n != "type" {
			return "https://example.com/" + strings.ReplaceAll(n, "_", "-") + "/" + s.id()
		}
	case "uuid":
		b := make([]byte, 16)
		for i := range b {
			b[i] = byte(s.rng.UintN(256))
		}
		return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
	case "date-time":
		return s.time().Format(time.RFC3339)
	case "date":
		return s.time().Format(time.DateOnly)
	}
	switch {
	case n == "id" || strings.HasSuffix(n, "_id") || strings.HasSuffix(n, "_ids") || n == "ids":
		return s.id()
	case n == "type" && owner != nil:
		return snake(owner.Name())
	case strings.HasSuffix(n, "domain"):
		return "example.com"
	case strings.Contains(n, "email"):
		return s.email()
	case strings.Contains(n, "url") || n == "href" || n == "avatar":
		return "https://example.com/" + strings.ReplaceAll(n, "_", "-") + "/" + s.id()
	case strings.Contains(n, "phone"):
		return fmt.Sprintf("+1555010%04d", s.rng.IntN(10000))
	case n == "name" || n == "full_name" || n == "author":
		return firstNames[s.rng.IntN(len(firstNames))] + " " + lastNames[s.rng.IntN(len(lastNames))]
	}
	return "Sample " + strings.ReplaceAll(n, "_", " ")
}

// integer returns a plausible integer for a property: one page of one item, ids of six digits.
func (s *synth) integer(name string) int64 {
	n := strings.ToLower(name)
	switch {
	case n == "id" || strings.HasSuffix(n, "_id"):
		return 100000 + s.rng.Int64N(900000)
	case n == "page" || n == "total_pages" || n == "total_count" || n == "count":
		return 1
	case n == "per_page":
		return 50
	}
	return 1 + s.rng.Int64N(99)
}

// id returns an id in Intercom's form: 24 hexadecimal digits, the first 8 a Unix time.
func (s *synth) id() string {
	return fmt.Sprintf("%08x%016x", uint32(s.time().Unix()), s.rng.Uint64())
}

func (s *synth) email() string {
	return strings.ToLower(firstNames[s.rng.IntN(len(firstNames))]) + "." + strings.ToLower(lastNames[s.rng.IntN(len(lastNames))]) +
		"@example.com"
}

// time returns an instant in the 30 days before epoch, to the second.
func (s *synth) time() time.Time {
	return epoch.Add(-time.Duration(s.rng.Int64N(30*24*3600)) * time.Second)
}

// snake spells a Go type name as Intercom spells object types: "ContactList" is "contact_list",
// "SLAApplied" is "sla_applied".
func snake(name string) string {
	rs := []rune(name)
	var b strings.Builder
	for i, r := range rs {
		if unicode.IsUpper(r) {
			if i > 0 && (unicode.IsLower(rs[i-1]) || i+1 < len(rs) && unicode.IsLower(rs[i+1])) {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fromJSON returns the value of type t that v decodes into through JSON: how to set an Opt or a
// field of any type from a plain value.
func fromJSON(t reflect.Type, v any) reflect.Value {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("intercomtest: encode %v: %v", v, err))
	}
	p := reflect.New(t)
	if err := json.Unmarshal(data, p.Interface()); err != nil {
		panic(fmt.Sprintf("intercomtest: %s does not decode into %s: %v", data, t, err))
	}
	return p.Elem()
}

// property finds the field that a chain of JSON properties names in v, through pointers; false
// when a pointer on the way is nil or a property is not there.
func property(v reflect.Value, path []string) (reflect.Value, bool) {
	for _, name := range path {
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct || isOpt(v.Type()) || isUnion(v.Type()) {
			return reflect.Value{}, false
		}
		f, ok := fieldsOf(v.Type())[name]
		if !ok {
			return reflect.Value{}, false
		}
		v = v.Field(f.index)
	}
	return v, len(path) > 0
}

// setProperty sets the property at path in v to the JSON value text, reporting whether it could.
func setProperty(v reflect.Value, path []string, text string) bool {
	f, ok := property(v, path)
	if !ok {
		return false
	}
	p := reflect.New(f.Type())
	if json.Unmarshal([]byte(text), p.Interface()) != nil {
		return false
	}
	f.Set(p.Elem())
	return true
}

// clearProperty unsets the property at path in v.
func clearProperty(v reflect.Value, path []string) {
	if f, ok := property(v, path); ok {
		f.SetZero()
	}
}
