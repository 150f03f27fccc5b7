package intercom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

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
	endpoint  string          // "POST /contacts/search"
	typ       SearchFieldType // "" for a field the endpoint does not take, or a custom attribute
	ops       string          // the operators the field takes, space-separated
	attribute bool            // the name is a custom attribute's, of a type only the workspace knows
	custom    string          // for a name the endpoint does not take: how it names custom attributes
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

// searchOperators are the operators of Intercom's search, and listOperators those that take a
// list of values.
const (
	searchOperators = "= != IN NIN < <= > >= ~ !~ ^ $"
	listOperators   = "IN NIN"
)

// ValidateSearch reports the first thing in the search request req that the endpoint whose
// field type is F (ContactField for POST /contacts/search...) is documented to reject, as a
// *ValidationError naming its place in the query ("query.value[1].value[0]"): groups nested
// deeper than 2 or holding more than 15 filters, a field the endpoint does not take (custom
// attributes, of types only the workspace knows, excepted), an operator the field's type does
// not take, IN or NIN without a list of values or another operator with one, a value not of the
// field's type, a date in milliseconds rather than seconds. The search methods call it before
// sending; the fake server of intercomtest calls it on the requests it receives.
//
// It reads the query as it goes on the wire (a filter {field, operator, value}, a group
// {operator, value: [filters]}), so that what it checks is what Intercom would be sent.
func ValidateSearch[F searchField](req any) error {
	if isNil(req) {
		return nil
	}
	data, err := json.Marshal(req)
	if err != nil {
		return err
	}
	var body struct {
		Query json.RawMessage `json:"query"`
	}
	if err := json.Unmarshal(data, &body); err != nil {
		return err
	}
	c := searchCheck{typ: requestType(req), spec: func(name string) searchSpec { return F(name).searchSpec() }}
	return c.filter(body.Query, "query", 0)
}

// requestType names the type of the search request req for its ValidationError: the client's
// type (SearchRequest, or ContactSearchRequest where a version has one per endpoint), or
// "search request" for a value of another package's type, such as raw JSON.
func requestType(req any) string {
	t := reflect.TypeOf(req)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Name() == "" || t.PkgPath() != reflect.TypeFor[ValidationError]().PkgPath() {
		return "search request"
	}
	return t.Name()
}

type searchCheck struct {
	typ  string // the request's type, for errors
	spec func(string) searchSpec
}

func (c searchCheck) fail(at, format string, args ...any) error {
	return &ValidationError{Type: c.typ, Field: at, Reason: fmt.Sprintf(format, args...)}
}

// searchNode is a filter or a group of filters, as JSON.
type searchNode struct {
	Field    *string         `json:"field"`
	Operator string          `json:"operator"`
	Value    json.RawMessage `json:"value"`
}

// filter checks the filter or group data at path at, inside depth groups.
func (c searchCheck) filter(data json.RawMessage, at string, depth int) error {
	var n searchNode
	switch kindOf(data) {
	case jsonInvalid, jsonNull:
		return c.fail(at, "is empty: set a filter or a group of filters")
	case jsonObject:
		if err := json.Unmarshal(data, &n); err == nil {
			break
		}
		fallthrough
	default:
		return c.fail(at, "is %s: neither a filter {field, operator, value} nor a group {operator, value}", data)
	}
	if n.Field != nil {
		return c.single(n, at)
	}
	if kindOf(n.Value) != jsonArray {
		return c.fail(at, "is neither a filter {field, operator, value} nor a group {operator, value: [filters]}")
	}
	return c.group(n, at, depth+1)
}

func (c searchCheck) group(g searchNode, at string, depth int) error {
	if depth > maxSearchDepth {
		return c.fail(at, "nests groups %d deep; Intercom takes at most %d", depth, maxSearchDepth)
	}
	if g.Operator != "AND" && g.Operator != "OR" {
		return c.fail(at+".operator", "is %q; a group joins its filters with AND or OR", g.Operator)
	}
	var members []json.RawMessage
	if err := json.Unmarshal(g.Value, &members); err != nil {
		return c.fail(at+".value", "is not a list of filters: %v", err)
	}
	if n := len(members); n > maxSearchFilters {
		return c.fail(at, "holds %d filters; Intercom takes at most %d in one AND or OR group", n, maxSearchFilters)
	} else if n == 0 {
		return c.fail(at, "holds no filters")
	}
	for i, m := range members {
		if err := c.filter(m, fmt.Sprintf("%s.value[%d]", at, i), depth); err != nil {
			return err
		}
	}
	return nil
}

