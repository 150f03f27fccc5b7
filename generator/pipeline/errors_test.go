package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// base is a valid one-operation spec; the cases below break it in one way each.
const base = `openapi: 3.0.1
info: {title: T, version: '1'}
servers: [{url: 'https://x.example', x-go-name: X}]
paths:
  /things/{id}:
    get:
      operationId: getThing
      tags: [Things]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/thing'}
components:
  schemas:
    thing:
      type: object
      properties:
        id: {type: string}
`

func TestProblems(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		spec    string
		overlay string
		want    []string // substrings of the error, in any order
	}{
		{
			name: "missing ref",
			spec: strings.Replace(base, "id: {type: string}\n", "id: {type: string}\n        other: {$ref: '#/components/schemas/gone'}\n", 1),
			want: []string{"spec.yaml:22", "#/components/schemas/thing/properties/other", `$ref "#/components/schemas/gone" does not resolve`},
		},
		{
			name: "duplicate method",
			spec: strings.Replace(base, "paths:\n", "paths:\n  /other:\n    get:\n      operationId: retrieveThing\n      tags: [Things]\n      responses: {'204': {description: ok}}\n", 1),
			want: []string{"GET /things/{id}: method Things.Get is also made by GET /other", "x-go-name"},
		},
		{
			name: "duplicate type name",
			spec: base + "    Thing:\n      type: string\n",
			want: []string{"Go name Thing is already used by", "#/components/schemas/"},
		},
		{
			name: "unsupported content type",
			spec: strings.Replace(base, "application/json:", "text/csv:", 1),
			want: []string{"GET /things/{id}", `response 200 content type "text/csv" is not supported`},
		},
		{
			name: "enum value without a name",
			spec: base + "    op:\n      type: string\n      enum: ['=', '<']\n",
			want: []string{`enum value "=" of Op makes no Go name`, "x-enum-varnames"},
		},
		{
			name: "server without name",
			spec: strings.Replace(base, ", x-go-name: X", "", 1),
			want: []string{"#/servers/0", "has no x-go-name"},
		},
		{
			name:    "overlay target gone",
			spec:    base,
			overlay: "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n  - target: $.paths['/nope'].get\n    description: gone upstream\n    update: {x-go-name: X}\n",
			want:    []string{"overlay.yaml:4", "matches nothing", "gone upstream"},
		},
		{
			name: "paged without x-pagination",
			spec: strings.Replace(base, "paths:\n", "x-paging-properties: [id]\npaths:\n", 1),
			want: []string{"GET /things/{id}", `the response has "id", so the operation pages, but it has no x-pagination`},
		},
		{
			name: "x-pagination that does not fit",
			spec: strings.Replace(base, "      operationId: getThing\n", "      operationId: getThing\n      x-pagination: {kind: cursor, items: id, next: nope, param: x}\n", 1),
			want: []string{"x-pagination: items: id is not an array"},
		},
		{
			name: "x-pagination of an unknown kind",
			spec: strings.Replace(base, "      operationId: getThing\n", "      operationId: getThing\n      x-pagination: {kind: offset}\n", 1),
			want: []string{`x-pagination kind "offset" is not one of`},
		},
		{
			// The iterators of a paged List are ListPages and ListAll: an operation named ListAll
			// beside it is a problem of the description, reported at the paged operation.
			name: "iterator name taken",
			spec: strings.Replace(base, "paths:\n", `paths:
  /things:
    get:
      operationId: listThings
      tags: [Things]
      x-pagination: {kind: page, items: data, total: total_pages, param: page}
      parameters: [{name: page, in: query, schema: {type: integer}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/thing_list'}}}
  /things/everything:
    get:
      operationId: everything
      x-go-name: ListAll
      tags: [Things]
      responses: {'204': {description: ok}}
`, 1) + "    thing_list:\n      type: object\n      properties:\n        data: {type: array, items: {$ref: '#/components/schemas/thing'}}\n        total_pages: {type: integer}\n",
			want: []string{"spec.yaml:6: #/paths/~1things/get", "GET /things (Things.List): the iterator Things.ListAll of this paged operation is also made by GET /things/everything", "x-go-name"},
		},
		{
			// Two services whose names differ only in case would share their files.
			name: "file name taken",
			spec: strings.Replace(strings.Replace(base, "      tags: [Things]\n", "      tags: [Things]\n      x-go-service: SLAPolicies\n", 1),
				"paths:\n", "paths:\n  /other:\n    get:\n      operationId: other\n      x-go-service: SlaPolicies\n      tags: [Things]\n      responses: {'204': {description: ok}}\n", 1),
			want: []string{"the file service_sla_policies_gen.go would hold both the methods of SLAPolicies and the methods of SlaPolicies"},
		},
		{
			name: "not an object",
			spec: "- just\n- a list\n",
			want: []string{"must be a YAML or JSON object"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cfg := Config{Spec: filepath.Join(dir, "spec.yaml"), PkgPath: "example.com/x/intercom", PkgName: "intercom"}
			if err := os.WriteFile(cfg.Spec, []byte(c.spec), 0o644); err != nil {
				t.Fatal(err)
			}
			if c.overlay != "" {
				cfg.Overlays = []string{filepath.Join(dir, "overlay.yaml")}
				if err := os.WriteFile(cfg.Overlays[0], []byte(c.overlay), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			_, err := Run(t.Context(), cfg)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
		})
	}
}
