package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// ref writes the Go type of a value.
func (e *emitter) ref(r ir.Ref) *jen.Statement {
	switch r.Kind {
	case ir.Named, ir.Runtime:
		return jen.Id(r.Name)
	case ir.String:
		return jen.String()
	case ir.Int:
		return jen.Int64()
	case ir.Float:
		return jen.Float64()
	case ir.Bool:
		return jen.Bool()
	case ir.Timestamp:
		return jen.Id("Timestamp")
	case ir.Slice:
		return jen.Index().Add(e.ref(*r.Elem))
	case ir.MapOf:
		return jen.Map(jen.String()).Add(e.ref(*r.Elem))
	case ir.OptOf:
		return jen.Id("Opt").Types(e.ref(*r.Elem))
	}
	return jen.Any()
}

func (e *emitter) typeDecl(f *jen.File, t *ir.Type) {
	f.Add(typeDoc(t))
	switch t.Kind {
	case ir.Struct:
		e.structDecl(f, t)
	case ir.Options:
		e.optionsDecl(f, t)
	case ir.Enum:
		e.enumDecl(f, t)
	case ir.Union:
		e.unionDecl(f, t)
	case ir.Map:
		f.Type().Id(t.Name).Map(jen.String()).Add(e.ref(*t.Elem))
	case ir.Alias:
		f.Type().Id(t.Name).Op("=").Add(e.ref(*t.Elem))
	}
}

func (e *emitter) structDecl(f *jen.File, t *ir.Type) {
	var fields []jen.Code
	for _, fd := range t.Fields {
		text := fd.Doc
		if fd.Deprecated {
			text = strings.TrimSpace(text + "\n\nDeprecated: the API marks this field as deprecated.")
		}
		fields = append(fields, comment(text), e.fieldType(fd).Tag(map[string]string{"json": e.jsonTag(t, fd)}))
	}
	if t.Decodes {
		fields = append(fields, jen.Line())
	}
	if t.Tolerant {
		// A pointer, so that a struct that was comparable stays comparable.
		fields = append(fields, jen.Id("issues").Op("*").Index().Id("DecodeIssue"))
	}
	if t.Decodes {
		fields = append(fields, jen.Id("extra").Id("extraFields"))
	}
	f.Type().Id(t.Name).Struct(fields...)
	if t.Decodes {
		e.decodeMethods(f, t)
		e.extraFieldsMethod(f, t)
	}
	e.marshalMethod(f, t)
	e.validateMethod(f, t)
}

// fills returns the statements that set the constant fields of p, a copy of a value of t, that
// a caller left unset.
func (e *emitter) fills(t *ir.Type) []jen.Code {
	var fills []jen.Code
	for _, fd := range t.Fields {
		if !fd.Fill {
			continue
		}
		field := jen.Id("p").Dot(fd.Name)
		switch fd.Wrap {
		case ir.Opt:
			fills = append(fills, jen.If(field.Clone().Dot("IsZero").Call()).Block(field.Clone().Op("=").Id("Some").Call(jen.Lit(fd.Const))))
		default:
			fills = append(fills, jen.If(field.Clone().Op("==").Lit("")).Block(field.Clone().Op("=").Lit(fd.Const)))
		}
	}
	return fills
}

// marshalMethod writes a MarshalJSON that sets the constant fields a caller left unset and
// encodes again the properties a decoded value does not declare; a struct with neither needs none.
func (e *emitter) marshalMethod(f *jen.File, t *ir.Type) {
	fills := e.fills(t)
	if len(fills) == 0 && !t.Decodes {
		return
	}
	body := []jen.Code{
		jen.Type().Id("plain").Id(t.Name),
		jen.Id("p").Op(":=").Id("plain").Parens(jen.Id("v")),
	}
	body = append(body, fills...)
	marshal := jen.Qual("encoding/json", "Marshal").Call(jen.Id("p"))
	doc := "MarshalJSON encodes v, filling in the constant fields left unset."
	if t.Decodes {
		marshal = jen.Id("v").Dot("extra").Dot("marshal").Call(marshal)
		doc = "MarshalJSON encodes v, filling in the constant fields left unset, and the properties it was decoded with but does not declare."
		if len(fills) == 0 {
			doc = "MarshalJSON encodes v with the properties it was decoded with but does not declare."
		}
	}
	body = append(body, jen.Return(marshal))
	f.Add(comment(doc))
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(body...)
}

