package lower

import (
	"reflect"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/ir"
)

// findSpec is a description of pets with a search (whose query is the runtime's Filter), a
// create and an update; find and upsert are the x-find-by of the search and the x-upsert of
// the create, and update the update's answer.
func findSpec(find, upsert, update string) string {
	return `openapi: 3.0.1
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com', x-go-name: Main}]
paths:
  /pets/search:
    post:
      operationId: searchPets
      tags: [Pets]
      x-pagination: {kind: search, items: data, next: pages.next.starting_after, param: pagination.starting_after}
      x-search-fields:
        operators: [{type: string, operators: ['='], source: table}, {type: integer, operators: ['='], source: table}]
        fields:
        - {name: email, type: string, source: table}
        - {name: external_id, type: string, source: table}
        - {name: age, type: integer, source: table}
` + find + `
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [query]
              properties:
                query: {type: object, x-runtime-type: Filter}
                pagination:
                  type: object
                  properties: {per_page: {type: integer}, starting_after: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  total_count: {type: integer}
                  data: {type: array, items: {$ref: '#/components/schemas/pet'}}
                  pages:
                    type: object
                    properties: {next: {type: object, properties: {starting_after: {type: string}}}}
  /pets:
    post:
      operationId: createPet
      tags: [Pets]
` + upsert + `
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties: {email: {type: string}, external_id: {type: string}, name: {type: string}, age: {type: integer}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/pet'}}}}
  /pets/{id}:
    put:
      operationId: updatePet
      tags: [Pets]
      parameters: [{in: path, name: id, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties: {email: {type: string}, external_id: {type: string}, name: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: ` + update + `}}}
components:
  schemas:
    pet:
      type: object
      properties: {id: {type: string}, email: {type: string}, name: {type: string}}
    other:
      type: object
      properties: {id: {type: string}}
`
}

const (
	findOK   = `      x-find-by: {noun: pet, fields: [email, external_id], query: query, per-page: pagination.per_page, total: total_count, id: id}`
	upsertOK = `      x-upsert: {keys: [external_id, email], update: updatePet}`
	petRef   = `{$ref: '#/components/schemas/pet'}`
)

func TestFindAndUpsert(t *testing.T) {
	t.Parallel()
	api, err := lowerText(t, findSpec(findOK, upsertOK, petRef))
	if err != nil {
		t.Fatal(err)
	}
	s := api.Services[0]
	ops := map[string]*ir.Operation{}
	for _, o := range s.Operations {
		ops[o.ID] = o
	}
	search := ops["searchPets"]
	field := func(name string) *ir.SearchField {
		for _, f := range search.Search.Fields {
			if f.Name == name {
				return f
			}
		}
		t.Fatalf("no search field %s", name)
		return nil
	}
	pet := ir.Ref{Kind: ir.Named, Name: "Pet"}
	str, i64 := ir.Ref{Kind: ir.String}, ir.Ref{Kind: ir.Int}
	paging := ir.Ref{Kind: ir.Named, Name: "PetsSearchRequestPagination"}
	query := ir.Path{{Field: "Query", JSON: "query", Type: ir.Ref{Kind: ir.Runtime, Name: "Filter"}}}
	perPage := ir.Path{{Field: "Pagination", JSON: "pagination", Wrap: ir.Pointer, Type: paging}, {Field: "PerPage", JSON: "per_page", Wrap: ir.Opt, Type: i64}}
	total := ir.Path{{Field: "TotalCount", JSON: "total_count", Type: i64}}
	id := ir.Path{{Field: "ID", JSON: "id", Type: str}}
	byEmail := &ir.FindBy{Name: "FindByEmail", Arg: "email", Field: field("email"), Search: search, Noun: "pet", Query: query, PerPage: perPage, Total: total, ID: id}
	byExternal := &ir.FindBy{Name: "FindByExternalID", Arg: "externalID", Field: field("external_id"), Search: search, Noun: "pet", Query: query, PerPage: perPage, Total: total, ID: id}
	if want := []*ir.FindBy{byEmail, byExternal}; !reflect.DeepEqual(s.Finds, want) {
		t.Errorf("finds:\n got %+v\nwant %+v", s.Finds, want)
	}
	value := func(json, field string) ir.Path {
		return ir.Path{{Field: field, JSON: json, Wrap: ir.Opt, Type: str}}
	}
	want := []*ir.Upsert{{Name: "Upsert", Noun: "pet", Var: "pet", Create: ops["createPet"], Update: ops["updatePet"], ID: id, Keys: []ir.UpsertKey{
		{Value: value("external_id", "ExternalID"), Find: byExternal},
		{Value: value("email", "Email"), Find: byEmail},
	}}}
	if !reflect.DeepEqual(s.Upserts, want) {
		t.Errorf("upserts:\n got %+v\nwant %+v", s.Upserts, want)
	}
	if ops["createPet"].Result == nil || *ops["createPet"].Result != pet {
		t.Errorf("the create answers %v", ops["createPet"].Result)
	}
}

func TestFindAndUpsertProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name                 string
		find, upsert, update string
		want                 string
	}{
		{"unknown key", `      x-find-by: {noun: pet, fields: [email], query: query, id: id, sort: name}`, "", petRef,
			`x-find-by: json: unknown field "sort"`},
		{"no noun", `      x-find-by: {fields: [email], query: query, id: id}`, "", petRef,
			`x-find-by: needs noun (what is found) and fields`},
		{"not a search field", `      x-find-by: {noun: pet, fields: [phone], query: query, id: id}`, "", petRef,
			`x-find-by: field "phone" is not one of the operation's x-search-fields`},
		{"not a string field", `      x-find-by: {noun: pet, fields: [age], query: query, id: id}`, "", petRef,
			`x-find-by: field "age" is of type integer; a lookup takes a string`},
		{"query not a Filter", `      x-find-by: {noun: pet, fields: [email], query: pagination, id: id}`, "", petRef,
			`x-find-by: query: pagination is PetsSearchRequestPagination, not the runtime's Filter (set x-runtime-type: Filter on it)`},
		{"no query", `      x-find-by: {noun: pet, fields: [email], id: id}`, "", petRef,
			`x-find-by: query: missing`},
		{"per-page not an integer", `      x-find-by: {noun: pet, fields: [email], query: query, per-page: pagination.starting_after, id: id}`, "", petRef,
			`x-find-by: per-page: pagination.starting_after is not an integer`},
		{"total not in the answer", `      x-find-by: {noun: pet, fields: [email], query: query, total: count, id: id}`, "", petRef,
			`x-find-by: total: PetsSearchResponse has no property "count"`},
		{"id not a string", `      x-find-by: {noun: pet, fields: [email], query: query, id: name.first}`, "", petRef,
			`x-find-by: id: cannot look up "first"`},
		{"update unknown", findOK, `      x-upsert: {keys: [email], update: replacePet}`, petRef,
			`x-upsert: update "replacePet" is not the operationId of an operation of Pets`},
		{"no keys", findOK, `      x-upsert: {update: updatePet}`, petRef,
			`x-upsert: needs the keys an existing item is found by`},
		{"key without x-find-by", findOK, `      x-upsert: {keys: [name], update: updatePet}`, petRef,
			`x-upsert: key "name" has no x-find-by of Pets finding Pet`},
		{"answers differ", findOK, upsertOK, `{$ref: '#/components/schemas/other'}`,
			`x-upsert: the create answers Pet and the update updatePet answers Other: an upsert answers one type (point both answers at one schema in the overlay)`},
		{"update not an update", findOK, `      x-upsert: {keys: [email], update: searchPets}`, petRef,
			`x-upsert: the update searchPets must take the item's id (one string path parameter) and an object body`},
		{"method taken", `      x-find-by: {noun: pet, fields: [email], query: query, id: id}
      x-go-name: FindByEmail`, "", petRef,
			`x-find-by email makes the method Pets.FindByEmail, which POST /pets/search also makes`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := lowerText(t, findSpec(tt.find, tt.upsert, tt.update))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("problems: %v\nwant one saying %s", err, tt.want)
			}
		})
	}
}
