package lower

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/validate"
)

func lowerFile(t *testing.T, path string) (*ir.API, map[string]*ir.Type) {
	t.Helper()
	doc, err := spec.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	kin, err := validate.Load(t.Context(), doc)
	if err != nil {
		t.Fatal(err)
	}
	api, err := Lower(doc, kin)
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]*ir.Type{}
	for _, ty := range api.Types {
		types[ty.Name] = ty
	}
	return api, types
}

func field(t *testing.T, ty *ir.Type, name string) *ir.Field {
	t.Helper()
	for _, f := range ty.Fields {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("%s has no field %s", ty.Name, name)
	return nil
}

func TestDecisions(t *testing.T) {
	t.Parallel()
	api, types := lowerFile(t, "../testdata/tiny/openapi.yaml")

	mustKind := func(name string, k ir.TypeKind) *ir.Type {
		t.Helper()
		ty := types[name]
		if ty == nil {
			t.Fatalf("no type %s", name)
		}
		if ty.Kind != k {
			t.Fatalf("%s is kind %d, want %d", name, ty.Kind, k)
		}
		return ty
	}

	// anyOf listing only required properties constrains a struct; it is no union.
	req := mustKind("CreatePetRequest", ir.Struct)
	if !req.Input {
		t.Error("CreatePetRequest is a request body but not marked Input")
	}
	if f := field(t, req, "Nickname"); f.Wrap != ir.Opt || !f.Nullable {
		t.Errorf("optional nullable request field: wrap %d nullable %v, want Opt and nullable", f.Wrap, f.Nullable)
	}
	if f := field(t, req, "Owner"); f.Type.Name != "OwnerRef" || f.Wrap != ir.Plain {
		t.Errorf("union field: %+v, want OwnerRef held plainly", f)
	}

	// Response-only types hold optional scalars plainly, nested objects by pointer.
	pet := mustKind("Pet", ir.Struct)
	if pet.Input {
		t.Error("Pet is only a response but marked Input")
	}
	if f := field(t, pet, "Name"); f.Wrap != ir.Plain {
		t.Errorf("Pet.Name wrap %d, want Plain", f.Wrap)
	}
	if f := field(t, pet, "Owner"); f.Wrap != ir.Pointer {
		t.Errorf("Pet.Owner wrap %d, want Pointer", f.Wrap)
	}
	if f := field(t, pet, "Type"); f.Const != "pet" || f.Type.Kind != ir.String {
		t.Errorf("single-valued enum: %+v, want a string constant", f)
	}
	if f := field(t, pet, "BornAt"); f.Type.Kind != ir.Timestamp {
		t.Errorf("integer date-time: %+v, want Timestamp", f.Type)
	}
	if f := field(t, pet, "ID"); !f.Required {
		t.Error("Pet.ID is required")
	}
	if f := field(t, pet, "CustomAttributes"); f.Type.Kind != ir.MapOf || f.Type.Elem.Kind != ir.Any {
		t.Errorf("free-form object: %+v, want map[string]any", f.Type)
	}
	mustKind("PetCollar", ir.Struct)
	mustKind("PetCollarColor", ir.Enum)
	mustKind("PetScores", ir.Map)
	mustKind("PetNotesItem", ir.Struct)

	// Fields keep the order the description gives them; allOf members come first.
	list := mustKind("PetList", ir.Struct)
	var names []string
	for _, f := range list.Fields {
		names = append(names, f.Name)
	}
	if !slices.Equal(names, []string{"TotalCount", "TotalPages", "Data"}) {
		t.Errorf("PetList fields %v, want [TotalCount TotalPages Data]", names)
	}

	// Unions: by discriminator when every object variant fixes one property to its own constant.
	animal := mustKind("Animal", ir.Union)
	if animal.Discriminator != "type" || animal.Variants[0].Discriminator != "pet" || animal.Variants[1].Discriminator != "owner" {
		t.Errorf("Animal discriminator %q, variants %+v %+v", animal.Discriminator, animal.Variants[0], animal.Variants[1])
	}
	owner := mustKind("OwnerRef", ir.Union)
	if owner.Discriminator != "" || owner.Variants[0].Name != "ByID" || !slices.Equal(owner.Variants[1].Required, []string{"email"}) {
		t.Errorf("OwnerRef told apart by shape: %+v", owner.Variants)
	}
	parent := mustKind("PetParentID", ir.Union)
	if parent.Variants[0].Kind != ir.KindInteger || parent.Variants[1].Kind != ir.KindString {
		t.Errorf("PetParentID variants %+v", parent.Variants)
	}
	// Variants are held as request fields are: objects by pointer, scalars in an Opt.
	for _, v := range append(slices.Clone(animal.Variants), parent.Variants...) {
		want := ir.Opt
		if v.Kind == ir.KindObject {
			want = ir.Pointer
		}
		if v.Wrap != want {
			t.Errorf("variant %s of kind %v is held as %v, want %v", v.Name, v.Kind, v.Wrap, want)
		}
	}

	enum := mustKind("PetKind", ir.Enum)
	if got := enum.Values[2]; got.Name != "PetKind2_0" || got.Value != "2.0" {
		t.Errorf("enum value name %+v", got)
	}

	// Operations: names from operationIds minus the service noun, services from the first tag.
	ops := map[string]*ir.Operation{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			ops[s.Name+"."+o.Name] = o
		}
	}
	for _, name := range []string{"Pets.List", "Pets.Create", "Pets.Get", "Pets.Rename", "Pets.Delete", "Owners.AdoptPet"} {
		if ops[name] == nil {
			t.Errorf("no method %s (have %v)", name, slices.Sorted(func(y func(string) bool) {
				for k := range ops {
					y(k)
				}
			}))
		}
	}
	if o := ops["Owners.AdoptPet"]; o != nil {
		if len(o.PathParams) != 2 || o.PathParams[1].GoName != "petID" || o.PathParams[0].GoName != "ownerID" {
			t.Errorf("path params %+v %+v", o.PathParams[0], o.PathParams[1])
		}
		if o.Result == nil || types[o.Result.Name].Kind != ir.Union {
			t.Errorf("inline oneOf result: %+v", o.Result)
		}
	}
	if o := ops["Pets.List"]; o != nil {
		var q []string
		for _, f := range o.Query.Fields {
			q = append(q, f.JSON)
		}
		// The exploded object parameter puts its properties in the query.
		if !slices.Equal(q, []string{"page", "per_page", "kind", "tags", "owner_id", "owner_email"}) {
			t.Errorf("query fields %v", q)
		}
	}
	if o := ops["Pets.List"]; o != nil {
		p := o.Paging
		if p == nil || p.Kind != ir.PageNumber || p.Item.Name != "Pet" || p.Items[0].Field != "Data" || p.Total[0].Field != "TotalPages" || p.Param[0].Field != "Page" {
			t.Errorf("Pets.List paging %+v", p)
		}
		if !o.Query.Validates {
			t.Error("PetsListOptions has bounds but no Validate")
		}
	}
	if o := ops["Pets.Delete"]; o != nil && (o.Result != nil || o.Status != 204) {
		t.Errorf("Delete result %+v status %d, want none and 204", o.Result, o.Status)
	}
	if o := ops["Pets.Rename"]; o != nil && !o.Deprecated {
		t.Error("Rename is deprecated")
	}
	if len(api.Servers) != 2 || api.Servers[1].URL != "https://api.eu.example.com" || api.Servers[1].Key != "eu" {
		t.Errorf("servers %+v", api.Servers)
	}
}

