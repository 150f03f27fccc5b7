package spec

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// lineDoc numbers its lines in comments so that the expectations below can be checked by eye.
const lineDoc = `openapi: 3.0.1                   # 1
info: {title: T, version: '1'}   # 2
paths:                           # 3
  /contacts/{id}:                # 4
    get:                         # 5
      parameters:                # 6
        - name: id               # 7
          in: path               # 8
        - name: other            # 9
components:                      # 10
  schemas:                       # 11
    a~b/c:                       # 12
      type: object               # 13
    shared: &shared              # 14
      type: string               # 15
    alias: *shared               # 16
    "":                          # 17
      type: integer              # 18
`

// TestDocumentLine checks that a value is placed on the line of its key (where a maintainer
// reads it), not on the line its content starts.
func TestDocumentLine(t *testing.T) {
	doc, err := Parse("api.yaml", []byte(lineDoc))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		pointer string
		want    int
	}{
		{"", 1},
		{"#", 1},
		{"#/openapi", 1},
		{"#/info", 2},
		{"#/info/title", 2},
		{"#/paths/~1contacts~1{id}", 4},
		{"#/paths/~1contacts~1{id}/get", 5},
		{"#/paths/~1contacts~1{id}/get/parameters", 6},
		{"#/paths/~1contacts~1{id}/get/parameters/0", 7},
		{"#/paths/~1contacts~1{id}/get/parameters/1/name", 9},
		{"#/components/schemas/a~0b~1c", 12},
		{"#/components/schemas/a~0b~1c/type", 13},
		{"#/components/schemas/alias", 16},
		{"#/components/schemas/alias/type", 15}, // followed through the alias
		{"#/components/schemas/", 17},           // the key ""
		{"#/components/schemas//type", 18},
		// Not all there: the line of the deepest value that exists.
		{"#/components/schemas/missing", 11},
		{"#/paths/~1contacts~1{id}/get/parameters/2", 6},
		{"#/paths/~1contacts~1{id}/get/parameters/-1", 6},
		{"#/paths/~1contacts~1{id}/get/parameters/x", 6},
		{"#/openapi/deeper", 1},
		{"#/nothing/at/all", 1},
		// Escapes are undone in order: "~01" is "~1", not "/".
		{"#/components/schemas/a~01b", 11},
	}
	for _, c := range cases {
		if got := doc.Line(c.pointer); got != c.want {
			t.Errorf("Line(%q) = %d, want %d", c.pointer, got, c.want)
		}
	}
}

func TestChild(t *testing.T) {
	doc, err := Parse("api.yaml", []byte(lineDoc))
	if err != nil {
		t.Fatal(err)
	}
	params := doc.Root
	for _, tok := range []string{"paths", "/contacts/{id}", "get", "parameters"} {
		if params = Child(params, tok); params == nil {
			t.Fatalf("no %s", tok)
		}
	}
	if params.Kind != yaml.SequenceNode {
		t.Fatalf("parameters is kind %v", params.Kind)
	}
	for _, tok := range []string{"2", "-1", "01x", "", "name"} {
		if n := Child(params, tok); n != nil {
			t.Errorf("Child(parameters, %q) = line %d, want nil", tok, n.Line)
		}
	}
	if n := Child(params, "1"); n == nil || n.Line != 9 {
		t.Errorf("Child(parameters, 1) = %v", n)
	}
	if n := Child(Child(Child(doc.Root, "nothing"), "at"), "all"); n != nil {
		t.Errorf("a chain through a missing key found %v", n)
	}
	if n := Child(Child(doc.Root, "openapi"), "x"); n != nil {
		t.Errorf("a scalar has a child: %v", n)
	}
	// An alias is followed to its anchor's node.
	alias := Child(Child(Child(doc.Root, "components"), "schemas"), "alias")
	if alias == nil || alias.Kind != yaml.AliasNode {
		t.Fatalf("alias = %v", alias)
	}
	if n := Child(alias, "type"); n == nil || n.Value != "string" {
		t.Errorf("Child(alias, type) = %v", n)
	}
}

