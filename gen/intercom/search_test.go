package intercom

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// testField is a search endpoint of four fields, one of each type, and custom attributes, so
// that the checks are tested apart from the tables generated from the description.
type testField string

func (f testField) searchSpec() searchSpec {
	s := searchSpec{endpoint: "POST /things/search"}
	switch f {
	case "name":
		s.typ, s.ops = SearchString, "= != IN NIN ~ !~ ^ $"
	case "count":
		s.typ, s.ops = SearchInteger, "= != IN NIN < > <= >="
	case "created_at":
		s.typ, s.ops = SearchDate, "= < >"
	case "open":
		s.typ, s.ops = SearchBoolean, "= != IN NIN"
	case "tag_id":
		s.typ, s.ops = SearchString, "= !="
	default:
		if strings.HasPrefix(string(f), customAttributePrefix) && len(f) > len(customAttributePrefix) {
			s.attribute = true
		} else {
			s.custom = customAttributePrefix
		}
	}
	return s
}

func TestFilterJSON(t *testing.T) {
	t.Parallel()
	day := time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC) // 1577869200
	type state string
	tests := []struct {
		name string
		f    Filter
		want string
	}{
		{"Eq string", Field("name").Eq("Jane"), `{"field":"name","operator":"=","value":"Jane"}`},
		{"Eq string type", Field("state").Eq(state("open")), `{"field":"state","operator":"=","value":"open"}`},
		{"Eq int", Field("count").Eq(3), `{"field":"count","operator":"=","value":3}`},
		{"Eq bool", Field("open").Eq(true), `{"field":"open","operator":"=","value":true}`},
		{"Eq time", Field("created_at").Eq(day), `{"field":"created_at","operator":"=","value":1577869200}`},
		{"NotEq", Field("name").NotEq("Jane"), `{"field":"name","operator":"!=","value":"Jane"}`},
		{"NotEq bool", Field("open").NotEq(false), `{"field":"open","operator":"!=","value":false}`},
		{"In strings", Field("name").In("a", "b"), `{"field":"name","operator":"IN","value":["a","b"]}`},
		{"In ints", Field("count").In(1, int64(2), uint8(3)), `{"field":"count","operator":"IN","value":[1,2,3]}`},
		{"In one", Field("name").In("a"), `{"field":"name","operator":"IN","value":["a"]}`},
		{"In slice", Field("name").In([]string{"a", "b"}), `{"field":"name","operator":"IN","value":["a","b"]}`},
		{"In none", Field("name").In(), `{"field":"name","operator":"IN","value":[]}`},
		{"NotIn", Field("name").NotIn("a", "b"), `{"field":"name","operator":"NIN","value":["a","b"]}`},
		{"Eq list", Field("name").Eq([]string{"a"}), `{"field":"name","operator":"=","value":["a"]}`},
		{"Lt", Field("count").Lt(5), `{"field":"count","operator":"<","value":5}`},
		{"Lte", Field("count").Lte(5), `{"field":"count","operator":"<=","value":5}`},
		{"Gt", Field("count").Gt(5), `{"field":"count","operator":">","value":5}`},
		{"Gte", Field("count").Gte(5), `{"field":"count","operator":">=","value":5}`},
		{"Before", Field("created_at").Before(day), `{"field":"created_at","operator":"<","value":1577869200}`},
		{"After", Field("created_at").After(day.In(time.FixedZone("X", 3600))), `{"field":"created_at","operator":">","value":1577869200}`},
		{"Contains", Field("name").Contains("an"), `{"field":"name","operator":"~","value":"an"}`},
		{"NotContains", Field("name").NotContains("an"), `{"field":"name","operator":"!~","value":"an"}`},
		{"StartsWith", Field("name").StartsWith("J"), `{"field":"name","operator":"^","value":"J"}`},
		{"EndsWith", Field("name").EndsWith("e"), `{"field":"name","operator":"$","value":"e"}`},
		{"CustomAttribute", CustomAttribute("plan").Eq("pro"), `{"field":"custom_attributes.plan","operator":"=","value":"pro"}`},
		{"typed field", Field(testField("name")).Eq("x"), `{"field":"name","operator":"=","value":"x"}`},
		{"float kept", Field("count").Eq(1.5), `{"field":"count","operator":"=","value":1.5}`},
		{"mixed list kept", Field("count").In(1, "a"), `{"field":"count","operator":"IN","value":[1,"a"]}`},
		{"And", And(Field("state").Eq("open"), Field("created_at").After(day)),
			`{"operator":"AND","value":[{"field":"state","operator":"=","value":"open"},{"field":"created_at","operator":">","value":1577869200}]}`},
		{"Or in And", And(Or(Field("a").Eq(1), Field("b").Eq(2)), Field("c").Eq(true)),
			`{"operator":"AND","value":[{"operator":"OR","value":[{"field":"a","operator":"=","value":1},{"field":"b","operator":"=","value":2}]},{"field":"c","operator":"=","value":true}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := json.Marshal(&SearchRequest{Query: tt.f})
			if err != nil {
				t.Fatal(err)
			}
			assertJSON(t, "body", got, `{"query":`+tt.want+`}`)
		})
	}
}

// TestFilterDecodes: Intercom's query decodes into the very Filter the builder makes, and
// encodes back as it came; a shape that is neither a filter nor a group is an error.
func TestFilterDecodes(t *testing.T) {
	t.Parallel()
	day := time.Unix(1577869200, 0)
	tests := []struct {
		data string
		want Filter
	}{
		{`{"field":"state","operator":"=","value":"open"}`, Field("state").Eq("open")},
		{`{"field":"id","operator":"IN","value":[1,2]}`, Field("id").In(1, 2)},
		{`{"operator":"AND","value":[{"field":"state","operator":"=","value":"open"},{"operator":"OR","value":[{"field":"created_at","operator":">","value":1577869200},{"field":"open","operator":"!=","value":false}]}]}`,
			And(Field("state").Eq("open"), Or(Field("created_at").After(day), Field("open").NotEq(false)))},
		{`{"operator":"OR","value":[]}`, Or()},
		{`{"field":"name","operator":"="}`, Filter{field: "name", op: "=", value: json.RawMessage("null")}},
		{`{"field":"count","operator":"=","value":1.5}`, Field("count").Eq(1.5)},
		{`null`, Filter{}},
	}
	for _, tt := range tests {
		t.Run(tt.data, func(t *testing.T) {
			t.Parallel()
			var got Filter
			if err := json.Unmarshal([]byte(tt.data), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decoded %#v\nwant    %#v", got, tt.want)
			}
			back, err := json.Marshal(got)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.data
			if !strings.Contains(want, `"value"`) && want != "null" {
				want = strings.TrimSuffix(want, "}") + `,"value":null}`
			}
			assertJSON(t, "query", back, want)
		})
	}
	for _, bad := range []string{`{"value":"x"}`, `{"operator":"AND","value":"x"}`, `{"field":"a","operator":"=","value":1,"extra":2}`, `[1]`, `"q"`, `{"field":"a","value":1}`} {
		var f Filter
		err := json.Unmarshal([]byte(bad), &f)
		if want := "is neither a filter {field, operator, value} nor a group {operator, value: [filters]}"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one saying it %s", bad, err, want)
		}
	}
}

// nest returns a filter with groups nested depth deep around one filter.
func nest(depth int) Filter {
	f := Field("name").Eq("x")
	for i := range depth {
		if i%2 == 0 {
			f = And(f)
		} else {
			f = Or(f)
		}
	}
	return f
}

// filters returns n filters.
func filters(n int) []Filter {
	fs := make([]Filter, n)
	for i := range fs {
		fs[i] = Field("count").Eq(i)
	}
	return fs
}

func TestValidateSearch(t *testing.T) {
	t.Parallel()
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		query Filter
		field string // "" for a query that passes
		want  string
	}{
		{name: "one filter", query: Field("name").Eq("x")},
		{name: "depth 2", query: nest(2)},
		{name: "depth 3", query: nest(3), field: "query.value[0].value[0]", want: "nests groups 3 deep; Intercom takes at most 2"},
		{name: "15 filters", query: And(filters(15)...)},
		{name: "16 filters", query: And(filters(16)...), field: "query", want: "holds 16 filters; Intercom takes at most 15 in one AND or OR group"},
		{name: "16 filters inside", query: And(Field("name").Eq("x"), Or(filters(16)...)), field: "query.value[1]", want: "holds 16 filters; Intercom takes at most 15 in one AND or OR group"},
		{name: "15 filters in 15 groups", query: And(func() []Filter {
			gs := make([]Filter, 15)
			for i := range gs {
				gs[i] = Or(filters(15)...)
			}
			return gs
		}()...)},
		{name: "empty group", query: And(), field: "query", want: "holds no filters"},
		{name: "place in the query", query: And(Field("name").Eq("x"), Or(Field("count").Gt(1), Field("created_at").Gte(day))),
			field: "query.value[1].value[1].operator", want: ">= does not apply to created_at, a date field (Unix seconds): it takes =, <, >"},
		{name: "IN one scalar", query: Filter{field: "name", op: "IN", value: filterValue("a")},
			field: "query.value", want: "is one value; IN takes a list of values"},
		{name: "NIN one scalar", query: Filter{field: "count", op: "NIN", value: filterValue(1)},
			field: "query.value", want: "is one value; NIN takes a list of values"},
		{name: "IN list", query: Field("name").In("a")},
		{name: "IN empty", query: Field("name").In(), field: "query.value", want: "is an empty list; IN takes at least one value"},
		{name: "Eq list", query: Field("name").Eq([]string{"a"}), field: "query.value", want: "is a list; = takes one value (IN takes a list)"},
		{name: "date =", query: Field("created_at").Eq(day)},
		{name: "date <", query: Field("created_at").Before(day)},
		{name: "date >", query: Field("created_at").After(day)},
		{name: "date !=", query: Field("created_at").NotEq(day), field: "query.operator", want: "!= does not apply to created_at, a date field (Unix seconds): it takes =, <, >"},
		{name: "date <=", query: Field("created_at").Lte(day), field: "query.operator", want: "<= does not apply to created_at, a date field (Unix seconds): it takes =, <, >"},
		{name: "date IN", query: Field("created_at").In(day), field: "query.operator", want: "IN does not apply to created_at, a date field (Unix seconds): it takes =, <, >"},
		{name: "date seconds at the edge", query: Field("created_at").Eq(maxSearchSeconds)},
		{name: "date milliseconds", query: Field("created_at").Eq(day.UnixMilli()), field: "query.value", want: "is 1577836800000, a date in milliseconds? created_at takes Unix seconds"},
		{name: "date milliseconds past the edge", query: Field("created_at").Eq(maxSearchSeconds + 1), field: "query.value", want: "is 100000000000, a date in milliseconds? created_at takes Unix seconds"},
		{name: "date string", query: Field("created_at").Eq("2020-01-01"), field: "query.value", want: "is a string; created_at is a date field (Unix seconds)"},
		{name: "~ on string", query: Field("name").Contains("a")},
		{name: "!~ on string", query: Field("name").NotContains("a")},
		{name: "^ on string", query: Field("name").StartsWith("a")},
		{name: "$ on string", query: Field("name").EndsWith("a")},
		{name: "~ on integer", query: Field("count").Contains("1"), field: "query.operator", want: "~ does not apply to count, an integer field: it takes =, !=, IN, NIN, <, >, <=, >="},
		{name: "^ on boolean", query: Field("open").StartsWith("t"), field: "query.operator", want: "^ does not apply to open, a boolean field: it takes =, !=, IN, NIN"},
		{name: "$ on date", query: Field("created_at").EndsWith("1"), field: "query.operator", want: "$ does not apply to created_at, a date field (Unix seconds): it takes =, <, >"},
		{name: "!~ on integer", query: Field("count").NotContains("1"), field: "query.operator", want: "!~ does not apply to count, an integer field: it takes =, !=, IN, NIN, <, >, <=, >="},
		{name: "< on string", query: Field("name").Lt(1), field: "query.operator", want: "< does not apply to name, a string field: it takes =, !=, IN, NIN, ~, !~, ^, $"},
		{name: "tag_id IN", query: Field("tag_id").In("1"), field: "query.operator", want: "IN does not apply to tag_id, a string field: it takes =, !="},
		{name: "integer as digits", query: Field("count").Eq("3")},
		{name: "integer as text", query: Field("count").Eq("three"), field: "query.value", want: "is a string; count is an integer field"},
		{name: "date as digits", query: Field("created_at").Gt("1306054154")},
		{name: "date as digits in milliseconds", query: Field("created_at").Gt("1306054154000"), field: "query.value", want: "is 1306054154000, a date in milliseconds? created_at takes Unix seconds"},
		{name: "boolean as string", query: Field("open").Eq("true"), field: "query.value", want: "is a string; open is a boolean field"},
		{name: "integers IN", query: Field("count").In(1, 2)},
		{name: "strings IN integer", query: Field("count").In("1", "x"), field: "query.value", want: "is a list of strings; count is an integer field"},
		{name: "digits IN integer", query: Field("count").In("1", "2")},
		{name: "float", query: Field("count").Eq(1.5), field: "query.value", want: "is 1.5: a search value is a string, an integer, a boolean, or a list of strings or of integers"},
		{name: "mixed list", query: Field("count").In(1, "a"), field: "query.value", want: `is [1,"a"]: a search value is a string, an integer, a boolean, or a list of strings or of integers`},
		{name: "unknown field", query: And(Field("name").Eq("x"), Field("nmae").Eq("x")), field: "query.value[1].field",
			want: `"nmae" is not a field POST /things/search takes (a custom attribute is "custom_attributes.<name>")`},
		{name: "custom attribute", query: CustomAttribute("plan").Contains("pro")},
		{name: "custom date", query: CustomAttribute("renewed_at").After(day)},
		{name: "custom attribute IN scalar", query: Filter{field: "custom_attributes.plan", op: "IN", value: filterValue("a")},
			field: "query.value", want: "is one value; IN takes a list of values"},
		{name: "custom attributes bare", query: Field("custom_attributes.").Eq("x"), field: "query.field",
			want: `"custom_attributes." is not a field POST /things/search takes (a custom attribute is "custom_attributes.<name>")`},
		{name: "unknown operator", query: Filter{field: "name", op: "==", value: filterValue("a")},
			field: "query.operator", want: `"==" is not a search operator`},
		{name: "no value", query: Filter{field: "name", op: "="}, field: "query.value", want: "is required"},
		{name: "group operator", query: group("XOR", []Filter{Field("name").Eq("x")}),
			field: "query.operator", want: `is "XOR"; a group joins its filters with AND or OR`},
		{name: "no query", query: Filter{}, field: "query", want: "is empty: set a filter or a group of filters"},
		{name: "empty member", query: Or(Filter{}),
			field: "query.value[0]", want: "is empty: set a filter or a group of filters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := ValidateSearch[testField](&SearchRequest{Query: tt.query})
			if tt.field == "" {
				if err != nil {
					t.Fatalf("ValidateSearch: %v", err)
				}
				return
			}
			want := &ValidationError{Type: "SearchRequest", Field: tt.field, Reason: tt.want}
			var got *ValidationError
			if !errors.As(err, &got) || *got != *want {
				t.Fatalf("ValidateSearch:\n got  %#v\n want %#v", err, want)
			}
		})
	}
}

func TestValidateSearchNil(t *testing.T) {
	t.Parallel()
	if err := ValidateSearch[testField](nil); err != nil {
		t.Errorf("nil request: %v", err)
	}
	// No query is the request's Validate to refuse, as the search methods do before
	// ValidateSearch: the query is required, and the zero Filter is none.
	if got, want := fmt.Sprint((&SearchRequest{}).Validate()), "intercom: invalid SearchRequest: query is required"; got != want {
		t.Errorf("no query:\n got  %s\n want %s", got, want)
	}
	// A query decoded from JSON is checked as one built.
	var req SearchRequest
	if err := json.Unmarshal([]byte(`{"query":{"operator":"AND","value":[{"field":"name","operator":"IN","value":"a"}]}}`), &req); err != nil {
		t.Fatal(err)
	}
	err := ValidateSearch[testField](&req)
	if got, want := fmt.Sprint(err), "intercom: invalid SearchRequest: query.value[0].value is one value; IN takes a list of values"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestSearchErrorNamesRequestType: a ValidationError of ValidateSearch names the client's type
// the query came in (one type per endpoint in some versions), and a search request for raw JSON.
func TestSearchErrorNamesRequestType(t *testing.T) {
	t.Parallel()
	type ContactSearchRequest struct {
		Query Filter `json:"query"`
	}
	for _, tt := range []struct {
		req  any
		want string
	}{
		{&SearchRequest{}, "SearchRequest"},
		{&ContactSearchRequest{}, "ContactSearchRequest"},
		{json.RawMessage(`{"query":null}`), "search request"},
		{map[string]any{"query": nil}, "search request"},
	} {
		var ve *ValidationError
		if err := ValidateSearch[ContactField](tt.req); !errors.As(err, &ve) || ve.Type != tt.want {
			t.Errorf("ValidateSearch(%T) = %v, want a ValidationError of %s", tt.req, err, tt.want)
		}
	}
}
