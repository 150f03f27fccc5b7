package changes

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/oasdiff/oasdiff/checker"
	"github.com/oasdiff/oasdiff/diff"
	"github.com/oasdiff/oasdiff/load"

	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/validate"
)

// HTTPChanges are the changes oasdiff's backward-compatibility rules find between the two
// descriptions, by level. Its informational changes (an endpoint or an optional property added)
// are only counted: the model tables list them.
type HTTPChanges struct {
	Breaking []HTTPChange // level "error": breaks existing clients
	Warnings []HTTPChange // level "warning": may break clients, depending on how they use the API
	Info     int          // changes that break nothing
}

// HTTPChange is one change found by an oasdiff rule.
type HTTPChange struct {
	Operation string // "GET /contacts", or "" for a change outside the paths (a schema removed)
	Rule      string // oasdiff's rule id: "api-path-removed-without-deprecation"
	Text      string // oasdiff's words, in English
}

// compareHTTP runs oasdiff on the two descriptions as the generator read them (after the
// overlays), with every backward-compatibility rule oasdiff maintains.
func compareHTTP(ctx context.Context, from, to *spec.Document, fromLabel, toLabel string) (HTTPChanges, error) {
	a, err := validate.Load(ctx, from)
	if err != nil {
		return HTTPChanges{}, fmt.Errorf("from %s: %w", fromLabel, err)
	}
	b, err := validate.Load(ctx, to)
	if err != nil {
		return HTTPChanges{}, fmt.Errorf("to %s: %w", toLabel, err)
	}
	d, sources, err := diff.GetWithOperationsSourcesMap(diff.NewConfig(),
		&load.SpecInfo{Url: fromLabel, Spec: a, Version: a.Info.Version},
		&load.SpecInfo{Url: toLabel, Spec: b, Version: b.Info.Version})
	if err != nil {
		return HTTPChanges{}, fmt.Errorf("oasdiff: %w", err)
	}
	found := checker.CheckBackwardCompatibilityUntilLevel(checker.NewConfig(checker.GetAllChecks()), d, sources, checker.INFO)
	l := checker.NewDefaultLocalizer()
	var out HTTPChanges
	for _, c := range found {
		hc := HTTPChange{Rule: c.GetId(), Text: c.GetUncolorizedText(l)}
		if c.GetOperation() != "" {
			hc.Operation = c.GetOperation() + " " + c.GetPath()
		}
		switch c.GetLevel() {
		case checker.ERR:
			out.Breaking = append(out.Breaking, hc)
		case checker.WARN:
			out.Warnings = append(out.Warnings, hc)
		default:
			out.Info++
		}
	}
	sortHTTP(out.Breaking)
	sortHTTP(out.Warnings)
	return out, nil
}

// sortHTTP orders changes by path, then method, rule and text.
func sortHTTP(list []HTTPChange) {
	slices.SortFunc(list, func(x, y HTTPChange) int {
		return cmp.Or(byPath(x.Operation, y.Operation), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Text, y.Text))
	})
}
