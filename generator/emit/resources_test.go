package emit

import (
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

// TestResources: the fake server's table of resources lists each operation with a role, by
// route, with its resource, verb and key, in the fake's package.
func TestResources(t *testing.T) {
	petID := &ir.Param{Name: "pet_id", GoName: "petID", Type: str, Required: true}
	pet := &ir.Type{Name: "Pet", Kind: ir.Struct, Group: group("pet"), Fields: []*ir.Field{{Name: "ID", JSON: "id", Type: str}}}
	one := []ir.PathPart{{Literal: "/pets/"}, {Param: petID}}
	result := &ir.Ref{Kind: ir.Named, Name: "Pet"}
	svc := &ir.Service{Name: "Pets", Type: "PetsService", File: "service_pets_gen.go", Operations: []*ir.Operation{
		{Name: "Adopt", Method: "POST", Path: "/pets/adopt", Status: 200, PathParts: []ir.PathPart{{Literal: "/pets/adopt"}},
			Body: &ir.Body{Type: named("Pet"), ByPointer: true}, Result: result, ResultByPointer: true,
			Resource: &ir.ResourceRole{Kind: "pets", Verb: ir.VerbCreate, Key: "name"}},
		{Name: "Get", Method: "GET", Path: "/pets/{pet_id}", Status: 200, PathParts: one, PathParams: []*ir.Param{petID},
			Result: result, ResultByPointer: true, Resource: &ir.ResourceRole{Kind: "pets", Verb: ir.VerbGet}},
		{Name: "Photo", Method: "GET", Path: "/pets/{pet_id}/photo", Status: 200, Binary: "image/png",
			PathParts: append(one, ir.PathPart{Literal: "/photo"}), PathParams: []*ir.Param{petID}},
	}}
	api := &ir.API{Services: []*ir.Service{svc}, Types: []*ir.Type{pet}}
	golden(t, "resources", render(t, api, "intercomtest/resources_gen.go"))
}
