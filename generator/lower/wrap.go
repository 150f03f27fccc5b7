package lower

import "github.com/gointercom/intercom/generator/ir"

// markInputs flags every type reachable from a request body: their optional fields must tell
// "absent" from "zero" (and from null where the API allows it), response-only types need not.
func (l *lowerer) markInputs(api *ir.API) {
	enter := func(t *ir.Type) bool {
		if t.Input {
			return false
		}
		t.Input = true
		return true
	}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Body != nil {
				reach(l.types, o.Body.Type, true, enter)
			}
		}
	}
}

// reach walks the named types r leads to, through slices and maps, and into the fields,
// elements and (with variants) union variants of each type enter lets it into. enter also marks
// the types it lets in, so that none is entered twice.
func reach(types map[string]*ir.Type, r ir.Ref, variants bool, enter func(*ir.Type) bool) {
	switch r.Kind {
	case ir.Slice, ir.MapOf, ir.OptOf:
		reach(types, *r.Elem, variants, enter)
	case ir.Named:
		t := types[r.Name]
		if t == nil || !enter(t) {
			return
		}
		for _, f := range t.Fields {
			reach(types, f.Type, variants, enter)
		}
		if variants {
			for _, v := range t.Variants {
				reach(types, v.Type, variants, enter)
			}
		}
		if t.Elem != nil {
			reach(types, *t.Elem, variants, enter)
		}
	}
}

// wrap decides how each struct field holds its value, which request bodies are required, which
// constant fields requests fill in by themselves, and which bodies and results methods take and
// return by pointer.
func (l *lowerer) wrap(api *ir.API) {
	for _, t := range api.Types {
		for _, f := range t.Fields {
			f.Wrap = l.wrapOf(t, f)
			// A request states its constants (a "type": "conversation_part" discriminator, say)
			// without the caller spelling them out.
			f.Fill = t.Input && f.Const != "" && (f.Required || l.discriminates(t, f))
		}
		for _, v := range t.Variants {
			v.Wrap = l.variantWrap(v)
		}
	}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Body != nil && !o.Body.Required {
				o.Body.Required = l.needsBody(o.Body.Type)
			}
			if o.Body != nil {
				o.Body.ByPointer = l.byPointer(o.Body.Type)
			}
			if o.Result != nil {
				o.ResultByPointer = l.byPointer(*o.Result)
			}
		}
	}
}

// byPointer reports whether a method takes or returns values of r by pointer: structs and
// unions, which are large and have an obvious "none", are; maps, slices, aliases and scalars
// are not.
func (l *lowerer) byPointer(r ir.Ref) bool {
	if r.Kind != ir.Named {
		return false
	}
	t := l.types[r.Name]
	return t != nil && (t.Kind == ir.Struct || t.Kind == ir.Union)
}

// discriminates reports whether field f of t is the property that tells t apart in a union.
func (l *lowerer) discriminates(t *ir.Type, f *ir.Field) bool {
	for _, u := range l.types {
		if u.Kind != ir.Union || u.Discriminator != f.JSON {
			continue
		}
		for _, v := range u.Variants {
			if v.Type.Kind == ir.Named && v.Type.Name == t.Name {
				return true
			}
		}
	}
	return false
}

// needsBody reports whether a body type cannot be left out: a union, or an object with
// required properties (always, or in each of its alternatives). The description rarely marks request bodies required, but an object
// that requires properties cannot be sent as no body at all.
func (l *lowerer) needsBody(r ir.Ref) bool {
	r = l.under(r)
	if r.Kind != ir.Named {
		return false
	}
	t := l.types[r.Name]
	if t == nil {
		return false
	}
	if t.Kind == ir.Union || len(t.AnyOfRequired) > 0 {
		return true
	}
	for _, f := range t.Fields {
		if f.Required {
			return true
		}
	}
	return false
}

func (l *lowerer) wrapOf(t *ir.Type, f *ir.Field) ir.Wrap {
	if t.Kind == ir.Options {
		return ir.Plain // a query parameter is sent when it is not the zero value
	}
	switch l.under(f.Type).Kind {
	case ir.Slice, ir.MapOf, ir.Any, ir.Runtime:
		return ir.Plain
	}
	if f.Type.Kind == ir.Named {
		switch l.types[f.Type.Name].Kind {
		case ir.Struct:
			return ir.Pointer
		case ir.Union, ir.Map:
			return ir.Plain
		}
	}
	if t.Input && !f.Required {
		return ir.Opt
	}
	return ir.Plain
}

