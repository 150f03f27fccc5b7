package emit

import (
	"fmt"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

// decodeMethods writes a struct's decoder: a switch on the property names that hands each value
// to the runtime's reader for its field's type (see the runtime's jsondecode.go). A tolerant
// struct also keeps what did not fit, and decodes itself as a json.Unmarshaler.
func (e *emitter) decodeMethods(f *jen.File, t *ir.Type) {
	if t.Tolerant {
		f.Add(comment((fmt.Sprintf("UnmarshalJSON decodes a %s. A value whose shape does not fit its field, at any depth "+
			"(the API changed it, say), leaves the field zero and is reported by DecodeIssues; everything else decodes as usual.", t.Name))))
		f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("UnmarshalJSON").Params(jen.Id("data").Index().Byte()).Error().Block(
			jen.Return(jen.Id("unmarshalObject").Call(jen.Id("data"), jen.Id("v"))),
		)
		f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("decodeIssues").Params().Index().Id("DecodeIssue").Block(
			jen.If(jen.Id("v").Dot("issues").Op("==").Nil()).Block(jen.Return(jen.Nil())),
			jen.Return(jen.Op("*").Id("v").Dot("issues")),
		)
	}
	var cases []jen.Code
	for _, fd := range t.Fields {
		names := []jen.Code{jen.Lit(fd.JSON)}
		for _, a := range fd.Aliases {
			names = append(names, jen.Lit(a))
		}
		cases = append(cases, jen.Case(names...).Block(
			jen.Id("field").Call(jen.Id("d"), jen.Op("&").Id("v").Dot(fd.Name), jen.Lit(fd.JSON), e.fromObjectReader(fd)),
		))
	}
	// A property the struct does not declare is kept, to be read with ExtraFields and encoded
	// again.
	cases = append(cases, jen.Default().Block(jen.Id("d").Dot("keep").Call()))
	body := []jen.Code{jen.Id("extra").Op(":=").Len(jen.Id("d").Dot("extra"))}
	if t.Tolerant {
		body = append(body, jen.Id("mark").Op(":=").Len(jen.Id("d").Dot("issues")))
	}
	body = append(body, jen.For(
		jen.Id("n").Op(":=").Lit(0),
		jen.Id("d").Dot("more").Call(jen.LitRune('}'), jen.Id("n")),
		jen.Id("n").Op("++"),
	).Block(jen.Switch(jen.String().Parens(jen.Id("d").Dot("key").Call())).Block(cases...)))
	body = append(body, jen.Id("v").Dot("extra").Op("=").Id("d").Dot("takeExtra").Call(jen.Id("extra")))
	if t.Tolerant {
		body = append(body, jen.Id("v").Dot("issues").Op("=").Id("d").Dot("take").Call(jen.Id("mark")))
	}
	f.Comment("decodeJSON reads the properties of an object whose opening brace is read.")
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("decodeJSON").Params(jen.Id("d").Op("*").Id("decoder")).Block(body...)
	if t.Shorthand() {
		e.readSelfMethod(f, t)
	}
}

// readSelfMethod writes readJSON, which reads the struct as an object, or a string or an array
// standing for the object with only that property (x-from-string, x-from-array).
func (e *emitter) readSelfMethod(f *jen.File, t *ir.Type) {
	var body []jen.Code
	var forms []string
	for _, s := range []struct {
		prop  string
		open  rune
		shape string
	}{{t.FromString, '"', "a string"}, {t.FromArray, '[', "an array"}} {
		for _, fd := range t.Fields {
			if s.prop != "" && fd.JSON == s.prop {
				body = append(body, jen.If(jen.Id("d").Dot("peek").Call().Op("==").LitRune(s.open)).Block(
					jen.Return(jen.Add(e.fieldReader(fd)).Call(jen.Id("d"), jen.Op("&").Id("v").Dot(fd.Name))),
				))
				forms = append(forms, fmt.Sprintf("%s that stands for one with only %s", s.shape, fd.JSON))
			}
		}
	}
	body = append(body, jen.Return(jen.Id("readObject").Types(jen.Id(t.Name)).Call(jen.Id("d"), jen.Id("v"))))
	f.Comment(fmt.Sprintf("readJSON reads an object, or %s.", strings.Join(forms, ", or ")))
	f.Func().Params(jen.Id("v").Op("*").Id(t.Name)).Id("readJSON").Params(jen.Id("d").Op("*").Id("decoder")).Error().Block(body...)
}

// fromObjectReader returns the reader of a field, which with x-from-object (fd.FromObject) also
// reads an object in its place: each property it maps goes to its field of v, through the
// field's own reader, and the others are skipped (readOrSpread).
func (e *emitter) fromObjectReader(fd *ir.Field) jen.Code {
	if len(fd.FromObject) == 0 {
		return e.fieldReader(fd)
	}
	var cases []jen.Code
	for _, p := range fd.FromObject {
		cases = append(cases, jen.Case(jen.Lit(p.Prop)).Block(
			jen.Id("field").Call(jen.Id("d"), jen.Op("&").Id("v").Dot(p.Into.Name), jen.Lit(p.Prop), e.fieldReader(p.Into)),
		))
	}
	cases = append(cases, jen.Default().Block(jen.Return(jen.False())))
	return jen.Func().Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("p").Op("*").Add(e.valueType(fd))).Error().Block(
		jen.Return(jen.Id("readOrSpread").Call(jen.Id("d"), jen.Id("p"), e.fieldReader(fd),
			jen.Func().Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("prop").String()).Bool().Block(
				jen.Switch(jen.Id("prop")).Block(cases...),
				jen.Return(jen.True()),
			))),
	)
}

