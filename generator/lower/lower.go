// Package lower builds the intermediate model (package ir) from a validated kin-openapi document.
// It makes every naming and typing decision: which schemas become structs, enums, unions or
// maps, what each is called, how optional fields are held, which service and method each
// operation becomes. It knows no operation or schema by name: what is special about Intercom
// comes in through the overlay's x-go-* extensions.
package lower

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/diag"
	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/naming"
	"github.com/gointercom/intercom/generator/spec"
)

type lowerer struct {
	doc   *spec.Document
	t     *openapi3.T
	types map[string]*ir.Type // by Go name
	owner map[string]string   // Go name -> pointer of what claimed it
	comps map[string]ir.Ref   // component pointer -> its ref
	probs diag.List
	// paging holds each operation's x-pagination until the types it refers to are complete.
	paging map[*ir.Operation]pagingSpec
	// lookupExts holds each operation's x-find-by and x-upsert until its paging is resolved.
	lookupExts lookupSpecs
	// failures are the component types of the answers of other statuses than success (error
	// bodies), which decode tolerantly as results do.
	failures []ir.Ref
}

// Lower builds the model of the client from t; doc is the same description as YAML nodes, used
// for source order and to place problems by line.
func Lower(doc *spec.Document, t *openapi3.T) (api *ir.API, err error) {
	defer func() {
		if r := recover(); r != nil {
			api, err = nil, diag.List{{File: doc.File, Message: fmt.Sprintf("internal error while building the model: %v", r)}}
		}
	}()
	l := &lowerer{doc: doc, t: t, types: map[string]*ir.Type{}, owner: map[string]string{}, comps: map[string]ir.Ref{},
		paging:     map[*ir.Operation]pagingSpec{},
		lookupExts: lookupSpecs{finds: map[*ir.Operation]findExt{}, upserts: map[*ir.Operation]upsertExt{}, where: map[*ir.Operation]string{}}}
	for _, name := range naming.Reserved() {
		l.owner[name] = "the hand-written runtime"
	}
	api = &ir.API{Version: t.Info.Version, Title: t.Info.Title}
	api.Servers = l.servers()
	if t.Components != nil {
		for _, name := range slices.Sorted(maps.Keys(t.Components.Schemas)) {
			l.component(componentsPrefix + name)
		}
	}
	api.Services = l.services()
	for _, t := range l.types {
		api.Types = append(api.Types, t)
	}
	sortTypes(api.Types)
	if len(l.probs) > 0 {
		// A type that could not be named (a clash) is missing from the model, which the later
		// steps take as whole: report what is wrong rather than fail on the gap.
		return nil, l.probs
	}
	l.markInputs(api)
	l.wrap(api)
	l.pagination(api)
	l.iterators(api)
	l.lookups(api)
	l.group(api)
	l.resources(api)
	l.validation(api)
	l.tolerance(api)
	if len(l.probs) > 0 {
		return nil, l.probs
	}
	return api, nil
}

func (l *lowerer) node(ptr string) *yaml.Node {
	if !strings.HasPrefix(ptr, "#") {
		return nil
	}
	return spec.Resolve(l.doc.Root, ptr)
}

func (l *lowerer) servers() []ir.Server {
	var out []ir.Server
	seen := map[string]bool{}
	for i, s := range l.t.Servers {
		ptr := fmt.Sprintf("#/servers/%d", i)
		name, _ := s.Extensions["x-go-name"].(string)
		if name == "" {
			l.problem(ptr, "", "server %s has no x-go-name naming its region", s.URL)
			continue
		}
		if !naming.IsIdentifier(name) || seen[name] {
			l.problem(ptr, "", "server x-go-name %q is not a unique exported identifier", name)
			continue
		}
		seen[name] = true
		if !l.register(naming.RegionConst(name), ptr) {
			continue
		}
		out = append(out, ir.Server{Name: name, Const: naming.RegionConst(name), Key: strings.ToLower(name), URL: strings.TrimSuffix(s.URL, "/"), Doc: cleanDoc("", s.Description)})
	}
	if len(l.t.Servers) == 0 {
		l.problem("#/servers", "", "the description has no servers: the client needs at least one base URL")
	}
	return out
}

