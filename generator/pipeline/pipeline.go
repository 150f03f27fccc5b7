// Package pipeline runs the generator's stages in order: load the description, apply the
// overlay, validate, lower to the model, emit Go. It produces files in memory and writes nothing,
// so a failure at any stage leaves the output directory as it was.
package pipeline

import (
	"context"
	"fmt"

	"github.com/gointercom/intercom/generator/emit"
	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/lower"
	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/validate"
	"github.com/gointercom/intercom/generator/webhooks"
)

// Config says what to generate from and into.
type Config struct {
	Spec     string // path of the description
	Overlay  string // path of the overlay; empty for none
	Webhooks string // path of the webhook topics file; empty for none
	PkgPath  string // import path of the generated package
	PkgName  string // its name
}

// Result is the generated client.
type Result struct {
	API   *ir.API
	Files map[string][]byte // file name -> Go source
}

// Run executes every stage on cfg.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	doc, err := spec.Load(cfg.Spec)
	if err != nil {
		return nil, err
	}
	return FromDocument(ctx, doc, cfg)
}

// FromDocument runs the stages after loading on a parsed description.
func FromDocument(ctx context.Context, doc *spec.Document, cfg Config) (*Result, error) {
	if cfg.Overlay != "" {
		if err := overlay.Apply(doc, cfg.Overlay); err != nil {
			return nil, fmt.Errorf("apply overlay: %w", err)
		}
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
		if err := lower.Webhooks(api, hooks); err != nil {
			return nil, err
		}
	}
	files, err := emit.Files(api, cfg.PkgPath, cfg.PkgName)
	if err != nil {
		return nil, fmt.Errorf("emit: %w", err)
	}
	return &Result{API: api, Files: files}, nil
}
