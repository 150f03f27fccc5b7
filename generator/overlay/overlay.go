// Package overlay applies our OpenAPI Overlay (1.0) to the raw description before any OpenAPI
// library sees it. The overlay is where every piece of knowledge about Intercom lives: fixes that
// make the description load, missing parameters, Go names and pagination metadata. The actions
// are applied by speakeasy-api's maintained implementation (the one oapi-codegen uses); this
// package adds what a reviewed overlay needs on top: every action must say why it exists, and an
// action whose target matches nothing (because upstream changed) is reported, never skipped.
package overlay

import (
	"bytes"
	"fmt"
	"os"

	"github.com/speakeasy-api/openapi/overlay"
	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/diag"
	"github.com/gointercom/intercom/generator/spec"
)

// Apply reads the overlay at path and applies its actions, in order, to doc. It reports every
// problem (invalid overlay, action without description, target matching nothing) at once and
// leaves doc partly modified only when it returns an error, so callers discard doc then.
func Apply(doc *spec.Document, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read overlay: %w", err)
	}
	return ApplyBytes(doc, path, data)
}

// ApplyBytes is Apply for overlay bytes already in memory; file names them in messages.
func ApplyBytes(doc *spec.Document, file string, data []byte) error {
	o, err := overlay.ParseReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if err := o.Validate(); err != nil {
		return fmt.Errorf("%s: invalid overlay: %w", file, err)
	}
	lines := actionLines(data)
	var probs diag.List
	for i, a := range o.Actions {
		at := diag.Problem{File: file, Line: lines[i]}
		if a.Description == "" {
			probs.Add(at, "action %d (target %s) has no description: every overlay action must say why it exists", i+1, a.Target)
		}
		p, err := o.NewPath(a.Target, nil)
		if err != nil {
			probs.Add(at, "action %d: invalid JSONPath target %q: %v", i+1, a.Target, err)
			continue
		}
		name := fmt.Sprintf("action %d", i+1)
		if a.Description != "" {
			name += " (" + a.Description + ")"
		}
		if len(p.Query(doc.Root)) == 0 {
			probs.Add(at, "%s: target %s matches nothing in %s; the description changed, so update or drop this action",
				name, a.Target, doc.File)
			continue
		}
		one := *o
		one.Actions = []overlay.Action{a}
		if err := one.ApplyTo(doc.Root); err != nil {
			probs.Add(at, "%s: %v", name, err)
		}
	}
	return probs.Err()
}

// actionLines returns the line of each action in the overlay file, best effort (0 if unknown).
func actionLines(data []byte) map[int]int {
	lines := map[int]int{}
	var n yaml.Node
	if yaml.Unmarshal(data, &n) != nil || len(n.Content) == 0 {
		return lines
	}
	actions := spec.Child(n.Content[0], "actions")
	if actions == nil {
		return lines
	}
	for i, a := range actions.Content {
		lines[i] = a.Line
	}
	return lines
}