// fieldType returns a struct's field: its name and valueType.
func (e *emitter) fieldType(fd *ir.Field) *jen.Statement {
	return jen.Id(fd.Name).Add(e.valueType(fd))
}

// valueType returns the Go type of a field's value, as its wrapping holds it.
func (e *emitter) valueType(fd *ir.Field) *jen.Statement {
	switch fd.Wrap {
	case ir.Pointer:
		return jen.Op("*").Add(e.ref(fd.Type))
	case ir.Opt:
		return jen.Id("Opt").Types(e.ref(fd.Type))
	}
	return e.ref(fd.Type)
}

// jsonTag says which fields encoding leaves out. A type only received leaves out none: a
// decoded answer encodes with every property it came with (false, 0, "", [] and null included),
// so that a decode -> encode round trip loses no key. A request leaves out what is absent: by
// omitzero for types that say when they are absent (Opt, unions; slices and maps by nil, so that
// an explicit empty list is sent), by omitempty for the rest.
func (e *emitter) jsonTag(t *ir.Type, fd *ir.Field) string {
	if fd.Required || !t.Input {
		return fd.JSON
	}
	if fd.Wrap == ir.Opt {
		return fd.JSON + ",omitzero"
	}
	if fd.Wrap == ir.Plain {
		switch fd.Type.Kind {
		case ir.Slice, ir.MapOf, ir.Runtime:
			return fd.JSON + ",omitzero"
		case ir.Named:
			if t := e.types[fd.Type.Name]; t != nil && (t.Kind == ir.Union || t.Kind == ir.Map) {
				return fd.JSON + ",omitzero"
			}
		}
	}
	return fd.JSON + ",omitempty"
}

func (e *emitter) enumDecl(f *jen.File, t *ir.Type) {
	f.Type().Id(t.Name).String()
	var defs []jen.Code
	for _, v := range t.Values {
		defs = append(defs, comment(fmt.Sprintf("%s is the value %q.", v.Name, v.Value)), jen.Id(v.Name).Id(t.Name).Op("=").Lit(v.Value))
	}
	if len(defs) > 0 {
		f.Const().Defs(defs...)
	}
}

// optionsDecl writes a struct of query parameters and the method that encodes it.
func (e *emitter) optionsDecl(f *jen.File, t *ir.Type) {
	var fields, sets []jen.Code
	for _, fd := range t.Fields {
		text := fd.Doc
		if fd.Required {
			text = strings.TrimSpace(text + "\n\nRequired.")
		}
		fields = append(fields, comment(text), jen.Id(fd.Name).Add(e.ref(fd.Type)))
		fn := "setQuery"
		if fd.Type.Kind == ir.Slice {
			fn = "setQueryList"
		}
		sets = append(sets, jen.Id(fn).Call(jen.Id("q"), jen.Lit(fd.JSON), jen.Id("o").Dot(fd.Name)))
	}
	f.Type().Id(t.Name).Struct(fields...)
	body := []jen.Code{
		jen.If(jen.Id("o").Op("==").Nil()).Block(jen.Return(jen.Nil())),
		jen.Id("q").Op(":=").Make(jen.Qual("net/url", "Values")),
	}
	body = append(body, sets...)
	body = append(body, jen.Return(jen.Id("q")))
	e.validateMethod(f, t)
	f.Comment("query encodes the parameters that are set, in form style.")
	f.Func().Params(jen.Id("o").Op("*").Id(t.Name)).Id("query").Params().Qual("net/url", "Values").Block(body...)
}

// unionDecl writes a union: one field per variant, set for the variant the value is (held as
// the model's Wrap says), and the raw JSON of a value no variant matches, so that it is kept
// rather than lost.
func (e *emitter) unionDecl(f *jen.File, t *ir.Type) {
	var fields, zero, marshal []jen.Code
	for _, v := range t.Variants {
		typ := e.ref(v.Type)
		switch v.Wrap {
		case ir.Pointer:
			typ = jen.Op("*").Add(typ)
		case ir.Opt:
			typ = jen.Id("Opt").Types(typ)
		}
		fields = append(fields, comment(fmt.Sprintf("%s is set when the value is %s.", v.Name, kindName(v))), jen.Id(v.Name).Add(typ))
		zero = append(zero, variantIs(v, false))
		marshal = append(marshal, jen.Case(variantIs(v, true)).Block(
			jen.Return(jen.Qual("encoding/json", "Marshal").Call(jen.Id("u").Dot(v.Name))),
		))
	}
	fields = append(fields, jen.Line(), jen.Id("raw").Qual("encoding/json", "RawMessage"))
	f.Type().Id(t.Name).Struct(fields...)

	recv := jen.Id("u").Id(t.Name)
	zero = append(zero, jen.Id("u").Dot("raw").Op("==").Nil())
	f.Comment("IsZero reports whether no variant is set, so that an absent union is left out of JSON.")
	f.Func().Params(recv.Clone()).Id("IsZero").Params().Bool().Block(jen.Return(jen.Add(joinOp("&&", zero))))
	f.Comment("Raw returns the JSON of a value that matched no known variant, or nil.")
	f.Func().Params(recv.Clone()).Id("Raw").Params().Qual("encoding/json", "RawMessage").Block(jen.Return(jen.Id("u").Dot("raw")))

	marshal = append(marshal, jen.Case(jen.Id("u").Dot("raw").Op("!=").Nil()).Block(jen.Return(jen.Id("u").Dot("raw"), jen.Nil())))
	f.Comment("MarshalJSON encodes the variant that is set; a union with none set encodes as null.")
	f.Func().Params(recv.Clone()).Id("MarshalJSON").Params().Params(jen.Index().Byte(), jen.Error()).Block(
		jen.Switch().Block(marshal...),
		jen.Return(jen.Index().Byte().Parens(jen.Lit("null")), jen.Nil()),
	)

	f.Add(comment("UnmarshalJSON decodes the variant that data is, told by its JSON kind, then by " + describeMatch(t) + ". " +
		"A value no variant matches is kept in Raw, so that a new kind of value does not fail decoding."))
	f.Func().Params(jen.Id("u").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(e.unionDecode(t)...)
	e.unionValidate(f, t)
}

// variantIs is the expression that is true when variant v of union u is set (or, with set
// false, when it is not).
func variantIs(v *ir.Variant, set bool) *jen.Statement {
	field := jen.Id("u").Dot(v.Name)
	switch {
	case v.Wrap == ir.Opt && set:
		return jen.Op("!").Add(field).Dot("IsZero").Call()
	case v.Wrap == ir.Opt:
		return field.Dot("IsZero").Call()
	case set:
		return field.Op("!=").Nil()
	}
	return field.Op("==").Nil()
}

func describeMatch(t *ir.Type) string {
	if t.Discriminator != "" {
		return fmt.Sprintf("the %q property", t.Discriminator)
	}
	return "the properties it has"
}

func joinOp(op string, cs []jen.Code) *jen.Statement {
	s := jen.Add(cs[0])
	for _, c := range cs[1:] {
		s = s.Op(op).Add(c)
	}
	return s
}

func kindName(v *ir.Variant) string {
	switch v.Kind {
	case ir.KindArray:
		return "an array"
	case ir.KindString:
		return "a string"
	case ir.KindInteger:
		return "an integer"
	case ir.KindNumber:
		return "a number"
	case ir.KindBoolean:
		return "a boolean"
	}
	if v.Discriminator != "" {
		return fmt.Sprintf("an object of type %q", v.Discriminator)
	}
	if len(v.Required) > 0 {
		return "an object with " + strings.Join(v.Required, ", ")
	}
	return "an object"
}

var runtimeKind = map[ir.JSONKind]string{
	ir.KindObject: "jsonObject", ir.KindArray: "jsonArray", ir.KindString: "jsonString",
	ir.KindInteger: "jsonNumber", ir.KindNumber: "jsonNumber", ir.KindBoolean: "jsonBool",
}

func (e *emitter) unionDecode(t *ir.Type) []jen.Code {
	decode := func(v *ir.Variant) jen.Code {
		switch v.Wrap {
		case ir.Pointer:
			return jen.Return(jen.Id("decodeVariant").Call(jen.Id("data"), jen.Op("&").Id("u").Dot(v.Name)))
		case ir.Opt:
			return jen.Return(jen.Id("decodeOptVariant").Call(jen.Id("data"), jen.Op("&").Id("u").Dot(v.Name)))
		}
		return jen.Return(jen.Qual("encoding/json", "Unmarshal").Call(jen.Id("data"), jen.Op("&").Id("u").Dot(v.Name)))
	}
	var cases []jen.Code
	for _, kind := range []ir.JSONKind{ir.KindObject, ir.KindArray, ir.KindString, ir.KindInteger, ir.KindNumber, ir.KindBoolean} {
		var vs []*ir.Variant
		for _, v := range t.Variants {
			if v.Kind == kind {
				vs = append(vs, v)
			}
		}
		if len(vs) == 0 {
			continue
		}
		var stmts []jen.Code
		switch kind {
		case ir.KindObject:
			stmts = e.objectMatch(t, vs, decode)
		case ir.KindArray:
			stmts = arrayMatch(vs, decode)
		case ir.KindInteger:
			stmts = []jen.Code{jen.If(jen.Id("isInteger").Call(jen.Id("data"))).Block(decode(vs[0]))}
		default:
			stmts = []jen.Code{decode(vs[0])}
		}
		cases = append(cases, jen.If(jen.Id("kind").Op("==").Id(runtimeKind[kind])).Block(stmts...))
	}
	body := []jen.Code{
		jen.Op("*").Id("u").Op("=").Id(t.Name).Values(),
		jen.Id("kind").Op(":=").Id("kindOf").Call(jen.Id("data")),
		jen.If(jen.Id("kind").Op("==").Id("jsonNull")).Block(jen.Return(jen.Nil())),
	}
	body = append(body, cases...)
	body = append(body,
		jen.Id("u").Dot("raw").Op("=").Qual("slices", "Clone").Call(jen.Id("data")),
		jen.Return(jen.Nil()),
	)
	return body
}

// objectMatch picks among object variants by discriminator, or else by the properties present
// (the runtime's matchShape: all required properties present, fewest unknown ones, most known).
func (e *emitter) objectMatch(t *ir.Type, vs []*ir.Variant, decode func(*ir.Variant) jen.Code) []jen.Code {
	if len(vs) == 1 {
		return []jen.Code{decode(vs[0])}
	}
	if t.Discriminator != "" {
		var cases []jen.Code
		for _, v := range vs {
			cases = append(cases, jen.Case(jen.Lit(v.Discriminator)).Block(decode(v)))
		}
		return []jen.Code{jen.Switch(jen.Id("stringProperty").Call(jen.Id("data"), jen.Lit(t.Discriminator))).Block(cases...)}
	}
	var shapes, cases []jen.Code
	for i, v := range vs {
		shapes = append(shapes, jen.Values(jen.Dict{
			jen.Id("required"): strsOrNil(v.Required),
			jen.Id("props"):    strsOrNil(v.Properties),
		}))
		cases = append(cases, jen.Case(jen.Lit(i)).Block(decode(v)))
	}
	return []jen.Code{jen.Switch(jen.Id("matchShape").Call(jen.Id("data"), jen.Index().Id("shape").Values(multiline(shapes)...))).Block(cases...)}
}

// arrayMatch picks among array variants by the kind of the first element; an empty array goes
// to the first variant.
func arrayMatch(vs []*ir.Variant, decode func(*ir.Variant) jen.Code) []jen.Code {
	if len(vs) == 1 {
		return []jen.Code{decode(vs[0])}
	}
	var cases []jen.Code
	seen := map[string]bool{}
	for _, v := range vs {
		k := runtimeKind[v.ElemKind]
		if seen[k] {
			continue
		}
		seen[k] = true
		cases = append(cases, jen.Case(jen.Id(k)).Block(decode(v)))
	}
	cases = append(cases, jen.Case(jen.Id("jsonInvalid")).Block(decode(vs[0])))
	return []jen.Code{jen.Switch(jen.Id("firstElemKind").Call(jen.Id("data"))).Block(cases...)}
}

func strsOrNil(ss []string) jen.Code {
	if len(ss) == 0 {
		return jen.Nil()
	}
	return strs(ss)
}

func strs(ss []string) jen.Code {
	var vals []jen.Code
	for _, s := range ss {
		vals = append(vals, jen.Lit(s))
	}
	return jen.Index().String().Values(vals...)
}