func TestCleanDoc(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ summary, desc, want string }{
		{"List pets", "", "List pets."},
		{"List pets", "You can **list** [pets](https://x.example/p).", "List pets.\n\nYou can list [pets].\n\n[pets]: https://x.example/p"},
		{"", "> 🚧 Careful\n>\n> Do `not` do this.", "Careful\n\nDo not do this."},
		{"Get a pet", "Get a pet by id.", "Get a pet by id."},
		{"Get a [pet](https://x.example/p)", "", "Get a pet."},
		{"", "{% admonition %}Note{% /admonition %} text", "Note text"},
	} {
		if got := cleanDoc(c.summary, c.desc); got != c.want {
			t.Errorf("cleanDoc(%q, %q) = %q, want %q", c.summary, c.desc, got, c.want)
		}
	}
}

// TestPointers checks which bodies and results methods take and return by pointer: structs and
// unions are, maps, slices and scalars are not.
func TestPointers(t *testing.T) {
	t.Parallel()
	api, _ := lowerFile(t, "../testdata/tiny/openapi.yaml")
	ops := map[string]*ir.Operation{}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			ops[s.Name+"."+o.Name] = o
		}
	}
	for name, want := range map[string]bool{"Pets.Get": true, "Pets.List": true, "Owners.AdoptPet": true} {
		if o := ops[name]; o == nil || o.Result == nil || o.ResultByPointer != want {
			t.Errorf("%s: result by pointer %v, want %v", name, o != nil && o.ResultByPointer, want)
		}
	}
	if o := ops["Pets.Create"]; o == nil || o.Body == nil || !o.Body.ByPointer {
		t.Error("Pets.Create does not take its struct body by pointer")
	}

	spec := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(spec, []byte(`openapi: 3.0.1
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com', x-go-name: Main}]
paths:
  /names:
    put:
      operationId: putNames
      tags: [Names]
      requestBody:
        content:
          application/json:
            schema: {type: array, items: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/scores'}
components:
  schemas:
    scores:
      type: object
      additionalProperties: {type: integer}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	api, _ = lowerFile(t, spec)
	o := api.Services[0].Operations[0]
	if o.Body == nil || o.Body.ByPointer || o.Result == nil || o.ResultByPointer {
		t.Errorf("a slice body and a map result are passed by value: body %+v, result by pointer %v", o.Body, o.ResultByPointer)
	}
	if args := o.Args(); len(args) != 1 || args[0].Name != "req" || args[0].Pointer || args[0].Type.String() != "[]string" {
		t.Errorf("args %+v", args)
	}
}

// Decoders go to every struct a tolerant type reaches through fields, slices, maps and aliases,
// and to no other: not through a union (its variants decode themselves), not to a struct only a
// request holds. A map that holds itself ends the walk.
func TestMarkDecoders(t *testing.T) {
	t.Parallel()
	named := func(n string) *ir.Ref { return &ir.Ref{Kind: ir.Named, Name: n} }
	slice := func(r *ir.Ref) ir.Ref { return ir.Ref{Kind: ir.Slice, Elem: r} }
	api := &ir.API{Types: []*ir.Type{
		{Name: "Result", Kind: ir.Struct, Tolerant: true, Fields: []*ir.Field{
			{Name: "Items", Type: slice(named("Item"))},
			{Name: "Tree", Type: *named("Tree")},
			{Name: "Alias", Type: *named("Alias")},
			{Name: "Either", Type: *named("Either")},
		}},
		{Name: "Item", Kind: ir.Struct},
		{Name: "Tree", Kind: ir.Map, Elem: &ir.Ref{Kind: ir.MapOf, Elem: named("Tree")}},
		{Name: "Alias", Kind: ir.Alias, Elem: named("Aliased")},
		{Name: "Aliased", Kind: ir.Struct},
		{Name: "Either", Kind: ir.Union, Variants: []*ir.Variant{{Name: "V", Type: *named("Variant")}}},
		{Name: "Variant", Kind: ir.Struct},
		{Name: "Request", Kind: ir.Struct, Fields: []*ir.Field{{Name: "Only", Type: *named("Only")}}},
		{Name: "Only", Kind: ir.Struct},
	}}
	markDecoders(api)
	for _, ty := range api.Types {
		want := map[string]bool{"Result": true, "Item": true, "Aliased": true}[ty.Name]
		if ty.Decodes != want {
			t.Errorf("%s.Decodes = %v, want %v", ty.Name, ty.Decodes, want)
		}
	}
}

var update = flag.Bool("update", false, "rewrite testdata/markdown.golden")

// TestMarkdownDoc converts a description holding each kind of Markdown the descriptions use
// (emphasis, links, admonitions, headings, lists, quotes, code, tables with <br> and too wide)
// and compares the Go doc text with testdata/markdown.golden.
func TestMarkdownDoc(t *testing.T) {
	t.Parallel()
	md, err := os.ReadFile("testdata/markdown.md")
	if err != nil {
		t.Fatal(err)
	}
	got := cleanDoc("List pets", string(md)) + "\n"
	const golden = "testdata/markdown.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/lower -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("cleanDoc differs from %s (run with -update and review):\n%s", golden, got)
	}
	for _, l := range strings.Split(got, "\n") {
		if strings.HasPrefix(l, "\t") && utf8.RuneCountInString(l)-1 > tableWidth {
			t.Errorf("preformatted line wider than %d: %q", tableWidth, l)
		}
	}
}

// x-read-only marks an operation read-only; anything but a boolean is a problem.
func TestReadOnly(t *testing.T) {
	t.Parallel()
	const doc = `openapi: 3.0.3
info: {title: t, version: "1"}
servers:
  - {url: "https://api.example.com", x-go-name: US}
paths:
  /pets/search:
    post:
      operationId: searchPets
      tags: [Pets]
      x-read-only: %s
      responses:
        '200': {description: ok}
  /pets:
    post:
      operationId: createPet
      tags: [Pets]
      responses:
        '200': {description: ok}
`
	lowerDoc := func(value string) (*ir.API, error) { return lowerText(t, fmt.Sprintf(doc, value)) }
	api, err := lowerDoc("true")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, o := range api.Services[0].Operations {
		got[o.Name] = o.ReadOnly
	}
	if want := map[string]bool{"Search": true, "Create": false}; !maps.Equal(got, want) {
		t.Errorf("read-only = %v, want %v", got, want)
	}
	if _, err := lowerDoc("yes please"); err == nil || !strings.Contains(err.Error(), "x-read-only must be true or false") {
		t.Errorf("a string x-read-only: %v", err)
	}
}