// variantWrap decides how a union holds a variant, as an optional request field holds its
// value, so that setting either reads the same (Some(x), &obj): a struct by pointer, a slice,
// a map or a free-form value as it is (nil is unset), and anything else in an Opt.
func (l *lowerer) variantWrap(v *ir.Variant) ir.Wrap {
	switch under := l.under(v.Type); under.Kind {
	case ir.Slice, ir.MapOf, ir.Any:
		return ir.Plain
	case ir.Named:
		if t := l.types[under.Name]; t != nil {
			switch t.Kind {
			case ir.Struct, ir.Union:
				return ir.Pointer
			case ir.Map:
				return ir.Plain
			}
		}
	}
	return ir.Opt
}

// under follows aliases to the type a ref finally stands for.
func (l *lowerer) under(r ir.Ref) ir.Ref {
	for i := 0; r.Kind == ir.Named && i < 32; i++ {
		t := l.types[r.Name]
		if t == nil || t.Kind != ir.Alias || t.Elem == nil {
			return r
		}
		r = *t.Elem
	}
	return r
}

// tolerance marks the struct types a caller decodes directly, which decode themselves
// tolerantly: operation results, error bodies, paged items and union variants.
func (l *lowerer) tolerance(api *ir.API) {
	mark := func(r ir.Ref) {
		r = l.under(r)
		if r.Kind == ir.Slice {
			r = l.under(*r.Elem)
		}
		if t := l.types[r.Name]; r.Kind == ir.Named && t != nil && t.Kind == ir.Struct {
			t.Tolerant = true
		}
	}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Result != nil {
				mark(*o.Result)
			}
			if o.Paging != nil {
				mark(o.Paging.Item)
			}
		}
	}
	for _, r := range l.failures {
		mark(r)
	}
	for _, t := range api.Types {
		for _, v := range t.Variants {
			mark(v.Type)
		}
	}
	markDecoders(api)
}

// markDecoders flags every struct a tolerant type reaches, through fields, slices, maps and
// pointers, as having a generated decoder. Unions decode themselves whole, and their variants
// are tolerant on their own.
func markDecoders(api *ir.API) {
	types := map[string]*ir.Type{}
	for _, t := range api.Types {
		types[t.Name] = t
	}
	// Maps and aliases hold no flag of their own: they are passed through, once each.
	passed := map[string]bool{}
	enter := func(t *ir.Type) bool {
		switch {
		case t.Kind == ir.Map || t.Kind == ir.Alias:
			if passed[t.Name] {
				return false
			}
			passed[t.Name] = true
			return true
		case t.Kind == ir.Struct && !t.Decodes:
			t.Decodes = true
			return true
		}
		return false
	}
	for _, t := range api.Types {
		if t.Tolerant {
			reach(types, ir.Ref{Kind: ir.Named, Name: t.Name}, false, enter)
		}
	}
}

// validation decides which request types get a Validate method and which of their fields it
// checks: required fields that can be seen to be unset, bounds, and anyOf alternatives.
func (l *lowerer) validation(api *ir.API) {
	for _, t := range api.Types {
		if !(t.Input && t.Kind == ir.Struct) && t.Kind != ir.Options {
			continue
		}
		for _, f := range t.Fields {
			f.CheckRequired = f.Required && !f.Fill && l.unsetIsVisible(f) // a filled constant is never unset
			if f.CheckRequired || f.Min != nil || f.Max != nil {
				t.Validates = true
			}
		}
		if len(t.AnyOfRequired) > 0 {
			t.Validates = true
		}
	}
	// A union sent in a request must have exactly one variant set.
	for _, t := range api.Types {
		if t.Input && t.Kind == ir.Union {
			t.Validates = true
		}
	}
	// A struct whose fields validate, or a union whose variants do, validates; repeat until
	// nothing changes.
	validates := func(r ir.Ref) bool {
		return r.Kind == ir.Named && l.types[r.Name] != nil && l.types[r.Name].Validates
	}
	for changed := true; changed; {
		changed = false
		for _, t := range api.Types {
			if t.Validates || !t.Input || (t.Kind != ir.Struct && t.Kind != ir.Union) {
				continue
			}
			for _, f := range t.Fields {
				if validates(f.Type) {
					t.Validates, changed = true, true
					break
				}
			}
			for _, v := range t.Variants {
				if validates(v.Type) {
					t.Validates, changed = true, true
					break
				}
			}
		}
	}
}

// unsetIsVisible reports whether an unset value of f differs from every valid value.
func (l *lowerer) unsetIsVisible(f *ir.Field) bool {
	switch f.Wrap {
	case ir.Pointer, ir.Opt:
		return true
	}
	under := l.under(f.Type)
	switch under.Kind {
	case ir.String, ir.Runtime: // a runtime type says it is unset with IsZero
		return true
	case ir.Named:
		t := l.types[under.Name]
		return t != nil && (t.Kind == ir.Enum || t.Kind == ir.Union)
	}
	return false
}
