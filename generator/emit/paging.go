package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// paging writes the two iterators of a paged operation: <Method>Pages over whole pages, and
// <Method>All over the items of every page. Every kind takes the same path: the iterators check
// the request once, then hand the kind's runtime function (ir.KindFacts.Runtime) the
// operation's facts as pageFuncs: how to fetch the page at a cursor, and how to read a page's
// progress (next cursor or number of pages) and item count.
func (e *emitter) paging(f *jen.File, recv string, o *ir.Operation) {
	p := o.Paging
	kind := p.Kind.Facts()
	page := jen.Op("*").Add(e.ref(*o.Result))
	item := e.ref(p.Item)

	// The request value the cursor goes into, and the other one the method takes, if any.
	var reqName, other string
	var reqType *jen.Statement
	switch {
	case kind.InBody:
		reqName, reqType = "req", e.ref(o.Body.Type)
		if o.Query != nil {
			other = "params"
		}
	default:
		reqName, reqType = "params", jen.Id(o.Query.Name)
		if o.Body != nil {
			other = "req"
		}
	}
	cursorType, cursorZero := jen.String(), jen.Lit("")
	if kind.Numbered {
		cursorType, cursorZero = jen.Int64(), jen.Lit(0)
	}

	// The arguments a page's request is sent with: those of the method, with the cursor's
	// request replaced by r, the copy with the cursor set.
	callArgs := []jen.Code{jen.Id("ctx")}
	for _, a := range o.Args() {
		if a.Name == reqName {
			callArgs = append(callArgs, jen.Op("&").Id("r"))
		} else {
			callArgs = append(callArgs, jen.Id(a.Name))
		}
	}
	callArgs = append(callArgs, jen.Id("opts").Op("..."))
	fetch := jen.Func().Params(jen.Id("cursor").Add(cursorType.Clone()), jen.Id("opts").Index().Id("Option")).Params(page.Clone(), jen.Error()).Block(
		jen.Id("r").Op(":=").Id("base"),
		jen.If(jen.Id("cursor").Op("!=").Add(cursorZero)).Block(e.set(jen.Id("r"), p.Param, jen.Id("cursor"))...),
		jen.Return(jen.Id("s").Dot(p.Send).Call(callArgs...)),
	)

	// A cursor or page count that did not decode must not read as "no more pages".
	fail := jen.Return(cursorZero, jen.Lit(0), jen.Err())
	progress := []jen.Code{jen.If(jen.Err().Op(":=").Id("pagingIssue").Call(jen.Id("page"), jen.Lit(p.Progress().JSONPath())), jen.Err().Op("!=").Nil()).Block(fail)}
	progress = append(progress, e.get("progress", cursorType.Clone(), jen.Id("page"), p.Progress())...)
	count := jen.Len(jen.Id("page").Dot(p.Items[0].Field))
	if len(p.Items) > 1 {
		progress = append(progress, e.get("items", jen.Index().Add(item.Clone()), jen.Id("page"), p.Items)...)
		count = jen.Len(jen.Id("items"))
	}
	progress = append(progress, jen.Return(jen.Id("progress"), count, jen.Nil()))
	progressFn := jen.Func().Params(jen.Id("page").Add(page.Clone())).Params(cursorType.Clone(), jen.Int(), jen.Error()).Block(progress...)

	failed := func(arg jen.Code) jen.Code {
		return jen.If(jen.Err().Op(":=").Id("validate").Call(arg), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("failedPages").Types(page.Clone()).Call(jen.Err())))
	}
	body := []jen.Code{
		jen.Var().Id("base").Add(reqType.Clone()),
		jen.If(jen.Id(reqName).Op("!=").Nil()).Block(jen.Id("base").Op("=").Op("*").Id(reqName)),
		// Check the request once, before the first page; the pages are sent unchecked.
		failed(jen.Op("&").Id("base")),
	}
	if other != "" {
		body = append(body, failed(jen.Id(other)))
	}
	body = append(body, e.get("start", cursorType.Clone(), jen.Id("base"), p.Param)...)
	body = append(body, jen.Return(jen.Id(kind.Runtime).Call(
		jen.Id("start"), jen.Id("opts"),
		jen.Id("pageFuncs").Types(page.Clone(), cursorType.Clone()).Values(jen.Line().Id("fetch").Op(":").Add(fetch), jen.Line().Id("progress").Op(":").Add(progressFn), jen.Line()),
	)))

	text := fmt.Sprintf("%s iterates over the pages of %s, from the one %s asks for, sending each request as the loop needs it (%s).",
		p.Pages, o.Name, reqName, kind.Doc)
	f.Add(comment(text + " A page that fails ends the iteration with its error."))
	f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(p.Pages).Params(e.params(o.PageArgs())...).
		Qual("iter", "Seq2").Types(page.Clone(), jen.Error()).Block(body...)

	pageArgs := []jen.Code{jen.Id("ctx")}
	for _, a := range o.PageArgs() {
		pageArgs = append(pageArgs, jen.Id(a.Name))
	}
	pageArgs = append(pageArgs, jen.Id("opts").Op("..."))
	var itemsBody []jen.Code
	if len(p.Items) == 1 {
		itemsBody = []jen.Code{jen.Return(jen.Id("page").Dot(p.Items[0].Field))}
	} else {
		itemsBody = append(e.get("items", jen.Index().Add(item.Clone()), jen.Id("page"), p.Items), jen.Return(jen.Id("items")))
	}
	itemsFn := jen.Func().Params(jen.Id("page").Add(page.Clone())).Index().Add(item.Clone()).Block(itemsBody...)
	f.Add(comment(fmt.Sprintf("%s iterates over the items of every page of %s, holding one page at a time; see %s.", p.All, o.Name, p.Pages)))
	f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(p.All).Params(e.params(o.PageArgs())...).
		Qual("iter", "Seq2").Types(item.Clone(), jen.Error()).Block(
		jen.Return(jen.Id("pageItems").Call(jen.Id("s").Dot(p.Pages).Call(pageArgs...), itemsFn)),
	)
}

