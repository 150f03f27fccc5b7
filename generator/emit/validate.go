package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// validateMethod writes Validate for a request type: the checks the model decided on, in field
// order, the first failure returned as a *ValidationError.
func (e *emitter) validateMethod(f *jen.File, t *ir.Type) {
	if !t.Validates {
		return
	}
	recv := jen.Id("v").Id(t.Name)
	var body []jen.Code
	if t.Kind == ir.Options {
		recv = jen.Id("v").Op("*").Id(t.Name)
		// No options at all is as good as options with nothing set.
		body = append(body, jen.If(jen.Id("v").Op("==").Nil()).Block(jen.Id("v").Op("=").Op("&").Id(t.Name).Values()))
	}
	fail := func(field, reason string) jen.Code {
		return jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{
			jen.Id("Type"): jen.Lit(t.Name), jen.Id("Field"): jen.Lit(field), jen.Id("Reason"): jen.Lit(reason),
		}))
	}
	for _, fd := range t.Fields {
		field := jen.Id("v").Dot(fd.Name)
		if fd.CheckRequired {
			body = append(body, jen.If(e.unset(fd, field.Clone())).Block(fail(fd.JSON, "is required")))
		}
		if fd.Min != nil || fd.Max != nil {
			body = append(body, e.bounds(fd, field.Clone(), fail))
		}
		if ft := e.types[fd.Type.Name]; fd.Type.Kind == ir.Named && ft != nil && ft.Validates && (ft.Kind == ir.Struct || ft.Kind == ir.Union) {
			check := jen.If(jen.Err().Op(":=").Add(field.Clone()).Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Id("nestedError").Call(jen.Lit(t.Name), jen.Lit(fd.JSON), jen.Err())),
			)
			if fd.Wrap == ir.Pointer {
				check = jen.If(field.Clone().Op("!=").Nil()).Block(check)
			}
			body = append(body, check)
		}
	}
	if len(t.AnyOfRequired) > 0 {
		var sets []jen.Code
		var names []string
		for _, set := range t.AnyOfRequired {
			var all []jen.Code
			for _, json := range set {
				if fd := fieldByJSON(t, json); fd != nil {
					all = append(all, jen.Op("!").Parens(e.unset(fd, jen.Id("v").Dot(fd.Name))))
				}
			}
			if len(all) > 0 {
				sets = append(sets, jen.Parens(joinOp("&&", all)))
				names = append(names, strings.Join(set, " and "))
			}
		}
		if len(sets) > 0 {
			body = append(body, jen.If(jen.Op("!").Parens(joinOp("||", sets))).Block(
				fail("", "needs "+strings.Join(names, ", or ")),
			))
		}
	}
	body = append(body, jen.Return(jen.Nil()))
	f.Comment("Validate reports the first thing wrong with v that the API is known to reject: a required")
	f.Comment("field that is unset, a number out of bounds, or none of the alternative fields given.")
	f.Func().Params(recv).Id("Validate").Params().Error().Block(body...)
}

// unionValidate writes Validate for a request union: the variant that is set is checked.
func (e *emitter) unionValidate(f *jen.File, t *ir.Type) {
	if !t.Validates {
		return
	}
	var cases []jen.Code
	for _, v := range t.Variants {
		if vt := e.types[v.Type.Name]; v.Type.Kind != ir.Named || vt == nil || !vt.Validates {
			continue
		}
		cases = append(cases, jen.Case(jen.Id("u").Dot(v.Name).Op("!=").Nil()).Block(
			jen.Return(jen.Id("u").Dot(v.Name).Dot("Validate").Call()),
		))
	}
	f.Comment("Validate checks the variant that is set, as its own Validate does.")
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("Validate").Params().Error().Block(
		jen.Switch().Block(cases...),
		jen.Return(jen.Nil()),
	)
}

func fieldByJSON(t *ir.Type, json string) *ir.Field {
	for _, f := range t.Fields {
		if f.JSON == json {
			return f
		}
	}
	return nil
}

// unset is the expression that is true when the field holds no value.
func (e *emitter) unset(fd *ir.Field, field *jen.Statement) jen.Code {
	switch {
	case fd.Wrap == ir.Pointer:
		return field.Op("==").Nil()
	case fd.Wrap == ir.Opt:
		return field.Dot("IsZero").Call()
	case fd.Type.Kind == ir.Slice || fd.Type.Kind == ir.MapOf || fd.Type.Kind == ir.Runtime:
		return field.Op("==").Nil()
	}
	if t := e.types[fd.Type.Name]; fd.Type.Kind == ir.Named && t != nil && t.Kind == ir.Union {
		return field.Dot("IsZero").Call()
	}
	return field.Op("==").Lit("")
}

// bounds checks a number against its minimum and maximum when it is set.
func (e *emitter) bounds(fd *ir.Field, field *jen.Statement, fail func(string, string) jen.Code) jen.Code {
	lit := func(v float64) jen.Code {
		if fd.Type.Kind == ir.Int && v == float64(int64(v)) {
			return jen.Lit(int(v))
		}
		return jen.Lit(v)
	}
	var conds []jen.Code
	var reason string
	switch {
	case fd.Min != nil && fd.Max != nil:
		conds = []jen.Code{jen.Id("x").Op("<").Add(lit(*fd.Min)), jen.Id("x").Op(">").Add(lit(*fd.Max))}
		reason = fmt.Sprintf("must be between %v and %v", *fd.Min, *fd.Max)
	case fd.Min != nil:
		conds = []jen.Code{jen.Id("x").Op("<").Add(lit(*fd.Min))}
		reason = fmt.Sprintf("must be at least %v", *fd.Min)
	default:
		conds = []jen.Code{jen.Id("x").Op(">").Add(lit(*fd.Max))}
		reason = fmt.Sprintf("must be at most %v", *fd.Max)
	}
	out := joinOp("||", conds)
	if fd.Wrap == ir.Opt {
		return jen.If(jen.List(jen.Id("x"), jen.Id("ok")).Op(":=").Add(field).Dot("Get").Call(), jen.Id("ok").Op("&&").Parens(out)).Block(fail(fd.JSON, reason))
	}
	// An unset plain number is zero, which is not sent.
	return jen.If(jen.Id("x").Op(":=").Add(field), jen.Id("x").Op("!=").Lit(0).Op("&&").Parens(out)).Block(fail(fd.JSON, reason))
}
