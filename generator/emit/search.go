package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// searchFile holds the field names of every search operation.
const searchFile = "search_fields" + Suffix

// searchCheck is the call that checks the query req of a search operation against the fields
// the operation takes, with the runtime's ValidateSearch.
func searchCheck(o *ir.Operation, req jen.Code) *jen.Statement {
	return jen.Id("ValidateSearch").Types(jen.Id(o.Search.FieldType)).Call(req)
}

// searches writes, for each search operation, the type of its field names with a constant per
// field, and the method the runtime's ValidateSearch asks about a name: the field's type and
// operators, a custom attribute, or a field the operation does not take.
func (e *emitter) searches(file func(string) *jen.File) {
	var f *jen.File
	for _, s := range e.api.Services {
		for _, o := range s.Operations {
			if o.Search == nil {
				continue
			}
			if f == nil {
				f = file(searchFile)
			}
			e.searchFields(f, o)
		}
	}
}

func (e *emitter) searchFields(f *jen.File, o *ir.Operation) {
	s := o.Search
	endpoint := o.Method + " " + o.Path
	doc := fmt.Sprintf("%s is a field %s takes, for Field. ", s.FieldType, endpoint)
	if s.Custom != "" {
		doc += fmt.Sprintf("A custom attribute is %q followed by its name (CustomAttribute); any other name is refused before sending.", s.Custom)
	} else {
		doc += "Any other name is refused before sending."
	}
	f.Add(comment(doc))
	f.Type().Id(s.FieldType).String()

	var consts []jen.Code
	for _, fd := range s.Fields {
		consts = append(consts,
			comment(fmt.Sprintf("%s is %q, %s %s field (%s).", fd.Const, fd.Name, article(fd.Type), fd.Type, strings.Join(fd.Operators, " "))),
			jen.Id(fd.Const).Id(s.FieldType).Op("=").Lit(fd.Name),
		)
	}
	f.Const().Defs(consts...)

	// Fields of the same type and operators share a case.
	type group struct {
		typ, ops string
		names    []jen.Code
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, fd := range s.Fields {
		ops := strings.Join(fd.Operators, " ")
		key := fd.Type + "|" + ops
		g := byKey[key]
		if g == nil {
			g = &group{typ: fd.Type, ops: ops}
			byKey[key] = g
			groups = append(groups, g)
		}
		g.names = append(g.names, jen.Id(fd.Const))
	}
	var cases []jen.Code
	for _, g := range groups {
		cases = append(cases, jen.Case(g.names...).Block(
			jen.Return(jen.Id("searchSpec").Values(jen.Dict{
				jen.Id("endpoint"): jen.Lit(endpoint),
				jen.Id("typ"):      jen.Id(searchTypeConst[g.typ]),
				jen.Id("ops"):      jen.Lit(g.ops),
			})),
		))
	}
	var tail []jen.Code
	unknown := jen.Dict{jen.Id("endpoint"): jen.Lit(endpoint)}
	if s.Custom != "" {
		name := jen.String().Parens(jen.Id("f"))
		tail = append(tail, jen.If(jen.Qual("strings", "HasPrefix").Call(name.Clone(), jen.Lit(s.Custom)).Op("&&").Len(name.Clone()).Op(">").Lit(len(s.Custom))).Block(
			jen.Return(jen.Id("searchSpec").Values(jen.Dict{jen.Id("endpoint"): jen.Lit(endpoint), jen.Id("attribute"): jen.True()})),
		))
		unknown[jen.Id("custom")] = jen.Lit(s.Custom)
	}
	tail = append(tail, jen.Return(jen.Id("searchSpec").Values(unknown)))
	f.Comment("searchSpec says what " + endpoint + " takes of the field f.")
	f.Func().Params(jen.Id("f").Id(s.FieldType)).Id("searchSpec").Params().Id("searchSpec").Block(
		append([]jen.Code{jen.Switch(jen.Id("f")).Block(cases...)}, tail...)...,
	)
	f.Add(comment(fmt.Sprintf("Type returns the type of the field f as %s documents it, or \"\" for a custom attribute or a name it does not take.", endpoint)))
	f.Func().Params(jen.Id("f").Id(s.FieldType)).Id("Type").Params().Id("SearchFieldType").Block(
		jen.Return(jen.Id("f").Dot("searchSpec").Call().Dot("typ")),
	)
}

// searchTypeConst names the runtime's constant of each type of search field.
var searchTypeConst = map[string]string{
	"string": "SearchString", "integer": "SearchInteger", "date": "SearchDate", "boolean": "SearchBoolean",
}

// article is the indefinite article of a word: "an integer", "a date".
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
