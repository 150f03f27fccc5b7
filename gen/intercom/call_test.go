package intercom

import (
	"net/url"
	"testing"
)

type idString string
type idInt int64

func TestPathParam(t *testing.T) {
	tests := []struct{ got, want string }{
		{pathParam("6657add46abd0167d9419cd2"), "6657add46abd0167d9419cd2"},
		{pathParam("a/b c"), "a%2Fb%20c"},
		{pathParam("x?y#z%"), "x%3Fy%23z%25"},
		{pathParam("é"), "%C3%A9"},
		{pathParam(int64(42)), "42"},
		{pathParam(int64(-7)), "-7"},
		{pathParam(idString("a/b")), "a%2Fb"},
		{pathParam(idInt(99)), "99"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("pathParam = %q, want %q", tt.got, tt.want)
		}
	}
}

func TestCheckPath(t *testing.T) {
	for path, ok := range map[string]bool{
		"/contacts":             true,
		"/contacts/abc":         true,
		"/contacts/a%2Fb/notes": true,
		"/contacts/..x":         true,
		"/contacts/":            false,
		"/contacts//notes":      false,
		"/contacts/.":           false,
		"/contacts/../admins":   false,
	} {
		if err := checkPath(path); (err == nil) != ok {
			t.Errorf("checkPath(%q) = %v, want ok %v", path, err, ok)
		}
	}
}

func TestSetQuery(t *testing.T) {
	q := url.Values{}
	setQuery(q, "empty", "")
	setQuery(q, "zero", int64(0))
	setQuery(q, "no", false)
	setQuery(q, "nofloat", 0.0)
	setQuery(q, "name", "a b&c")
	setQuery(q, "page", int64(3))
	setQuery(q, "yes", true)
	setQuery(q, "ratio", 0.25)
	setQuery(q, "model", DataAttributesListOptionsModelContact)
	setQueryList(q, "ids", []int64{1, 2})
	setQueryList(q, "none", []string(nil))
	if got, want := q.Encode(), "ids=1&ids=2&model=contact&name=a+b%26c&page=3&ratio=0.25&yes=true"; got != want {
		t.Errorf("query = %s, want %s", got, want)
	}

	// A nil Options pointer means no query at all.
	var opts *CompaniesListOptions
	if q := opts.query(); q != nil {
		t.Errorf("nil options: %v", q)
	}
	if q := (&CompaniesListOptions{}).query(); len(q) != 0 {
		t.Errorf("zero options: %v", q)
	}
}

func TestIsNil(t *testing.T) {
	var p *UpdateContactRequest
	var m map[string]any
	var s []string
	for _, v := range []any{nil, p, m, s} {
		if !isNil(v) {
			t.Errorf("isNil(%#v) = false", v)
		}
	}
	for _, v := range []any{&UpdateContactRequest{}, map[string]any{}, []string{}, 0, ""} {
		if isNil(v) {
			t.Errorf("isNil(%#v) = true", v)
		}
	}
}
