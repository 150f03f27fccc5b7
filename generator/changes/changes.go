// Package changes reports what changes between two versions of the description, for the pull
// request of a spec bump. It generates the client from each side (with the pipeline, overlays
// included) and compares three things:
//
//   - the models: operations, parameters, request and response fields, and enum values added,
//     removed and retyped, as the generator sees them (after the overlays, in Go types);
//   - the HTTP API, with oasdiff's maintained breaking-change rules, run on the two descriptions
//     after the overlays (the overlays make them load, and apply equally to both sides);
//   - the Go API of the generated package, with golang.org/x/exp/apidiff: both clients are
//     type-checked with the current hand-written runtime, so what differs is what the
//     description changes for code that imports the client.
//
// The report is rendered from templates/changes.md.tmpl as Markdown fit for a pull request.
package changes

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"text/template"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/pipeline"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/templates"
)

// Template is the file of templates/ the report is rendered from.
const Template = "changes.md.tmpl"

// Side is one end of the comparison: a description and how the generator reads it.
type Side struct {
	Label    string   // how the report names it; Spec when empty
	Spec     string   // path of the description
	Overlays []string // applied in order
	Webhooks string   // webhook topics file; empty for none
}

// Options says what to compare.
type Options struct {
	From, To Side // the old and the new description
	// PkgPath is the import path of the generated package (both sides are type-checked under it,
	// so that apidiff matches their objects).
	PkgPath string
	// Runtime is the directory of the hand-written runtime (gen/intercom): its non-test,
	// non-generated Go files complete each side's package for type-checking.
	Runtime string
	// Cache, when set, keeps each side's generated client and type-checked package for the
	// comparisons that share it (the reports of neighbouring steps share a version); nil
	// generates and type-checks every side anew.
	Cache *Cache
}

// Report is what changed from one side to the other. Every list is sorted.
type Report struct {
	From, To Version // the two sides

	OperationsAdded   []Operation        // by path, then method
	OperationsRemoved []Operation        // by path, then method
	OperationsChanged []ChangedOperation // by path, then method
	Parameters        []ParameterChange  // of the operations on both sides
	Fields            []FieldChange      // of the structs on both sides, by type and property
	Enums             []EnumChange       // of the enums on both sides, by type
	TypesAdded        []Type             // Go types only the new side has, by name
	TypesRemoved      []Type             // Go types only the old side has, by name

	HTTP HTTPChanges // oasdiff's findings
	Go   GoChanges   // apidiff's findings
}

// Version summarises one side.
type Version struct {
	Label      string // how the report names the description
	Title      string // info.title of the description
	Version    string // info.version of the description
	SHA256     string // of the description's bytes, before the overlays
	Operations int    // operations of the generated client
	Types      int    // named Go types of the generated client
}

// Operation is one operation of the API and the method the client offers for it.
type Operation struct {
	HTTP    string // "POST /tickets/search"
	Go      string // "Tickets.Search"
	Summary string // the description's summary of the operation
}

// ChangedOperation is an operation on both sides whose own shape changed: its Go method, path
// parameters, query parameters, request or response type, success status, paging or
// deprecation. Changes inside the models it uses are listed as field and enum changes.
type ChangedOperation struct {
	Operation
	Changes []string // what changed, one short phrase each
}

// ParameterChange is a path or query parameter added, removed, renamed or retyped.
type ParameterChange struct {
	Operation string // "GET /contacts"
	Name      string // on the wire
	In        string // "path" or "query"
	Change    string // "added", "removed", "renamed" or "retyped"
	Before    string // Go type (or name, for renamed); "" when added
	After     string // Go type (or name, for renamed); "" when removed
}

// FieldChange is a property of a model (a Go struct on both sides) added, removed or retyped.
type FieldChange struct {
	Type   string // Go type
	Field  string // property on the wire
	In     string // "request", "response", "request, response", or "" for a model neither uses
	Change string // "added", "removed" or "retyped"
	Before string // Go type of the field, as declared; "" when added
	After  string // Go type of the field, as declared; "" when removed
}

// EnumChange lists the values an enum gained and lost.
type EnumChange struct {
	Type           string   // Go type
	Added, Removed []string // values on the wire, sorted
}

// Type is a Go type added or removed.
type Type struct {
	Name   string // Go name
	Kind   string // "struct", "enum", ...
	Origin string // where in the description it comes from
}

