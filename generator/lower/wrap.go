package lower

import "github.com/gointercom/intercom/generator/ir"

// markInputs flags every type reachable from a request body: their optional fields must tell
// "absent" from "zero" (and from null where the API allows it), response-only types need not.
func (l *lowerer) markInputs(api *ir.API) {
	var visit func(r ir.Ref)
	visit = func(r ir.Ref) {
		switch r.Kind {
		case ir.Slice, ir.MapOf:
			visit(*r.Elem)
		case ir.Named:
			t := l.types[r.Name]
			if t == nil || t.Input {
				return
			}
			t.Input = true
			for _, f := range t.Fields {
				visit(f.Type)
			}
			for _, v := range t.Variants {
				visit(v.Type)
			}
			if t.Elem != nil {
				visit(*t.Elem)
			}
		}
	}
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Body != nil {
				visit(o.Body.Type)
			}
		}
	}
}

// wrap decides how each struct field holds its value.
func (l *lowerer) wrap(api *ir.API) {
	for _, t := range api.Types {
		for _, f := range t.Fields {
			f.Wrap = l.wrapOf(t, f)
		}
	}
}

func (l *lowerer) wrapOf(t *ir.Type, f *ir.Field) ir.Wrap {
	if t.Kind == ir.Options {
		return ir.Plain // a query parameter is sent when it is not the zero value
	}
	switch l.under(f.Type).Kind {
	case ir.Slice, ir.MapOf, ir.Any:
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
