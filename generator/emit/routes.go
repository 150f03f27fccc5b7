package emit

import (
	"slices"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// TestPackage is the package of the fake server, in the subdirectory of that name of the client's
// directory: it serves every operation from the route table the generator writes there.
const TestPackage = "intercomtest"

// routesFile is the route table's file, relative to the client's directory.
const routesFile = TestPackage + "/routes" + Suffix

// formats are the string formats the fake server checks; other formats are not written out.
var formats = []string{"date", "date-time", "email", "uri", "uuid"}

// routes writes the fake server's knowledge of the API as data: every operation (its method,
// path, parameters, body, result and paging, with the client's Go types), the values of every
// enum, and the facts about struct fields that their Go types do not tell (constants, formats).
// The hand-written code of the package does the checking, answering and synthesizing.
func (e *emitter) routes(f *jen.File) {
	var routes []jen.Code
	for _, s := range e.api.Services {
		for _, o := range s.Operations {
			routes = append(routes, e.route(s, o))
		}
	}
	f.Comment("routes lists every operation of the API, by service and method name, with the client types")
	f.Comment("of its parameters, body and result.")
	f.Var().Id("routes").Op("=").Index().Id("route").Values(multiline(routes)...)

	var enums []jen.Code
	for _, t := range e.api.Types {
		if t.Kind != ir.Enum || len(t.Values) == 0 {
			continue
		}
		var values []jen.Code
		for _, v := range t.Values {
			values = append(values, jen.String().Parens(jen.Qual(e.pkgPath, v.Name)))
		}
		if len(values) > 3 {
			values = multiline(values)
		}
		enums = append(enums, e.typeFor(ir.Ref{Kind: ir.Named, Name: t.Name}).Op(":").Values(values...))
	}
	f.Comment("enumValues lists the known values of every enum type, as its constants spell them.")
	f.Var().Id("enumValues").Op("=").Map(jen.Qual("reflect", "Type")).Index().String().Values(multiline(enums)...)

	var facts []jen.Code
	for _, t := range e.api.Types {
		if t.Kind != ir.Struct {
			continue
		}
		var fields []jen.Code
		for _, fd := range t.Fields {
			format := ""
			if slices.Contains(formats, fd.Format) {
				format = fd.Format
			}
			if fd.Const == "" && format == "" {
				continue
			}
			d := jen.Dict{}
			if fd.Const != "" {
				d[jen.Id("constant")] = jen.Lit(fd.Const)
			}
			if format != "" {
				d[jen.Id("format")] = jen.Lit(format)
			}
			fields = append(fields, jen.Lit(fd.JSON).Op(":").Values(d))
		}
		if len(fields) > 0 {
			facts = append(facts, e.typeFor(ir.Ref{Kind: ir.Named, Name: t.Name}).Op(":").Values(multiline(fields)...))
		}
	}
	f.Comment("fieldFacts holds, by struct type and property, what a property's Go type does not say: the")
	f.Comment("constant it always holds, the format of its string.")
	f.Var().Id("fieldFacts").Op("=").Map(jen.Qual("reflect", "Type")).Map(jen.String()).Id("fact").Values(multiline(facts)...)
}

// route writes the route of one operation: what identifies it on one line, the rest one field a
// line.
func (e *emitter) route(s *ir.Service, o *ir.Operation) jen.Code {
	items := []jen.Code{
		jen.Line().Id("op").Op(":").Lit(s.Name + "." + o.Name),
		jen.Id("method").Op(":").Lit(o.Method),
		jen.Id("path").Op(":").Lit(o.Path),
		jen.Id("status").Op(":").Lit(o.Status),
	}
	field := func(name string, value jen.Code) {
		items = append(items, jen.Line().Id(name).Op(":").Add(value))
	}
	if len(o.PathParams) > 0 {
		var params []jen.Code
		for _, p := range o.PathParams {
			params = append(params, jen.Values(jen.Id("name").Op(":").Lit(p.Name), jen.Id("typ").Op(":").Add(e.typeFor(p.Type))))
		}
		field("pathParams", jen.Index().Id("param").Values(params...))
	}
	if o.Query != nil {
		field("query", e.typeFor(ir.Ref{Kind: ir.Named, Name: o.Query.Name}))
		var params []jen.Code
		for _, fd := range o.Query.Fields {
			p := []jen.Code{jen.Id("name").Op(":").Lit(fd.JSON), jen.Id("field").Op(":").Lit(fd.Name)}
			if fd.Required {
				p = append(p, jen.Id("required").Op(":").True())
			}
			params = append(params, jen.Line().Values(p...))
		}
		field("queryParams", jen.Index().Id("param").Values(append(params, jen.Line())...))
		if len(o.Query.AnyOfRequired) > 0 {
			var sets []jen.Code
			for _, set := range o.Query.AnyOfRequired {
				var names []jen.Code
				for _, n := range set {
					names = append(names, jen.Lit(n))
				}
				sets = append(sets, jen.Values(names...))
			}
			field("queryAnyOf", jen.Index().Index().String().Values(sets...))
		}
	}
	if o.Body != nil {
		field("body", e.typeFor(o.Body.Type))
		if o.Body.Required {
			field("bodyRequired", jen.True())
		}
	}
	if o.Search != nil {
		// The query is checked against the fields of this very operation, as the client does.
		body := jen.Id("body").Assert(jen.Op("*").Qual(e.pkgPath, o.Body.Type.Name))
		field("bodyCheck", jen.Func().Params(jen.Id("body").Any()).Error().Block(
			jen.Return(jen.Qual(e.pkgPath, "ValidateSearch").Types(jen.Qual(e.pkgPath, o.Search.FieldType)).Call(body)),
		))
	}
	if o.Result != nil {
		field("result", e.typeFor(*o.Result))
	}
	if o.Binary != "" {
		field("binary", jen.Lit(o.Binary))
	}
	if p := o.Paging; p != nil {
		var pd []jen.Code
		for _, path := range []struct {
			name string
			path ir.Path
		}{{"items", p.Items}, {"next", p.Next}, {"total", p.Total}, {"param", p.Param}} {
			if len(path.path) > 0 {
				pd = append(pd, jen.Id(path.name).Op(":").Add(jsonPath(path.path)))
			}
		}
		if p.Kind.Facts().EndsEmpty {
			pd = append(pd, jen.Id("endsEmpty").Op(":").True())
		}
		field("paging", jen.Op("&").Id("paging").Values(pd...))
	}
	return jen.Values(append(items, jen.Line())...)
}

// jsonPath writes a path as its property names.
func jsonPath(p ir.Path) jen.Code {
	var names []string
	for _, s := range p {
		names = append(names, s.JSON)
	}
	return strs(names)
}

// typeFor writes reflect.TypeFor of r, naming the client's types from the fake's package.
func (e *emitter) typeFor(r ir.Ref) *jen.Statement {
	return jen.Qual("reflect", "TypeFor").Types(e.qualRef(r)).Call()
}

// qualRef writes the Go type of a value as seen from another package than the client's.
func (e *emitter) qualRef(r ir.Ref) *jen.Statement {
	switch r.Kind {
	case ir.Named, ir.Runtime:
		return jen.Qual(e.pkgPath, r.Name)
	case ir.Timestamp:
		return jen.Qual(e.pkgPath, "Timestamp")
	case ir.Slice:
		return jen.Index().Add(e.qualRef(*r.Elem))
	case ir.MapOf:
		return jen.Map(jen.String()).Add(e.qualRef(*r.Elem))
	case ir.OptOf:
		return jen.Qual(e.pkgPath, "Opt").Types(e.qualRef(*r.Elem))
	}
	return e.ref(r)
}
