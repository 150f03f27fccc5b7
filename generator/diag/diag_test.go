package diag

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestProblemString(t *testing.T) {
	cases := []struct {
		p    Problem
		want string
	}{
		{Problem{Message: "m"}, "m"},
		{Problem{File: "api.yaml", Message: "m"}, "api.yaml: m"},
		{Problem{File: "api.yaml", Line: 12, Message: "m"}, "api.yaml:12: m"},
		{Problem{Line: 12, Message: "m"}, "m"}, // a line without a file means nothing
		{Problem{File: "api.yaml", Line: -1, Message: "m"}, "api.yaml: m"},
		{Problem{Pointer: "#/paths/~1x", Message: "m"}, "#/paths/~1x: m"},
		{Problem{Operation: "POST /x", Message: "m"}, "POST /x: m"},
		{
			Problem{File: "api.yaml", Line: 3, Pointer: "#/paths/~1x/post", Operation: "POST /x", Message: "bad"},
			"api.yaml:3: #/paths/~1x/post: POST /x: bad",
		},
		{Problem{}, ""},
	}
	for _, c := range cases {
		if got := c.p.String(); got != c.want {
			t.Errorf("%#v.String() = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestListError(t *testing.T) {
	one := List{{File: "a.yaml", Line: 2, Message: "only"}}
	if got, want := one.Error(), "1 problem:\n  a.yaml:2: only"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}

	l := List{
		{File: "b.yaml", Line: 1, Message: "in b"},
		{File: "a.yaml", Line: 10, Message: "late"},
		{File: "a.yaml", Line: 9, Pointer: "#/z", Message: "z"},
		{File: "a.yaml", Line: 9, Pointer: "#/a", Operation: "PUT /y", Message: "second"},
		{File: "a.yaml", Line: 9, Pointer: "#/a", Operation: "GET /y", Message: "first"},
		{Message: "no place"},
	}
	before := slices.Clone(l)
	want := "6 problems:\n" +
		"  no place\n" +
		"  a.yaml:9: #/a: GET /y: first\n" +
		"  a.yaml:9: #/a: PUT /y: second\n" +
		"  a.yaml:9: #/z: z\n" +
		"  a.yaml:10: late\n" + // lines compare as numbers, not as text
		"  b.yaml:1: in b"
	if got := l.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !slices.Equal(l, before) {
		t.Errorf("Error reordered its receiver: %v", l)
	}
}

func TestErr(t *testing.T) {
	var empty List
	if err := empty.Err(); err != nil {
		t.Errorf("empty list: Err() = %v", err)
	}
	if err := (List{}).Err(); err != nil {
		t.Errorf("empty non-nil list: Err() = %v", err)
	}
	l := List{{Message: "x"}}
	err := fmt.Errorf("validate: %w", l.Err())
	var got List
	if !errors.As(err, &got) || len(got) != 1 || got[0].Message != "x" {
		t.Errorf("errors.As through wrapping gave %v", got)
	}
}

func TestAdd(t *testing.T) {
	var l List
	at := Problem{File: "f", Line: 3, Message: "overwritten"}
	l.Add(at, "%d %s", 2, "things")
	l.Add(Problem{}, "plain %%")
	want := List{{File: "f", Line: 3, Message: "2 things"}, {Message: "plain %"}}
	if !slices.Equal(l, want) {
		t.Errorf("got %v, want %v", l, want)
	}
}

func TestSortIsStableAndTotal(t *testing.T) {
	l := List{
		{File: "f", Line: 1, Message: "b"},
		{File: "f", Line: 1, Message: "a"},
		{File: "f", Line: 1, Message: "a"},
		{File: "e", Line: 100, Message: "c"},
	}
	Sort(l)
	want := List{
		{File: "e", Line: 100, Message: "c"},
		{File: "f", Line: 1, Message: "a"},
		{File: "f", Line: 1, Message: "a"},
		{File: "f", Line: 1, Message: "b"},
	}
	if !slices.Equal(l, want) {
		t.Errorf("got %v, want %v", l, want)
	}
	// Every permutation sorts to the same order.
	for i := range l {
		p := slices.Clone(want)
		p[0], p[i] = p[i], p[0]
		slices.Reverse(p)
		Sort(p)
		if !slices.Equal(p, want) {
			t.Errorf("permutation %d sorted to %v", i, p)
		}
	}
}
