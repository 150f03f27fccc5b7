package validate

import (
	"errors"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/diag"
	"github.com/gointercom/intercom/generator/spec"
)

// valid is a small description that loads; the cases below break it in one way each.
const valid = `openapi: 3.0.1
info: {title: T, version: '1'}
paths:
  /x:
    post:
      operationId: createX
      tags: [Xs]
      parameters:
        - {name: id, in: query, schema: {type: string}}
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/x'}
      responses:
        '200':
          description: ok
          content:
            application/json; charset=utf-8:
              schema: {$ref: '#/components/schemas/x'}
components:
  schemas:
    x:
      type: object
      properties:
        id: {type: string}
        tags: {type: array, items: {type: string}}
`

// load parses and validates a description named api.yaml.
func load(t *testing.T, data string) error {
	t.Helper()
	doc, err := spec.Parse("api.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(t.Context(), doc)
	return err
}

// mustProblems returns the problems of a description that must fail to load, sorted.
func mustProblems(t *testing.T, data string) diag.List {
	t.Helper()
	err := load(t, data)
	if err == nil {
		t.Fatalf("the description loaded:\n%s", data)
	}
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("got %v (%T), want a diag.List", err, err)
	}
	diag.Sort(l)
	return l
}

// edit replaces old, which must occur in s, with new.
func edit(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("no %q to replace", old)
	}
	return strings.Replace(s, old, new, 1)
}

func TestValidLoads(t *testing.T) {
	doc, err := spec.Parse("api.yaml", []byte(valid))
	if err != nil {
		t.Fatal(err)
	}
	api, err := Load(t.Context(), doc)
	if err != nil {
		t.Fatal(err)
	}
	op := api.Paths.Value("/x").Post
	if op == nil || op.OperationID != "createX" {
		t.Fatalf("POST /x = %+v", op)
	}
	if s := op.RequestBody.Value.Content["application/json"].Schema; s.Value == nil || s.Value.Properties["id"] == nil {
		t.Errorf("the request body's $ref is not resolved: %+v", s)
	}
}

func TestDanglingRefs(t *testing.T) {
	data := edit(t, valid, "        tags: {type: array, items: {type: string}}\n",
		"        tags: {type: array, items: {type: string}}\n"+
			"        owner:\n"+
			"          $ref: '#/components/schemas/owner'\n"+ // line 28
			"        list:\n"+
			"          type: array\n"+
			"          items: {$ref: '#/components/schemas/li~1st'}\n") // line 31
	l := mustProblems(t, data)
	if len(l) != 2 {
		t.Fatalf("got %d problems, want 2:\n%v", len(l), l)
	}
	want := []diag.Problem{
		{File: "api.yaml", Line: 28, Pointer: "#/components/schemas/x/properties/owner", Message: `$ref "#/components/schemas/owner" does not resolve: nothing is defined at #/components/schemas/owner`},
		{File: "api.yaml", Line: 31, Pointer: "#/components/schemas/x/properties/list/items", Message: `$ref "#/components/schemas/li~1st" does not resolve: nothing is defined at #/components/schemas/li~1st`},
	}
	for i := range want {
		if l[i] != want[i] {
			t.Errorf("problem %d:\n got %+v\nwant %+v", i, l[i], want[i])
		}
	}
	// Rendered, each names the file and line, where it is used, and what is missing.
	msg := l.Error()
	for _, w := range []string{
		"2 problems:",
		"api.yaml:28: #/components/schemas/x/properties/owner: $ref \"#/components/schemas/owner\"",
		"api.yaml:31: #/components/schemas/x/properties/list/items: $ref \"#/components/schemas/li~1st\"",
	} {
		if !strings.Contains(msg, w) {
			t.Errorf("error does not contain %q:\n%s", w, msg)
		}
	}
}

