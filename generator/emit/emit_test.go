package emit

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

var (
	str  = ir.Ref{Kind: ir.String}
	i64  = ir.Ref{Kind: ir.Int}
	ts   = ir.Ref{Kind: ir.Timestamp}
	anyR = ir.Ref{Kind: ir.Any}
)

func named(n string) ir.Ref { return ir.Ref{Kind: ir.Named, Name: n} }

// group places a type in the file of a resource, as lower would.
func group(resource string) ir.Group {
	return ir.Group{Resource: resource, File: "models_" + resource + "_gen.go"}
}

// render emits api and returns the one file named file.
func render(t *testing.T, api *ir.API, file string) string {
	t.Helper()
	if api.Version == "" {
		api.Version = "1.0"
	}
	if api.Servers == nil {
		api.Servers = []ir.Server{{Name: "US", Const: "RegionUS", Key: "us", URL: "https://api.example.com", Doc: "The server."}}
	}
	files, err := Files(api, "example.com/x/intercom", "intercom")
	if err != nil {
		t.Fatal(err)
	}
	out, ok := files[file]
	if !ok {
		var names []string
		for n := range files {
			names = append(names, n)
		}
		t.Fatalf("no file %s among %v", file, names)
	}
	return string(out)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from its golden file (run go test ./generator/emit -update and review):\n%s", name, got)
	}
}

// TestDecoder covers the reader of every kind of field: scalars, a timestamp, free-form values,
// an enum, a struct by value and by pointer, a pointer to a scalar, Opt, a slice of slices, a map,
// a named map, an alias, and a union; a tolerant struct keeps its issues, a nested one does not;
// an enum that may come as an object whose properties are read into it and a sibling, a link
// that may come as its URL and a list object that may come as its bare list.
func TestDecoder(t *testing.T) {
	f64 := ir.Ref{Kind: ir.Float}
	boolean := ir.Ref{Kind: ir.Bool}
	strs := ir.Ref{Kind: ir.Slice, Elem: &str}
	item := &ir.Type{Name: "Item", Kind: ir.Struct, Group: group("item"), Tolerant: true, Decodes: true, Fields: []*ir.Field{
		{Name: "ID", JSON: "id", Type: str},
		{Name: "Count", JSON: "count", Type: i64},
		{Name: "Score", JSON: "score", Type: f64},
		{Name: "On", JSON: "on", Type: boolean},
		{Name: "At", JSON: "at", Type: ts},
		{Name: "Extra", JSON: "extra", Type: anyR},
		{Name: "State", JSON: "state", Type: named("ItemState")},
		{Name: "StateLabel", JSON: "state_label", Type: str},
		{Name: "Part", JSON: "part", Type: named("ItemPart")},
		{Name: "Next", JSON: "next", Type: named("ItemPart"), Wrap: ir.Pointer},
		{Name: "Limit", JSON: "limit", Type: i64, Wrap: ir.Pointer},
		{Name: "Note", JSON: "note", Type: str, Wrap: ir.Opt},
		{Name: "Grid", JSON: "grid", Type: ir.Ref{Kind: ir.Slice, Elem: &strs}},
		{Name: "Parts", JSON: "parts", Type: ir.Ref{Kind: ir.MapOf, Elem: &ir.Ref{Kind: ir.Named, Name: "ItemPart"}}},
		{Name: "Labels", JSON: "labels", Type: named("ItemLabels")},
		{Name: "Tags", JSON: "tags", Type: named("ItemTags")},
		{Name: "Value", JSON: "value", Type: named("ItemValue")},
		{Name: "Attrs", JSON: "attrs", Type: ir.Ref{Kind: ir.Runtime, Name: "CustomAttributes"}},
		{Name: "Reactions", JSON: "reactions", Type: ir.Ref{Kind: ir.Slice, Elem: &ir.Ref{Kind: ir.OptOf, Elem: &str}}},
		{Name: "LastSeen", JSON: "last_seen", Type: ts, Aliases: []string{"las_seen", "last_sen"}},
		{Name: "Link", JSON: "link", Type: named("ItemLink"), Wrap: ir.Pointer},
		{Name: "People", JSON: "people", Type: named("ItemPeople")},
	}}
	// A list object that may come as its bare list.
	people := &ir.Type{Name: "ItemPeople", Kind: ir.Struct, Group: group("item"), Decodes: true, FromArray: "people", Fields: []*ir.Field{
		{Name: "Type", JSON: "type", Type: str}, {Name: "People", JSON: "people", Type: strs}}}
	// A state that may come as an object, read into it, a sibling and an Opt sibling.
	fieldOf := func(name string) *ir.Field {
		return item.Fields[slices.IndexFunc(item.Fields, func(f *ir.Field) bool { return f.Name == name })]
	}
	fieldOf("State").FromObject = []ir.ObjectProp{{Prop: "category", Into: fieldOf("State")},
		{Prop: "label", Into: fieldOf("StateLabel")}, {Prop: "note", Into: fieldOf("Note")}}
	// A link that may come as its URL alone.
	link := &ir.Type{Name: "ItemLink", Kind: ir.Struct, Group: group("item"), Decodes: true, FromString: "url", Fields: []*ir.Field{
		{Name: "URL", JSON: "url", Type: str}, {Name: "Text", JSON: "text", Type: str}}}
	part := &ir.Type{Name: "ItemPart", Kind: ir.Struct, Group: group("item"), Decodes: true, Fields: []*ir.Field{{Name: "Body", JSON: "body", Type: str}}}
	state := &ir.Type{Name: "ItemState", Kind: ir.Enum, Group: group("item"), Values: []ir.EnumValue{{Name: "ItemStateOpen", Value: "open"}}}
	labels := &ir.Type{Name: "ItemLabels", Kind: ir.Map, Group: group("item"), Elem: &str}
	tags := &ir.Type{Name: "ItemTags", Kind: ir.Alias, Group: group("item"), Elem: &strs}
	value := &ir.Type{Name: "ItemValue", Kind: ir.Union, Group: group("item"), Variants: []*ir.Variant{
		{Name: "String", Type: str, Kind: ir.KindString, Wrap: ir.Opt}, {Name: "Integer", Type: i64, Kind: ir.KindInteger, Wrap: ir.Opt}}}
	golden(t, "decoder", render(t, &ir.API{Types: []*ir.Type{item, labels, link, part, people, state, tags, value}}, "models_item_gen.go"))
}

func TestStruct(t *testing.T) {
	ty := &ir.Type{Name: "Pet", Kind: ir.Struct, Pointer: "#/components/schemas/pet", Group: group("pet"), Input: true, Doc: "A pet.", Fields: []*ir.Field{
		{Name: "ID", JSON: "id", Type: str, Required: true, Doc: "The id."},
		{Name: "Name", JSON: "name", Type: str, Wrap: ir.Opt, Nullable: true},
		{Name: "Owner", JSON: "owner", Type: named("Owner"), Wrap: ir.Pointer, Deprecated: true},
		{Name: "Tags", JSON: "tags", Type: ir.Ref{Kind: ir.Slice, Elem: &str}},
		{Name: "Extra", JSON: "extra", Type: ir.Ref{Kind: ir.MapOf, Elem: &anyR}},
		{Name: "BornAt", JSON: "born_at", Type: ts, Wrap: ir.Opt},
		{Name: "Parent", JSON: "parent", Type: named("Parent")},
	}}
	owner := &ir.Type{Name: "Owner", Kind: ir.Struct, Pointer: "#/components/schemas/owner", Group: group("pet")}
	parent := &ir.Type{Name: "Parent", Kind: ir.Union, Pointer: "#/components/schemas/pet/properties/parent", Group: group("pet"),
		Variants: []*ir.Variant{{Name: "Integer", Type: i64, Kind: ir.KindInteger, Wrap: ir.Opt}}}
	golden(t, "struct", render(t, &ir.API{Types: []*ir.Type{owner, parent, ty}}, "models_pet_gen.go"))
}

func TestEnumMapAlias(t *testing.T) {
	api := &ir.API{Types: []*ir.Type{
		{Name: "Kind", Kind: ir.Enum, Pointer: "#/components/schemas/kind", Group: group("kind"), Doc: "Kind is what a pet is.",
			Values: []ir.EnumValue{{Name: "KindDog", Value: "dog"}, {Name: "Kind2_0", Value: "2.0"}}},
		{Name: "KindScores", Kind: ir.Map, Pointer: "#/components/schemas/kind_scores", Group: group("kind"), Elem: &i64},
		{Name: "KindIDs", Kind: ir.Alias, Pointer: "#/components/schemas/kind_ids", Group: group("kind"), Elem: &ir.Ref{Kind: ir.Slice, Elem: &str}},
	}}
	golden(t, "enum_map_alias", render(t, api, "models_kind_gen.go"))
}

func TestUnions(t *testing.T) {
	api := &ir.API{Types: []*ir.Type{
		{Name: "ByType", Kind: ir.Union, Pointer: "#/components/schemas/by_type", Group: group("union"), Discriminator: "type", Variants: []*ir.Variant{
			{Name: "Cat", Type: named("Cat"), Kind: ir.KindObject, Discriminator: "cat", Wrap: ir.Pointer},
			{Name: "Dog", Type: named("Dog"), Kind: ir.KindObject, Discriminator: "dog", Wrap: ir.Pointer},
		}},
		{Name: "ByShape", Kind: ir.Union, Pointer: "#/components/schemas/by_shape", Group: group("union"), Variants: []*ir.Variant{
			{Name: "ByID", Type: named("Cat"), Kind: ir.KindObject, Required: []string{"id"}, Properties: []string{"id"}, Wrap: ir.Pointer},
			{Name: "ByEmailAndName", Type: named("Dog"), Kind: ir.KindObject, Required: []string{"email", "name"}, Properties: []string{"email", "name"}, Wrap: ir.Pointer},
			{Name: "Names", Type: ir.Ref{Kind: ir.Slice, Elem: &str}, Kind: ir.KindArray},
			{Name: "Number", Type: ir.Ref{Kind: ir.Float}, Kind: ir.KindNumber, Wrap: ir.Opt},
			{Name: "Flag", Type: ir.Ref{Kind: ir.Bool}, Kind: ir.KindBoolean, Wrap: ir.Opt},
		}},
		{Name: "Cat", Kind: ir.Struct, Pointer: "#/components/schemas/cat", Group: group("union")},
		{Name: "Dog", Kind: ir.Struct, Pointer: "#/components/schemas/dog", Group: group("union")},
	}}
	golden(t, "unions", render(t, api, "models_union_gen.go"))
}

func TestService(t *testing.T) {
	petID := &ir.Param{Name: "pet_id", GoName: "petID", Type: i64, Required: true}
	opts := &ir.Type{Name: "PetsListOptions", Kind: ir.Options, Pointer: "#/paths/~1pets/get", Group: group("pets"), Input: true,
		Doc: "PetsListOptions holds the query parameters of GET /pets.", Fields: []*ir.Field{
			{Name: "PerPage", JSON: "per_page", Type: i64, Doc: "How many per page."},
			{Name: "Kind", JSON: "kind", Type: named("Kind"), Required: true},
			{Name: "IDs", JSON: "ids", Type: ir.Ref{Kind: ir.Slice, Elem: &str}},
		}}
	pet := &ir.Type{Name: "Pet", Kind: ir.Struct, Pointer: "#/components/schemas/pet", Group: group("pet")}
	names := &ir.Type{Name: "Names", Kind: ir.Map, Pointer: "#/components/schemas/names", Group: group("pet"), Elem: &str}
	kind := &ir.Type{Name: "Kind", Kind: ir.Enum, Pointer: "#/components/schemas/kind", Group: group("pet")}
	svc := &ir.Service{Name: "Pets", Type: "PetsService", File: "service_pets_gen.go", Doc: "Everything about pets.", Operations: []*ir.Operation{
		{Name: "Get", Method: "GET", Path: "/pets/{pet_id}", Doc: "Get a pet.", Status: 200,
			PathParts: []ir.PathPart{{Literal: "/pets/"}, {Param: petID}}, PathParams: []*ir.Param{petID}, Result: &ir.Ref{Kind: ir.Named, Name: "Pet"}, ResultByPointer: true},
		{Name: "List", Method: "GET", Path: "/pets", Status: 200, PathParts: []ir.PathPart{{Literal: "/pets"}}, Query: opts, Result: &ir.Ref{Kind: ir.Named, Name: "Names"}},
		{Name: "Replace", Method: "PUT", Path: "/pets/{pet_id}", Status: 200, Deprecated: true,
			PathParts: []ir.PathPart{{Literal: "/pets/"}, {Param: petID}}, PathParams: []*ir.Param{petID},
			Body: &ir.Body{Type: named("Pet"), Required: true, ByPointer: true}, Result: &ir.Ref{Kind: ir.Named, Name: "Pet"}, ResultByPointer: true},
		{Name: "Delete", Method: "DELETE", Path: "/pets/{pet_id}", Status: 204,
			PathParts: []ir.PathPart{{Literal: "/pets/"}, {Param: petID}}, PathParams: []*ir.Param{petID}},
	}}
	api := &ir.API{Services: []*ir.Service{svc}, Types: []*ir.Type{kind, names, opts, pet}}
	golden(t, "service", render(t, api, "service_pets_gen.go"))
	golden(t, "service_models", render(t, api, "models_pets_gen.go"))
	golden(t, "client", render(t, api, "client_gen.go"))
}

func TestFilesFailWithoutPanicOnEmptyAPI(t *testing.T) {
	files, err := Files(&ir.API{Version: "1"}, "example.com/x/intercom", "intercom")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(files["client_gen.go"]), "type Client struct") {
		t.Error("client_gen.go has no Client")
	}
}

// TestRoutes: the fake server's route table lists each operation with the client's types, the
// values of each enum and the constants and formats of struct fields, in a package of its own
// that imports the client's.
func TestRoutes(t *testing.T) {
	petID := &ir.Param{Name: "pet_id", GoName: "petID", Type: i64, Required: true}
	opts := &ir.Type{Name: "PetsListOptions", Kind: ir.Options, Group: group("pets"), Input: true, Fields: []*ir.Field{
		{Name: "Page", JSON: "page", Type: i64},
		{Name: "Kind", JSON: "kind", Type: named("Kind"), Required: true},
	}}
	pet := &ir.Type{Name: "Pet", Kind: ir.Struct, Group: group("pet"), Fields: []*ir.Field{
		{Name: "Type", JSON: "type", Type: str, Const: "pet"},
		{Name: "Email", JSON: "email", Type: str, Format: "email"},
		{Name: "Photo", JSON: "photo", Type: str, Format: "binary"}, // not a format the fake checks
		{Name: "Name", JSON: "name", Type: str},
	}}
	list := &ir.Type{Name: "PetList", Kind: ir.Struct, Group: group("pet"), Fields: []*ir.Field{
		{Name: "Data", JSON: "data", Type: ir.Ref{Kind: ir.Slice, Elem: &ir.Ref{Kind: ir.Named, Name: "Pet"}}},
		{Name: "TotalPages", JSON: "total_pages", Type: i64},
	}}
	kind := &ir.Type{Name: "Kind", Kind: ir.Enum, Group: group("pet"), Values: []ir.EnumValue{{Name: "KindDog", Value: "dog"}, {Name: "KindCat", Value: "cat"}}}
	empty := &ir.Type{Name: "Empty", Kind: ir.Enum, Group: group("pet")}
	svc := &ir.Service{Name: "Pets", Type: "PetsService", File: "service_pets_gen.go", Operations: []*ir.Operation{
		{Name: "Get", Method: "GET", Path: "/pets/{pet_id}", Status: 200,
			PathParts: []ir.PathPart{{Literal: "/pets/"}, {Param: petID}}, PathParams: []*ir.Param{petID}, Result: &ir.Ref{Kind: ir.Named, Name: "Pet"}, ResultByPointer: true},
		{Name: "List", Method: "GET", Path: "/pets", Status: 200, PathParts: []ir.PathPart{{Literal: "/pets"}}, Query: opts,
			Result: &ir.Ref{Kind: ir.Named, Name: "PetList"}, ResultByPointer: true, Paging: &ir.Paging{Kind: ir.PageNumber, Pages: "ListPages", All: "ListAll", Send: "sendList", Item: named("Pet"),
				Items: ir.Path{{Field: "Data", JSON: "data"}}, Total: ir.Path{{Field: "TotalPages", JSON: "total_pages"}}, Param: ir.Path{{Field: "Page", JSON: "page"}}}},
		{Name: "Replace", Method: "PUT", Path: "/pets/{pet_id}", Status: 200,
			PathParts: []ir.PathPart{{Literal: "/pets/"}, {Param: petID}}, PathParams: []*ir.Param{petID},
			Body: &ir.Body{Type: named("Pet"), Required: true, ByPointer: true}, Result: &ir.Ref{Kind: ir.Slice, Elem: &ts}},
		{Name: "Photo", Method: "GET", Path: "/pets/{pet_id}/photo", Status: 200, Binary: "image/png",
			PathParts: []ir.PathPart{{Literal: "/pets/"}, {Param: petID}, {Literal: "/photo"}}, PathParams: []*ir.Param{petID}},
		{Name: "Delete", Method: "DELETE", Path: "/pets/{pet_id}", Status: 204,
			PathParts: []ir.PathPart{{Literal: "/pets/"}, {Param: petID}}, PathParams: []*ir.Param{petID}},
	}}
	api := &ir.API{Services: []*ir.Service{svc}, Types: []*ir.Type{empty, kind, pet, list, opts}}
	golden(t, "routes", render(t, api, "intercomtest/routes_gen.go"))
}

// TestPaging renders the iterators of every paging kind, each from a small model: a cursor in
// the query and a nested next cursor, page numbers and a page count, a scroll, and a search
// whose cursor goes in the request body beside query options. One golden file holds all four.
func TestPaging(t *testing.T) {
	t.Parallel()
	strOpt := func(name, json string) *ir.Field {
		return &ir.Field{Name: name, JSON: json, Type: str, Wrap: ir.Opt}
	}
	step := func(field, json string, wrap ir.Wrap, typ ir.Ref) ir.Step {
		return ir.Step{Field: field, JSON: json, Wrap: wrap, Type: typ}
	}
	pets := ir.Ref{Kind: ir.Slice, Elem: &ir.Ref{Kind: ir.Named, Name: "Pet"}}
	types := []*ir.Type{
		{Name: "Pet", Kind: ir.Struct, Group: group("pets"), Fields: []*ir.Field{{Name: "ID", JSON: "id", Type: str}}},
		{Name: "PetsListOptions", Kind: ir.Options, Group: group("pets"), Input: true, Fields: []*ir.Field{strOpt("StartingAfter", "starting_after")}},
		{Name: "PetsPagedOptions", Kind: ir.Options, Group: group("pets"), Input: true, Fields: []*ir.Field{{Name: "Page", JSON: "page", Type: i64}}},
		{Name: "PetsScrollOptions", Kind: ir.Options, Group: group("pets"), Input: true, Fields: []*ir.Field{{Name: "ScrollParam", JSON: "scroll_param", Type: str}}},
		{Name: "PetsSearchOptions", Kind: ir.Options, Group: group("pets"), Input: true, Fields: []*ir.Field{{Name: "Verbose", JSON: "verbose", Type: ir.Ref{Kind: ir.Bool}}}},
		{Name: "PetList", Kind: ir.Struct, Group: group("pets"), Fields: []*ir.Field{
			{Name: "Data", JSON: "data", Type: pets},
			{Name: "Pages", JSON: "pages", Type: named("PetPages"), Wrap: ir.Pointer},
			{Name: "TotalPages", JSON: "total_pages", Type: i64},
			{Name: "ScrollParam", JSON: "scroll_param", Type: str},
		}},
		{Name: "PetPages", Kind: ir.Struct, Group: group("pets"), Fields: []*ir.Field{strOpt("Next", "next")}},
		{Name: "Query", Kind: ir.Struct, Group: group("pets"), Input: true, Fields: []*ir.Field{
			{Name: "Pagination", JSON: "pagination", Type: named("Pagination"), Wrap: ir.Pointer},
		}},
		{Name: "Pagination", Kind: ir.Struct, Group: group("pets"), Input: true, Fields: []*ir.Field{strOpt("StartingAfter", "starting_after")}},
	}
	list := &ir.Ref{Kind: ir.Named, Name: "PetList"}
	items := ir.Path{step("Data", "data", ir.Plain, pets)}
	op := func(name, path string, kind ir.PagingKind, p ir.Paging) *ir.Operation {
		p.Kind, p.Item, p.Items = kind, named("Pet"), items
		p.Pages, p.All, p.Send = name+"Pages", name+"All", "send"+name
		return &ir.Operation{Name: name, Method: "GET", Path: path, Status: 200, PathParts: []ir.PathPart{{Literal: path}},
			Result: list, ResultByPointer: true, Paging: &p}
	}
	cursor := op("List", "/pets", ir.PageCursor, ir.Paging{
		Next:  ir.Path{step("Pages", "pages", ir.Pointer, named("PetPages")), step("Next", "next", ir.Opt, str)},
		Param: ir.Path{step("StartingAfter", "starting_after", ir.Opt, str)}})
	cursor.Query = types[1]
	number := op("Paged", "/pets/paged", ir.PageNumber, ir.Paging{
		Total: ir.Path{step("TotalPages", "total_pages", ir.Plain, i64)},
		Param: ir.Path{step("Page", "page", ir.Plain, i64)}})
	number.Query = types[2]
	scroll := op("Scroll", "/pets/scroll", ir.PageScroll, ir.Paging{
		Next:  ir.Path{step("ScrollParam", "scroll_param", ir.Plain, str)},
		Param: ir.Path{step("ScrollParam", "scroll_param", ir.Plain, str)}})
	scroll.Query = types[3]
	search := op("Search", "/pets/search", ir.PageSearch, ir.Paging{
		Next: ir.Path{step("Pages", "pages", ir.Pointer, named("PetPages")), step("Next", "next", ir.Opt, str)},
		Param: ir.Path{step("Pagination", "pagination", ir.Pointer, named("Pagination")),
			step("StartingAfter", "starting_after", ir.Opt, str)}})
	search.Method, search.Query = "POST", types[4]
	search.Body = &ir.Body{Type: named("Query"), Required: true, ByPointer: true}
	svc := &ir.Service{Name: "Pets", Type: "PetsService", File: "service_pets_gen.go",
		Operations: []*ir.Operation{cursor, number, scroll, search}}
	golden(t, "paging", render(t, &ir.API{Services: []*ir.Service{svc}, Types: types}, "service_pets_gen.go"))
}
