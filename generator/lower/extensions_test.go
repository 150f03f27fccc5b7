package lower

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

const extensionsSpec = `openapi: 3.0.1
info: {title: T, version: '1'}
servers: [{url: 'https://x.example', x-go-name: X}]
paths:
  /things/{id}:
    get:
      tags: [Things]
      operationId: getThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}
components:
  schemas:
    attrs:
      type: object
      additionalProperties: true
      x-runtime-type: Attrs
    link:
      type: object
      x-from-string: url
      properties:
        url: {type: string}
        text: {type: string}
    thing:
      type: object
      properties:
        attrs: {$ref: '#/components/schemas/attrs'}
        meta:
          type: object
          additionalProperties: {type: string}
          x-runtime-type: Meta
        last_request_at:
          type: integer
          format: date-time
          x-wire-aliases: [las_request_at, las_request_at, last_requst_at]
        link: {$ref: '#/components/schemas/link'}
        reactions:
          type: array
          items: {type: string, nullable: true}
        labels:
          type: array
          items: {type: string}
        state:
          type: string
          enum: [open, closed]
          x-from-object: {category: state, label: state_label}
        state_label: {type: string}
        loose:
          description: free-form
        count: {type: integer}
        people:
          type: object
          x-from-array: people
          properties:
            type: {type: string}
            people: {type: array, items: {type: string}}
`

// TestExtensions: x-runtime-type maps a schema onto a hand-written runtime type (no generated type),
// x-wire-aliases lists the other names of a property, x-from-string names the property a string
// stands for, and nullable array items are Opt.
func TestExtensions(t *testing.T) {
	t.Parallel()
	api, err := lowerText(t, extensionsSpec)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]*ir.Type{}
	for _, ty := range api.Types {
		types[ty.Name] = ty
	}
	if types["Attrs"] != nil || types["ThingMeta"] != nil {
		t.Errorf("runtime types were generated: %v", slices.Sorted(maps.Keys(types)))
	}
	thing := types["Thing"]
	if thing == nil {
		t.Fatal("no Thing")
	}
	str := ir.Ref{Kind: ir.String}
	want := map[string]ir.Ref{
		"Attrs":     {Kind: ir.Runtime, Name: "Attrs"},
		"Meta":      {Kind: ir.Runtime, Name: "Meta"},
		"Reactions": {Kind: ir.Slice, Elem: &ir.Ref{Kind: ir.OptOf, Elem: &str}},
		"Labels":    {Kind: ir.Slice, Elem: &str},
	}
	for name, ref := range want {
		if f := field(t, thing, name); f.Type.String() != ref.String() || f.Type.Kind != ref.Kind || f.Wrap != ir.Plain {
			t.Errorf("%s: %s (kind %d, wrap %d), want %s", name, f.Type, f.Type.Kind, f.Wrap, ref)
		}
	}
	if f := field(t, thing, "LastRequestAt"); !slices.Equal(f.Aliases, []string{"las_request_at", "last_requst_at"}) {
		t.Errorf("aliases %q", f.Aliases)
	}
	if l := types["Link"]; l == nil || l.FromString != "url" {
		t.Errorf("link %+v", l)
	}
	if p := types["ThingPeople"]; p == nil || p.FromArray != "people" || !p.Shorthand() {
		t.Errorf("people %+v", p)
	}
	state := field(t, thing, "State")
	wantFrom := []ir.ObjectProp{{Prop: "category", Into: state}, {Prop: "label", Into: field(t, thing, "StateLabel")}}
	if !slices.Equal(state.FromObject, wantFrom) {
		t.Errorf("state from object %+v, want %+v", state.FromObject, wantFrom)
	}
}

func TestExtensionProblems(t *testing.T) {
	t.Parallel()
	bad := strings.NewReplacer("x-from-string: url", "x-from-string: nope", "x-from-array: people", "x-from-array: type",
		"x-wire-aliases: [las_request_at, las_request_at, last_requst_at]", "x-wire-aliases: las_request_at",
		"label: state_label}", "label: state_labels}",
		"items: {type: string}\n        state:", "items: {type: string}\n          x-from-object: [x]\n        state:",
		"state_label: {type: string}", "state_label: {type: string, x-from-object: [x]}",
		"description: free-form", "x-from-object: {a: state}",
		"count: {type: integer}", "count: {type: integer, x-from-object: {}}").Replace(extensionsSpec)
	_, err := lowerText(t, bad)
	if err == nil {
		t.Fatal("no problems")
	}
	for _, want := range []string{"x-from-string nope names no string property of Link", "x-wire-aliases must be a list of property names",
		"x-from-array type names no list property of ThingPeople",
		"x-from-object reads label into state_labels, which is not a property of Thing",
		"x-from-object on labels, whose value is not a scalar (a string, a number or a boolean)",
		"x-from-object on loose, whose value is not a scalar (a string, a number or a boolean)",
		"x-from-object: json: cannot unmarshal array into Go value of type map[string]string",
		"x-from-object maps none of an object's properties to properties of Thing"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("problems %v, want %q", err, want)
		}
	}
}

// TestReservedNameClash: a schema whose Go name is one the hand-written runtime declares is a
// problem at the schema, and the model is not built around the missing type.
func TestReservedNameClash(t *testing.T) {
	t.Parallel()
	_, err := lowerText(t, `openapi: 3.0.1
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com', x-go-name: Main}]
paths:
  /pets:
    post:
      operationId: createPet
      tags: [Pets]
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/pet'}
      responses:
        '200': {description: ok}
components:
  schemas:
    pet:
      type: object
      properties:
        attrs: {$ref: '#/components/schemas/custom_attributes'}
    custom_attributes:
      type: object
      properties:
        plan: {type: string}
`)
	if err == nil || !strings.Contains(err.Error(), "#/components/schemas/custom_attributes: Go name CustomAttributes is already used by the hand-written runtime") ||
		strings.Contains(err.Error(), "internal error") {
		t.Errorf("err = %v, want the clash with the runtime's CustomAttributes, placed at the schema", err)
	}
}