// get declares name of type typ and sets it to the value at path from root, if every pointer on
// the way is set; an optional value that is absent leaves it zero.
func (e *emitter) get(name string, typ jen.Code, root *jen.Statement, path ir.Path) []jen.Code {
	if len(path) == 1 {
		val := root.Clone().Dot(path[0].Field)
		if path[0].Wrap == ir.Opt {
			val = val.Dot("Or").Call(jen.Id(zeroOf(path[0].Type)))
		}
		return []jen.Code{jen.Id(name).Op(":=").Add(val)}
	}
	decl := jen.Var().Id(name).Add(typ)
	return []jen.Code{decl, e.walk(name, root, path, 0)}
}

// zeroOf names the zero value of a scalar path end.
func zeroOf(r ir.Ref) string {
	if r.Kind == ir.String {
		return `""`
	}
	return "0"
}

func (e *emitter) walk(name string, cur *jen.Statement, path ir.Path, depth int) jen.Code {
	step := path[0]
	val := cur.Clone().Dot(step.Field)
	if len(path) == 1 {
		if step.Wrap == ir.Opt {
			return jen.Id(name).Op("=").Add(val).Dot("Or").Call(jen.Id(name))
		}
		return jen.Id(name).Op("=").Add(val)
	}
	v := fmt.Sprintf("x%d", depth)
	inner := e.walk(name, jen.Id(v), path[1:], depth+1)
	if step.Wrap == ir.Pointer {
		return jen.If(jen.Id(v).Op(":=").Add(val), jen.Id(v).Op("!=").Nil()).Block(inner)
	}
	return jen.Block(jen.Id(v).Op(":=").Add(val), inner)
}

// set writes value at path from root (a variable holding a struct value), copying every struct
// met through a pointer so that the caller's request is never modified.
func (e *emitter) set(root *jen.Statement, path ir.Path, value jen.Code) []jen.Code {
	step := path[0]
	field := root.Clone().Dot(step.Field)
	if len(path) == 1 {
		if step.Wrap == ir.Opt {
			value = jen.Id("Some").Call(value)
		}
		return []jen.Code{field.Op("=").Add(value)}
	}
	v := "x" + step.Field
	if step.Wrap != ir.Pointer {
		return e.set(field, path[1:], value)
	}
	out := []jen.Code{
		jen.Var().Id(v).Add(e.ref(step.Type)),
		jen.If(field.Clone().Op("!=").Nil()).Block(jen.Id(v).Op("=").Op("*").Add(field.Clone())),
	}
	out = append(out, e.set(jen.Id(v), path[1:], value)...)
	return append(out, field.Clone().Op("=").Op("&").Id(v))
}
