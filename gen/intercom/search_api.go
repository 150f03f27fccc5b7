package intercom

import (
	"encoding/json"
	"reflect"
	"time"
)

// This file is written against the generated types of Intercom's search (SearchRequest and
// the filters it holds), not the generator's runtime: see the package's Layout notes in README.

// Filter is a search query, or a part of one: a condition on one field (made by the methods of
// Field), or a group of filters joined by And or Or. Request and Query turn it into the
// request types the search methods take, so that a query built here and one written out as
// SearchRequest values are the same thing on the wire:
//
//	q := intercom.And(intercom.Field("state").Eq("open"), intercom.Field("created_at").After(since))
//	for c, err := range client.Conversations.SearchAll(ctx, q.Request()) { ... }
//
// The zero Filter is no query; the search methods refuse it.
type Filter struct {
	single *SingleFilterSearchRequest
	group  *MultipleFilterSearchRequest
}

// And is the filter matching what every one of filters matches. Intercom takes at most 15
// filters in a group and groups nested at most 2 deep; the search methods check both.
func And(filters ...Filter) Filter {
	return group(MultipleFilterSearchRequestOperatorAnd, filters)
}

// Or is the filter matching what any one of filters matches; see And for the limits.
func Or(filters ...Filter) Filter {
	return group(MultipleFilterSearchRequestOperatorOr, filters)
}

func group(op MultipleFilterSearchRequestOperator, filters []Filter) Filter {
	g := &MultipleFilterSearchRequest{Operator: op, Value: make([]MultipleOrSingleFilterSearchRequest, len(filters))}
	for i, f := range filters {
		g.Value[i] = MultipleOrSingleFilterSearchRequest{SingleFilterSearchRequest: f.single, MultipleFilterSearchRequest: f.group}
	}
	return Filter{group: g}
}

// Query returns the filter as the query of a SearchRequest.
func (f Filter) Query() SearchRequestQuery {
	return SearchRequestQuery{SingleFilterSearchRequest: f.single, MultipleFilterSearchRequest: f.group}
}

// Request returns a SearchRequest for the filter, from the first page; set its Pagination to
// choose the page size or the cursor to start from.
func (f Filter) Request() *SearchRequest {
	return &SearchRequest{Query: f.Query()}
}

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
func (f FilterField) Eq(v any) Filter { return f.filter(SingleFilterSearchRequestOperatorEquals, v) }

// NotEq matches every value but v; see Eq for the values.
func (f FilterField) NotEq(v any) Filter {
	return f.filter(SingleFilterSearchRequestOperatorNotEquals, v)
}

// In matches any one of values, all strings or all integers; a single slice gives its
// elements: In(ids) is In(ids[0], ids[1], ...).
func (f FilterField) In(values ...any) Filter {
	return f.filter(SingleFilterSearchRequestOperatorIn, listValue(values))
}

// NotIn matches none of values; see In.
func (f FilterField) NotIn(values ...any) Filter {
	return f.filter(SingleFilterSearchRequestOperatorNotIn, listValue(values))
}

// Lt matches values less than v, an integer or a time.Time.
func (f FilterField) Lt(v any) Filter { return f.filter(SingleFilterSearchRequestOperatorLessThan, v) }

// Lte matches values less than or equal to v, an integer (dates do not take it).
func (f FilterField) Lte(v any) Filter {
	return f.filter(SingleFilterSearchRequestOperatorLessThanOrEqual, v)
}

// Gt matches values greater than v, an integer or a time.Time.
func (f FilterField) Gt(v any) Filter {
	return f.filter(SingleFilterSearchRequestOperatorGreaterThan, v)
}

// Gte matches values greater than or equal to v, an integer (dates do not take it).
func (f FilterField) Gte(v any) Filter {
	return f.filter(SingleFilterSearchRequestOperatorGreaterThanOrEqual, v)
}

// Before matches dates before t. Intercom compares dates by calendar day in the workspace's
// time zone: Before matches everything before the start of t's day.
func (f FilterField) Before(t time.Time) Filter { return f.Lt(t) }

// After matches dates after t. Intercom compares dates by calendar day in the workspace's time
// zone: After matches from the start of the day after t's.
func (f FilterField) After(t time.Time) Filter { return f.Gt(t) }

// Contains matches strings containing s.
func (f FilterField) Contains(s string) Filter {
	return f.filter(SingleFilterSearchRequestOperatorContains, s)
}

// NotContains matches strings not containing s.
func (f FilterField) NotContains(s string) Filter {
	return f.filter(SingleFilterSearchRequestOperatorNotContains, s)
}

// StartsWith matches strings starting with s.
func (f FilterField) StartsWith(s string) Filter {
	return f.filter(SingleFilterSearchRequestOperatorStartsWith, s)
}

// EndsWith matches strings ending with s.
func (f FilterField) EndsWith(s string) Filter {
	return f.filter(SingleFilterSearchRequestOperatorEndsWith, s)
}

func (f FilterField) filter(op SingleFilterSearchRequestOperator, v any) Filter {
	return Filter{single: &SingleFilterSearchRequest{Field: f.name, Operator: op, Value: filterValue(v)}}
}

// list is the values given to In or NotIn, told apart from one value that is a slice.
type list []any

func listValue(values []any) list {
	if values == nil {
		return list{}
	}
	return list(values)
}

// filterValue converts a value given to the builder. A value of no kind Intercom searches by (a
// float, a struct, a list of mixed kinds) is kept as its JSON, for validation to report with
// its place in the query rather than the builder to fail without one.
func filterValue(v any) SingleFilterSearchRequestValue {
	switch x := v.(type) {
	case list:
		if len(x) == 1 {
			if k := reflect.ValueOf(x[0]).Kind(); k == reflect.Slice || k == reflect.Array {
				return filterValue(x[0])
			}
		}
		var strs []string
		var ints []int64
		for _, e := range x {
			one := filterValue(e)
			str, isStr := one.String.Get()
			n, isInt := one.Integer.Get()
			switch {
			case isStr && ints == nil:
				strs = append(strs, str)
			case isInt && strs == nil:
				ints = append(ints, n)
			default:
				return rawValue([]any(x))
			}
		}
		if ints != nil {
			return SingleFilterSearchRequestValue{IntegerList: ints}
		}
		if strs == nil {
			strs = []string{}
		}
		return SingleFilterSearchRequestValue{StringList: strs}
	case time.Time:
		return SingleFilterSearchRequestValue{Integer: Int64(x.Unix())}
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return SingleFilterSearchRequestValue{String: String(rv.String())}
	case reflect.Bool:
		return SingleFilterSearchRequestValue{Boolean: Bool(rv.Bool())}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return SingleFilterSearchRequestValue{Integer: Int64(rv.Int())}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := rv.Uint(); u <= 1<<63-1 {
			return SingleFilterSearchRequestValue{Integer: Int64(int64(u))}
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

func rawValue(v any) SingleFilterSearchRequestValue {
	data, err := json.Marshal(v)
	if err != nil {
		data = []byte(`null`)
	}
	return SingleFilterSearchRequestValue{raw: data}
}
