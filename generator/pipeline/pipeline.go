// Package pipeline runs the generator's stages in order: load the description, apply the
// overlays, validate, lower to the model, emit Go and render the API reference. It produces files
// in memory and writes nothing, so a failure at any stage leaves the output directory as it was.
package pipeline

import (
	"context"
	"fmt"
	"slices"

	"github.com/gointercom/intercom/generator/emit"
	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/lower"
	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/reference"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/validate"
	"github.com/gointercom/intercom/generator/webhooks"
)

// Config says what to generate from and into.
type Config struct {
	Spec string // path of the description
	// Overlays are the paths of the overlays, applied in order: the stack of the description's
	// version that spec/overlays/versions.yaml lists (overlay.Manifest). None for an empty list.
	Overlays []string
	Webhooks string // path of the webhook topics file; empty for none
	// PartialWebhooks drops the item types of the webhook topics whose schema the description
	// does not define (a version older than those items, spec/overlays/versions.yaml); their
	// topics keep their constants, without a typed item. Otherwise such an item is an error.
	PartialWebhooks bool
	PkgPath         string // import path of the generated package
	PkgName         string // its name
}

// Result is the generated client.
type Result struct {
	API *ir.API
	// Document is the description as the generator read it: after the overlays.
	Document *spec.Document
	// Files maps the slash-separated path of a file, relative to the generated package's
	// directory, to its content: the Go source (*_gen.go), the API reference (reference_gen.md),
	// and the route table of the fake server (intercomtest/routes_gen.go).
	Files map[string][]byte
}

// Suffixes returns the endings of the names of the files the generator owns in its output
// directory; the write stage replaces and deletes those and never touches any other file.
func Suffixes() []string {
	return []string{emit.Suffix, reference.Suffix}
}

// Subdirs returns the subdirectories of the output directory that the generator also writes
// into: the package of the fake server, whose other files are hand-written.
func Subdirs() []string {
	return []string{emit.TestPackage}
}

// Run executes every stage on cfg.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	doc, err := spec.Load(cfg.Spec)
	if err != nil {
		return nil, err
	}
	return FromDocument(ctx, doc, cfg)
}

// ApplyOverlays applies the overlays to doc in order: the second stage, after which doc is what
// the generator reads.
func ApplyOverlays(doc *spec.Document, overlays []string) error {
	for _, o := range overlays {
		if err := overlay.Apply(doc, o); err != nil {
			return fmt.Errorf("apply overlay %s: %w", o, err)
		}
	}
	return nil
}

// FromDocument runs the stages after loading on a parsed description, which the overlays
// modify.
func FromDocument(ctx context.Context, doc *spec.Document, cfg Config) (*Result, error) {
	if err := ApplyOverlays(doc, cfg.Overlays); err != nil {
		return nil, err
	}
	t, err := validate.Load(ctx, doc)
	if err != nil {
		return nil, fmt.Errorf("validate: %w", err)
	}
	api, err := lower.Lower(doc, t)
	if err != nil {
		return nil, fmt.Errorf("build model: %w", err)
	}
	if cfg.Webhooks != "" {
		hooks, err := webhooks.Load(cfg.Webhooks)
		if err != nil {
			return nil, err
		}
		if cfg.PartialWebhooks {
			defined := map[string]bool{}
			for _, t := range api.Types {
				defined[t.Pointer] = true
			}
			hooks.Items = slices.DeleteFunc(hooks.Items, func(it webhooks.Item) bool {
				return !defined[spec.JoinPointer("components", "schemas", it.Schema)]
			})
		}
		if err := lower.Webhooks(api, hooks); err != nil {
			return nil, err
		}
	}
	files, err := emit.Files(api, cfg.PkgPath, cfg.PkgName)
	if err != nil {
		return nil, fmt.Errorf("emit: %w", err)
	}
	ref, err := reference.Render(api)
	if err != nil {
		return nil, err
	}
	files[reference.File] = ref
	return &Result{API: api, Document: doc, Files: files}, nil
}
