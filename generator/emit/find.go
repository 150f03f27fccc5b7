package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// find writes a FindBy<Field> method: it hands the runtime's findOne the search, as a closure
// that sends the operation's request with the query and page size findOne chooses.
func (e *emitter) find(f *jen.File, recv string, fb *ir.FindBy) {
	o := fb.Search
	item := e.ref(o.Paging.Item)
	page := jen.Id("page")

	perPage := jen.Id("perPage")
	build := []jen.Code{jen.Var().Id("r").Add(e.ref(o.Body.Type))}
	build = append(build, e.set(jen.Id("r"), fb.Query, jen.Id("q"))...)
	if fb.PerPage != nil {
		build = append(build, e.set(jen.Id("r"), fb.PerPage, jen.Id("perPage"))...)
	} else {
		perPage = jen.Id("_")
	}
	build = append(build,
		jen.List(page.Clone(), jen.Err()).Op(":=").Id("s").Dot(o.Name).Call(e.callArgs(o, map[string]jen.Code{"req": jen.Op("&").Id("r")})...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(jen.Nil(), jen.Lit(0), jen.Err())),
	)
	items := page.Clone().Dot(o.Paging.Items[0].Field)
	if len(o.Paging.Items) > 1 {
		build = append(build, e.get("items", jen.Index().Add(item.Clone()), page.Clone(), o.Paging.Items)...)
		items = jen.Id("items")
	}
	total := jen.Int64().Call(jen.Len(items.Clone()))
	if fb.Total != nil {
		build = append(build, e.get("total", jen.Int64(), page.Clone(), fb.Total)...)
		total = jen.Id("total")
	}
	build = append(build, jen.Return(items, total, jen.Nil()))

	doc := fmt.Sprintf("%s returns the one %s whose %s is %s, found with %s: a *NotFoundError (which errors.Is matches to ErrNotFound) if there is none, an *AmbiguousError if there are several, a *ValidationError if %s is empty. A search lags behind writes: a %s created or changed in the last few minutes may not be found yet.",
		fb.Name, fb.Noun, fb.Field.Name, fb.Arg, o.Name, fb.Arg, fb.Noun)
	f.Add(comment(doc))
	f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(fb.Name).
		Params(jen.Id("ctx").Qual("context", "Context"), jen.Id(fb.Arg).String(), jen.Id("opts").Op("...").Id("Option")).
		Params(jen.Op("*").Add(item.Clone()), jen.Error()).Block(
		jen.Return(jen.Id("findOne").Call(
			jen.Id("finder").Types(item.Clone()).Values(jen.Dict{
				jen.Id("noun"): jen.Lit(fb.Noun),
				jen.Id("search"): jen.Func().Params(jen.Id("q").Id("Filter"), perPage.Op("int64")).
					Params(jen.Index().Add(item.Clone()), jen.Int64(), jen.Error()).Block(build...),
				jen.Id("id"): e.idFunc(o.Paging.Item, fb.ID),
			}),
			jen.String().Call(jen.Id(fb.Field.Const)),
			jen.Id(fb.Arg),
		)),
	)
}

