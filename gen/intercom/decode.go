package intercom

import (
	"encoding/json"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// DecodeIssue is a property of a response that did not fit the field the API documents for it:
// an object where a string was documented, a string where a number was, and so on. Intercom
// changes the shape of fields between versions, and one such field must not cost the rest of the
// value (or a page of 150 contacts): the field is left at its zero value, and its JSON is kept
// here so that nothing is lost.
type DecodeIssue struct {
	Path string          // where the property is, from the value DecodeIssues was asked about: "data[3].location"
	Raw  json.RawMessage // the property's JSON as received
	Err  error           // why it did not fit
}

func (i DecodeIssue) String() string { return i.Path + ": " + i.Err.Error() }

// decodeStruct decodes the JSON object data into dst, a generated struct seen through a type
// without methods. When some properties do not fit their fields it decodes everything else, at
// any depth, zeroes what did not fit and records it in report. JSON that is not JSON, or not an
// object, fails.
func decodeStruct[T any](data []byte, dst *T, report **[]DecodeIssue) error {
	*report = nil
	err := json.Unmarshal(data, dst)
	if err == nil {
		return nil
	}
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) || kindOf(data) != jsonObject {
		return err
	}
	// encoding/json stops at the first value whose own decoder fails: decode again, piece by
	// piece, down to the values that do not fit.
	var issues []DecodeIssue
	v := reflect.ValueOf(dst).Elem()
	v.SetZero()
	decodeObject(data, v, "", &issues)
	if len(issues) == 0 {
		return err // a mismatch that could not be placed: do not hide it
	}
	*report = &issues
	return nil
}

// decodeTolerant decodes raw into v, or, when it does not fit, decodes the parts of it that do:
// the properties of an object into a struct or map, the elements of an array into a slice. What
// does not fit at all is left zero and recorded at its path.
func decodeTolerant(raw json.RawMessage, v reflect.Value, path string, issues *[]DecodeIssue) {
	err := json.Unmarshal(raw, v.Addr().Interface())
	if err == nil {
		return
	}
	v.SetZero()
	t := v.Type()
	kind := kindOf(raw)
	switch {
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && kind == jsonObject && !hasDecoder(t.Elem()):
		v.Set(reflect.New(t.Elem()))
		decodeObject(raw, v.Elem(), path, issues)
		return
	case t.Kind() == reflect.Struct && kind == jsonObject && !hasDecoder(t):
		decodeObject(raw, v, path, issues)
		return
	case t.Kind() == reflect.Slice && kind == jsonArray:
		var elems []json.RawMessage
		if json.Unmarshal(raw, &elems) == nil {
			s := reflect.MakeSlice(t, len(elems), len(elems))
			for i, e := range elems {
				decodeTolerant(e, s.Index(i), path+"["+strconv.Itoa(i)+"]", issues)
			}
			v.Set(s)
			return
		}
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && kind == jsonObject:
		var entries map[string]json.RawMessage
		if json.Unmarshal(raw, &entries) == nil {
			m := reflect.MakeMapWithSize(t, len(entries))
			for _, k := range slices.Sorted(maps.Keys(entries)) {
				e := reflect.New(t.Elem()).Elem()
				decodeTolerant(entries[k], e, path+"["+strconv.Quote(k)+"]", issues)
				m.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), e)
			}
			v.Set(m)
			return
		}
	}
	*issues = append(*issues, DecodeIssue{Path: path, Raw: slices.Clone(raw), Err: err})
}

// decodeObject decodes the properties of the JSON object raw into the fields of the struct v,
// each on its own.
func decodeObject(raw json.RawMessage, v reflect.Value, path string, issues *[]DecodeIssue) {
	var props map[string]json.RawMessage
	if err := json.Unmarshal(raw, &props); err != nil {
		*issues = append(*issues, DecodeIssue{Path: path, Raw: slices.Clone(raw), Err: err})
		return
	}
	t := v.Type()
	for i := range t.NumField() {
		name, ok := jsonName(t.Field(i))
		if !ok {
			continue
		}
		if p, ok := props[name]; ok {
			decodeTolerant(p, v.Field(i), join(path, name), issues)
		}
	}
}

// hasDecoder reports whether values of t decode themselves (a union, or a struct that is
// tolerant on its own): they are decoded whole, never piece by piece.
func hasDecoder(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]())
}

// jsonName returns the property name of an exported struct field.
func jsonName(f reflect.StructField) (string, bool) {
	if !f.IsExported() {
		return "", false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = f.Name
	}
	return name, true
}

// DecodeIssues returns every property of v, at any depth, that did not fit its field when v was
// decoded, with its path from v. v is usually a response, such as a *ContactList; a value
// without issues returns nil.
func DecodeIssues(v any) []DecodeIssue {
	var out []DecodeIssue
	collectIssues(reflect.ValueOf(v), "", &out, 0)
	return out
}

// issueHolder is implemented by every generated struct.
type issueHolder interface {
	decodeIssues() []DecodeIssue
}

func collectIssues(v reflect.Value, path string, out *[]DecodeIssue, depth int) {
	if depth > 64 || !v.IsValid() {
		return
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectIssues(v.Elem(), path, out, depth+1)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectIssues(v.Index(i), path+"["+strconv.Itoa(i)+"]", out, depth+1)
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			collectIssues(v.MapIndex(k), path+"["+strconv.Quote(k.String())+"]", out, depth+1)
		}
	case reflect.Struct:
		if !v.CanAddr() { // decodeIssues has a pointer receiver: look at an addressable copy
			c := reflect.New(v.Type()).Elem()
			c.Set(v)
			v = c
		}
		if h, ok := v.Addr().Interface().(issueHolder); ok {
			for _, is := range h.decodeIssues() {
				is.Path = join(path, is.Path)
				*out = append(*out, is)
			}
		}
		t := v.Type()
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() {
				name, _ := jsonName(f)
				if f.Tag.Get("json") == "" {
					// A variant of a union: its value is the union's, at the same path.
					name = ""
				}
				collectIssues(v.Field(i), join(path, name), out, depth+1)
			}
		}
	}
}

func join(path, name string) string {
	if path == "" || name == "" {
		return path + name
	}
	return path + "." + name
}
