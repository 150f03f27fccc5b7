package intercom

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

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
	return Filter{single: &SingleFilterSearchRequest{Field: f.name, Operator: op, Value: searchValue(v)}}
}

// list is the values given to In or NotIn, told apart from one value that is a slice.
type list []any

func listValue(values []any) list {
	if values == nil {
		return list{}
	}
	return list(values)
}

// searchValue converts a value given to the builder. A value of no kind Intercom searches by (a
// float, a struct, a list of mixed kinds) is kept as its JSON, for validation to report with
// its place in the query rather than the builder to fail without one.
func searchValue(v any) SingleFilterSearchRequestValue {
	switch x := v.(type) {
	case list:
		if len(x) == 1 {
			if k := reflect.ValueOf(x[0]).Kind(); k == reflect.Slice || k == reflect.Array {
				return searchValue(x[0])
			}
		}
		var strs []string
		var ints []int64
		for _, e := range x {
			one := searchValue(e)
			switch {
			case one.String != nil && ints == nil:
				strs = append(strs, *one.String)
			case one.Integer != nil && strs == nil:
				ints = append(ints, *one.Integer)
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
		n := x.Unix()
		return SingleFilterSearchRequestValue{Integer: &n}
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		s := rv.String()
		return SingleFilterSearchRequestValue{String: &s}
	case reflect.Bool:
		b := rv.Bool()
		return SingleFilterSearchRequestValue{Boolean: &b}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := rv.Int()
		return SingleFilterSearchRequestValue{Integer: &n}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := rv.Uint(); u <= 1<<63-1 {
			n := int64(u)
			return SingleFilterSearchRequestValue{Integer: &n}
		}
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			break
		}
		l := make(list, rv.Len())
		for i := range l {
			l[i] = rv.Index(i).Interface()
		}
		return searchValue(l)
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

// SearchFieldType is the type of a field a search endpoint takes, which decides the operators
// and the values a filter on it can have.
type SearchFieldType string

// The types of search fields, as the tables of accepted fields in the API reference name them.
const (
	SearchString  SearchFieldType = "string"
	SearchInteger SearchFieldType = "integer"
	SearchDate    SearchFieldType = "date" // Unix seconds
	SearchBoolean SearchFieldType = "boolean"
)

// searchSpec is what a search endpoint says of one field name; the generated field types
// (ContactField...) answer it from the endpoint's table of fields.
type searchSpec struct {
	endpoint string          // "POST /contacts/search"
	typ      SearchFieldType // "" for a field the endpoint does not take, or a custom attribute
	ops      string          // the operators the field takes, space-separated; "" for any
	custom   bool            // a custom attribute, of a type only the workspace knows
}

// searchField is a generated type of the field names of one search endpoint.
type searchField interface {
	~string
	searchSpec() searchSpec
}

// Limits Intercom sets on a search query (the endpoints' "Nesting & Limitations").
const (
	maxSearchDepth   = 2  // groups nested in groups, counting the outermost
	maxSearchFilters = 15 // filters in one AND or OR group
	// maxSearchSeconds is the largest date a search takes as Unix seconds (year 5138); a larger
	// one is almost surely in milliseconds, as JavaScript and Java clocks count.
	maxSearchSeconds = 99_999_999_999
)

// ValidateSearch reports the first thing in req that the search endpoint whose field type is F
// (ContactField for POST /contacts/search...) is documented to reject, as a *ValidationError
// naming its place in the query ("query.value[1].value[0]"): groups nested deeper than 2 or
// holding more than 15 filters, a field the endpoint does not take (custom attributes, of types
// only the workspace knows, excepted), an operator the field's type does not take, IN or NIN
// without a list of values or another operator with one, a value not of the field's type, a
// date in milliseconds rather than seconds. The search methods call it before sending; the
// fake server of intercomtest calls it on the requests it receives.
func ValidateSearch[F searchField](req *SearchRequest) error {
	if req == nil {
		return nil
	}
	q := req.Query
	c := searchCheck{spec: func(name string) searchSpec { return F(name).searchSpec() }}
	return c.filter(q.SingleFilterSearchRequest, q.MultipleFilterSearchRequest, q.raw, "query", 0)
}

type searchCheck struct {
	spec func(string) searchSpec
}

func (c searchCheck) fail(at, format string, args ...any) error {
	return &ValidationError{Type: "SearchRequest", Field: at, Reason: fmt.Sprintf(format, args...)}
}

// filter checks the filter at path at, one of single and group being set, in depth groups.
func (c searchCheck) filter(single *SingleFilterSearchRequest, group *MultipleFilterSearchRequest, raw json.RawMessage, at string, depth int) error {
	switch {
	case single != nil && group != nil:
		return c.fail(at, "is both a filter and a group of filters; set one")
	case group != nil:
		return c.group(group, at, depth+1)
	case single != nil:
		return c.single(single, at)
	case raw != nil:
		return c.fail(at, "is neither a filter {field, operator, value} nor a group {operator, value}")
	}
	return c.fail(at, "is empty: set a filter or a group of filters")
}

func (c searchCheck) group(g *MultipleFilterSearchRequest, at string, depth int) error {
	if depth > maxSearchDepth {
		return c.fail(at, "nests groups %d deep; Intercom takes at most %d", depth, maxSearchDepth)
	}
	if g.Operator != MultipleFilterSearchRequestOperatorAnd && g.Operator != MultipleFilterSearchRequestOperatorOr {
		return c.fail(at+".operator", "is %q; a group joins its filters with AND or OR", g.Operator)
	}
	if n := len(g.Value); n > maxSearchFilters {
		return c.fail(at, "holds %d filters; Intercom takes at most %d in one AND or OR group", n, maxSearchFilters)
	} else if n == 0 {
		return c.fail(at, "holds no filters")
	}
	for i, v := range g.Value {
		if err := c.filter(v.SingleFilterSearchRequest, v.MultipleFilterSearchRequest, v.raw, fmt.Sprintf("%s.value[%d]", at, i), depth); err != nil {
			return err
		}
	}
	return nil
}

func (c searchCheck) single(f *SingleFilterSearchRequest, at string) error {
	spec := c.spec(f.Field)
	if spec.typ == "" && !spec.custom {
		return c.fail(at+".field", "%q is not a field %s takes (a custom attribute is %q)", f.Field, spec.endpoint, customAttributePrefix+"<name>")
	}
	op := f.Operator
	if !knownOperator(op) {
		return c.fail(at+".operator", "%q is not a search operator", op)
	}
	if spec.ops != "" && !containsWord(spec.ops, string(op)) {
		return c.fail(at+".operator", "%s does not apply to %s, %s: it takes %s", op, f.Field, describe(spec.typ), strings.ReplaceAll(spec.ops, " ", ", "))
	}
	v := f.Value
	isList := v.StringList != nil || v.IntegerList != nil
	listOp := op == SingleFilterSearchRequestOperatorIn || op == SingleFilterSearchRequestOperatorNotIn
	switch {
	case v.raw != nil:
		return c.fail(at+".value", "is %s: a search value is a string, an integer, a boolean, or a list of strings or of integers", v.raw)
	case v.IsZero():
		return c.fail(at+".value", "is required")
	case listOp && !isList:
		return c.fail(at+".value", "is one value; %s takes a list of values", op)
	case !listOp && isList:
		return c.fail(at+".value", "is a list; %s takes one value (IN takes a list)", op)
	case isList && len(v.StringList) == 0 && len(v.IntegerList) == 0:
		return c.fail(at+".value", "is an empty list; %s takes at least one value", op)
	}
	if spec.custom {
		return nil
	}
	ints, numeric := numbers(v)
	if kind := valueKind(v); !fits(spec.typ, kind) && !(numeric && (spec.typ == SearchInteger || spec.typ == SearchDate)) {
		return c.fail(at+".value", "is %s; %s is %s", kind, f.Field, describe(spec.typ))
	}
	if spec.typ == SearchDate {
		for _, n := range ints {
			if n > maxSearchSeconds || n < -maxSearchSeconds {
				return c.fail(at+".value", "is %d, a date in milliseconds? %s takes Unix seconds", n, f.Field)
			}
		}
	}
	return nil
}

// numbers returns the integers a value holds, as numbers or as strings of digits (the API
// reference's own examples send dates as "1306054154"), and whether it holds only such.
func numbers(v SingleFilterSearchRequestValue) ([]int64, bool) {
	switch {
	case v.Integer != nil:
		return []int64{*v.Integer}, true
	case v.IntegerList != nil:
		return v.IntegerList, true
	}
	strs := v.StringList
	if v.String != nil {
		strs = []string{*v.String}
	}
	var ints []int64
	for _, s := range strs {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, false
		}
		ints = append(ints, n)
	}
	return ints, len(ints) > 0
}

func knownOperator(op SingleFilterSearchRequestOperator) bool {
	switch op {
	case SingleFilterSearchRequestOperatorEquals, SingleFilterSearchRequestOperatorNotEquals,
		SingleFilterSearchRequestOperatorIn, SingleFilterSearchRequestOperatorNotIn,
		SingleFilterSearchRequestOperatorLessThan, SingleFilterSearchRequestOperatorLessThanOrEqual,
		SingleFilterSearchRequestOperatorGreaterThan, SingleFilterSearchRequestOperatorGreaterThanOrEqual,
		SingleFilterSearchRequestOperatorContains, SingleFilterSearchRequestOperatorNotContains,
		SingleFilterSearchRequestOperatorStartsWith, SingleFilterSearchRequestOperatorEndsWith:
		return true
	}
	return false
}

func containsWord(words, w string) bool {
	for f := range strings.FieldsSeq(words) {
		if f == w {
			return true
		}
	}
	return false
}

// valueKind names the kind of a search value, for fits and for messages.
func valueKind(v SingleFilterSearchRequestValue) string {
	switch {
	case v.String != nil:
		return "a string"
	case v.Integer != nil:
		return "an integer"
	case v.Boolean != nil:
		return "a boolean"
	case v.StringList != nil:
		return "a list of strings"
	}
	return "a list of integers"
}

func fits(t SearchFieldType, kind string) bool {
	switch t {
	case SearchString:
		return kind == "a string" || kind == "a list of strings"
	case SearchInteger, SearchDate:
		return kind == "an integer" || kind == "a list of integers"
	case SearchBoolean:
		return kind == "a boolean"
	}
	return false
}

// describe names a type of field in messages.
func describe(t SearchFieldType) string {
	switch t {
	case SearchDate:
		return "a date field (Unix seconds)"
	case SearchInteger:
		return "an integer field"
	}
	return "a " + string(t) + " field"
}
