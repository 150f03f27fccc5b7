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
		if ft := e.validating(fd.Type); ft != nil {
			check := jen.If(jen.Err().Op(":=").Add(field.Clone()).Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
				jen.Return(jen.Id("nestedError").Call(jen.Lit(t.Name), jen.Lit(fd.JSON), jen.Err())),
			)
			switch {
			case fd.Wrap == ir.Pointer:
				check = jen.If(field.Clone().Op("!=").Nil()).Block(check)
			case ft.Kind == ir.Union:
				// An absent union is checked as required or not above; a set one must be valid.
				check = jen.If(jen.Op("!").Add(field.Clone()).Dot("IsZero").Call()).Block(check)
			}
			body = append(body, check)
		}
		if fd.Type.Kind == ir.Slice && fd.Type.Elem != nil && e.validating(*fd.Type.Elem) != nil {
			// Each element is checked, and named by its index: "value[1].field".
			body = append(body, jen.For(jen.List(jen.Id("i"), jen.Id("x")).Op(":=").Range().Add(field.Clone())).Block(
				jen.If(jen.Err().Op(":=").Id("x").Dot("Validate").Call(), jen.Err().Op("!=").Nil()).Block(
					jen.Return(jen.Id("nestedError").Call(jen.Lit(t.Name), jen.Qual("fmt", "Sprintf").Call(jen.Lit(fd.JSON+"[%d]"), jen.Id("i")), jen.Err())),
				),
			))
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

// validating returns the struct or union r names if it has a Validate method, else nil.
func (e *emitter) validating(r ir.Ref) *ir.Type {
	if t := e.types[r.Name]; r.Kind == ir.Named && t != nil && t.Validates && (t.Kind == ir.Struct || t.Kind == ir.Union) {
		return t
	}
	return nil
}

// unionValidate writes Validate for a request union: exactly one variant is set (unless the
// value was decoded from JSON no variant matched), and the variant that is set is checked.
func (e *emitter) unionValidate(f *jen.File, t *ir.Type) {
	if !t.Validates {
		return
	}
	var names []string
	count := []jen.Code{jen.Var().Id("set").Index().String()}
	for _, v := range t.Variants {
		names = append(names, v.Name)
		count = append(count, jen.If(variantIs(v, true)).Block(
			jen.Id("set").Op("=").Append(jen.Id("set"), jen.Lit(v.Name)),
		))
	}
	fail := func(reason jen.Code) jen.Code {
		return jen.Return(jen.Op("&").Id("ValidationError").Values(jen.Dict{jen.Id("Type"): jen.Lit(t.Name), jen.Id("Reason"): reason}))
	}
	count = append(count, jen.Switch().Block(
		jen.Case(jen.Len(jen.Id("set")).Op("==").Lit(0).Op("&&").Id("u").Dot("raw").Op("==").Nil()).Block(
			fail(jen.Lit(fmt.Sprintf("sets no variant; %s takes one of %s", t.Name, strings.Join(names, ", ")))),
		),
		jen.Case(jen.Len(jen.Id("set")).Op(">").Lit(1)).Block(
			fail(jen.Lit("sets ").Op("+").Qual("strings", "Join").Call(jen.Id("set"), jen.Lit(" and ")).Op("+").Lit(fmt.Sprintf("; %s takes exactly one of them", t.Name))),
		),
	))
	var cases []jen.Code
	for _, v := range t.Variants {
		if vt := e.types[v.Type.Name]; v.Type.Kind != ir.Named || vt == nil || !vt.Validates {
			continue
		}
		cases = append(cases, jen.Case(variantIs(v, true)).Block(
			jen.Return(jen.Id("u").Dot(v.Name).Dot("Validate").Call()),
		))
	}
	f.Comment("Validate checks that exactly one variant is set, then checks that variant as its own")
	f.Comment("Validate does.")
	body := count
	if len(cases) > 0 {
		body = append(body, jen.Switch().Block(cases...))
	}
	f.Func().Params(jen.Id("u").Id(t.Name)).Id("Validate").Params().Error().Block(append(body, jen.Return(jen.Nil()))...)
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
	case fd.Type.Kind == ir.Slice || fd.Type.Kind == ir.MapOf:
		return field.Op("==").Nil()
	case fd.Type.Kind == ir.Runtime:
		return field.Dot("IsZero").Call() // every runtime type says when it is unset

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
