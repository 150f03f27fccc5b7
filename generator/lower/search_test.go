package lower

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/validate"
)

// searchSpec is a description with one search operation whose x-search-fields is ext, and a
// list operation whose required filter is one of two keys.
func searchSpec(ext string) string {
	return `openapi: 3.0.1
info: {title: T, version: '1'}
servers: [{url: 'https://api.example.com', x-go-name: Main}]
paths:
  /pets/search:
    post:
      operationId: searchPets
      tags: [Pets]
      x-pagination: {kind: none}
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties: {query: {type: object}}
      responses:
        '200': {description: ok}
` + ext + `
  /visits:
    get:
      operationId: listVisits
      tags: [Visits]
      parameters:
      - in: query
        name: filter
        required: true
        style: form
        explode: true
        schema:
          type: object
          oneOf:
          - {properties: {pet_id: {type: string}}, required: [pet_id]}
          - {properties: {owner_email: {type: string}}, required: [owner_email]}
      responses:
        '200': {description: ok}
`
}

func lowerText(t *testing.T, text string) (*ir.API, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "openapi.yaml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, err := spec.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	kin, err := validate.Load(t.Context(), doc)
	if err != nil {
		t.Fatal(err)
	}
	return Lower(doc, kin)
}

func TestSearchFields(t *testing.T) {
	t.Parallel()
	api, err := lowerText(t, searchSpec(`      x-search-fields:
        custom-attributes: custom_attributes.
        operators:
        - {type: string, operators: ['=', '~'], source: table}
        - {type: date, operators: ['=', '>'], source: table}
        fields:
        - {name: name, type: string, source: table}
        - {name: born.at, type: date, source: table}
        - {name: tag_id, type: string, operators: ['='], source: note}`))
	if err != nil {
		t.Fatal(err)
	}
	var search *ir.Search
	var visits *ir.Type
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Search != nil {
				search = o.Search
			}
			if o.Query != nil {
				visits = o.Query
			}
		}
	}
	want := &ir.Search{FieldType: "PetField", Custom: "custom_attributes.", Fields: []*ir.SearchField{
		{Name: "born.at", Const: "PetFieldBornAt", Type: "date", Operators: []string{"=", ">"}},
		{Name: "name", Const: "PetFieldName", Type: "string", Operators: []string{"=", "~"}},
		{Name: "tag_id", Const: "PetFieldTagID", Type: "string", Operators: []string{"="}},
	}}
	if !reflect.DeepEqual(search, want) {
		t.Errorf("search %+v, want %+v", search, want)
	}
	// The required filter's alternatives: one of them must be given.
	if visits == nil || !reflect.DeepEqual(visits.AnyOfRequired, [][]string{{"pet_id"}, {"owner_email"}}) || !visits.Validates {
		t.Errorf("visits options %+v: want one of pet_id, owner_email required", visits)
	}
}

func TestSearchFieldsProblems(t *testing.T) {
	t.Parallel()
	_, err := lowerText(t, searchSpec(`      x-search-fields:
        operators:
        - {type: text, operators: ['='], source: table}
        - {type: string, operators: ['='], source: table}
        - {type: string, operators: ['~'], source: table}
        - {type: integer, operators: [], source: table}
        fields:
        - {name: name, type: string, source: table}
        - {name: name, type: string, source: table}
        - {name: size, type: integer, source: table}
        - {name: age, type: number, source: table}
        - {name: nick, type: string}`))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`operators of type "text": the types are [boolean date integer string]`,
		`operators of type "string" given twice`,
		`operators of type "integer" need operators and a source`,
		`field "name" listed twice`,
		`field "size" is of type "integer", which has no operators`,
		`field "age" is of type "number": the types are [boolean date integer string]`,
		`field "nick" needs a name and a source`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the problems do not say %q:\n%v", want, err)
		}
	}
	_, err = lowerText(t, searchSpec(`      x-search-fields: {fields: [{name: a, typ: string}]}`))
	if err == nil || !strings.Contains(err.Error(), `x-search-fields: json: unknown field "typ"`) {
		t.Errorf("unknown key: %v", err)
	}
}
