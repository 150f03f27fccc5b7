package main

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// value converts a YAML node into the JSON value it denotes: map[string]any, []any, string,
// int64, float64, bool or nil. Timestamps and other scalars the description leaves unquoted stay
// the strings they are written as, so an example keeps its text.
func value(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) != 1 {
			return nil, fmt.Errorf("line %d: empty document", n.Line)
		}
		return value(n.Content[0])
	case yaml.AliasNode:
		return value(n.Alias)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := value(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := value(c)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!null":
			return nil, nil
		case "!!bool":
			return n.Value == "true", nil
		case "!!int":
			return strconv.ParseInt(n.Value, 0, 64)
		case "!!float":
			return strconv.ParseFloat(n.Value, 64)
		default:
			return n.Value, nil
		}
	}
	return nil, fmt.Errorf("line %d: unexpected YAML node kind %d", n.Line, n.Kind)
}

// doc is a description as JSON values, with the helpers that build examples from it.
type doc struct {
	root    map[string]any
	schemas map[string]any
}

func newDoc(root map[string]any) *doc {
	comps, _ := root["components"].(map[string]any)
	schemas, _ := comps["schemas"].(map[string]any)
	return &doc{root: root, schemas: schemas}
}

// at follows keys from the root; nil if any is missing.
func (d *doc) at(keys ...string) any {
	var v any = d.root
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// responseExample returns the first example (by name) of the JSON 200 response of an operation.
func (d *doc) responseExample(path, method string) (any, error) {
	examples, _ := d.at("paths", path, method, "responses", "200", "content", "application/json", "examples").(map[string]any)
	if len(examples) == 0 {
		return nil, fmt.Errorf("%s %s: no example of its 200 response", strings.ToUpper(method), path)
	}
	first := slices.Sorted(maps.Keys(examples))[0]
	ex, _ := examples[first].(map[string]any)
	return ex["value"], nil
}

// instance builds a value of the named component schema from the examples the description gives
// for it and its properties (see synth).
func (d *doc) instance(name string) (any, error) {
	s, ok := d.schemas[name]
	if !ok {
		return nil, fmt.Errorf("no schema %q in components.schemas", name)
	}
	return d.synth(s, map[string]bool{name: true}), nil
}

// synth builds a value of schema s from the description's own examples: a schema's example if
// it has one, else for an object each property built the same way, for an array one item, the
// first variant of a oneOf or anyOf, the merge of an allOf, an enum's first value; a schema with
// none of these (a bare string without example, say) gives its type's zero value. A $ref already
// being built (a cycle) gives null. seen holds the refs on the way.
func (d *doc) synth(s any, seen map[string]bool) any {
	m, ok := s.(map[string]any)
	if !ok {
		return nil
	}
	if ref, ok := m["$ref"].(string); ok {
		name := strings.TrimPrefix(ref, "#/components/schemas/")
		if seen[name] {
			return nil
		}
		seen[name] = true
		defer delete(seen, name)
		return d.synth(d.schemas[name], seen)
	}
	if ex, ok := m["example"]; ok && ex != nil {
		if _, isObject := ex.(map[string]any); !isObject || m["properties"] == nil {
			return ex
		}
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		if vs, ok := m[key].([]any); ok && len(vs) > 0 {
			return d.synth(vs[0], seen)
		}
	}
	if vs, ok := m["allOf"].([]any); ok {
		var out any
		for _, v := range vs {
			out = merge(out, d.synth(v, seen))
		}
		return out
	}
	if e, ok := m["enum"].([]any); ok && len(e) > 0 {
		return e[0]
	}
	if props, ok := m["properties"].(map[string]any); ok {
		obj := make(map[string]any, len(props))
		for _, k := range slices.Sorted(maps.Keys(props)) {
			obj[k] = d.synth(props[k], seen)
		}
		return obj
	}
	switch m["type"] {
	case "array":
		if item := d.synth(m["items"], seen); item != nil {
			return []any{item}
		}
		return []any{}
	case "object":
		return map[string]any{}
	case "string":
		return ""
	case "integer":
		return int64(0)
	case "number":
		return 0.0
	case "boolean":
		return false
	}
	return nil
}

// merge lays over on top of base: objects key by key, anything else wholesale, except that a null
// or an empty array in over keeps what base has (an example's "phone": null or "tags": [] then
// takes the value the schema's examples give).
func merge(base, over any) any {
	switch o := over.(type) {
	case nil:
		return base
	case []any:
		if b, ok := base.([]any); ok && len(o) == 0 {
			return b
		}
		return o
	case map[string]any:
		b, ok := base.(map[string]any)
		if !ok {
			return o
		}
		out := maps.Clone(b)
		for k, v := range o {
			out[k] = merge(b[k], v)
		}
		return out
	}
	return over
}

// clone deep-copies a JSON value, so that each scaled-up item can be changed on its own.
func clone(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = clone(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = clone(x)
		}
		return out
	}
	return v
}

// set replaces the value at a path of object keys if every key on the way exists, so that a
// variation never adds a field the description does not have.
func set(v any, val any, keys ...string) {
	for i, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return
		}
		if _, ok := m[k]; !ok {
			return
		}
		if i == len(keys)-1 {
			m[k] = val
			return
		}
		v = m[k]
	}
}