func (c searchCheck) single(f searchNode, at string) error {
	field := *f.Field
	spec := c.spec(field)
	if spec.typ == "" && !spec.attribute {
		hint := ""
		if spec.custom != "" {
			hint = fmt.Sprintf(" (a custom attribute is %q)", spec.custom+"<name>")
		}
		return c.fail(at+".field", "%q is not a field %s takes%s", field, spec.endpoint, hint)
	}
	op := f.Operator
	if !containsWord(searchOperators, op) {
		return c.fail(at+".operator", "%q is not a search operator", op)
	}
	if spec.ops != "" && !containsWord(spec.ops, op) {
		return c.fail(at+".operator", "%s does not apply to %s, %s: it takes %s", op, field, describe(spec.typ), strings.ReplaceAll(spec.ops, " ", ", "))
	}
	v, err := readSearchValue(f.Value)
	listOp := containsWord(listOperators, op)
	switch {
	case err != nil:
		return c.fail(at+".value", "is %s: a search value is a string, an integer, a boolean, or a list of strings or of integers", bytes.TrimSpace(f.Value))
	case v.kind == "":
		return c.fail(at+".value", "is required")
	case listOp && !v.list:
		return c.fail(at+".value", "is one value; %s takes a list of values", op)
	case !listOp && v.list:
		return c.fail(at+".value", "is a list; %s takes one value (IN takes a list)", op)
	case v.list && v.n == 0:
		return c.fail(at+".value", "is an empty list; %s takes at least one value", op)
	}
	if spec.attribute {
		return nil
	}
	if !fits(spec.typ, v) {
		return c.fail(at+".value", "is %s; %s is %s", v.describe(), field, describe(spec.typ))
	}
	if spec.typ == SearchDate {
		for _, n := range v.ints {
			if n > maxSearchSeconds || n < -maxSearchSeconds {
				return c.fail(at+".value", "is %d, a date in milliseconds? %s takes Unix seconds", n, field)
			}
		}
	}
	return nil
}

// searchValue is what a filter's value is.
type searchValue struct {
	kind string  // "string", "integer" or "boolean"; "" for none (absent or null)
	list bool    // a list of values of kind
	n    int     // how many values
	ints []int64 // the values as integers, when they are integers or strings of digits (the API
	// reference's own examples send dates as "1306054154"); nil when any is not
}

// readSearchValue reads a filter's value: one string, integer or boolean, or a list of strings
// or of integers. Anything else (a fraction, an object, a mixed list) is an error.
func readSearchValue(data json.RawMessage) (searchValue, error) {
	var v searchValue
	one := func(data []byte) (string, error) {
		switch kindOf(data) {
		case jsonString:
			var s string
			if err := json.Unmarshal(data, &s); err != nil {
				return "", err
			}
			if n, err := strconv.ParseInt(s, 10, 64); err == nil && v.ints != nil {
				v.ints = append(v.ints, n)
			} else {
				v.ints = nil
			}
			return "string", nil
		case jsonNumber:
			n, err := strconv.ParseInt(string(bytes.TrimSpace(data)), 10, 64)
			if err != nil {
				return "", err
			}
			if v.ints != nil {
				v.ints = append(v.ints, n)
			}
			return "integer", nil
		case jsonBool:
			v.ints = nil
			return "boolean", nil
		}
		return "", fmt.Errorf("not a search value")
	}
	v.ints = []int64{}
	switch kindOf(data) {
	case jsonInvalid, jsonNull:
		return searchValue{}, nil
	case jsonArray:
		var elems []json.RawMessage
		if err := json.Unmarshal(data, &elems); err != nil {
			return v, err
		}
		v.list, v.n = true, len(elems)
		for _, e := range elems {
			k, err := one(e)
			if err != nil || k == "boolean" || (v.kind != "" && k != v.kind) {
				return v, fmt.Errorf("not a list of strings or of integers")
			}
			v.kind = k
		}
		if v.kind == "" {
			v.kind = "string" // an empty list
		}
		return v, nil
	}
	k, err := one(data)
	v.kind, v.n = k, 1
	return v, err
}

// describe names the kind of a value in messages.
func (v searchValue) describe() string {
	if v.list {
		return "a list of " + v.kind + "s"
	}
	if v.kind == "integer" {
		return "an integer"
	}
	return "a " + v.kind
}

// fits reports whether a value can be of a field of type t: integers and dates take integers,
// or strings of digits.
func fits(t SearchFieldType, v searchValue) bool {
	switch t {
	case SearchString:
		return v.kind == "string"
	case SearchInteger, SearchDate:
		return v.kind == "integer" || (v.kind == "string" && v.ints != nil)
	case SearchBoolean:
		return v.kind == "boolean"
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