func TestRefsInSequencesAndPaths(t *testing.T) {
	// A dangling ref inside a list, under a path whose key needs escaping.
	data := edit(t, valid, "        - {name: id, in: query, schema: {type: string}}\n",
		"        - {name: id, in: query, schema: {type: string}}\n        - $ref: '#/components/parameters/gone'\n")
	l := mustProblems(t, data)
	if len(l) != 1 {
		t.Fatalf("got %v", l)
	}
	if p := l[0]; p.Line != 10 || p.Pointer != "#/paths/~1x/post/parameters/1" {
		t.Errorf("got %s", p)
	}
	// A ref to the document itself resolves (kin-openapi decides what it makes of it).
	if l := checkRefs(mustParse(t, "a: {$ref: '#'}\n")); len(l) != 0 {
		t.Errorf("ref to the root: %v", l)
	}
	// A $ref that is not a string is no reference; kin-openapi judges it.
	if l := checkRefs(mustParse(t, "a: {$ref: {b: c}}\n")); len(l) != 0 {
		t.Errorf("non-scalar $ref: %v", l)
	}
	// A reference into a list, with an escaped key.
	if l := checkRefs(mustParse(t, "a: [x, {'b/c': 1}]\nr: {$ref: '#/a/1/b~1c'}\nbad: {$ref: '#/a/2'}\n")); len(l) != 1 || l[0].Pointer != "#/bad" {
		t.Errorf("refs into a list: %v", l)
	}
}

func mustParse(t *testing.T, data string) *spec.Document {
	t.Helper()
	doc, err := spec.Parse("api.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestExternalRefs(t *testing.T) {
	data := edit(t, valid, "schema: {$ref: '#/components/schemas/x'}\n", "schema: {$ref: 'other.yaml#/components/schemas/x'}\n")
	data = edit(t, data, "        id: {type: string}\n", "        id: {$ref: 'https://example.com/id.json'}\n")
	l := mustProblems(t, data)
	if len(l) != 2 {
		t.Fatalf("got %d problems, want 2:\n%v", len(l), l)
	}
	if l[0].Line != 13 || l[0].Pointer != "#/paths/~1x/post/requestBody/content/application~1json/schema" ||
		!strings.Contains(l[0].Message, `$ref "other.yaml#/components/schemas/x" is external`) {
		t.Errorf("got %s", l[0])
	}
	if l[1].Line != 25 || l[1].Pointer != "#/components/schemas/x/properties/id" ||
		!strings.Contains(l[1].Message, `$ref "https://example.com/id.json" is external; the description must be self-contained`) {
		t.Errorf("got %s", l[1])
	}
}

func TestOperationChecks(t *testing.T) {
	cases := []struct {
		name     string
		old, new string
		want     []string // substrings of the single problem
	}{
		{
			name: "request body not JSON",
			old:  "        content:\n          application/json:\n            schema: {$ref: '#/components/schemas/x'}\n",
			new:  "        content:\n          application/x-www-form-urlencoded:\n            schema: {$ref: '#/components/schemas/x'}\n",
			want: []string{"api.yaml:5: #/paths/~1x/post: POST /x: ", `request body content type "application/x-www-form-urlencoded" is not supported (only JSON)`},
		},
		{
			name: "response not JSON",
			old:  "application/json; charset=utf-8:",
			new:  "text/plain:",
			want: []string{"POST /x: ", `response 200 content type "text/plain" is not supported`},
		},
		{
			name: "no tag",
			old:  "      tags: [Xs]\n",
			new:  "",
			want: []string{"POST /x: ", "no tag and no x-go-service"},
		},
		{
			name: "query style",
			old:  "{name: id, in: query, schema: {type: string}}",
			new:  "{name: id, in: query, style: deepObject, schema: {type: object}}",
			want: []string{"POST /x: ", `query parameter "id" has style "deepObject"; only form is supported`},
		},
		{
			name: "path style",
			old:  "{name: id, in: query, schema: {type: string}}",
			new:  "{name: id, in: path, required: true, style: label, schema: {type: string}}",
			want: []string{`path parameter "id" has style "label"; only simple is supported`},
		},
		{
			name: "cookie",
			old:  "{name: id, in: query, schema: {type: string}}",
			new:  "{name: id, in: cookie, schema: {type: string}}",
			want: []string{`parameter "id" is in "cookie"`},
		},
		{
			name: "content parameter",
			old:  "{name: id, in: query, schema: {type: string}}",
			new:  "{name: id, in: query, content: {application/json: {schema: {type: object}}}}",
			want: []string{`parameter "id" uses content instead of schema`},
		},
		{
			name: "method",
			old:  "    post:\n",
			new:  "    head:\n",
			want: []string{"HEAD /x: ", "HTTP method HEAD is not supported"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := edit(t, valid, c.old, c.new)
			if c.name == "path style" {
				data = strings.ReplaceAll(data, "/x:", "/x/{id}:")
			}
			l := mustProblems(t, data)
			if len(l) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(l), l)
			}
			for _, w := range c.want {
				if !strings.Contains(l[0].String(), w) {
					t.Errorf("%q does not contain %q", l[0], w)
				}
			}
		})
	}
}

