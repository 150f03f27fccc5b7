package emit

import (
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

// TestSearch: a search operation gets its field type, constants and the method ValidateSearch
// asks, its method checks the query before sending, and the fake's route checks it too; a
// validating union checks that exactly one variant is set, and a struct each element of a slice.
func TestSearch(t *testing.T) {
	query := &ir.Type{Name: "Query", Kind: ir.Union, Pointer: "#/components/schemas/query", Group: group("search"), Input: true, Validates: true,
		Variants: []*ir.Variant{
			{Name: "Filter", Type: named("Filter"), Kind: ir.KindObject, Required: []string{"field"}, Properties: []string{"field"}},
			{Name: "Group", Type: named("Group"), Kind: ir.KindObject, Required: []string{"value"}, Properties: []string{"value"}},
		}}
	filter := &ir.Type{Name: "Filter", Kind: ir.Struct, Pointer: "#/components/schemas/filter", Group: group("search"), Input: true, Validates: true,
		Fields: []*ir.Field{{Name: "Field", JSON: "field", Type: str, Required: true, CheckRequired: true}}}
	groupT := &ir.Type{Name: "Group", Kind: ir.Struct, Pointer: "#/components/schemas/group", Group: group("search"), Input: true, Validates: true,
		Fields: []*ir.Field{{Name: "Value", JSON: "value", Type: ir.Ref{Kind: ir.Slice, Elem: &ir.Ref{Kind: ir.Named, Name: "Query"}}}}}
	req := &ir.Type{Name: "SearchRequest", Kind: ir.Struct, Pointer: "#/components/schemas/search_request", Group: group("search"), Input: true, Validates: true,
		Fields: []*ir.Field{{Name: "Query", JSON: "query", Type: named("Query")}}}
	svc := &ir.Service{Name: "Pets", Type: "PetsService", File: "service_pets_gen.go", Operations: []*ir.Operation{
		{Name: "Search", Method: "POST", Path: "/pets/search", Status: 200, PathParts: []ir.PathPart{{Literal: "/pets/search"}},
			Body: &ir.Body{Type: named("SearchRequest"), Required: true, ByPointer: true},
			Search: &ir.Search{FieldType: "PetField", Custom: "custom_attributes.", Fields: []*ir.SearchField{
				{Name: "born.at", Const: "PetFieldBornAt", Type: "date", Operators: []string{"=", ">"}},
				{Name: "name", Const: "PetFieldName", Type: "string", Operators: []string{"=", "~"}},
				{Name: "nick", Const: "PetFieldNick", Type: "string", Operators: []string{"=", "~"}},
			}}},
	}}
	api := &ir.API{Services: []*ir.Service{svc}, Types: []*ir.Type{filter, groupT, query, req}}
	golden(t, "search_fields", render(t, api, "search_fields_gen.go"))
	golden(t, "search_service", render(t, api, "service_pets_gen.go"))
	golden(t, "search_models", render(t, api, "models_search_gen.go"))
	golden(t, "search_routes", render(t, api, "intercomtest/routes_gen.go"))
}