// Compare generates both sides and compares them.
func Compare(ctx context.Context, opts Options) (*Report, error) {
	from, err := opts.Cache.generate(ctx, opts.From, opts.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("from %s: %w", label(opts.From), err)
	}
	to, err := opts.Cache.generate(ctx, opts.To, opts.PkgPath)
	if err != nil {
		return nil, fmt.Errorf("to %s: %w", label(opts.To), err)
	}
	r := compareModels(from.API, to.API)
	if r.From, err = version(opts.From, from.API); err != nil {
		return nil, err
	}
	if r.To, err = version(opts.To, to.API); err != nil {
		return nil, err
	}

	if r.HTTP, err = compareHTTP(ctx, from.Document, to.Document, label(opts.From), label(opts.To)); err != nil {
		return nil, err
	}
	if r.Go, err = compareGo(ctx, from.Files, to.Files, opts.Runtime, opts.PkgPath, opts.Cache); err != nil {
		return nil, err
	}
	return r, nil
}

func generate(ctx context.Context, s Side, pkgPath string) (*pipeline.Result, error) {
	return pipeline.Run(ctx, pipeline.Config{Spec: s.Spec, Overlays: s.Overlays, Webhooks: s.Webhooks,
		PkgPath: pkgPath, PkgName: pkgPath[strings.LastIndex(pkgPath, "/")+1:]})
}

func label(s Side) string {
	if s.Label != "" {
		return s.Label
	}
	return s.Spec
}

func version(s Side, api *ir.API) (Version, error) {
	data, err := os.ReadFile(s.Spec)
	if err != nil {
		return Version{}, err
	}
	c := api.Count()
	return Version{Label: label(s), Title: api.Title, Version: api.Version, SHA256: spec.Sum(data), Operations: c.Operations, Types: c.Types}, nil
}

// Markdown renders the report from templates/changes.md.tmpl.
func (r *Report) Markdown() ([]byte, error) {
	tmpl, err := template.New(Template).Funcs(template.FuncMap{
		"code":    code,
		"cell":    cell,
		"join":    strings.Join,
		"short":   func(sha string) string { return sha[:min(12, len(sha))] },
		"apidiff": apidiffMessage,
		"codes": func(list []string) string {
			out := make([]string, len(list))
			for i, s := range list {
				out[i] = code(s)
			}
			return strings.Join(out, ", ")
		},
	}).ParseFS(templates.FS, Template)
	if err != nil {
		return nil, fmt.Errorf("changes: %w", err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, r); err != nil {
		return nil, fmt.Errorf("changes: %s: %w", Template, err)
	}
	return buf.Bytes(), nil
}

// SummaryRow counts one kind of change.
type SummaryRow struct {
	What                    string // the kind of thing that changes: "Operations"
	Added, Removed, Changed int    // how many of them
	CanChange               bool   // whether things of this kind change in place (else Changed is always 0)
}

// Summary counts the changes of each kind, for the table that opens the report.
func (r *Report) Summary() []SummaryRow {
	params := SummaryRow{What: "Parameters", CanChange: true}
	for _, p := range r.Parameters {
		count(&params, p.Change)
	}
	fields := SummaryRow{What: "Request and response fields", CanChange: true}
	for _, f := range r.Fields {
		count(&fields, f.Change)
	}
	enums := SummaryRow{What: "Enum values"}
	for _, e := range r.Enums {
		enums.Added += len(e.Added)
		enums.Removed += len(e.Removed)
	}
	return []SummaryRow{
		{What: "Operations", Added: len(r.OperationsAdded), Removed: len(r.OperationsRemoved), Changed: len(r.OperationsChanged), CanChange: true},
		params, fields, enums,
		{What: "Go types", Added: len(r.TypesAdded), Removed: len(r.TypesRemoved)},
	}
}

func count(row *SummaryRow, change string) {
	switch change {
	case "added":
		row.Added++
	case "removed":
		row.Removed++
	default:
		row.Changed++
	}
}

// apidiffMessage renders an apidiff message ("ContactsService.List: removed") with the object
// it names as code.
func apidiffMessage(msg string) string {
	obj, rest, ok := strings.Cut(msg, ": ")
	if !ok {
		return cell(msg)
	}
	return code(obj) + ": " + cell(rest)
}

// code renders s as a Markdown code span fit for a table cell, or nothing when s is empty.
func code(s string) string {
	if s == "" {
		return ""
	}
	s = strings.Join(strings.Fields(s), " ")
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + strings.ReplaceAll(s, "|", `\|`) + fence
}

// cell makes text one line fit for a Markdown table cell.
func cell(text string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(text), " "), "|", `\|`)
}
