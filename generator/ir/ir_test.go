package ir

import (
	"fmt"
	"testing"
)

func TestRefString(t *testing.T) {
	str := Ref{Kind: String}
	anyR := Ref{Kind: Any}
	named := Ref{Kind: Named, Name: "Contact"}
	for _, c := range []struct {
		ref  Ref
		want string
	}{
		{str, "string"}, {Ref{Kind: Int}, "int64"}, {Ref{Kind: Float}, "float64"}, {Ref{Kind: Bool}, "bool"},
		{Ref{Kind: Timestamp}, "Timestamp"}, {anyR, "any"}, {named, "Contact"},
		{Ref{Kind: Slice, Elem: &named}, "[]Contact"},
		{Ref{Kind: MapOf, Elem: &anyR}, "map[string]any"},
		{Ref{Kind: Slice, Elem: &Ref{Kind: MapOf, Elem: &str}}, "[]map[string]string"},
	} {
		if got := c.ref.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.ref, got, c.want)
		}
	}
}

func TestArgs(t *testing.T) {
	str := Ref{Kind: String}
	id := &Param{Name: "contact_id", GoName: "contactID", Type: str}
	tag := &Param{Name: "id", GoName: "tagID", Type: str}
	query := &Type{Name: "SearchOptions", Kind: Options}
	body := &Body{Type: Ref{Kind: Named, Name: "SearchRequest"}, ByPointer: true}
	args := func(list []Arg) string { return fmt.Sprint(list) }

	o := &Operation{PathParams: []*Param{id, tag}, Query: query, Body: body}
	want := "[{contactID string false} {tagID string false} {params SearchOptions true} {req SearchRequest true}]"
	if got := args(o.Args()); got != want {
		t.Errorf("Args:\n got %s\nwant %s", got, want)
	}
	// Without paging, or paging by query, the iterators take the method's arguments.
	if got := args(o.PageArgs()); got != want {
		t.Errorf("PageArgs without paging:\n got %s\nwant %s", got, want)
	}
	o.Paging = &Paging{Kind: PageCursor}
	if got := args(o.PageArgs()); got != want {
		t.Errorf("PageArgs of a cursor list:\n got %s\nwant %s", got, want)
	}
	// A search pages through its body, which it takes by pointer, in the method's order.
	o.Paging = &Paging{Kind: PageSearch}
	o.Body = &Body{Type: Ref{Kind: Named, Name: "SearchRequest"}}
	want = "[{contactID string false} {tagID string false} {params SearchOptions true} {req SearchRequest true}]"
	if got := args(o.PageArgs()); got != want {
		t.Errorf("PageArgs of a search:\n got %s\nwant %s", got, want)
	}
	want = "[{contactID string false} {tagID string false} {params SearchOptions true} {req SearchRequest false}]"
	if got := args(o.Args()); got != want {
		t.Errorf("Args of a search with its body by value, after PageArgs:\n got %s\nwant %s", got, want)
	}
	if got := args((&Operation{}).Args()); got != "[]" {
		t.Errorf("no arguments: %s", got)
	}
}

func TestOrigin(t *testing.T) {
	for ptr, want := range map[string]string{
		"#/components/schemas/contact":                                          "schema contact",
		"#/components/schemas/contact/properties/location":                      "schema contact.location",
		"#/components/schemas/list/properties/data/items":                       "schema list.data[]",
		"#/paths/~1pets~1{id}/put/requestBody/content/application~1json/schema": "request body of PUT /pets/{id}",
		"#/paths/~1pets/get/responses/200/content/application~1json/schema":     "response of GET /pets",
		"#/paths/~1pets/get": "GET /pets",
		"#/servers/0":        "#/servers/0",
	} {
		if got := Origin(ptr); got != want {
			t.Errorf("Origin(%q) = %q, want %q", ptr, got, want)
		}
	}
}

func TestPagingKindString(t *testing.T) {
	for k, want := range map[PagingKind]string{PageCursor: "cursor", PageNumber: "page", PageScroll: "scroll", PageSearch: "search", 9: "unknown"} {
		if got := k.String(); got != want {
			t.Errorf("PagingKind(%d) = %q, want %q", k, got, want)
		}
	}
}

// A scroll is retried only when nothing was done, a read-only operation as a GET, the rest as
// their method allows.
func TestRetry(t *testing.T) {
	scroll := &Paging{Kind: PageScroll}
	for _, tt := range []struct {
		op   Operation
		want RetryRule
	}{
		{Operation{Method: "GET"}, RetryByMethod},
		{Operation{Method: "POST"}, RetryByMethod},
		{Operation{Method: "POST", ReadOnly: true}, RetryReadOnly},
		{Operation{Method: "GET", Paging: scroll}, RetryUnsent},
		{Operation{Method: "GET", Paging: scroll, ReadOnly: true}, RetryUnsent},
		{Operation{Method: "POST", Paging: &Paging{Kind: PageSearch}, ReadOnly: true}, RetryReadOnly},
	} {
		if got := tt.op.Retry(); got != tt.want {
			t.Errorf("%s read-only %v paging %+v: Retry() = %d, want %d", tt.op.Method, tt.op.ReadOnly, tt.op.Paging, got, tt.want)
		}
	}
}
