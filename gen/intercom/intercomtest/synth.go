package intercomtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"reflect"
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
// repeats what the request said of it (the id of the resource the path names, the plain
// properties of the body), with paging that ends (one page, no next cursor).
func synthesize(r *route, req *Request) []byte {
	s := newSynth(r.key())
	v := reflect.New(r.result).Elem()
	if x := s.value(r.result, "", nil); x.IsValid() {
		v.Set(x)
	}
	echo(v, req.RawBody)
	// The resource a path ends in ("/contacts/{id}") is the one the answer is about.
	if n := len(r.pathParams); n > 0 && strings.HasSuffix(r.path, "{"+r.pathParams[n-1].name+"}") {
		id := req.PathParams[r.pathParams[n-1].name]
		if !setProperty(v, []string{"id"}, strconv.Quote(id)) {
			setProperty(v, []string{"id"}, id)
		}
	}
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

// echo sets the properties of v, a struct, that the JSON object body also has, as plain values
// (strings, numbers, booleans, timestamps) of the same type: a contact created with an email
// comes back with that email. Properties with a constant or a format, and enums, are left as
// synthesized, so that the answer stays valid.
func echo(v reflect.Value, body []byte) {
	if v.Kind() != reflect.Struct || isOpt(v.Type()) || isUnion(v.Type()) || len(body) == 0 {
		return
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return
	}
	fields, facts := fieldsOf(v.Type()), fieldFacts[v.Type()]
	for _, k := range sortedKeys(m) {
		f, ok := fields[k]
		if !ok || facts[k] != (fact{}) || m[k] == nil {
			continue
		}
		t := f.typ
		if isOpt(t) {
			t = optElem(t)
		}
		if t.PkgPath() != "" && t != timestampType {
			continue // enums, structs
		}
		switch t.Kind() {
		case reflect.String, reflect.Int64, reflect.Float64, reflect.Bool:
			text, _ := json.Marshal(m[k])
			setProperty(v, []string{k}, string(text))
		}
	}
}

// value returns a plausible value of t for the property name of struct owner (nil at the top),
// or an invalid Value to leave it unset.
func (s *synth) value(t reflect.Type, name string, owner reflect.Type) reflect.Value {
	switch {
	case t == timestampType:
		return reflect.ValueOf(epoch.Unix() - s.rng.Int64N(30*24*3600)).Convert(t)
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

// union sets the first variant it can build.
func (s *synth) union(t reflect.Type, name string, owner reflect.Type) reflect.Value {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if x := s.value(f.Type, name, owner); x.IsValid() {
			u := reflect.New(t).Elem()
			u.Field(i).Set(x)
			return u
		}
	}
	return reflect.Value{}
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