// fieldReader returns the runtime reader of a field, a func(*decoder, *T) error for the field's
// Go type.
func (e *emitter) fieldReader(fd *ir.Field) jen.Code {
	switch fd.Wrap {
	case ir.Pointer:
		if t := e.types[fd.Type.Name]; fd.Type.Kind == ir.Named && t != nil && t.Decodes && !t.Shorthand() {
			return jen.Id("readObjectPtr").Types(jen.Id(t.Name))
		}
		return e.readerFunc(jen.Op("*").Op("*").Add(e.ref(fd.Type)), "readPtr", fd.Type)
	case ir.Opt:
		return e.readerFunc(jen.Op("*").Id("Opt").Types(e.ref(fd.Type)), "readOpt", fd.Type)
	}
	return e.reader(fd.Type)
}

// reader returns the runtime reader of a value of Go type r.
func (e *emitter) reader(r ir.Ref) jen.Code {
	switch r.Kind {
	case ir.String:
		return jen.Id("readText")
	case ir.Int:
		return jen.Id("readInt")
	case ir.Float:
		return jen.Id("readFloat")
	case ir.Bool:
		return jen.Id("readBool")
	case ir.Timestamp:
		return jen.Id("readTimestamp")
	case ir.Any:
		return jen.Id("readAny")
	case ir.Slice:
		return e.readerFunc(jen.Op("*").Add(e.ref(r)), "readSlice", *r.Elem)
	case ir.MapOf:
		return e.readerFunc(jen.Op("*").Add(e.ref(r)), "readMap", *r.Elem)
	case ir.OptOf:
		return e.readerFunc(jen.Op("*").Add(e.ref(r)), "readOpt", *r.Elem)
	case ir.Runtime:
		return jen.Id("readSelf").Types(jen.Id(r.Name))
	}
	t := e.types[r.Name]
	switch {
	case t == nil:
	case t.Kind == ir.Struct && t.Decodes && t.Shorthand():
		return jen.Id("readSelf").Types(jen.Id(t.Name))
	case t.Kind == ir.Struct && t.Decodes:
		return jen.Id("readObject").Types(jen.Id(t.Name))
	case t.Kind == ir.Enum:
		return jen.Id("readString").Types(jen.Id(t.Name))
	case t.Kind == ir.Map:
		return e.readerFunc(jen.Op("*").Id(t.Name), "readMap", *t.Elem)
	case t.Kind == ir.Alias:
		return e.reader(*t.Elem)
	}
	// Unions, and anything else that decodes itself, look at the value whole.
	return jen.Id("readUnmarshaler").Types(jen.Id(r.Name))
}

// extraFieldsMethod writes ExtraFields, which reads the properties a decoded struct does not
// declare (marshalMethod encodes them again).
func (e *emitter) extraFieldsMethod(f *jen.File, t *ir.Type) {
	f.Add(comment(fmt.Sprintf("ExtraFields returns the properties of a decoded %s that it does not declare, by name, as "+
		"received (a property Intercom added after the description, say); nil when there are none.", t.Name)))
	f.Func().Params(jen.Id("v").Id(t.Name)).Id("ExtraFields").Params().Map(jen.String()).Qual("encoding/json", "RawMessage").Block(
		jen.Return(jen.Id("v").Dot("extra").Dot("fields").Call()),
	)
}

// readerFunc wraps a runtime reader of containers (readSlice, readMap, readPtr, readOpt) with the
// reader of its elements, as a func literal of the reader signature for pointer type ptr.
func (e *emitter) readerFunc(ptr *jen.Statement, container string, elem ir.Ref) jen.Code {
	return jen.Func().Params(jen.Id("d").Op("*").Id("decoder"), jen.Id("p").Add(ptr)).Error().Block(
		jen.Return(jen.Id(container).Call(jen.Id("d"), jen.Id("p"), e.reader(elem))),
	)
}
