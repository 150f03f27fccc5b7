package intercomtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/mail"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// The client decodes answers tolerantly: unknown properties and enum values are ignored or kept,
// and a property of the wrong shape costs only itself. The fake is strict instead, in both
// directions: what it accepts from the client and what a test registers as an answer must be
// exactly what the description allows. encoding/json's DisallowUnknownFields cannot do this
// for the client's types, since it does not reach into the UnmarshalJSON of tolerant structs,
// unions and Opt fields; so the checker walks the JSON beside the Go type itself.

var (
	timestampType = reflect.TypeFor[intercom.Timestamp]()
	clientPkg     = timestampType.PkgPath()
	rawer         = reflect.TypeFor[interface{ Raw() json.RawMessage }]()
	rawJSON       = reflect.TypeFor[json.RawMessage]() // a value kept as it came: any JSON
	validator     = reflect.TypeFor[interface{ Validate() error }]()
	filterType    = reflect.TypeFor[intercom.Filter]() // a search query, which checks its own shape
)

// problems collects what is wrong with a request or an answer, each with where it is.
type problems []string

func (p *problems) add(where, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if where != "" {
		msg = where + ": " + msg
	}
	*p = append(*p, msg)
}

// err joins the problems into one error, or returns nil when there are none.
func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return errors.New(strings.Join(p, "; "))
}

// decodeStrict decodes the JSON data into a new value of type t, which it returns as a pointer,
// and reports at where (such as "body") everything about data that t does not allow: invalid
// JSON, anything after the value, a property t does not have (names match exactly, not in any
// case as encoding/json would), a value of the wrong JSON type, a number that is not an integer
// where t wants one, an enum value t does not list, a constant property with another value, a
// string not in its format, and a union value that is none of its variants. A request (request
// set) must also have every property its type requires, and pass the Validate method of every
// object in it that has one. Null is accepted anywhere, as encoding/json does: it leaves the
// value unset.
func decodeStrict(data []byte, t reflect.Type, where string, request bool) (reflect.Value, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return reflect.Value{}, fmt.Errorf("%s: not JSON: %v", where, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return reflect.Value{}, fmt.Errorf("%s: more data after the JSON value", where)
	}
	c := &checker{request: request}
	c.walk(v, t, where)
	if err := c.probs.err(); err != nil {
		return reflect.Value{}, err
	}
	out := reflect.New(t)
	if err := json.Unmarshal(data, out.Interface()); err != nil {
		return reflect.Value{}, fmt.Errorf("%s: does not decode into %s: %v", where, typeName(t), err)
	}
	for _, issue := range intercom.DecodeIssues(out.Interface()) {
		c.probs.add(join(where, issue.Path), "does not decode: %v", issue.Err)
	}
	return out, c.probs.err()
}

// checker walks a JSON value, decoded with UseNumber, beside the Go type it must fit.
type checker struct {
	request bool
	probs   problems
}

func (c *checker) walk(v any, t reflect.Type, where string) {
	if v == nil {
		return
	}
	switch {
	case t == rawJSON:
		return // a custom attribute's value, say: any JSON goes
	case t == filterType:
		// The query's shape is the Filter's to check as it decodes; its fields, operators and
		// values are the route's bodyCheck's (ValidateSearch).
		raw, _ := json.Marshal(v)
		if err := json.Unmarshal(raw, new(intercom.Filter)); err != nil {
			c.probs.add(where, "%v", err)
		}
		return
	case t == timestampType:
		if n, ok := v.(json.Number); !ok || !isInteger(n) {
			c.probs.add(where, "want a Unix timestamp (an integer), got %s", show(v))
		}
		return
	case isOpt(t):
		c.walk(v, optElem(t), where)
		return
	case isUnion(t):
		c.union(v, t, where)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		c.walk(v, t.Elem(), where)
	case reflect.Interface:
		// A free-form value: anything goes.
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			c.probs.add(where, "want a string, got %s", show(v))
			return
		}
		if values, ok := enumValues[t]; ok && !slices.Contains(values, s) {
			c.probs.add(where, "%q is not a value of %s (want one of %s)", s, typeName(t), quoteAll(values))
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n, ok := v.(json.Number); !ok || !isInteger(n) {
			c.probs.add(where, "want an integer, got %s", show(v))
		}
	case reflect.Float32, reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			c.probs.add(where, "want a number, got %s", show(v))
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			c.probs.add(where, "want true or false, got %s", show(v))
		}
	case reflect.Slice, reflect.Array:
		a, ok := v.([]any)
		if !ok {
			c.probs.add(where, "want an array, got %s", show(v))
			return
		}
		for i, e := range a {
			c.walk(e, t.Elem(), fmt.Sprintf("%s[%d]", where, i))
		}
	case reflect.Map:
		m, ok := v.(map[string]any)
		if !ok {
			c.probs.add(where, "want an object, got %s", show(v))
			return
		}
		for _, k := range sortedKeys(m) {
			c.walk(m[k], t.Elem(), join(where, k))
		}
	case reflect.Struct:
		c.object(v, t, where)
	default:
		c.probs.add(where, "the fake cannot check a %s", t)
	}
}