// upsert writes the Upsert method: it hands the runtime's upsert the create, the update and
// the lookups by each key, as closures.
func (e *emitter) upsert(f *jen.File, recv string, u *ir.Upsert) {
	create, update := u.Create, u.Update
	item := e.ref(*create.Result)
	req := e.ref(create.Body.Type)
	var keys []jen.Code
	var keyNames []string
	for _, k := range u.Keys {
		keyNames = append(keyNames, k.Find.Field.Name)
		keys = append(keys, jen.Values(jen.Dict{
			jen.Id("name"): jen.Lit(k.Find.Field.Name),
			jen.Id("value"): jen.Func().Params(jen.Id("r").Op("*").Add(req.Clone())).Params(jen.String(), jen.Bool()).
				Block(e.keyValue(k.Value)...),
			jen.Id("find"): jen.Func().Params(jen.Id("v").String()).Params(jen.Op("*").Add(item.Clone()), jen.Error()).Block(
				jen.Return(jen.Id("s").Dot(k.Find.Name).Call(jen.Id("ctx"), jen.Id("v"), jen.Id("opts").Op("..."))),
			),
		}))
	}
	upd := update.PathParams[0].GoName
	doc := fmt.Sprintf(`%[1]s updates the %[2]s req identifies, by its %[3]s, with req, or creates it if there is none: the %[2]s as it is after, and whether it was created.

Intercom has no upsert, so this is a search (%[4]s), then %[5]s or %[6]s, and it races with other writers. A search lags behind writes by up to a few minutes, and a %[2]s may be created between the search and the create: then the create answers 409 Conflict, and %[1]s reads the %[2]s again (by the id the conflict names, else by searching again) and updates it. If it still cannot find it, the error is the *APIError of the 409; try again later. Two upserts of the same %[2]s at once both succeed, the last update winning, as two updates do. An identifier that several share is an *AmbiguousError: nothing is written.`,
		u.Name, u.Noun, strings.Join(keyNames, ", else its "), findNames(u), update.Name, create.Name)
	f.Add(comment(doc))
	types := []jen.Code{req.Clone(), e.ref(update.Body.Type), item.Clone()}
	f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(u.Name).
		Params(jen.Id("ctx").Qual("context", "Context"), jen.Id("req").Op("*").Add(req.Clone()), jen.Id("opts").Op("...").Id("Option")).
		Params(jen.Id(u.Var).Op("*").Add(item.Clone()), jen.Id("created").Bool(), jen.Err().Error()).Block(
		jen.Return(jen.Id("upsert").Call(jen.Id("req"), jen.Id("upserter").Types(types...).Values(jen.Dict{
			jen.Id("request"): jen.Lit(create.Body.Type.Name),
			jen.Id("noun"):    jen.Lit(u.Noun),
			jen.Id("keys"):    jen.Index().Id("upsertKey").Types(req.Clone(), item.Clone()).Values(multiline(keys)...),
			jen.Id("create"): jen.Func().Params(jen.Id("r").Op("*").Add(req.Clone())).Params(jen.Op("*").Add(item.Clone()), jen.Error()).Block(
				jen.Return(jen.Id("s").Dot(create.Name).Call(e.callArgs(create, map[string]jen.Code{"req": jen.Id("r")})...)),
			),
			jen.Id("update"): jen.Func().Params(jen.Id("id").String(), jen.Id("r").Op("*").Add(e.ref(update.Body.Type))).Params(jen.Op("*").Add(item.Clone()), jen.Error()).Block(
				jen.Return(jen.Id("s").Dot(update.Name).Call(e.callArgs(update, map[string]jen.Code{upd: jen.Id("id"), "req": jen.Id("r")})...)),
			),
			jen.Id("id"): e.idFunc(*create.Result, u.ID),
		}))),
	)
}

// findNames lists the FindBy methods of an upsert's keys, for its doc.
func findNames(u *ir.Upsert) string {
	var names []string
	for _, k := range u.Keys {
		names = append(names, k.Find.Name)
	}
	return strings.Join(names, ", ")
}

// callArgs are the arguments of a call of o's method: ctx, then those given by name, nil for
// the query options (a lookup sets none), then the call's options.
func (e *emitter) callArgs(o *ir.Operation, given map[string]jen.Code) []jen.Code {
	args := []jen.Code{jen.Id("ctx")}
	for _, a := range o.Args() {
		if v, ok := given[a.Name]; ok {
			args = append(args, v)
		} else {
			args = append(args, jen.Nil())
		}
	}
	return append(args, jen.Id("opts").Op("..."))
}

// idFunc is the function returning the id of an item of type item, at path.
func (e *emitter) idFunc(item ir.Ref, path ir.Path) jen.Code {
	body := []jen.Code{jen.Return(jen.Id("x").Dot(path[0].Field))}
	if len(path) > 1 || path[0].Wrap != ir.Plain {
		body = append(e.get("id", jen.String(), jen.Id("x"), path), jen.Return(jen.Id("id")))
	}
	return jen.Func().Params(jen.Id("x").Op("*").Add(e.ref(item))).String().Block(body...)
}

// keyValue returns the identifier at path of the create request r, and whether it is set.
func (e *emitter) keyValue(path ir.Path) []jen.Code {
	last := path[len(path)-1]
	if len(path) == 1 && last.Wrap == ir.Opt {
		return []jen.Code{jen.Return(jen.Id("r").Dot(last.Field).Dot("Get").Call())}
	}
	body := e.get("v", jen.String(), jen.Id("r"), path)
	return append(body, jen.Return(jen.Id("v"), jen.Id("v").Op("!=").Lit("")))
}
