package overlay

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/diag"
	"github.com/gointercom/intercom/generator/spec"
)

const small = `openapi: 3.0.1
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - {name: Intercom-Version, in: header, schema: {type: string}}
        - {name: page, in: query, schema: {type: integer}}
      responses: {'200': {description: ok}}
components:
  schemas:
    thing:
      type: object
      properties:
        id: {type: string}
`

func parse(t *testing.T) *spec.Document {
	t.Helper()
	doc, err := spec.Parse("api.yaml", []byte(small))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// plain decodes doc into plain Go values for comparison.
func plain(t *testing.T, doc *spec.Document) map[string]any {
	t.Helper()
	var v map[string]any
	if err := doc.Root.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// at follows keys through plain values.
func at(v any, keys ...any) any {
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			s, ok := v.([]any)
			if !ok || k >= len(s) {
				return nil
			}
			v = s[k]
		}
	}
	return v
}

// problems unwraps a diag.List from err.
func problems(t *testing.T, err error) diag.List {
	t.Helper()
	var l diag.List
	if !errors.As(err, &l) {
		t.Fatalf("got %v, want a diag.List", err)
	}
	diag.Sort(l)
	return l
}

func TestApplyUpdateAndRemove(t *testing.T) {
	const o = `overlay: 1.0.0
x-speakeasy-jsonpath: rfc9535
info: {title: fixes, version: '1'}
actions:
  - target: $.components.schemas
    description: add a schema the description forgot
    update:
      custom_attributes: {type: object, additionalProperties: true}
  - target: $.components.schemas.custom_attributes
    description: actions apply in order, so this sees the schema added above
    update:
      x-go-name: CustomAttributes
  - target: $.paths.*.*.parameters[?(@.name == 'Intercom-Version')]
    description: the client sends the version header itself
    remove: true
  - target: $.paths['/things'].get
    description: name the method
    update:
      x-go-name: List
`
	doc := parse(t)
	if err := ApplyBytes(doc, "overlay.yaml", []byte(o)); err != nil {
		t.Fatal(err)
	}
	v := plain(t, doc)
	ca := at(v, "components", "schemas", "custom_attributes")
	want := map[string]any{"type": "object", "additionalProperties": true, "x-go-name": "CustomAttributes"}
	if got, ok := ca.(map[string]any); !ok || len(got) != len(want) || got["type"] != "object" || got["additionalProperties"] != true || got["x-go-name"] != "CustomAttributes" {
		t.Errorf("custom_attributes = %#v, want %#v", ca, want)
	}
	if at(v, "components", "schemas", "thing", "type") != "object" {
		t.Error("the update replaced the existing schemas instead of merging")
	}
	params, _ := at(v, "paths", "/things", "get", "parameters").([]any)
	if len(params) != 1 || at(params, 0, "name") != "page" {
		t.Errorf("parameters after remove: %#v", params)
	}
	if at(v, "paths", "/things", "get", "x-go-name") != "List" || at(v, "paths", "/things", "get", "operationId") != "listThings" {
		t.Errorf("get after update: %#v", at(v, "paths", "/things", "get"))
	}
	// Nodes the overlay did not touch keep their lines, so later problems are placed in the
	// upstream file.
	if got := doc.Line("#/components/schemas/thing/properties/id"); got != 16 {
		t.Errorf("line of thing.id after the overlay: %d, want 16", got)
	}
}

func TestApplyFromFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "overlay.yaml")
	o := "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n  - target: $.info\n    description: d\n    update: {x-go-name: X}\n"
	if err := os.WriteFile(path, []byte(o), 0o644); err != nil {
		t.Fatal(err)
	}
	doc := parse(t)
	if err := Apply(doc, path); err != nil {
		t.Fatal(err)
	}
	if got := at(plain(t, doc), "info", "x-go-name"); got != "X" {
		t.Errorf("info.x-go-name = %v", got)
	}
	err := Apply(parse(t), filepath.Join(dir, "missing.yaml"))
	if !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "read overlay") {
		t.Errorf("missing overlay: %v", err)
	}
}

func TestActionWithoutDescription(t *testing.T) {
	const o = `overlay: 1.0.0
info: {title: o, version: '1'}
actions:
  - target: $.info
    description: fine
    update: {x-a: 1}

  - target: $.info
    update: {x-b: 2}
`
	l := problems(t, ApplyBytes(parse(t), "spec/overlay.yaml", []byte(o)))
	if len(l) != 1 {
		t.Fatalf("got %d problems, want 1:\n%v", len(l), l)
	}
	p := l[0]
	if p.File != "spec/overlay.yaml" || p.Line != 8 {
		t.Errorf("placed at %s:%d, want spec/overlay.yaml:8", p.File, p.Line)
	}
	for _, w := range []string{"action 2", "$.info", "has no description"} {
		if !strings.Contains(p.Message, w) {
			t.Errorf("message %q does not contain %q", p.Message, w)
		}
	}
	if got := l.Error(); !strings.Contains(got, "spec/overlay.yaml:8: action 2") {
		t.Errorf("rendered as %q", got)
	}
}

func TestTargetMatchesNothing(t *testing.T) {
	const o = `overlay: 1.0.0
info: {title: o, version: '1'}
actions:
  - target: $.paths['/gone'].get
    description: names a method upstream removed
    update: {x-go-name: Gone}
`
	doc := parse(t)
	before := plain(t, doc)
	l := problems(t, ApplyBytes(doc, "overlay.yaml", []byte(o)))
	if len(l) != 1 {
		t.Fatalf("got %d problems, want 1:\n%v", len(l), l)
	}
	p := l[0]
	if p.File != "overlay.yaml" || p.Line != 4 {
		t.Errorf("placed at %s:%d, want overlay.yaml:4", p.File, p.Line)
	}
	for _, w := range []string{"$.paths['/gone'].get", "matches nothing in api.yaml", "the description changed", "names a method upstream removed"} {
		if !strings.Contains(p.Message, w) {
			t.Errorf("message %q does not contain %q", p.Message, w)
		}
	}
	if after := plain(t, doc); at(after, "paths", "/gone") != nil || len(after) != len(before) {
		t.Errorf("a target matching nothing changed the description: %#v", after)
	}
}

