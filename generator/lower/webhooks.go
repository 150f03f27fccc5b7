package lower

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/gointercom/intercom/generator/diag"
	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/naming"
	"github.com/gointercom/intercom/generator/webhooks"
)

// Webhooks adds the webhook topics of d to api: a constant per topic, the model each item type
// decodes into, and a typed handler per topic whose item has a model.
func Webhooks(api *ir.API, d *webhooks.Data) error {
	byPointer := map[string]*ir.Type{}
	used := map[string]bool{}
	for _, t := range api.Types {
		byPointer[t.Pointer] = t
		used[t.Name] = true
	}
	for _, n := range naming.Reserved() {
		used[n] = true
	}
	var probs diag.List
	items := map[string]ir.Ref{}
	for _, it := range d.Items {
		t := byPointer[componentsPrefix+it.Schema]
		if t == nil {
			probs.Add(diag.Problem{File: d.File, Line: it.Line}, "item type %q maps to schema %q, which the description does not define", it.Type, it.Schema)
			continue
		}
		r := ir.Ref{Kind: ir.Named, Name: t.Name}
		items[it.Type] = r
		if t.Kind == ir.Struct {
			t.Tolerant = true // decoded directly from a notification
		}
		api.Items = append(api.Items, ir.WebhookItem{Type: it.Type, Ref: r})
	}
	slices.SortFunc(api.Items, func(a, b ir.WebhookItem) int { return cmp.Compare(a.Type, b.Type) })
	markDecoders(api)
	for _, t := range d.Topics {
		w := &ir.WebhookTopic{Topic: t.Topic, Const: "Topic" + naming.Exported(t.Topic), Doc: cleanDoc("", t.Description)}
		if used[w.Const] {
			probs.Add(diag.Problem{File: d.File, Line: t.Line}, "topic %s makes the Go name %s, which is taken", t.Topic, w.Const)
			continue
		}
		used[w.Const] = true
		if r, ok := items[t.Item]; ok {
			r := r
			w.Item = &r
			w.Handler = "On" + naming.Exported(t.Topic)
		}
		api.Webhooks = append(api.Webhooks, w)
	}
	if len(probs) > 0 {
		return fmt.Errorf("webhooks: %w", probs)
	}
	return nil
}
