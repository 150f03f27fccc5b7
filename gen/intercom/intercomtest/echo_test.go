package intercomtest

import (
	"reflect"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

// TestSynthesizedEchoesPath: a default answer carries the ids its path names, for the resource
// the path ends in and for the resource the answer is, wherever the id sits in the path.
func TestSynthesizedEchoesPath(t *testing.T) {
	t.Parallel()
	client := NewServer(t).Client()
	ctx := t.Context()
	replied, err := client.Conversations.Reply(ctx, "123", &intercom.ReplyConversationRequest{
		AdminReplyConversationRequest: &intercom.AdminReplyConversationRequest{
			MessageType: intercom.AdminReplyConversationRequestMessageTypeComment, Type: "admin",
			AdminID: "991", Body: intercom.String("On it"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	closed, err := client.Conversations.Manage(ctx, "456", &intercom.ConversationsManageRequest{
		CloseConversationRequest: &intercom.CloseConversationRequest{AdminID: "991"},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{replied.ID, replied.Type, closed.ID, closed.Type}
	if want := []string{"123", "conversation", "456", "conversation"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ids and types %q, want %q (the request's type, admin, is not echoed)", got, want)
	}
}

// TestSynthesizedEchoesBody: a default answer repeats what a create or update sent, where the
// answer has the property: plain values, Opt values, custom attributes.
func TestSynthesizedEchoesBody(t *testing.T) {
	t.Parallel()
	client := NewServer(t).Client()
	ctx := t.Context()
	var attrs intercom.CustomAttributes
	attrs.SetString("plan", "pro")
	attrs.SetBool("trial", true)
	company, err := client.Companies.CreateOrUpdate(ctx, &intercom.CreateOrUpdateCompanyRequest{
		CompanyID: intercom.String("c1"), Name: intercom.String("Jane Inc"), MonthlySpend: intercom.Int64(7), CustomAttributes: attrs,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := []any{company.CompanyID, company.Name, company.MonthlySpend, company.CustomAttributes}
	if want := []any{"c1", "Jane Inc", int64(7), attrs}; !reflect.DeepEqual(got, want) {
		t.Errorf("company %#v, want %#v", got, want)
	}
	collection, err := client.HelpCenter.UpdateCollection(ctx, "7", &intercom.UpdateCollectionRequest{
		Name: intercom.String("Guides"), Description: intercom.String("How to"),
	})
	if err != nil {
		t.Fatal(err)
	}
	got = []any{collection.ID, collection.Name, collection.Description}
	if want := []any{"7", "Guides", "How to"}; !reflect.DeepEqual(got, want) {
		t.Errorf("updated collection %#v, want %#v", got, want)
	}
	created, err := client.Contacts.Create(ctx, &intercom.CreateContactRequest{
		Email: intercom.String("jane@example.com"), ExternalID: intercom.String("u-1"), CustomAttributes: attrs,
	})
	if err != nil {
		t.Fatal(err)
	}
	got = []any{created.Email, created.ExternalID, created.CustomAttributes}
	if want := []any{"jane@example.com", "u-1", attrs}; !reflect.DeepEqual(got, want) {
		t.Errorf("created contact %#v, want %#v", got, want)
	}
}