// services groups operations by their x-go-service, or first tag.
func (l *lowerer) services() []*ir.Service {
	byName := map[string]*ir.Service{}
	methods := map[string]string{} // "Service.Method" -> operation
	for _, path := range sortedPaths(l.t.Paths) {
		item := l.t.Paths.Value(path)
		for _, method := range sortedMethods(item) {
			op := item.GetOperation(method)
			ptr := spec.JoinPointer("paths", path, strings.ToLower(method))
			where := method + " " + path
			svc := ""
			if x, ok := op.Extensions["x-go-service"].(string); ok {
				svc = x
			} else if len(op.Tags) > 0 {
				svc = naming.Exported(op.Tags[0])
			}
			name, _ := op.Extensions["x-go-name"].(string)
			if name == "" {
				if op.OperationID == "" {
					l.problem(ptr, where, "operation has neither operationId nor x-go-name")
					continue
				}
				tag := svc
				if len(op.Tags) > 0 {
					tag = op.Tags[0]
				}
				name = naming.Method(op.OperationID, tag)
			}
			if !naming.IsIdentifier(svc) || !naming.IsIdentifier(name) {
				l.problem(ptr, where, "service %q and method %q must be exported Go identifiers; set x-go-service and x-go-name in the overlay", svc, name)
				continue
			}
			key := svc + "." + name
			if prev, dup := methods[key]; dup {
				l.problem(ptr, where, "method %s is also made by %s; set x-go-name in the overlay to tell them apart", key, prev)
				continue
			}
			methods[key] = where
			s := byName[svc]
			if s == nil {
				if !l.register(naming.ServiceType(svc), ptr) {
					continue
				}
				s = &ir.Service{Name: svc, Type: naming.ServiceType(svc), File: naming.ServiceFile(svc), Doc: l.tagDoc(svc, op.Tags)}
				byName[svc] = s
			}
			o := l.operation(svc, name, method, path, ptr, item, op)
			s.Operations = append(s.Operations, o)
		}
	}
	var out []*ir.Service
	for _, s := range byName {
		slices.SortFunc(s.Operations, func(a, b *ir.Operation) int { return cmp.Compare(a.Name, b.Name) })
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *ir.Service) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

func (l *lowerer) tagDoc(svc string, tags []string) string {
	for _, tag := range l.t.Tags {
		if len(tags) > 0 && tag.Name == tags[0] && naming.Exported(tag.Name) == svc {
			return cleanDoc("", tag.Description)
		}
	}
	return ""
}

// reference is the URL of an operation's page in the API's reference: its externalDocs, else
// the x-reference-url template at the description's root (set by the overlay) with {version}
// the description's info.version, {tag} the operation's first tag and {operationId} its id,
// both lower-cased with spaces as hyphens. Without either, there is none.
func (l *lowerer) reference(op *openapi3.Operation) string {
	if op.ExternalDocs != nil && op.ExternalDocs.URL != "" {
		return op.ExternalDocs.URL
	}
	tmpl, _ := l.t.Extensions["x-reference-url"].(string)
	if tmpl == "" || op.OperationID == "" || len(op.Tags) == 0 {
		return ""
	}
	slug := func(s string) string { return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), " ", "-") }
	version := ""
	if l.t.Info != nil {
		version = l.t.Info.Version
	}
	return strings.NewReplacer("{version}", version, "{tag}", slug(op.Tags[0]), "{operationId}", slug(op.OperationID)).Replace(tmpl)
}

func (l *lowerer) operation(svc, name, method, path, ptr string, item *openapi3.PathItem, op *openapi3.Operation) *ir.Operation {
	where := fmt.Sprintf("%s %s (%s.%s)", method, path, svc, name)
	o := &ir.Operation{
		ID: op.OperationID, Name: name, Method: method, Path: path, Pointer: ptr,
		Summary: cleanDoc("", op.Summary), Deprecated: op.Deprecated,
	}
	o.Doc = cleanDoc(op.Summary, op.Description)
	o.Reference = l.reference(op)
	var query []*openapi3.Parameter
	declared := map[string]*openapi3.Parameter{}
	params := slices.Clone(item.Parameters)
	params = append(params, op.Parameters...)
	for i, pr := range params {
		p := pr.Value
		if p == nil {
			continue
		}
		switch p.In {
		case "path":
			declared[p.Name] = p
		case "query":
			query = append(query, p)
		default:
			l.problem(fmt.Sprintf("%s/parameters/%d", ptr, i), where, "%s parameter %q is not supported; remove it in the overlay or set it through a client option", p.In, p.Name)
		}
	}
	l.pathParts(o, declared, ptr, where)
	if len(query) > 0 {
		o.Query = l.options(naming.OptionsType(svc, name), ptr, where, query)
	}
	if rb := op.RequestBody; rb != nil && rb.Value != nil {
		if mt := jsonMedia(rb.Value.Content); mt != nil {
			bptr := ptr + "/requestBody/content/application~1json/schema"
			o.Body = &ir.Body{Type: l.schema(mt.Schema, bptr, naming.RequestType(svc, name)), Required: rb.Value.Required}
		}
	}
	l.result(o, op, naming.ResponseType(svc, name))
	l.pagingSpec(o, op, where)
	l.search(o, svc, op, where)
	l.lookupSpec(o, op, where)
	if raw, ok := op.Extensions["x-read-only"]; ok {
		ro, isBool := raw.(bool)
		if !isBool {
			l.problem(ptr, where, "x-read-only must be true or false")
		}
		o.ReadOnly = ro
	}
	return o
}

