package lower

import (
	"maps"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

// resourceSpec is a description with one resource, things, and the operations given.
func resourceSpec(paths string) string {
	return `openapi: 3.0.1
info: {title: Things, version: '1.0'}
servers: [{url: 'https://api.example.com', x-go-name: Main}]
paths:
  /things/{id}:
    get:
      operationId: getThing
      tags: [Things]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}}
    delete:
      operationId: deleteThing
      tags: [Things]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: gone}}
    put:
      operationId: touchThing
      tags: [Things]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/receipt'}}}}}
  /things:
    get:
      operationId: listThings
      tags: [Things]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/thing_list'}}}}}
    post:
      operationId: createThing
      tags: [Things]
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}}
` + paths + `components:
  schemas:
    thing:
      type: object
      properties: {id: {type: string}, name: {type: string}}
    receipt:
      type: object
      properties: {id: {type: string}}
    thing_list:
      type: object
      properties: {data: {type: array, items: {$ref: '#/components/schemas/thing'}}}
`
}

// roles returns each operation's role as "kind verb key", by route.
func roles(api *ir.API) map[string]string {
	m := map[string]string{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if r := o.Resource; r != nil {
				m[o.Method+" "+o.Path] = strings.TrimSpace(r.Kind + " " + r.Verb.String() + " " + r.Key)
			}
		}
	}
	return m
}

// TestResources derives a resource's operations from methods and paths, and applies x-resource.
func TestResources(t *testing.T) {
	t.Parallel()
	api, err := lowerText(t, resourceSpec(`  /things/import:
    post:
      operationId: importThing
      tags: [Things]
      x-resource: {kind: things, verb: create, key: name}
      requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"GET /things/{id}":    "things get",
		"DELETE /things/{id}": "things delete",
		"GET /things":         "things list",
		"POST /things":        "things create",
		"POST /things/import": "things create name",
		// PUT /things/{id} answers a receipt, not a thing: not an update of the store.
	}
	if got := roles(api); !maps.Equal(got, want) {
		t.Errorf("roles = %v, want %v", got, want)
	}

	none, err := lowerText(t, strings.Replace(resourceSpec(""), "operationId: createThing", "operationId: createThing\n      x-resource: {verb: none}", 1))
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := roles(none)["POST /things"]; ok {
		t.Errorf("x-resource verb none left POST /things as %q", r)
	}
}

// TestResourcesProblems reports each x-resource that cannot be.
func TestResourcesProblems(t *testing.T) {
	t.Parallel()
	op := func(name, ext string) string {
		return `  /things/` + name + `:
    post:
      operationId: ` + name + `Thing
      tags: [Things]
      x-resource: ` + ext + `
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/thing'}}}}}
`
	}
	_, err := lowerText(t, resourceSpec(op("a", "{kind: things, verb: fetch}")+op("b", "{kind: widgets, verb: get}")+
		op("c", "{kind: things, verb: list}")+op("d", "{kind: things, verb: get, key: name}")+op("e", "{kind: things, verb: create, key: name}")+
		op("f", "[create]")))
	if err == nil {
		t.Fatal("no problem reported")
	}
	for _, want := range []string{
		`POST /things/a: x-resource: verb "fetch" is not one of get, create, update, delete, list, search, none`,
		`POST /things/b: x-resource: kind "widgets" is not a resource (one with a GET of an item, such as contacts)`,
		`POST /things/c: x-resource: a list answers a list of items, and this operation does not`,
		`POST /things/d: x-resource: key is for a create (a create that updates the record with the same key)`,
		`POST /things/e: x-resource: key "name": the operation has no body to find it in`,
		`POST /things/f: x-resource must be an object: {kind, verb, key}`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("problems do not say %q:\n%v", want, err)
		}
	}
}
