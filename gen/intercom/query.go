package intercom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// Filter is a search query, or a part of one: a condition on one field (made by the methods of
// Field), or a group of filters joined by And or Or. It is the runtime's own type, the query of
// every search request that the overlay maps onto it (x-runtime-type: Filter), so that a query is
// written the same way whatever version of the API the client was generated from:
//
//	q := intercom.And(intercom.Field("state").Eq("open"), intercom.Field("created_at").After(since))
//	for c, err := range client.Conversations.SearchAll(ctx, &intercom.SearchRequest{Query: q}) { ... }
//
// It encodes as Intercom's query, {"field", "operator", "value"} or {"operator", "value":
// [filters]}, and decodes from it. The zero Filter is no query; the search methods refuse it.
type Filter struct {
	field string          // a condition's field; "" for a group
	op    string          // the condition's operator, or the group's (AND, OR)
	value json.RawMessage // a condition's value, as sent; nil for none
	group []Filter        // a group's filters
	isGrp bool            // a group, even of no filters
}

// IsZero reports whether f is no query, so that an absent one is left out of JSON and a
// required one is refused.
func (f Filter) IsZero() bool {
	return f.field == "" && f.op == "" && f.value == nil && f.group == nil && !f.isGrp
}

// And is the filter matching what every one of filters matches. Intercom takes at most 15
// filters in a group and groups nested at most 2 deep; the search methods check both.
func And(filters ...Filter) Filter { return group("AND", filters) }

// Or is the filter matching what any one of filters matches; see And for the limits.
func Or(filters ...Filter) Filter { return group("OR", filters) }

func group(op string, filters []Filter) Filter {
	return Filter{op: op, group: append([]Filter{}, filters...), isGrp: true}
}

// MarshalJSON encodes f as Intercom's query; the zero Filter encodes as null.
func (f Filter) MarshalJSON() ([]byte, error) {
	switch {
	case f.isGrp:
		members := f.group
		if members == nil {
			members = []Filter{}
		}
		return marshalPlain(struct {
			Operator string   `json:"operator"`
			Value    []Filter `json:"value"`
		}{f.op, members})
	case f.IsZero():
		return []byte("null"), nil
	}
	value := f.value
	if value == nil {
		value = json.RawMessage("null")
	}
	return marshalPlain(struct {
		Field    string          `json:"field"`
		Operator string          `json:"operator"`
		Value    json.RawMessage `json:"value"`
	}{f.field, f.op, value})
}

