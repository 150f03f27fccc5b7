package lower

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gointercom/intercom/generator/ir"
)

// pagingSpec is an operation's x-pagination, as the overlay writes it.
type pagingSpec struct {
	kind, items, next, total, param string
	where                           string
}

// pagingSpec records the x-pagination of op, if any, for pagination to resolve.
func (l *lowerer) pagingSpec(o *ir.Operation, op *openapi3.Operation, where string) {
	raw, ok := op.Extensions["x-pagination"]
	if !ok {
		l.requirePaging(o, where)
		return
	}
	m, ok := raw.(map[string]any)
	if !ok {
		l.problem(o.Pointer, where, "x-pagination must be an object")
		return
	}
	str := func(k string) string { s, _ := m[k].(string); return s }
	p := pagingSpec{kind: str("kind"), items: str("items"), next: str("next"), total: str("total"), param: str("param"), where: where}
	if p.kind == "none" {
		return
	}
	if _, ok := ir.KindNamed(p.kind); !ok {
		l.problem(o.Pointer, where, "x-pagination kind %q is not one of %s, none", p.kind, strings.Join(ir.KindNames(), ", "))
		return
	}
	l.paging[o] = p
}

// requirePaging reports an operation whose response has a paging property (x-paging-properties
// at the root of the description) but that says nothing of how it pages.
func (l *lowerer) requirePaging(o *ir.Operation, where string) {
	props, _ := l.t.Extensions["x-paging-properties"].([]any)
	if len(props) == 0 || o.Result == nil || o.Result.Kind != ir.Named {
		return
	}
	t := l.types[o.Result.Name]
	if t == nil {
		return
	}
	for _, f := range t.Fields {
		if slices.Contains(props, any(f.JSON)) {
			l.problem(o.Pointer, where, "the response has %q, so the operation pages, but it has no x-pagination: describe it in the overlay (or say kind: none, with the reason)", f.JSON)
			return
		}
	}
}

// pagination resolves every recorded x-pagination against the finished types.
func (l *lowerer) pagination(api *ir.API) {
	for _, s := range api.Services {
		for _, o := range s.Operations {
			spec, ok := l.paging[o]
			if !ok {
				continue
			}
			if p, err := l.resolvePaging(o, spec); err != nil {
				l.problem(o.Pointer, spec.where, "x-pagination: %v", err)
			} else {
				o.Paging = p
			}
		}
	}
}

func (l *lowerer) resolvePaging(o *ir.Operation, spec pagingSpec) (*ir.Paging, error) {
	if o.Result == nil {
		return nil, fmt.Errorf("the operation has no response body to page through")
	}
	kind, _ := ir.KindNamed(spec.kind)
	facts := kind.Facts()
	p := &ir.Paging{Kind: kind}
	items, ref, err := l.path(*o.Result, spec.items)
	if err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	if ref.Kind != ir.Slice {
		return nil, fmt.Errorf("items: %s is not an array", spec.items)
	}
	p.Items, p.Item = items, *ref.Elem
	switch {
	case facts.Numbered:
		if p.Total, ref, err = l.path(*o.Result, spec.total); err != nil {
			return nil, fmt.Errorf("total: %w", err)
		}
		if ref.Kind != ir.Int {
			return nil, fmt.Errorf("total: %s is not an integer", spec.total)
		}
	default:
		if p.Next, ref, err = l.path(*o.Result, spec.next); err != nil {
			return nil, fmt.Errorf("next: %w", err)
		}
		if ref.Kind != ir.String {
			return nil, fmt.Errorf("next: %s is not a string", spec.next)
		}
	}
	want := ir.String
	if facts.Numbered {
		want = ir.Int
	}
	switch {
	case facts.InBody:
		if o.Body == nil {
			return nil, fmt.Errorf("param: a %s needs a request body", facts.Name)
		}
		p.Param, ref, err = l.path(o.Body.Type, spec.param)
	default:
		if o.Query == nil {
			return nil, fmt.Errorf("param: the operation has no query parameters")
		}
		p.Param, ref, err = l.path(ir.Ref{Kind: ir.Named, Name: o.Query.Name}, spec.param)
	}
	if err != nil {
		return nil, fmt.Errorf("param: %w", err)
	}
	if ref.Kind != want {
		return nil, fmt.Errorf("param: %s has the wrong type", spec.param)
	}
	return p, nil
}

// path follows dotted property names from a struct type to a field, through pointers.
func (l *lowerer) path(from ir.Ref, dotted string) (ir.Path, ir.Ref, error) {
	if dotted == "" {
		return nil, ir.Ref{}, fmt.Errorf("missing")
	}
	var out ir.Path
	ref := from
	for _, seg := range strings.Split(dotted, ".") {
		ref = l.under(ref)
		t := l.types[ref.Name]
		if ref.Kind != ir.Named || t == nil || (t.Kind != ir.Struct && t.Kind != ir.Options) {
			return nil, ir.Ref{}, fmt.Errorf("cannot look up %q in %s: not an object", seg, describe(ref))
		}
		i := slices.IndexFunc(t.Fields, func(f *ir.Field) bool { return f.JSON == seg })
		if i < 0 {
			return nil, ir.Ref{}, fmt.Errorf("%s has no property %q", t.Name, seg)
		}
		f := t.Fields[i]
		out = append(out, ir.Step{Field: f.Name, JSON: f.JSON, Wrap: f.Wrap, Type: f.Type})
		ref = f.Type
	}
	return out, l.under(ref), nil
}

func describe(r ir.Ref) string {
	if r.Kind == ir.Named {
		return r.Name
	}
	return fmt.Sprintf("a value of kind %d", r.Kind)
}
