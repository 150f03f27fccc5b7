package intercom

import (
	"encoding/json"
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
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return // raw JSON (a custom attribute's value) holds no struct
		}
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
