package emit

import (
	"github.com/dave/jennifer/jen"
)

// client writes the Client type with one field per service, the API version and the regions.
func (e *emitter) client(f *jen.File) {
	f.Comment("APIVersion is the Intercom API version this package was generated from. The client sends it")
	f.Comment("as the Intercom-Version header unless WithVersion chooses another.")
	f.Const().Id("APIVersion").Op("=").Lit(e.api.Version)

	var fields, inits []jen.Code
	for _, s := range e.api.Services {
		fields = append(fields, comment(s.Name+" calls the "+s.Name+" operations."), jen.Id(s.Name).Op("*").Id(s.Type))
		inits = append(inits, jen.Id(s.Name).Op(":").Op("&").Id(s.Type).Values(jen.Id("core").Op(":").Id("c")))
	}
	fields = append(fields, jen.Line(), jen.Id("core").Op("*").Id("core"))
	inits = append(inits, jen.Id("core").Op(":").Id("c"))
	f.Comment("Client calls the Intercom API. Create one with NewClient; it is safe for concurrent use.")
	f.Comment("Each field groups the operations of one area of the API.")
	f.Type().Id("Client").Struct(fields...)
	f.Func().Id("newClient").Params(jen.Id("c").Op("*").Id("core")).Op("*").Id("Client").Block(
		jen.Return(jen.Op("&").Id("Client").Values(multiline(inits)...)),
	)

	var consts, cases, all []jen.Code
	for _, s := range e.api.Servers {
		name := s.Const
		consts = append(consts, comment(name+" is the region served from "+s.URL+": "+s.Doc), jen.Id(name).Id("Region").Op("=").Lit(s.Key))
		cases = append(cases, jen.Case(jen.Id(name)).Block(jen.Return(jen.Lit(s.URL), jen.True())))
		all = append(all, jen.Id(name))
	}
	if len(consts) > 0 {
		f.Const().Defs(consts...)
		f.Comment("defaultRegion is the first server of the description, used when no region or base URL is given.")
		f.Const().Id("defaultRegion").Op("=").Id(e.api.Servers[0].Const)
	}
	f.Comment("Regions lists every region the API is served from, in the order of the description.")
	f.Func().Id("Regions").Params().Index().Id("Region").Block(jen.Return(jen.Index().Id("Region").Values(all...)))
	f.Comment("baseURL returns the base URL of region r, and false for a region the API does not have.")
	f.Func().Params(jen.Id("r").Id("Region")).Id("baseURL").Params().Params(jen.String(), jen.Bool()).Block(
		jen.Switch(jen.Id("r")).Block(cases...),
		jen.Return(jen.Lit(""), jen.False()),
	)
}

// multiline puts each value of a composite literal on its own line.
func multiline(cs []jen.Code) []jen.Code {
	out := make([]jen.Code, 0, len(cs)+1)
	for _, c := range cs {
		out = append(out, jen.Line().Add(c))
	}
	return append(out, jen.Line())
}
