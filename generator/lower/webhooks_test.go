package lower

import (
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/webhooks"
)

func tinyWebhooks(t *testing.T, src string) *webhooks.Data {
	t.Helper()
	d, err := webhooks.Parse("hooks.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestWebhooks(t *testing.T) {
	api, _ := lowerFile(t, "../testdata/tiny/openapi.yaml")
	d := tinyWebhooks(t, `items:
  pet: pet
  owner: owner
topics:
  - {topic: pet.created, item: pet, description: "a **pet** was added."}
  - {topic: pet_kind.added}
  - {topic: owner.updated, item: owner}
`)
	if err := Webhooks(api, d); err != nil {
		t.Fatal(err)
	}
	// Items are sorted by type; topics keep the file's order.
	if len(api.Items) != 2 || api.Items[0].Type != "owner" || api.Items[0].Ref.Name != "Owner" ||
		api.Items[1].Type != "pet" || api.Items[1].Ref.Name != "Pet" || api.Items[1].Ref.Kind != ir.Named {
		t.Errorf("items %+v", api.Items)
	}
	want := []ir.WebhookTopic{
		{Const: "TopicPetCreated", Topic: "pet.created", Handler: "OnPetCreated", Item: &ir.Ref{Kind: ir.Named, Name: "Pet"}, Doc: "a pet was added."},
		{Const: "TopicPetKindAdded", Topic: "pet_kind.added"},
		{Const: "TopicOwnerUpdated", Topic: "owner.updated", Handler: "OnOwnerUpdated", Item: &ir.Ref{Kind: ir.Named, Name: "Owner"}},
	}
	if len(api.Webhooks) != len(want) {
		t.Fatalf("%d topics, want %d", len(api.Webhooks), len(want))
	}
	for i, w := range want {
		got := api.Webhooks[i]
		if got.Const != w.Const || got.Topic != w.Topic || got.Handler != w.Handler || got.Doc != w.Doc ||
			(got.Item == nil) != (w.Item == nil) || (got.Item != nil && (got.Item.Name != w.Item.Name || got.Item.Kind != w.Item.Kind)) {
			t.Errorf("topic %d = %+v, want %+v", i, got, w)
		}
	}
}

// TestWebhooksProblems checks that lowering reports every problem of the file, with its line.
func TestWebhooksProblems(t *testing.T) {
	api, _ := lowerFile(t, "../testdata/tiny/openapi.yaml")
	d := tinyWebhooks(t, `items:
  pet: pet
  dog: dog
  shop: shop
topics:
  - {topic: pet.created, item: pet}
  - {topic: pet_created}
  - {topic: dog.created, item: dog}
`)
	err := Webhooks(api, d)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`hooks.yaml:3: item type "dog" maps to schema "dog", which the description does not define`,
		`hooks.yaml:4: item type "shop" maps to schema "shop", which the description does not define`,
		"hooks.yaml:7: topic pet_created makes the Go name TopicPetCreated, which is taken",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing problem %q in:\n%v", want, err)
		}
	}
}

func TestWebhooksReservedName(t *testing.T) {
	api, _ := lowerFile(t, "../testdata/tiny/openapi.yaml")
	// A topic constant may not take the name of a type of the description.
	api.Types = append(api.Types, &ir.Type{Name: "TopicPetCreated", Pointer: "#/components/schemas/topic_pet_created"})
	err := Webhooks(api, tinyWebhooks(t, "topics:\n  - {topic: pet.created}\n"))
	if err == nil || !strings.Contains(err.Error(), "hooks.yaml:2: topic pet.created makes the Go name TopicPetCreated, which is taken") {
		t.Errorf("err = %v", err)
	}
}
