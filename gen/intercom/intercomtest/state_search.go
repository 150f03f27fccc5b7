package intercomtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// search returns the records that query, Intercom's search query (a filter {field, operator,
// value} or a group {operator: AND|OR, value: [...]}), selects, in the order they were created.
// lookup gives the value of a field of a record: a property, through objects with dots
// ("custom_attributes.plan"), or the ids of linked records ("tag_id"); dates are Unix seconds,
// compared as numbers.
func search(recs []map[string]any, query map[string]any, lookup func(rec map[string]any, field string) any) ([]map[string]any, error) {
	if query == nil {
		return nil, fmt.Errorf("query: missing")
	}
	if err := checkQuery(query); err != nil {
		return nil, err
	}
	var out []map[string]any
	for _, rec := range recs {
		if selects(query, func(field string) any { return lookup(rec, field) }) {
			out = append(out, rec)
		}
	}
	return out, nil
}

// checkQuery holds a query to the language the store evaluates. Intercom's limits (nesting,
// filters a group, fields and operators an endpoint takes) are checked before the store sees
// the request, by the client's own check of the route (route.bodyCheck: ValidateSearch).
func checkQuery(q map[string]any) error {
	op, _ := q["operator"].(string)
	if _, single := q["field"]; single {
		if _, ok := q["field"].(string); !ok {
			return fmt.Errorf("query: a filter's field is a string, got %s", show(q["field"]))
		}
		switch op {
		case "=", "!=", "<", ">", "<=", ">=", "~", "!~", "^", "$":
		case "IN", "NIN":
			if _, ok := q["value"].([]any); !ok {
				return fmt.Errorf("query: %s takes a list of values, got %s", op, show(q["value"]))
			}
		default:
			return fmt.Errorf("query: unknown operator %q", op)
		}
		return nil
	}
	if op != "AND" && op != "OR" {
		return fmt.Errorf("query: a group's operator is AND or OR, got %q", op)
	}
	list, ok := q["value"].([]any)
	if !ok || len(list) == 0 {
		return fmt.Errorf("query: a group's value is a list of filters")
	}
	for _, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			return fmt.Errorf("query: a group holds filters, got %s", show(x))
		}
		if err := checkQuery(m); err != nil {
			return err
		}
	}
	return nil
}

// linkedIDs is the value of a field that names linked records ("tag_id"): a filter selects a
// record when one of them matches (=, IN), or none does (!=, NIN).
type linkedIDs []string

// selects reports whether a checked query selects the record whose fields field gives.
func selects(q map[string]any, field func(string) any) bool {
	op, _ := q["operator"].(string)
	name, single := q["field"].(string)
	if !single {
		list, _ := q["value"].([]any)
		for _, x := range list {
			ok := selects(x.(map[string]any), field)
			if op == "AND" && !ok {
				return false
			}
			if op == "OR" && ok {
				return true
			}
		}
		return op == "AND"
	}
	got, want := field(name), q["value"]
	if ids, ok := got.(linkedIDs); ok {
		match := func(x any) bool { return slices.ContainsFunc(ids, func(id string) bool { return equal(id, x) }) }
		switch op {
		case "=":
			return match(want)
		case "!=":
			return !match(want)
		case "IN", "NIN":
			return slices.ContainsFunc(want.([]any), match) == (op == "IN")
		}
		return false
	}
	s, isText := got.(string)
	w, wantText := want.(string)
	switch op {
	case "=":
		return equal(got, want)
	case "!=":
		return !equal(got, want)
	case "IN", "NIN":
		in := false
		for _, x := range want.([]any) {
			in = in || equal(got, x)
		}
		return in == (op == "IN")
	case "<", ">", "<=", ">=":
		a, ok1 := number(got)
		b, ok2 := number(want)
		if !ok1 || !ok2 {
			return false
		}
		switch op {
		case "<":
			return a < b
		case ">":
			return a > b
		case "<=":
			return a <= b
		}
		return a >= b
	case "~":
		return isText && wantText && strings.Contains(s, w)
	case "!~":
		return !(isText && wantText && strings.Contains(s, w))
	case "^":
		return isText && wantText && strings.HasPrefix(s, w)
	case "$":
		return isText && wantText && strings.HasSuffix(s, w)
	}
	return false
}

// equal reports whether two JSON values are equal: numbers by value, whatever their spelling.
func equal(a, b any) bool {
	if x, ok := number(a); ok {
		y, ok := number(b)
		return ok && x == y
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	}
	return false
}

// number returns the value of a JSON number, or of a string of one.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}