func (l *lowerer) pathParts(o *ir.Operation, declared map[string]*openapi3.Parameter, ptr, where string) {
	rest := o.Path
	used := map[string]bool{}
	for rest != "" {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			o.PathParts = append(o.PathParts, ir.PathPart{Literal: rest})
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			l.problem(ptr, where, "path has an unclosed {")
			return
		}
		if i > 0 {
			o.PathParts = append(o.PathParts, ir.PathPart{Literal: rest[:i]})
		}
		pname := rest[i+1 : i+j]
		rest = rest[i+j+1:]
		p := declared[pname]
		if p == nil {
			l.problem(ptr, where, "path parameter {%s} is not declared", pname)
			continue
		}
		used[pname] = true
		goName := naming.Unexported(pname)
		if x, ok := p.Extensions["x-go-name"].(string); ok && x != "" {
			goName = x
		}
		typ := l.schema(p.Schema, ptr, "")
		if typ.Kind != ir.String && typ.Kind != ir.Int {
			l.problem(ptr, where, "path parameter {%s} must be a string or an integer", pname)
		}
		param := &ir.Param{Name: pname, GoName: goName, Type: typ, Required: true, Doc: cleanDoc("", p.Description)}
		o.PathParams = append(o.PathParams, param)
		o.PathParts = append(o.PathParts, ir.PathPart{Param: param})
	}
	for name := range declared {
		if !used[name] {
			l.problem(ptr, where, "path parameter %q is declared but not in the path", name)
		}
	}
	goNames := map[string]bool{}
	for _, p := range o.PathParams {
		if goNames[p.GoName] {
			l.problem(ptr, where, "two path parameters make the Go argument %s", p.GoName)
		}
		goNames[p.GoName] = true
	}
}

// options builds the struct of an operation's query parameters. An object parameter in form
// style with explode (the default) puts each of its properties in the query, so its properties
// become fields of their own.
func (l *lowerer) options(name, ptr, where string, params []*openapi3.Parameter) *ir.Type {
	t := &ir.Type{Name: name, Kind: ir.Options, Pointer: ptr, Input: true,
		Doc: fmt.Sprintf("%s holds the query parameters of %s.", name, strings.SplitN(where, " (", 2)[0])}
	if !l.register(name, ptr) {
		return nil
	}
	l.types[name] = t
	used := map[string]bool{}
	add := func(wire string, sr *openapi3.SchemaRef, doc string, required bool) {
		f := &ir.Field{Name: naming.Exported(wire), JSON: wire, Required: required, Doc: doc}
		if sr != nil && sr.Value != nil {
			if x, ok := sr.Value.Extensions["x-go-name"].(string); ok && x != "" {
				f.Name = x
			}
			f.Min, f.Max = sr.Value.Min, sr.Value.Max
		}
		if used[f.Name] {
			l.problem(ptr, where, "query parameters make the field %s.%s twice", name, f.Name)
			return
		}
		used[f.Name] = true
		f.Type = l.schema(sr, ptr, name+f.Name)
		if !queryable(f.Type, l.types) {
			l.problem(ptr, where, "query parameter %q has a type that cannot be put in a query string", wire)
			return
		}
		t.Fields = append(t.Fields, f)
	}
	for _, p := range params {
		s := p.Schema
		explode := p.Explode == nil || *p.Explode
		if s != nil && s.Value != nil && explode && (is(s.Value, "object") || len(branches(s.Value)) > 0) && len(s.Value.Enum) == 0 {
			for _, b := range append(openapi3.SchemaRefs{s}, branches(s.Value)...) {
				if b.Value == nil {
					continue
				}
				for _, k := range slices.Sorted(maps.Keys(b.Value.Properties)) {
					if !used[naming.Exported(k)] {
						add(k, b.Value.Properties[k], cleanDoc("", p.Description), false)
					}
				}
			}
			if p.Required {
				t.AnyOfRequired = append(t.AnyOfRequired, requiredBranches(s.Value)...)
			}
			continue
		}
		add(p.Name, s, cleanDoc("", p.Description), p.Required)
	}
	return t
}

