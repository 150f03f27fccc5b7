package lower

import (
	"cmp"
	"slices"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/naming"
)

// searchExt is an operation's x-search-fields, as the overlay writes it: the fields the search
// takes, with their types, and the operators each type takes, each entry with its source in
// the description.
type searchExt struct {
	CustomAttributes string `json:"custom-attributes"`
	Operators        []struct {
		Type      string   `json:"type"`
		Operators []string `json:"operators"`
		Source    string   `json:"source"`
	} `json:"operators"`
	Fields []struct {
		Name      string   `json:"name"`
		Type      string   `json:"type"`
		Operators []string `json:"operators"` // when the field takes other operators than its type
		Source    string   `json:"source"`
	} `json:"fields"`
}

// searchTypes are the types of search fields the client's runtime knows.
var searchTypes = []string{"boolean", "date", "integer", "string"}

// search records the x-search-fields of op, if any, as the fields of the operation's query.
func (l *lowerer) search(o *ir.Operation, svc string, op *openapi3.Operation, where string) {
	var ext searchExt
	if !l.decodeExt(op.Extensions, o.Pointer, where, "x-search-fields", &ext) {
		return
	}
	if o.Body == nil {
		l.problem(o.Pointer, where, "x-search-fields on an operation without a request body")
		return
	}
	s := &ir.Search{FieldType: naming.SearchFieldType(svc), Custom: ext.CustomAttributes}
	if !l.register(s.FieldType, o.Pointer) {
		return
	}
	ops := map[string][]string{}
	for _, e := range ext.Operators {
		switch {
		case !slices.Contains(searchTypes, e.Type):
			l.problem(o.Pointer, where, "x-search-fields: operators of type %q: the types are %v", e.Type, searchTypes)
		case len(e.Operators) == 0 || e.Source == "":
			l.problem(o.Pointer, where, "x-search-fields: operators of type %q need operators and a source", e.Type)
		case ops[e.Type] != nil:
			l.problem(o.Pointer, where, "x-search-fields: operators of type %q given twice", e.Type)
		default:
			ops[e.Type] = e.Operators
		}
	}
	seen := map[string]bool{}
	for _, f := range ext.Fields {
		switch {
		case f.Name == "" || f.Source == "":
			l.problem(o.Pointer, where, "x-search-fields: field %q needs a name and a source", f.Name)
			continue
		case seen[f.Name]:
			l.problem(o.Pointer, where, "x-search-fields: field %q listed twice", f.Name)
			continue
		case !slices.Contains(searchTypes, f.Type):
			l.problem(o.Pointer, where, "x-search-fields: field %q is of type %q: the types are %v", f.Name, f.Type, searchTypes)
			continue
		case ops[f.Type] == nil && f.Operators == nil:
			l.problem(o.Pointer, where, "x-search-fields: field %q is of type %q, which has no operators", f.Name, f.Type)
			continue
		}
		seen[f.Name] = true
		sf := &ir.SearchField{Name: f.Name, Const: naming.SearchFieldConst(s.FieldType, f.Name), Type: f.Type, Operators: f.Operators}
		if sf.Operators == nil {
			sf.Operators = ops[f.Type]
		}
		if l.register(sf.Const, o.Pointer) {
			s.Fields = append(s.Fields, sf)
		}
	}
	slices.SortFunc(s.Fields, func(a, b *ir.SearchField) int { return cmp.Compare(a.Name, b.Name) })
	o.Search = s
}
