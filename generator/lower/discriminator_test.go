package lower

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

// TestDeclaredDiscriminator: a union whose description declares its discriminator tells its
// variants apart by the mapping's values (the first, in order, when several name one schema),
// and a variant the mapping leaves out by its schema's name, as OpenAPI says.
func TestDeclaredDiscriminator(t *testing.T) {
	t.Parallel()
	const desc = `openapi: 3.0.3
info: {title: Shapes, version: '1'}
servers: [{url: 'https://example.com', x-go-name: US}]
paths: {}
components:
  schemas:
    shape:
      oneOf:
        - $ref: '#/components/schemas/circle'
        - $ref: '#/components/schemas/square'
      discriminator:
        propertyName: kind
        mapping:
          round: '#/components/schemas/circle'
          circle: '#/components/schemas/circle'
    circle:
      type: object
      properties:
        kind: {type: string}
        radius: {type: number}
    square:
      type: object
      properties:
        kind: {type: string}
        side: {type: number}
`
	path := filepath.Join(t.TempDir(), "shapes.yaml")
	if err := os.WriteFile(path, []byte(desc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, types := lowerFile(t, path)
	shape := types["Shape"]
	if shape == nil || shape.Kind != ir.Union || len(shape.Variants) != 2 {
		t.Fatalf("Shape: %+v", shape)
	}
	if shape.Discriminator != "kind" || shape.Variants[0].Discriminator != "circle" || shape.Variants[1].Discriminator != "square" {
		t.Errorf("Shape told apart by %q: %q and %q, want kind: circle and square",
			shape.Discriminator, shape.Variants[0].Discriminator, shape.Variants[1].Discriminator)
	}
}

// TestVariantsAlikeAtTheTop: object variants that require and declare the same properties are
// told apart by what their objects and arrays of objects declare, one level down; every object
// variant of the union then says it, and a union whose variants differ at the top does not.
func TestVariantsAlikeAtTheTop(t *testing.T) {
	t.Parallel()
	const desc = `openapi: 3.0.3
info: {title: Tags, version: '1'}
servers: [{url: 'https://example.com', x-go-name: US}]
paths: {}
components:
  schemas:
    tagging:
      oneOf:
        - $ref: '#/components/schemas/tag'
        - $ref: '#/components/schemas/untag'
        - $ref: '#/components/schemas/owned'
    tag:
      type: object
      required: [name, companies]
      properties:
        name: {type: string}
        companies:
          type: array
          items: {type: object, properties: {id: {type: string}}}
    untag:
      type: object
      required: [name, companies]
      properties:
        name: {type: string}
        companies:
          type: array
          items: {type: object, properties: {id: {type: string}, untag: {type: boolean}}}
    owned:
      type: object
      required: [owner]
      properties:
        owner: {type: object, properties: {id: {type: string}}}
    plain:
      oneOf:
        - $ref: '#/components/schemas/tag'
        - $ref: '#/components/schemas/owned'
`
	path := filepath.Join(t.TempDir(), "tags.yaml")
	if err := os.WriteFile(path, []byte(desc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, types := lowerFile(t, path)
	props := func(name string) []string {
		var out []string
		for _, v := range types[name].Variants {
			out = append(out, strings.Join(v.Properties, " "))
		}
		return out
	}
	want := []string{"companies companies[].id name", "companies companies[].id companies[].untag name", "owner owner.id"}
	if got := props("Tagging"); !slices.Equal(got, want) {
		t.Errorf("Tagging's variants declare %q, want %q", got, want)
	}
	want = []string{"companies name", "owner"}
	if got := props("Plain"); !slices.Equal(got, want) {
		t.Errorf("Plain's variants declare %q, want %q", got, want)
	}
}

// TestErrorBodiesDecodeTolerantly: the component an error status answers with decodes as a
// result does (keeping what it does not declare), and an inline error schema makes no type.
func TestErrorBodiesDecodeTolerantly(t *testing.T) {
	t.Parallel()
	const desc = `openapi: 3.0.3
info: {title: Pets, version: '1'}
servers: [{url: 'https://example.com', x-go-name: US}]
paths:
  /pets:
    get:
      operationId: listPets
      x-go-service: Pets
      x-go-name: List
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/pet'}}}
        '400':
          description: bad
          content: {application/json: {schema: {$ref: '#/components/schemas/error'}}}
        '500':
          description: broken
          content: {application/json: {schema: {type: object, properties: {oops: {type: string}}}}}
components:
  schemas:
    pet: {type: object, properties: {name: {type: string}}}
    error:
      type: object
      properties:
        errors: {type: array, items: {$ref: '#/components/schemas/detail'}}
    detail: {type: object, properties: {code: {type: string}}}
`
	path := filepath.Join(t.TempDir(), "pets.yaml")
	if err := os.WriteFile(path, []byte(desc), 0o644); err != nil {
		t.Fatal(err)
	}
	_, types := lowerFile(t, path)
	for _, name := range []string{"Error", "Detail", "Pet"} {
		if ty := types[name]; ty == nil || !ty.Decodes {
			t.Errorf("%s: %+v, want a type that decodes itself", name, ty)
		}
	}
	if !types["Error"].Tolerant {
		t.Error("Error is not decoded tolerantly")
	}
	if len(types) != 3 {
		t.Errorf("types %v, want Pet, Error and Detail only", slices.Sorted(maps.Keys(types)))
	}
}
