package emit

import (
	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// resourcesFile is the fake server's table of resources, relative to the client's directory.
const resourcesFile = TestPackage + "/resources" + Suffix

// verbName is how the fake's package names each verb.
var verbName = map[ir.Verb]string{
	ir.VerbGet: "verbGet", ir.VerbCreate: "verbCreate", ir.VerbUpdate: "verbUpdate",
	ir.VerbDelete: "verbDelete", ir.VerbList: "verbList", ir.VerbSearch: "verbSearch",
}

// resources writes, as data, what the model says each operation does to the records of a
// resource, for the fake server's store (WithState): the route, the resource, the verb and, for
// a create that updates the record with the same key, the key.
func (e *emitter) resources(f *jen.File) {
	var rows []jen.Code
	for _, s := range e.api.Services {
		for _, o := range s.Operations {
			r := o.Resource
			if r == nil {
				continue
			}
			d := []jen.Code{jen.Id("kind").Op(":").Lit(r.Kind), jen.Id("verb").Op(":").Id(verbName[r.Verb])}
			if r.Key != "" {
				d = append(d, jen.Id("key").Op(":").Lit(r.Key))
			}
			rows = append(rows, jen.Lit(o.Method+" "+o.Path).Op(":").Values(d...))
		}
	}
	f.Comment("resourceRoutes lists the operations that create, read, update, delete, list or search the")
	f.Comment("records of a resource, by route, as the model derives them from methods and paths and the")
	f.Comment("overlay's x-resource.")
	f.Var().Id("resourceRoutes").Op("=").Map(jen.String()).Id("resourceRole").Values(multiline(rows)...)
}