func TestPointerRoundTrip(t *testing.T) {
	cases := []struct {
		toks    []string
		pointer string
	}{
		{nil, "#"},
		{[]string{"paths", "/contacts/{id}", "get"}, "#/paths/~1contacts~1{id}/get"},
		{[]string{"a~b", "c/d", "~1", "/0", "~/"}, "#/a~0b/c~1d/~01/~10/~0~1"},
		{[]string{""}, "#/"},
		{[]string{"a", "", "b"}, "#/a//b"},
		{[]string{"", ""}, "#//"},
		{[]string{"0", "1"}, "#/0/1"},
		{[]string{"ünïcode", "sp ace"}, "#/ünïcode/sp ace"},
	}
	for _, c := range cases {
		if got := JoinPointer(c.toks...); got != c.pointer {
			t.Errorf("JoinPointer(%q) = %q, want %q", c.toks, got, c.pointer)
		}
		if got := SplitPointer(c.pointer); !slices.Equal(got, c.toks) {
			t.Errorf("SplitPointer(%q) = %q, want %q", c.pointer, got, c.toks)
		}
		if got := SplitPointer(JoinPointer(c.toks...)); !slices.Equal(got, c.toks) {
			t.Errorf("round trip of %q gives %q", c.toks, got)
		}
	}
	// Lenient inputs: no "#", or no leading slash.
	for p, want := range map[string][]string{"": nil, "/a/b": {"a", "b"}, "a/b": {"a", "b"}} {
		if got := SplitPointer(p); !slices.Equal(got, want) {
			t.Errorf("SplitPointer(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, ok := range []string{
		"openapi: 3.0.1\n",
		`{"openapi": "3.0.1", "paths": {}}`,
		"{}",
	} {
		if _, err := Parse("x.yaml", []byte(ok)); err != nil {
			t.Errorf("Parse(%q): %v", ok, err)
		}
	}
	for data, want := range map[string]string{
		"":                 "must be a YAML or JSON object",
		"# only a comment": "must be a YAML or JSON object",
		"- a\n- b\n":       "must be a YAML or JSON object",
		"just a string":    "must be a YAML or JSON object",
		"[1, 2]":           "must be a YAML or JSON object",
		"a: [1, 2\n":       "not valid YAML",
		"\ta: b\n":         "not valid YAML",
		"a: *nowhere\n":    "not valid YAML",
	} {
		doc, err := Parse("x.yaml", []byte(data))
		if err == nil {
			t.Errorf("Parse(%q) = %v, want an error", data, doc)
			continue
		}
		if !strings.HasPrefix(err.Error(), "x.yaml: ") || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %q, want x.yaml: ... %s", data, err, want)
		}
	}
}

func TestDocumentBytes(t *testing.T) {
	doc, err := Parse("api.yaml", []byte(lineDoc))
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, doc, false) // anchors and aliases go to yaml.Marshal
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "api.yaml")
	if err := os.WriteFile(path, []byte(lineDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if doc.File != path || doc.Line("#/components") != 10 {
		t.Errorf("Load: File %q, line of components %d", doc.File, doc.Line("#/components"))
	}

	missing := filepath.Join(dir, "missing.yaml")
	_, err = Load(missing)
	if !errors.Is(err, ErrNoDescription) || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "make spec") {
		t.Errorf("Load of a missing file: %v", err)
	}

	if err := os.WriteFile(path, []byte("- a list\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err == nil || errors.Is(err, ErrNoDescription) {
		t.Errorf("Load of a list: %v", err)
	}
	if _, err := Load(dir); err == nil || errors.Is(err, ErrNoDescription) {
		t.Errorf("Load of a directory: %v", err)
	}
}

// roundTrip checks that Bytes writes doc in the writer's own block style (or, if block is
// false, that the writer leaves it to yaml.Marshal) and that it reads back to the same values,
// tags included.
func roundTrip(t *testing.T, doc *Document, block bool) {
	t.Helper()
	w := blockWriter{}
	if got := w.node(doc.Root, 0); got != block {
		t.Fatalf("the block writer takes the document: %v, want %v", got, block)
	}
	out, err := doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse("again.yaml", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var a, b any
	if err := doc.Root.Decode(&a); err != nil {
		t.Fatal(err)
	}
	if err := again.Root.Decode(&b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("Bytes does not round trip:\n%#v\nvs\n%#v\n%s", a, b, out)
	}
}

// Strings that YAML would read as something else unquoted, or that need escapes in quotes.
func TestDocumentBytesScalars(t *testing.T) {
	doc, err := Parse("api.yaml", []byte(`openapi: 3.0.1
strings: ["", "null", "true", "123", "1.5", "- a", "a: b", "# c", " lead", "trail ", "quote \" back \\ slash",
  "line\nbreak", "tab\there", "bell \u0007", "nel \u0085", "bom \ufeff", "ls \u2028", "é ü 日本", "emoji 😀", "{[,]}", "'single'", "2023-01-02"]
others: [1, -2, 0x1F, 1.5e3, .inf, true, false, null, ~, 2023-01-02, 2023-01-02T03:04:05Z]
keys: {200: a, "201": b, true: c, null: d, "": e}
empty: {map: {}, list: [], nested: [[], {}, [[]]]}
multi: |
  first
    second
`))
	if err != nil {
		t.Fatal(err)
	}
	roundTrip(t, doc, true)
}

func FuzzDocumentBytes(f *testing.F) {
	for _, s := range []string{"", "a", "\"", "\\", "\n", "\u0085", "\ufeff", "\x7f", "null", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // YAML text is UTF-8
		}
		k, v := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
		seq := &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}}}
		root := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{k, v, {Kind: yaml.ScalarNode, Tag: "!!str", Value: "list"}, seq}}
		roundTrip(t, &Document{File: "fuzz.yaml", Root: root}, true)
	})
}

// The real description, as the generator hands it to kin-openapi.
func TestDocumentBytesIntercom(t *testing.T) {
	doc, err := Load("../../spec/api.intercom.io.yaml")
	if err != nil {
		t.Fatalf("%v (run make spec)", err)
	}
	roundTrip(t, doc, true)
}
