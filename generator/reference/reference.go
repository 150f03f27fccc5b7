// Package reference renders the Markdown reference of the generated client from the model: one
// row per method with its Go signature, HTTP method and path, summary and paging kind, including
// the <Method>Pages and <Method>All iterators of paged operations. The file is written next to the
// generated code and committed with it, so a spec bump shows in the same diff what the client
// offers. The layout lives in templates/reference.md.tmpl; this package only prepares the rows.
//
// Signatures come from the model's decisions (ir.Operation.Args, PageArgs, ResultByPointer), the
// same ones the emitter writes, and a test holds them equal to the generated source.
package reference

import (
	"bytes"
	"fmt"
	"strings"
	"text/template"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/templates"
)

// File is the name of the reference in the generated package's directory.
const File = "reference" + Suffix

// Suffix ends the name of every Markdown file the generator owns.
const Suffix = "_gen.md"

// Template is the file of templates/ the reference is rendered from.
const Template = "reference.md.tmpl"

// Reference is what the template renders.
type Reference struct {
	Title, Version string    // of the description: "Intercom API", "2.9"
	Operations     int       // operations of the API, one method each
	Paged          int       // operations with iterators
	Iterators      int       // iterator methods (two per paged operation)
	Lookups        int       // FindBy and Upsert methods (x-find-by, x-upsert)
	Services       []Service // sorted by name, as on Client
	// FreeForm lists the values the client types as any, where the description leaves them
	// free-form, each with the description's words for it.
	FreeForm []FreeForm
}

// FreeForm is one row of the reference's list of free-form values.
type FreeForm struct {
	Name string // "SegmentList.Pages"
	Doc  string // one line, safe in a table cell
}

// Service is one service of the client, with its methods in the order of the generated file.
type Service struct {
	Name   string // field of Client
	Type   string // "ContactsService"
	Anchor string // the Markdown anchor of its heading
	Doc    string // one line
	// Methods are the operations' methods, each followed by its iterators.
	Methods []Method
}

// Method is one row of the reference.
type Method struct {
	Name      string // Go method name: "List", "ListPages", "ListAll"
	Signature string // Go signature without "func" and receiver: "Get(ctx context.Context, ...) (*Contact, error)"
	HTTP      string // "GET /contacts/{id}"
	Summary   string // one line, safe in a table cell
	Paging    string // paging kind of a paged operation and of its iterators, "" otherwise
}

// Render renders the reference of api.
func Render(api *ir.API) ([]byte, error) {
	tmpl, err := template.ParseFS(templates.FS, Template)
	if err != nil {
		return nil, fmt.Errorf("reference: %w", err)
	}
	var buf bytes.Buffer
	if err := tmpl.Execute(&buf, Build(api)); err != nil {
		return nil, fmt.Errorf("reference: %s: %w", Template, err)
	}
	return buf.Bytes(), nil
}

// Build prepares the rows of the reference.
func Build(api *ir.API) Reference {
	ref := Reference{Title: cell(api.Title), Version: api.Version}
	for _, s := range api.Services {
		svc := Service{Name: s.Name, Type: s.Type, Anchor: strings.ToLower(s.Name), Doc: cell(s.Doc)}
		for _, o := range s.Operations {
			ref.Operations++
			http := o.Method + " " + o.Path
			kind := ""
			if o.Paging != nil {
				kind = o.Paging.Kind.String()
			}
			summary := cell(o.Summary)
			if o.Deprecated {
				summary = strings.TrimSpace("**Deprecated.** " + summary)
			}
			svc.Methods = append(svc.Methods, Method{Name: o.Name, Signature: Signature(o), HTTP: http, Summary: summary, Paging: kind})
			if o.Paging == nil {
				continue
			}
			ref.Paged++
			ref.Iterators += 2
			svc.Methods = append(svc.Methods,
				Method{Name: o.Paging.Pages, Signature: PagesSignature(o), HTTP: http, Paging: kind,
					Summary: "Iterates over the pages of " + o.Name + "."},
				Method{Name: o.Paging.All, Signature: AllSignature(o), HTTP: http, Paging: kind,
					Summary: "Iterates over the items of every page of " + o.Name + "."})
		}
		for _, f := range s.Finds {
			ref.Lookups++
			svc.Methods = append(svc.Methods, Method{Name: f.Name, Signature: FindSignature(f), HTTP: f.Search.Method + " " + f.Search.Path,
				Summary: fmt.Sprintf("Finds the one %s whose %s is given, with %s.", f.Noun, f.Field.Name, f.Search.Name)})
		}
		for _, u := range s.Upserts {
			ref.Lookups++
			svc.Methods = append(svc.Methods, Method{Name: u.Name, Signature: UpsertSignature(u), HTTP: u.Create.Method + " " + u.Create.Path,
				Summary: fmt.Sprintf("Updates the %s the request identifies (%s), with %s, or creates it with %s.", u.Noun, upsertKeys(u), u.Update.Name, u.Create.Name)})
		}
		ref.Services = append(ref.Services, svc)
	}
	for _, f := range api.FreeForms() {
		ref.FreeForm = append(ref.FreeForm, FreeForm{Name: f.Name, Doc: cell(f.Doc)})
	}
	return ref
}

// Signature is the Go signature of the operation's method, as the emitter writes it, without
// "func" and the receiver.
func Signature(o *ir.Operation) string {
	result := "error"
	switch {
	case o.Binary != "":
		result = "(io.ReadCloser, error)"
	case o.Result != nil:
		t := o.Result.String()
		if o.ResultByPointer {
			t = "*" + t
		}
		result = "(" + t + ", error)"
	}
	return o.Name + params(o.Args()) + " " + result
}

// PagesSignature is the Go signature of the operation's <Name>Pages iterator; o must page.
func PagesSignature(o *ir.Operation) string {
	return o.Paging.Pages + params(o.PageArgs()) + " iter.Seq2[*" + o.Result.String() + ", error]"
}

// AllSignature is the Go signature of the operation's <Name>All iterator; o must page.
func AllSignature(o *ir.Operation) string {
	return o.Paging.All + params(o.PageArgs()) + " iter.Seq2[" + o.Paging.Item.String() + ", error]"
}

// FindSignature is the Go signature of a FindBy method.
func FindSignature(f *ir.FindBy) string {
	return f.Name + "(ctx context.Context, " + f.Arg + " string, opts ...Option) (*" + f.Search.Paging.Item.String() + ", error)"
}

// UpsertSignature is the Go signature of an Upsert method.
func UpsertSignature(u *ir.Upsert) string {
	return u.Name + "(ctx context.Context, req *" + u.Create.Body.Type.String() + ", opts ...Option) (" +
		u.Var + " *" + u.Create.Result.String() + ", created bool, err error)"
}

// upsertKeys names the keys of an upsert and the lookups by them: "external_id with
// FindByExternalID, else email with FindByEmail".
func upsertKeys(u *ir.Upsert) string {
	var keys []string
	for _, k := range u.Keys {
		keys = append(keys, k.Find.Field.Name+" with "+k.Find.Name)
	}
	return strings.Join(keys, ", else ")
}

func params(args []ir.Arg) string {
	list := []string{"ctx context.Context"}
	for _, a := range args {
		t := a.Type.String()
		if a.Pointer {
			t = "*" + t
		}
		list = append(list, a.Name+" "+t)
	}
	list = append(list, "opts ...Option")
	return "(" + strings.Join(list, ", ") + ")"
}

// cell makes text one line fit for a Markdown table cell.
func cell(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	return strings.ReplaceAll(text, "|", `\|`)
}