// object checks a JSON object against a struct: every property is a field, every field fits.
func (c *checker) object(v any, t reflect.Type, where string) {
	m, ok := v.(map[string]any)
	if !ok {
		c.probs.add(where, "want an object (%s), got %s", typeName(t), show(v))
		return
	}
	before := len(c.probs)
	fields := fieldsOf(t)
	facts := fieldFacts[t]
	for _, k := range sortedKeys(m) {
		f, ok := fields[k]
		if !ok {
			c.probs.add(where, "unknown field %q", k)
			continue
		}
		at := join(where, k)
		if s, ok := m[k].(string); ok {
			if fc := facts[k]; fc.constant != "" && s != fc.constant {
				c.probs.add(at, "is %q, must be %q", s, fc.constant)
			} else if fc.format != "" && s != "" && !formatOK(fc.format, s) {
				c.probs.add(at, "%q is not a valid %s", s, fc.format)
			}
		}
		c.walk(m[k], f.typ, at)
	}
	if !c.request {
		return
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if _, ok := m[name]; !ok && fields[name].required {
			c.probs.add(where, "missing required field %q", name)
		}
	}
	// The generated Validate method checks a request's struct and the structs in its fields, but
	// not those in lists or union variants: run it on every object, once what it holds is known
	// to be valid, so that each problem is reported once, where it is.
	if len(c.probs) == before && reflect.PointerTo(t).Implements(validator) {
		raw, _ := json.Marshal(m)
		p := reflect.New(t)
		if err := json.Unmarshal(raw, p.Interface()); err != nil {
			c.probs.add(where, "does not decode into %s: %v", typeName(t), err)
			return
		}
		validate(p, where, &c.probs)
	}
}

// union decodes a union value the way the client does, which picks its variant, and checks the
// value against that variant.
func (c *checker) union(v any, t reflect.Type, where string) {
	raw, err := json.Marshal(v)
	if err != nil {
		c.probs.add(where, "%v", err)
		return
	}
	u := reflect.New(t)
	if err := json.Unmarshal(raw, u.Interface()); err != nil {
		c.probs.add(where, "does not decode into %s: %v", typeName(t), err)
		return
	}
	var variants []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		variants = append(variants, f.Name)
		if fv := u.Elem().Field(i); !fv.IsZero() {
			vt := f.Type
			switch {
			case vt.Kind() == reflect.Pointer:
				vt = vt.Elem()
			case isOpt(vt):
				vt = optElem(vt)
			}
			c.walk(v, vt, where)
			return
		}
	}
	c.probs.add(where, "%s is none of the variants of %s (%s)", show(v), typeName(t), strings.Join(variants, ", "))
}

// structField is what the checker needs of a struct field.
type structField struct {
	index    int
	typ      reflect.Type
	required bool // encoded always (no omitempty or omitzero): the description requires it
}

// fieldsOf returns the JSON properties of a struct type.
func fieldsOf(t reflect.Type) map[string]structField {
	m := map[string]structField{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		m[name] = structField{index: i, typ: f.Type, required: !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero")}
	}
	return m
}

// isOpt reports whether t is the client's Opt[T].
func isOpt(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == clientPkg && strings.HasPrefix(t.Name(), "Opt[")
}

// optElem returns the T of Opt[T].
func optElem(t reflect.Type) reflect.Type {
	get, _ := t.MethodByName("Get")
	return get.Type.Out(0)
}

// isUnion reports whether t is one of the client's unions, which keep the JSON of a value no
// variant matches.
func isUnion(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.PkgPath() == clientPkg && t.Implements(rawer)
}

func isInteger(n json.Number) bool {
	_, err := strconv.ParseInt(string(n), 10, 64)
	return err == nil
}

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// formatOK reports whether s is in the format. The checks are those a reader of the format would
// expect, not the letter of each RFC: an email address is addr@domain, a URI anything url.Parse
// takes (the description also uses it for relative URLs).
func formatOK(format, s string) bool {
	switch format {
	case "email":
		a, err := mail.ParseAddress(s)
		return err == nil && a.Address == s
	case "uri":
		_, err := url.Parse(s)
		return err == nil
	case "uuid":
		return uuidRE.MatchString(s)
	case "date-time":
		_, err := time.Parse(time.RFC3339, s)
		return err == nil
	case "date":
		_, err := time.Parse(time.DateOnly, s)
		return err == nil
	}
	return true
}

// typeName names a type briefly: "intercom.Contact", "[]intercom.Tag".
func typeName(t reflect.Type) string {
	return t.String()
}

// show renders a JSON value for a message, cut short when long.
func show(v any) string {
	var kind string
	switch v.(type) {
	case string:
		kind = "string "
	case json.Number:
		kind = "number "
	case bool:
		kind = ""
	case []any:
		kind = "array "
	case map[string]any:
		kind = "object "
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	return kind + s
}

func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	if len(q) > 8 {
		q = append(q[:8], "...")
	}
	return strings.Join(q, ", ")
}

// join appends a property to a location: "body" + "email" is "body.email".
func join(where, prop string) string {
	switch {
	case prop == "":
		return where
	case where == "":
		return prop
	case strings.HasPrefix(prop, "["):
		return where + prop
	}
	return where + "." + prop
}

func sortedKeys(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }
