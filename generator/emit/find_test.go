package emit

import (
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

// TestFindAndUpsert: a FindBy method hands findOne a closure sending the search with the query
// and page size it is given (nil for the search's query options), reading the items and the
// total from the answer; Upsert hands upsert the lookups by its keys, the create and the update
// (the id in its path, nil for its options); a required runtime query is checked with IsZero.
func TestFindAndUpsert(t *testing.T) {
	filter := ir.Ref{Kind: ir.Runtime, Name: "Filter"}
	paging := &ir.Type{Name: "Paging", Kind: ir.Struct, Group: group("pets"), Input: true,
		Fields: []*ir.Field{{Name: "PerPage", JSON: "per_page", Type: i64, Wrap: ir.Opt}, {Name: "StartingAfter", JSON: "starting_after", Type: str, Wrap: ir.Opt}}}
	search := &ir.Type{Name: "PetSearchRequest", Kind: ir.Struct, Group: group("pets"), Input: true, Validates: true,
		Fields: []*ir.Field{
			{Name: "Query", JSON: "query", Type: filter, Required: true, CheckRequired: true},
			{Name: "Pagination", JSON: "pagination", Type: named("Paging"), Wrap: ir.Pointer},
		}}
	list := &ir.Type{Name: "PetList", Kind: ir.Struct, Group: group("pets"), Decodes: true, Tolerant: true,
		Fields: []*ir.Field{{Name: "TotalCount", JSON: "total_count", Type: i64}, {Name: "Data", JSON: "data", Type: ir.Ref{Kind: ir.Slice, Elem: &ir.Ref{Kind: ir.Named, Name: "Pet"}}}}}
	pet := &ir.Type{Name: "Pet", Kind: ir.Struct, Group: group("pets"), Decodes: true, Tolerant: true,
		Fields: []*ir.Field{{Name: "ID", JSON: "id", Type: str}}}
	create := &ir.Type{Name: "CreatePetRequest", Kind: ir.Struct, Group: group("pets"), Input: true,
		Fields: []*ir.Field{{Name: "Email", JSON: "email", Type: str, Wrap: ir.Opt}, {Name: "Tag", JSON: "tag", Type: str}}}
	update := &ir.Type{Name: "UpdatePetRequest", Kind: ir.Struct, Group: group("pets"), Input: true,
		Fields: []*ir.Field{{Name: "Email", JSON: "email", Type: str, Wrap: ir.Opt}}}
	opts := func(name string) *ir.Type {
		return &ir.Type{Name: name, Kind: ir.Options, Group: group("pets"), Input: true,
			Fields: []*ir.Field{{Name: "Expand", JSON: "expand", Type: str}}, Params: []*ir.Param{{Name: "expand", GoName: "Expand", Type: str}}}
	}
	searchOpts, updateOpts := opts("PetsSearchOptions"), opts("PetsUpdateOptions")
	petRef, listRef := named("Pet"), named("PetList")
	id := &ir.Param{Name: "id", GoName: "id", Type: str, Required: true}
	searchOp := &ir.Operation{Name: "Search", Method: "POST", Path: "/pets/search", Status: 200, PathParts: []ir.PathPart{{Literal: "/pets/search"}},
		Query: searchOpts, Body: &ir.Body{Type: named("PetSearchRequest"), Required: true, ByPointer: true}, Result: &listRef, ResultByPointer: true,
		Search: &ir.Search{FieldType: "PetField", Fields: []*ir.SearchField{
			{Name: "email", Const: "PetFieldEmail", Type: "string", Operators: []string{"="}},
			{Name: "tag", Const: "PetFieldTag", Type: "string", Operators: []string{"="}},
		}},
		Paging: &ir.Paging{Kind: ir.PageSearch, Pages: "SearchPages", All: "SearchAll", Send: "sendSearch",
			Items: ir.Path{{Field: "Data", JSON: "data", Type: ir.Ref{Kind: ir.Slice, Elem: &petRef}}}, Item: petRef,
			Next:  ir.Path{{Field: "Next", JSON: "next", Type: str, Wrap: ir.Opt}},
			Param: ir.Path{{Field: "Pagination", JSON: "pagination", Type: named("Paging"), Wrap: ir.Pointer}, {Field: "StartingAfter", JSON: "starting_after", Type: str, Wrap: ir.Opt}}},
	}
	createOp := &ir.Operation{Name: "Create", Method: "POST", Path: "/pets", Status: 200, PathParts: []ir.PathPart{{Literal: "/pets"}},
		Body: &ir.Body{Type: named("CreatePetRequest"), Required: true, ByPointer: true}, Result: &petRef, ResultByPointer: true}
	updateOp := &ir.Operation{Name: "Update", Method: "PUT", Path: "/pets/{id}", Status: 200, PathParts: []ir.PathPart{{Literal: "/pets/"}, {Param: id}}, PathParams: []*ir.Param{id},
		Query: updateOpts, Body: &ir.Body{Type: named("UpdatePetRequest"), ByPointer: true}, Result: &petRef, ResultByPointer: true}
	idPath := ir.Path{{Field: "ID", JSON: "id", Type: str}}
	byEmail := &ir.FindBy{Name: "FindByEmail", Arg: "email", Field: searchOp.Search.Fields[0], Search: searchOp, Noun: "pet",
		Query:   ir.Path{{Field: "Query", JSON: "query", Type: filter}},
		PerPage: ir.Path{{Field: "Pagination", JSON: "pagination", Type: named("Paging"), Wrap: ir.Pointer}, {Field: "PerPage", JSON: "per_page", Type: i64, Wrap: ir.Opt}},
		Total:   ir.Path{{Field: "TotalCount", JSON: "total_count", Type: i64}}, ID: idPath}
	byTag := &ir.FindBy{Name: "FindByTag", Arg: "tag", Field: searchOp.Search.Fields[1], Search: searchOp, Noun: "pet",
		Query: byEmail.Query, ID: idPath} // no page size, no total: the page's items count
	svc := &ir.Service{Name: "Pets", Type: "PetsService", File: "service_pets_gen.go",
		Operations: []*ir.Operation{createOp, searchOp, updateOp}, Finds: []*ir.FindBy{byEmail, byTag},
		Upserts: []*ir.Upsert{{Name: "Upsert", Noun: "pet", Var: "pet", Create: createOp, Update: updateOp, ID: idPath, Keys: []ir.UpsertKey{
			{Value: ir.Path{{Field: "Tag", JSON: "tag", Type: str}}, Find: byTag},
			{Value: ir.Path{{Field: "Email", JSON: "email", Type: str, Wrap: ir.Opt}}, Find: byEmail},
		}}}}
	api := &ir.API{Services: []*ir.Service{svc}, Types: []*ir.Type{create, paging, pet, list, search, searchOpts, updateOpts, update}}
	golden(t, "find_service", render(t, api, "service_pets_gen.go"))
	golden(t, "find_models", render(t, api, "models_pets_gen.go"))
}
