package lower

import (
	"os"
	"path/filepath"
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
