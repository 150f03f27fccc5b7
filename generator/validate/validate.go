// Package validate turns an overlaid description into a kin-openapi document, or into the full
// list of reasons it cannot be one. It checks what kin-openapi checks (with every error
// collected), plus what the generator needs and kin-openapi does not check: local references
// that resolve (reported at each place they are used, by line), no external references, and only
// the content types and parameter styles the client supports.
package validate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/diag"
	"github.com/gointercom/intercom/generator/spec"
)

// Load validates doc and returns it as a kin-openapi document. Any problem fails the whole
// description, and every problem found is in the returned diag.List.
func Load(ctx context.Context, doc *spec.Document) (t *openapi3.T, err error) {
	defer func() {
		// kin-openapi is robust, but a broken description must never crash the generator.
		if r := recover(); r != nil {
			t, err = nil, diag.List{{File: doc.File, Message: fmt.Sprintf("internal error while validating: %v", r)}}
		}
	}()
	probs := checkRefs(doc)
	if len(probs) > 0 {
		// kin-openapi stops at the first dangling reference; ours are complete and placed.
		return nil, probs
	}
	data, err := doc.Bytes()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doc.File, err)
	}
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	t, err = loader.LoadFromData(data)
	if err != nil {
		return nil, diag.List{{File: doc.File, Message: "kin-openapi cannot load the description: " + err.Error()}}
	}
	if err := t.Validate(ctx, openapi3.EnableMultiError(), openapi3.DisableExamplesValidation()); err != nil {
		var list diag.List
		for _, e := range flatten(err) {
			list = append(list, diag.Problem{File: doc.File, Message: "kin-openapi: " + e.Error()})
		}
		// kin-openapi reports a broken schema again at every operation that uses it.
		diag.Sort(list)
		return nil, slices.Compact(list)
	}
	probs = append(probs, checkOperations(doc, t)...)
	if len(probs) > 0 {
		return nil, probs
	}
	return t, nil
}

func flatten(err error) []error {
	var me openapi3.MultiError
	if errors.As(err, &me) {
		var out []error
		for _, e := range me {
			out = append(out, flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// checkRefs reports every $ref that is external or does not resolve in doc, at the line it is
// written on.
func checkRefs(doc *spec.Document) diag.List {
	var probs diag.List
	var walk func(n *yaml.Node, path []string)
	walk = func(n *yaml.Node, path []string) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if k.Value == "$ref" && v.Kind == yaml.ScalarNode {
					at := diag.Problem{File: doc.File, Line: v.Line, Pointer: spec.JoinPointer(path...)}
					ref := v.Value
					switch {
					case !strings.HasPrefix(ref, "#"):
						probs.Add(at, "$ref %q is external; the description must be self-contained", ref)
					case spec.Resolve(doc.Root, ref) == nil:
						probs.Add(at, "$ref %q does not resolve: nothing is defined at %s", ref, ref)
					}
					continue
				}
				walk(v, append(slices.Clip(path), k.Value))
			}
		case yaml.SequenceNode:
			for i, v := range n.Content {
				walk(v, append(slices.Clip(path), fmt.Sprint(i)))
			}
		}
	}
	walk(doc.Root, nil)
	return probs
}

// supportedMethods are the HTTP methods the client sends.
var supportedMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE"}

// checkOperations reports what the generator cannot express: bodies that are not JSON,
// parameter locations and styles the client does not encode, operations without a tag.
func checkOperations(doc *spec.Document, t *openapi3.T) diag.List {
	var probs diag.List
	for _, path := range t.Paths.InMatchingOrder() {
		item := t.Paths.Value(path)
		for method, op := range item.Operations() {
			ptr := spec.JoinPointer("paths", path, strings.ToLower(method))
			at := diag.Problem{File: doc.File, Line: doc.Line(ptr), Pointer: ptr, Operation: method + " " + path}
			if !slices.Contains(supportedMethods, method) {
				probs.Add(at, "HTTP method %s is not supported", method)
			}
			if len(op.Tags) == 0 && op.Extensions["x-go-service"] == nil {
				probs.Add(at, "operation has no tag and no x-go-service: cannot choose its service")
			}
			if op.RequestBody != nil && op.RequestBody.Value != nil {
				for ct := range op.RequestBody.Value.Content {
					if !isJSON(ct) {
						probs.Add(at, "request body content type %q is not supported (only JSON)", ct)
					}
				}
			}
			for code, r := range op.Responses.Map() {
				if !strings.HasPrefix(code, "2") || r.Value == nil {
					continue
				}
				for ct, mt := range r.Value.Content {
					if !isJSON(ct) && !isBinary(mt) {
						probs.Add(at, "response %s content type %q is not supported (only JSON, or a binary string)", code, ct)
					}
				}
			}
			params := append(slices.Clone(item.Parameters), op.Parameters...)
			for _, p := range params {
				if p.Value == nil {
					continue
				}
				probs = append(probs, checkParam(at, p.Value)...)
			}
		}
	}
	return probs
}

func checkParam(at diag.Problem, p *openapi3.Parameter) diag.List {
	var probs diag.List
	switch p.In {
	case "path":
		if p.Style != "" && p.Style != "simple" {
			probs.Add(at, "path parameter %q has style %q; only simple is supported", p.Name, p.Style)
		}
	case "query":
		if p.Style != "" && p.Style != "form" {
			probs.Add(at, "query parameter %q has style %q; only form is supported", p.Name, p.Style)
		}
	case "header":
	default:
		probs.Add(at, "parameter %q is in %q; only path, query and header parameters are supported", p.Name, p.In)
	}
	if p.Content != nil {
		probs.Add(at, "parameter %q uses content instead of schema, which is not supported", p.Name)
	}
	return probs
}

func isJSON(ct string) bool {
	ct, _, _ = strings.Cut(ct, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	return ct == "application/json" || strings.HasSuffix(ct, "+json")
}

// isBinary reports whether a response body is declared as bytes (type string, format binary),
// which the client hands over as a stream whatever its content type.
func isBinary(mt *openapi3.MediaType) bool {
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
		return false
	}
	s := mt.Schema.Value
	return s.Type != nil && s.Type.Is("string") && s.Format == "binary"
}