func TestBinaryResponseLoads(t *testing.T) {
	data := edit(t, valid, "            application/json; charset=utf-8:\n              schema: {$ref: '#/components/schemas/x'}\n",
		"            text/csv:\n              schema: {type: string, format: binary}\n")
	if err := load(t, data); err != nil {
		t.Errorf("a binary response was refused: %v", err)
	}
}

func TestAllOperationProblemsAtOnce(t *testing.T) {
	data := edit(t, valid, "          application/json:\n", "          text/csv:\n")
	data = edit(t, data, "      tags: [Xs]\n", "")
	data = edit(t, data, "{name: id, in: query, schema: {type: string}}", "{name: id, in: cookie, schema: {type: string}}")
	data = edit(t, data, "paths:\n", "paths:\n  /y:\n    get:\n      tags: [Ys]\n      responses: {'200': {description: ok, content: {text/html: {}}}}\n")
	l := mustProblems(t, data)
	var got []string
	for _, p := range l {
		got = append(got, p.String())
	}
	want := []string{ // prefixes, in order
		`api.yaml:5: #/paths/~1y/get: GET /y: response 200 content type "text/html" is not supported`,
		`api.yaml:9: #/paths/~1x/post: POST /x: operation has no tag and no x-go-service: cannot choose its service`,
		`api.yaml:9: #/paths/~1x/post: POST /x: parameter "id" is in "cookie"; only path, query and header parameters are supported`,
		`api.yaml:9: #/paths/~1x/post: POST /x: request body content type "text/csv" is not supported (only JSON)`,
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = strings.HasPrefix(got[i], want[i])
	}
	if !ok {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestKinOpenAPIErrors(t *testing.T) {
	t.Run("array without items", func(t *testing.T) {
		l := mustProblems(t, edit(t, valid, "tags: {type: array, items: {type: string}}", "tags: {type: array}"))
		// Once for the schema, once for the operation that uses it (twice, but reported once).
		if len(l) != 2 {
			t.Fatalf("got %d problems, want 2:\n%v", len(l), l)
		}
		for _, p := range l {
			if p.File != "api.yaml" || !strings.HasPrefix(p.Message, "kin-openapi: ") || !strings.Contains(p.Message, "schema 'items' must be non-null") {
				t.Errorf("got %s", p)
			}
		}
	})
	t.Run("every error collected", func(t *testing.T) {
		data := edit(t, valid, "tags: {type: array, items: {type: string}}", "tags: {type: array}")
		data += "    y: {type: strin}\n"
		l := mustProblems(t, data)
		msg := l.Error()
		if len(l) < 2 || !strings.Contains(msg, `schema "x": when schema type is 'array', schema 'items' must be non-null`) ||
			!strings.Contains(msg, `schema "y": unsupported 'type' value "strin"`) {
			t.Errorf("want both kin-openapi errors, got:\n%s", msg)
		}
	})
	t.Run("cannot load", func(t *testing.T) {
		l := mustProblems(t, edit(t, valid, "paths:\n", "paths: [1]\nx-paths:\n"))
		if len(l) != 1 || !strings.Contains(l[0].Message, "kin-openapi cannot load the description") {
			t.Errorf("got %v", l)
		}
	})
	t.Run("missing info", func(t *testing.T) {
		l := mustProblems(t, edit(t, valid, "info: {title: T, version: '1'}\n", ""))
		if len(l) == 0 || !strings.Contains(l.Error(), "info") {
			t.Errorf("got %v", l)
		}
	})
}