func TestAllProblemsAtOnce(t *testing.T) {
	const o = `overlay: 1.0.0
info: {title: o, version: '1'}
actions:
  - target: $.paths['/gone'].get
    description: first stale action
    update: {x-go-name: A}
  - target: $.info
    update: {x-b: 2}
  - target: $.info
    description: this one is fine
    update: {x-c: 3}
  - target: $.components.schemas.nothing
    remove: true
  - target: $[[[
    description: not JSONPath
    remove: true
`
	l := problems(t, ApplyBytes(parse(t), "overlay.yaml", []byte(o)))
	var got []string
	for _, p := range l {
		got = append(got, p.String())
	}
	want := []string{
		"overlay.yaml:4: action 1 (first stale action): target $.paths['/gone'].get matches nothing",
		"overlay.yaml:7: action 2 (target $.info) has no description",
		"overlay.yaml:12: action 4 (target $.components.schemas.nothing) has no description",
		"overlay.yaml:12: action 4: target $.components.schemas.nothing matches nothing",
		"overlay.yaml:14: action 5: invalid JSONPath target \"$[[[\"",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g string) bool { return strings.HasPrefix(g, w) }) {
			t.Errorf("no problem starts with %q in:\n%s", w, strings.Join(got, "\n"))
		}
	}
}

func TestInvalidOverlay(t *testing.T) {
	cases := map[string]struct{ data, want string }{
		"not YAML":           {"actions: [\n", "overlay.yaml: "},
		"no version":         {"info: {title: o, version: '1'}\nactions: [{target: $.info, description: d, remove: true}]\n", "invalid overlay"},
		"unsupported":        {"overlay: 9.0.0\ninfo: {title: o, version: '1'}\nactions: [{target: $.info, description: d, remove: true}]\n", "invalid overlay"},
		"no actions":         {"overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions: []\n", "at least one action"},
		"no target":          {"overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions: [{description: d, remove: true}]\n", "target must be defined"},
		"remove and update":  {"overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions: [{target: $.info, description: d, remove: true, update: {x: 1}}]\n", "remove and define update"},
		"info without title": {"overlay: 1.0.0\ninfo: {version: '1'}\nactions: [{target: $.info, description: d, remove: true}]\n", "title must be defined"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			doc := parse(t)
			before := plain(t, doc)
			err := ApplyBytes(doc, "overlay.yaml", []byte(c.data))
			if err == nil || !strings.HasPrefix(err.Error(), "overlay.yaml: ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want overlay.yaml: ... %s", err, c.want)
			}
			after, _ := yaml.Marshal(plain(t, doc))
			was, _ := yaml.Marshal(before)
			if string(after) != string(was) {
				t.Errorf("an invalid overlay changed the description:\n%s", after)
			}
		})
	}
}

// TestRepositoryOverlaysAreDescribed checks the real overlays on their own: the manifest lists
// each file, every file it lists parses and every action says why it exists (that they apply to
// the descriptions is tested with the descriptions, by make versions), and no file of
// spec/overlays is left out of every stack.
func TestRepositoryOverlaysAreDescribed(t *testing.T) {
	m, err := ReadManifest("../../" + ManifestFile)
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	for _, v := range m.Versions {
		stack, err := m.Stack(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range stack {
			used[filepath.Base(f)] = true
		}
	}
	files, err := filepath.Glob("../../spec/overlays/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range files {
		name := filepath.Base(path)
		if name == filepath.Base(ManifestFile) {
			continue
		}
		if !used[name] {
			t.Errorf("spec/overlays/%s is in no version's stack (spec/overlays/versions.yaml)", name)
		}
		delete(used, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var o struct {
			Actions []struct {
				Target      string `yaml:"target"`
				Description string `yaml:"description"`
			} `yaml:"actions"`
		}
		if err := yaml.Unmarshal(data, &o); err != nil {
			t.Fatal(err)
		}
		if len(o.Actions) == 0 {
			t.Errorf("spec/overlays/%s has no actions", name)
		}
		lines := actionLines(data)
		for i, a := range o.Actions {
			if strings.TrimSpace(a.Description) == "" {
				t.Errorf("spec/overlays/%s:%d: action %d (%s) has no description", name, lines[i], i+1, a.Target)
			}
			if lines[i] == 0 {
				t.Errorf("spec/overlays/%s: action %d has no line", name, i+1)
			}
		}
	}
	for name := range used {
		t.Errorf("spec/overlays/versions.yaml lists %s, which does not exist", name)
	}
}

func TestActionLines(t *testing.T) {
	for data, want := range map[string]map[int]int{
		"":                                 {},
		"not: [valid":                      {},
		"overlay: 1.0.0\n":                 {},
		"actions:\n  - a: 1\n\n  - b: 2\n": {0: 2, 1: 4},
		"actions: [{a: 1}, {b: 2}]\n":      {0: 1, 1: 1},
	} {
		got := actionLines([]byte(data))
		if len(got) != len(want) {
			t.Errorf("actionLines(%q) = %v, want %v", data, got, want)
			continue
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("actionLines(%q) = %v, want %v", data, got, want)
			}
		}
	}
}