// marshalPlain encodes v as json.Marshal does, but leaves <, > and & as they are: a query's
// operators are < and >, which json.Marshal writes as \u003c and \u003e (the same JSON, harder
// to read in a log or a recorded request). An encoder of the whole request may still escape them.
func marshalPlain(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// UnmarshalJSON decodes Intercom's query: an object with a field is a condition, whose value is
// kept as it is for ValidateSearch to judge; one without is a group, whose value is a list of
// filters. Any other shape is an error.
func (f *Filter) UnmarshalJSON(data []byte) error {
	*f = Filter{}
	if kindOf(data) == jsonNull {
		return nil
	}
	var n struct {
		Field    *string         `json:"field"`
		Operator *string         `json:"operator"`
		Value    json.RawMessage `json:"value"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if kindOf(data) != jsonObject || dec.Decode(&n) != nil || n.Operator == nil || (n.Field == nil && kindOf(n.Value) != jsonArray) {
		return fmt.Errorf("intercom: search query %s is neither a filter {field, operator, value} nor a group {operator, value: [filters]}", clip(data))
	}
	if n.Field != nil {
		*f = Filter{field: *n.Field, op: *n.Operator, value: n.Value}
		if f.value == nil {
			f.value = json.RawMessage("null")
		}
		return nil
	}
	var members []Filter
	if err := json.Unmarshal(n.Value, &members); err != nil {
		return err
	}
	*f = group(*n.Operator, members)
	return nil
}

// clip shortens JSON for a message.
func clip(data []byte) []byte {
	data = bytes.TrimSpace(data)
	if len(data) > 60 {
		return append(data[:57:57], "..."...)
	}
	return data
}

// readJSON reads a query with its own UnmarshalJSON, for the generated decoders (readSelf).
func (f *Filter) readJSON(d *decoder) error { return readUnmarshaler(d, f) }

// FilterField names the field a filter is on; its methods make the filter.
type FilterField struct {
	name string
}

// Field starts a filter on the field name, one of the endpoint's field constants
// (ContactFieldEmail, ConversationFieldState...) or its name as Intercom spells it ("state",
// "source.author.email"). CustomAttribute names a custom attribute.
func Field[F ~string](name F) FilterField {
	return FilterField{name: string(name)}
}

// CustomAttribute starts a filter on the custom attribute name ("custom_attributes.<name>"),
// which the search endpoints take whatever its type.
func CustomAttribute(name string) FilterField {
	return FilterField{name: customAttributePrefix + name}
}

// customAttributePrefix is how a search names a custom attribute.
const customAttributePrefix = "custom_attributes."

// Eq matches the value v: a string, an integer, a boolean or a time.Time (sent as Unix seconds).
func (f FilterField) Eq(v any) Filter { return f.filter("=", v) }

// NotEq matches every value but v; see Eq for the values.
func (f FilterField) NotEq(v any) Filter { return f.filter("!=", v) }

// In matches any one of values, all strings or all integers; a single slice gives its
// elements: In(ids) is In(ids[0], ids[1], ...).
func (f FilterField) In(values ...any) Filter { return f.filter("IN", listValue(values)) }

// NotIn matches none of values; see In.
func (f FilterField) NotIn(values ...any) Filter { return f.filter("NIN", listValue(values)) }

// Lt matches values less than v, an integer or a time.Time.
func (f FilterField) Lt(v any) Filter { return f.filter("<", v) }

// Lte matches values less than or equal to v, an integer (dates do not take it).
func (f FilterField) Lte(v any) Filter { return f.filter("<=", v) }

// Gt matches values greater than v, an integer or a time.Time.
func (f FilterField) Gt(v any) Filter { return f.filter(">", v) }

// Gte matches values greater than or equal to v, an integer (dates do not take it).
func (f FilterField) Gte(v any) Filter { return f.filter(">=", v) }

// Before matches dates before t. Intercom compares dates by calendar day in the workspace's
// time zone: Before matches everything before the start of t's day.
func (f FilterField) Before(t time.Time) Filter { return f.Lt(t) }

// After matches dates after t. Intercom compares dates by calendar day in the workspace's time
// zone: After matches from the start of the day after t's.
func (f FilterField) After(t time.Time) Filter { return f.Gt(t) }

// Contains matches strings containing s.
func (f FilterField) Contains(s string) Filter { return f.filter("~", s) }

// NotContains matches strings not containing s.
func (f FilterField) NotContains(s string) Filter { return f.filter("!~", s) }

// StartsWith matches strings starting with s.
func (f FilterField) StartsWith(s string) Filter { return f.filter("^", s) }

// EndsWith matches strings ending with s.
func (f FilterField) EndsWith(s string) Filter { return f.filter("$", s) }

func (f FilterField) filter(op string, v any) Filter {
	return Filter{field: f.name, op: op, value: filterValue(v)}
}

// list is the values given to In or NotIn, told apart from one value that is a slice.
type list []any

func listValue(values []any) list {
	if values == nil {
		return list{}
	}
	return list(values)
}

// filterValue encodes a value given to the builder: strings, integers and booleans as
// themselves, a time.Time as Unix seconds, a list as a list of strings or of integers. A value
// of no kind Intercom searches by (a float, a struct, a list of mixed kinds) is kept as its
// JSON, for validation to report with its place in the query rather than the builder to fail
// without one.
func filterValue(v any) json.RawMessage {
	switch x := v.(type) {
	case list:
		if len(x) == 1 {
			if k := reflect.ValueOf(x[0]).Kind(); k == reflect.Slice || k == reflect.Array {
				return filterValue(x[0])
			}
		}
		elems := make([]json.RawMessage, len(x))
		kind := jsonInvalid
		for i, e := range x {
			elems[i] = filterValue(e)
			k := kindOf(elems[i])
			if (k != jsonString && k != jsonNumber) || (kind != jsonInvalid && k != kind) || !searchScalar(e) {
				return rawValue([]any(x))
			}
			kind = k
		}
		return rawValue(elems)
	case time.Time:
		return rawValue(x.Unix())
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return rawValue(rv.String())
	case reflect.Bool:
		return rawValue(rv.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rawValue(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := rv.Uint(); u <= 1<<63-1 {
			return rawValue(u)
		}
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			break
		}
		l := make(list, rv.Len())
		for i := range l {
			l[i] = rv.Index(i).Interface()
		}
		return filterValue(l)
	}
	return rawValue(v)
}

// searchScalar reports whether v is a value a list of values may hold: a string, an integer
// or a time.Time, not a float (whose JSON is also a number) or a list.
func searchScalar(v any) bool {
	if _, ok := v.(time.Time); ok {
		return true
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

func rawValue(v any) json.RawMessage {
	data, err := marshalPlain(v)
	if err != nil {
		data = []byte(`null`)
	}
	return data
}