// requiredBranches returns the properties each alternative of a required exploded parameter
// requires ("filter" of GET /events: user_id, or intercom_user_id, or email), when every
// alternative requires some: one set of them must then be given. Otherwise it returns nil.
func requiredBranches(s *openapi3.Schema) [][]string {
	var sets [][]string
	for _, b := range branches(s) {
		if b.Value == nil || len(b.Value.Required) == 0 {
			return nil
		}
		sets = append(sets, slices.Sorted(slices.Values(b.Value.Required)))
	}
	return sets
}

// queryable reports whether values of r have a text form for a query string.
func queryable(r ir.Ref, types map[string]*ir.Type) bool {
	switch r.Kind {
	case ir.String, ir.Int, ir.Float, ir.Bool, ir.Timestamp:
		return true
	case ir.Slice:
		return r.Elem.Kind != ir.Slice && queryable(*r.Elem, types)
	case ir.Named:
		t := types[r.Name]
		return t != nil && (t.Kind == ir.Enum || (t.Kind == ir.Alias && queryable(*t.Elem, types)))
	}
	return false
}

// result picks the documented success response: the lowest 2xx status.
func (l *lowerer) result(o *ir.Operation, op *openapi3.Operation, name string) {
	codes := slices.Sorted(maps.Keys(op.Responses.Map()))
	for _, code := range codes {
		// A caller decodes an error body into its model (APIError keeps the body) as it would a
		// result: it must lose nothing either. Only components: an inline error schema would be
		// a type of its own for a body the client never decodes.
		r := op.Responses.Value(code).Value
		if strings.HasPrefix(code, "2") || r == nil {
			continue
		}
		if mt := jsonMedia(r.Content); mt != nil && mt.Schema != nil && mt.Schema.Ref != "" {
			ptr := o.Pointer + "/responses/" + code + "/content/application~1json/schema"
			l.failures = append(l.failures, l.schema(mt.Schema, ptr, name))
		}
	}
	for _, code := range codes {
		if !strings.HasPrefix(code, "2") {
			continue
		}
		o.Status, _ = strconv.Atoi(code)
		r := op.Responses.Value(code).Value
		if r == nil {
			return
		}
		if ct, ok := binaryMedia(r.Content); ok {
			o.Binary = ct
			return
		}
		if mt := jsonMedia(r.Content); mt != nil && mt.Schema != nil {
			ref := l.schema(mt.Schema, o.Pointer+"/responses/"+code+"/content/application~1json/schema", name)
			o.Result = &ref
		}
		return
	}
}

func jsonMedia(c openapi3.Content) *openapi3.MediaType {
	for _, ct := range slices.Sorted(maps.Keys(c)) {
		base, _, _ := strings.Cut(ct, ";")
		if base == "application/json" || strings.HasSuffix(base, "+json") {
			return c[ct]
		}
	}
	return nil
}

// binaryMedia finds a binary response body (type string, format binary), which the client
// returns as a stream instead of decoding.
func binaryMedia(c openapi3.Content) (string, bool) {
	for _, ct := range slices.Sorted(maps.Keys(c)) {
		mt := c[ct]
		if mt != nil && mt.Schema != nil && mt.Schema.Value != nil && is(mt.Schema.Value, "string") && mt.Schema.Value.Format == "binary" {
			return ct, true
		}
	}
	return "", false
}

func sortedPaths(p *openapi3.Paths) []string {
	keys := p.InMatchingOrder()
	slices.Sort(keys)
	return keys
}

func sortedMethods(item *openapi3.PathItem) []string {
	return slices.Sorted(maps.Keys(item.Operations()))
}

// decodeExt decodes the extension name, one of exts (an operation's, a schema's), into v,
// refusing properties v does not have, and reports a problem at ptr (where, an operation's
// place, or "") otherwise; it reports whether the extension is there and decoded.
func (l *lowerer) decodeExt(exts map[string]any, ptr, where, name string, v any) bool {
	raw, ok := exts[name]
	if !ok {
		return false
	}
	data, err := json.Marshal(raw)
	if err == nil {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err = dec.Decode(v)
	}
	if err != nil {
		l.problem(ptr, where, "%s: %v", name, err)
		return false
	}
	return true
}
