package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// paging writes the two iterators of a paged operation: <Method>Pages over whole pages, and
// <Method>All over the items of every page. Both plug the operation's facts (where the cursor
// goes, where the next one and the items are) into the runtime's implementation of its kind.
func (e *emitter) paging(f *jen.File, recv string, o *ir.Operation) {
	p := o.Paging
	page := e.ref(*o.Result)
	item := e.ref(p.Item)

	// The iterators' parameters, and the path arguments that pass them on to the method.
	params := e.params(o.PageArgs())
	var args []jen.Code
	for _, pp := range o.PathParams {
		args = append(args, jen.Id(pp.GoName))
	}
	var reqName string // the request value the cursor goes into
	var reqType *jen.Statement
	if p.Kind == ir.PageSearch {
		reqName, reqType = "req", e.ref(o.Body.Type)
	} else {
		reqName, reqType = "params", jen.Id(o.Query.Name)
	}

	// call sends one page's request: r is the request with the cursor set.
	callArgs := append([]jen.Code{jen.Id("ctx")}, args...)
	if p.Kind == ir.PageSearch && o.Query != nil {
		callArgs = append(callArgs, jen.Id("params"))
	}
	callArgs = append(callArgs, jen.Op("&").Id("r"))
	if p.Kind != ir.PageSearch && o.Body != nil {
		callArgs = append(callArgs, jen.Id("req"))
	}
	callArgs = append(callArgs, jen.Id("opts").Op("..."))

	var runtimeFn, cursorType string
	var cursorZero jen.Code
	switch p.Kind {
	case ir.PageNumber:
		runtimeFn, cursorType, cursorZero = "numberedPages", "int64", jen.Lit(0)
	case ir.PageScroll:
		runtimeFn, cursorType, cursorZero = "scrollPages", "string", jen.Lit("")
	default:
		runtimeFn, cursorType, cursorZero = "cursorPages", "string", jen.Lit("")
	}

	var fetchResults []jen.Code
	var ret []jen.Code
	zeroRet := []jen.Code{jen.Nil()}
	fetchResults = append(fetchResults, jen.Op("*").Add(page.Clone()))
	switch p.Kind {
	case ir.PageNumber:
		fetchResults = append(fetchResults, jen.Int64(), jen.Int())
		ret = []jen.Code{jen.Id("page"), jen.Id("total"), jen.Len(jen.Id("items"))}
		zeroRet = append(zeroRet, jen.Lit(0), jen.Lit(0))
	case ir.PageScroll:
		fetchResults = append(fetchResults, jen.String(), jen.Int())
		ret = []jen.Code{jen.Id("page"), jen.Id("next"), jen.Len(jen.Id("items"))}
		zeroRet = append(zeroRet, jen.Lit(""), jen.Lit(0))
	default:
		fetchResults = append(fetchResults, jen.String())
		ret = []jen.Code{jen.Id("page"), jen.Id("next")}
		zeroRet = append(zeroRet, jen.Lit(""))
	}
	fetchResults = append(fetchResults, jen.Error())
	ret = append(ret, jen.Nil())
	zeroRet = append(zeroRet, jen.Err())

	fetch := []jen.Code{
		jen.Id("r").Op(":=").Id("base"),
		jen.If(jen.Id("cursor").Op("!=").Add(cursorZero)).Block(e.set(jen.Id("r"), p.Param, jen.Id("cursor"))...),
		jen.List(jen.Id("page"), jen.Err()).Op(":=").Id("s").Dot(o.Name).Call(callArgs...),
		jen.If(jen.Err().Op("!=").Nil()).Block(jen.Return(zeroRet...)),
	}
	// A cursor or page count that did not decode must not read as "no more pages".
	cursorPath := p.Next
	if p.Kind == ir.PageNumber {
		cursorPath = p.Total
	}
	fetch = append(fetch, jen.If(jen.Err().Op(":=").Id("pagingIssue").Call(jen.Id("page"), jen.Lit(cursorPath.JSONPath())), jen.Err().Op("!=").Nil()).Block(jen.Return(zeroRet...)))
	switch p.Kind {
	case ir.PageNumber:
		fetch = append(fetch, e.get("total", jen.Int64(), jen.Id("page"), p.Total)...)
		fetch = append(fetch, e.get("items", jen.Index().Add(item.Clone()), jen.Id("page"), p.Items)...)
	case ir.PageScroll:
		fetch = append(fetch, e.get("next", jen.String(), jen.Id("page"), p.Next)...)
		fetch = append(fetch, e.get("items", jen.Index().Add(item.Clone()), jen.Id("page"), p.Items)...)
	default:
		fetch = append(fetch, e.get("next", jen.String(), jen.Id("page"), p.Next)...)
	}
	fetch = append(fetch, jen.Return(ret...))

	body := []jen.Code{
		jen.Var().Id("base").Add(reqType.Clone()),
		jen.If(jen.Id(reqName).Op("!=").Nil()).Block(jen.Id("base").Op("=").Op("*").Id(reqName)),
	}
	if o.Query != nil || p.Kind == ir.PageSearch {
		// Check what can be checked before the first request.
		body = append(body, jen.If(jen.Err().Op(":=").Id("validate").Call(jen.Op("&").Id("base")), jen.Err().Op("!=").Nil()).Block(
			jen.Return(jen.Id("failedPages").Types(jen.Op("*").Add(page.Clone())).Call(jen.Err())),
		))
	}
	body = append(body, e.get("start", jen.Id(cursorType), jen.Id("base"), p.Param)...)
	if p.Kind == ir.PageScroll {
		body = append(body, jen.Id("opts").Op("=").Id("scrollOptions").Call(jen.Id("opts")))
	}
	body = append(body, jen.Return(jen.Id(runtimeFn).Call(
		jen.Id("start"),
		jen.Func().Params(jen.Id("cursor").Id(cursorType)).Params(fetchResults...).Block(fetch...),
	)))

	pages := p.Pages
	text := fmt.Sprintf("%s iterates over the pages of %s, from the one %s asks for, sending each request as the loop needs it (%s).",
		pages, o.Name, reqName, kindText(p.Kind))
	f.Add(comment(wrapText(text + " A page that fails ends the iteration with its error.")))
	f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(pages).Params(params...).
		Qual("iter", "Seq2").Types(jen.Op("*").Add(page.Clone()), jen.Error()).Block(body...)

	all := p.All
	pageArgs := []jen.Code{jen.Id("ctx")}
	pageArgs = append(pageArgs, args...)
	pageArgs = append(pageArgs, jen.Id(reqName))
	if p.Kind == ir.PageSearch && o.Query != nil {
		pageArgs = append(pageArgs, jen.Id("params"))
	}
	if p.Kind != ir.PageSearch && o.Body != nil {
		pageArgs = append(pageArgs, jen.Id("req"))
	}
	pageArgs = append(pageArgs, jen.Id("opts").Op("..."))
	var itemsBody []jen.Code
	if len(p.Items) == 1 {
		itemsBody = []jen.Code{jen.Return(jen.Id("page").Dot(p.Items[0].Field))}
	} else {
		itemsBody = append(e.get("items", jen.Index().Add(item.Clone()), jen.Id("page"), p.Items), jen.Return(jen.Id("items")))
	}
	itemsFn := jen.Func().Params(jen.Id("page").Op("*").Add(page.Clone())).Index().Add(item.Clone()).Block(itemsBody...)
	f.Add(comment(wrapText(fmt.Sprintf("%s iterates over the items of every page of %s, holding one page at a time; see %s.", all, o.Name, pages))))
	f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(all).Params(params...).
		Qual("iter", "Seq2").Types(item.Clone(), jen.Error()).Block(
		jen.Return(jen.Id("pageItems").Call(jen.Id("s").Dot(pages).Call(pageArgs...), itemsFn)),
	)
}

func kindText(k ir.PagingKind) string {
	switch k {
	case ir.PageNumber:
		return "by page number, up to the last page"
	case ir.PageScroll:
		return "by scroll: one scroll at a time per workspace, and a failed scroll cannot be resumed"
	case ir.PageSearch:
		return "by the cursor in the request's pagination"
	}
	return "by cursor"
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
