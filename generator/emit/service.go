package emit

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// service writes a service type and its methods.
func (e *emitter) service(f *jen.File, s *ir.Service) {
	name := s.Type
	text := name + " groups the operations of the " + s.Name + " area of the API."
	if s.Doc != "" {
		text += "\n\n" + s.Doc
	}
	f.Add(comment(text))
	f.Type().Id(name).Struct(jen.Id("core").Op("*").Id("core"))
	for _, o := range s.Operations {
		e.operation(f, name, o)
		if o.Paging != nil {
			e.paging(f, name, o)
		}
	}
	for _, fb := range s.Finds {
		e.find(f, name, fb)
	}
	for _, u := range s.Upserts {
		e.upsert(f, name, u)
	}
}

// retryRuleName names the runtime's constant of each retry rule but the default.
var retryRuleName = map[ir.RetryRule]string{
	ir.RetryReadOnly: "retryReadOnly",
	ir.RetryUnsent:   "retryUnsent",
}

// operation writes one method: build the path, query and body, call the runtime, return the
// decoded result.
func (e *emitter) operation(f *jen.File, recv string, o *ir.Operation) {
	text := fmt.Sprintf("%s sends %s %s", o.Name, o.Method, o.Path)
	if o.Doc != "" {
		text += ": " + o.Doc
	} else {
		text += "."
	}
	if o.Reference != "" {
		text += "\n\nSee [the API reference] of this operation.\n\n[the API reference]: " + o.Reference
	}
	if o.Deprecated {
		text += "\n\nDeprecated: the API marks this operation as deprecated."
	}
	f.Add(comment(text))

	params := e.params(o.Args())
	callFields := []jen.Code{
		jen.Id("method").Op(":").Qual("net/http", methodConst(o.Method)),
		jen.Id("path").Op(":").Add(e.path(o)),
		jen.Id("status").Op(":").Lit(o.Status),
	}
	if o.Query != nil {
		callFields = append(callFields, jen.Id("query").Op(":").Id("params").Dot("query").Call())
	}
	if r := o.Retry(); r != ir.RetryByMethod {
		callFields = append(callFields, jen.Id("retry").Op(":").Id(retryRuleName[r]))
	}
	if o.Body != nil {
		callFields = append(callFields, jen.Id("body").Op(":").Id("req"))
		if o.Body.Required {
			callFields = append(callFields, jen.Id("bodyRequired").Op(":").True())
		}
	}

	var results []jen.Code
	var body []jen.Code
	// checks refuse, before sending, what the API is known to reject; fail returns their error.
	var checks []jen.Code
	check := func(fail func() jen.Code) {
		if o.Query != nil && o.Query.Validates {
			checks = append(checks, jen.If(jen.Err().Op(":=").Id("params").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(fail()))
		}
		if o.Body != nil && o.Body.Type.Kind == ir.Named && e.types[o.Body.Type.Name] != nil && e.types[o.Body.Type.Name].Validates {
			checks = append(checks, jen.If(jen.Err().Op(":=").Id("validate").Call(jen.Id("req")), jen.Err().Op("!=").Nil()).Block(fail()))
		}
		if o.Search != nil {
			checks = append(checks, jen.If(jen.Err().Op(":=").Add(searchCheck(o, jen.Id("req"))), jen.Err().Op("!=").Nil()).Block(fail()))
		}
	}
	switch {
	case o.Binary != "":
		results = []jen.Code{jen.Qual("io", "ReadCloser"), jen.Error()}
		callFields = append(callFields, jen.Id("accept").Op(":").Lit(o.Binary))
		check(func() jen.Code { return jen.Return(jen.Nil(), jen.Err()) })
		body = append(checks, jen.Return(jen.Id("s").Dot("core").Dot("stream").Call(jen.Id("ctx"), jen.Op("&").Id("call").Values(callFields...), jen.Id("opts"))))
	case o.Result == nil:
		results = []jen.Code{jen.Error()}
		check(func() jen.Code { return jen.Return(jen.Err()) })
		body = append(checks, jen.Return(jen.Id("s").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Op("&").Id("call").Values(callFields...), jen.Id("opts"))))
	default:
		rt := e.ref(*o.Result)
		zero := jen.Id("out")
		ret := jen.Id("out")
		if o.ResultByPointer {
			rt = jen.Op("*").Add(rt)
			zero = jen.Nil()
			ret = jen.Op("&").Id("out")
		}
		results = []jen.Code{rt, jen.Error()}
		callFields = append(callFields, jen.Id("out").Op(":").Op("&").Id("out"))
		check(func() jen.Code { return jen.Return(zero, jen.Err()) })
		send := []jen.Code{
			jen.Var().Id("out").Add(e.ref(*o.Result)),
			jen.If(jen.Err().Op(":=").Id("s").Dot("core").Dot("do").Call(jen.Id("ctx"), jen.Op("&").Id("call").Values(callFields...), jen.Id("opts")), jen.Err().Op("!=").Nil()).Block(
				jen.Return(zero, jen.Err()),
			),
			jen.Return(ret, jen.Nil()),
		}
		if o.Paging != nil {
			// The iterators send each page through sendX, unchecked: they check the request once.
			args := []jen.Code{jen.Id("ctx")}
			for _, a := range o.Args() {
				args = append(args, jen.Id(a.Name))
			}
			args = append(args, jen.Id("opts").Op("..."))
			body = append(checks, jen.Return(jen.Id("s").Dot(o.Paging.Send).Call(args...)))
			f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(o.Name).Params(params...).Params(results...).Block(body...)
			f.Add(comment(fmt.Sprintf("%s sends the request of %s without its checks, for the iterators, which check it once.", o.Paging.Send, o.Name)))
			f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(o.Paging.Send).Params(params...).Params(results...).Block(send...)
			return
		}
		body = append([]jen.Code{send[0]}, checks...)
		body = append(body, send[1:]...)
	}
	f.Func().Params(jen.Id("s").Op("*").Id(recv)).Id(o.Name).Params(params...).Params(results...).Block(body...)
}

// params declares a method's parameters: the context, args as the model orders them, then the
// per-call options.
func (e *emitter) params(args []ir.Arg) []jen.Code {
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	for _, a := range args {
		typ := e.ref(a.Type)
		if a.Pointer {
			typ = jen.Op("*").Add(typ)
		}
		params = append(params, jen.Id(a.Name).Add(typ))
	}
	return append(params, jen.Id("opts").Op("...").Id("Option"))
}

func methodConst(m string) string {
	switch m {
	case http.MethodGet:
		return "MethodGet"
	case http.MethodPost:
		return "MethodPost"
	case http.MethodPut:
		return "MethodPut"
	case http.MethodPatch:
		return "MethodPatch"
	case http.MethodDelete:
		return "MethodDelete"
	}
	return "Method" + strings.ToUpper(m[:1]) + strings.ToLower(m[1:])
}

// path writes the request path as a concatenation of literals and escaped parameters.
func (e *emitter) path(o *ir.Operation) jen.Code {
	var parts []jen.Code
	for _, p := range o.PathParts {
		if p.Param == nil {
			parts = append(parts, jen.Lit(p.Literal))
			continue
		}
		parts = append(parts, jen.Id("pathParam").Call(jen.Id(p.Param.GoName)))
	}
	if len(parts) == 0 {
		return jen.Lit("/")
	}
	s := jen.Add(parts[0])
	for _, p := range parts[1:] {
		s = s.Op("+").Add(p)
	}
	return s
}
