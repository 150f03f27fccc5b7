package emit

import (
	"fmt"

	"github.com/dave/jennifer/jen"
)

// webhooks writes the topic constants, the item models by item type, and a typed handler
// registration per topic whose item has a model.
func (e *emitter) webhooks(f *jen.File) {
	var consts []jen.Code
	for _, w := range e.api.Webhooks {
		text := fmt.Sprintf("%s is the topic %q.", w.Const, w.Topic)
		if w.Doc != "" {
			text = fmt.Sprintf("%s is the topic %q: %s", w.Const, w.Topic, w.Doc)
		}
		consts = append(consts, comment(text), jen.Id(w.Const).Id("Topic").Op("=").Lit(w.Topic))
	}
	f.Const().Defs(consts...)

	var cases []jen.Code
	for _, it := range e.api.Items {
		cases = append(cases, jen.Case(jen.Lit(it.Type)).Block(jen.Return(jen.New(e.ref(it.Ref)))))
	}
	f.Comment("newWebhookItem returns a new value of the model that a notification item of type itemType")
	f.Comment("decodes into, or nil for an item type without a model.")
	f.Func().Id("newWebhookItem").Params(jen.Id("itemType").String()).Any().Block(
		jen.Switch(jen.Id("itemType")).Block(cases...),
		jen.Return(jen.Nil()),
	)

	for _, w := range e.api.Webhooks {
		if w.Handler == "" {
			continue
		}
		item := e.ref(*w.Item)
		f.Add(comment(fmt.Sprintf("%s registers h for %q notifications; h receives their item as *%s.", w.Handler, w.Topic, w.Item.Name)))
		f.Func().Params(jen.Id("r").Op("*").Id("WebhookRouter")).Id(w.Handler).Params(
			jen.Id("h").Func().Params(jen.Qual("context", "Context"), jen.Op("*").Id("Notification"), jen.Op("*").Add(item)).Error(),
		).Block(jen.Id("onItem").Call(jen.Id("r"), jen.Id(w.Const), jen.Id("h")))
	}
}
