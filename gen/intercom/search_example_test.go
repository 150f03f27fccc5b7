package intercom_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

// exampleT stands in for the test that intercomtest.NewServer takes, since an example has none:
// it prints what the fake would fail the test with, and runs the cleanups at done.
type exampleT struct {
	testing.TB
	cleanups []func()
}

func (t *exampleT) Helper()          {}
func (t *exampleT) Cleanup(f func()) { t.cleanups = append(t.cleanups, f) }
func (t *exampleT) Errorf(format string, args ...any) {
	fmt.Printf("test failed: "+format+"\n", args...)
}
func (t *exampleT) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (t *exampleT) FailNow()                          { panic("FailNow") }

func (t *exampleT) done() {
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
}

// A query reads as it is meant: the builder makes the query of the search requests, which
// encodes as Intercom's.
func ExampleAnd() {
	q := intercom.And(
		intercom.Field(intercom.ConversationFieldState).Eq("open"),
		intercom.Or(
			intercom.Field(intercom.ConversationFieldSourceAuthorEmail).EndsWith("@example.com"),
			intercom.Field(intercom.ConversationFieldTeamAssigneeID).In(1, 2),
		),
	)
	data, _ := json.Marshal(&intercom.SearchRequest{Query: q})
	fmt.Println(string(data))
	// Output:
	// {"query":{"operator":"AND","value":[{"field":"state","operator":"=","value":"open"},{"operator":"OR","value":[{"field":"source.author.email","operator":"$","value":"@example.com"},{"field":"team_assignee_id","operator":"IN","value":[1,2]}]}]}}
}

// A field is named by one of its endpoint's constants or as Intercom spells it, a custom
// attribute by its name; a time is sent as Unix seconds.
func ExampleField() {
	since := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	q := intercom.And(
		intercom.Field(intercom.ConversationFieldState).Eq("open"),
		intercom.Field("created_at").After(since),
		intercom.CustomAttribute("plan").In("pro", "team"),
	)
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false) // encoding/json writes > as \u003e by default, as valid
	enc.Encode(q)
	fmt.Println(intercom.ValidateSearch[intercom.ConversationField](&intercom.SearchRequest{Query: q}))
	// Output:
	// {"operator":"AND","value":[{"field":"state","operator":"=","value":"open"},{"field":"created_at","operator":">","value":1714521600},{"field":"custom_attributes.plan","operator":"IN","value":["pro","team"]}]}
	// <nil>
}

// A query Intercom would reject is refused before it is sent, with the place in the query: the
// search methods check it with ValidateSearch, against the fields of their endpoint.
func ExampleValidateSearch() {
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	q := intercom.And(
		intercom.Field(intercom.ContactFieldRole).Eq("user"),
		intercom.Or(
			intercom.Field(intercom.ContactFieldLastSeenAt).Gt(day.UnixMilli()), // milliseconds
			intercom.Field(intercom.ContactFieldSignedUpAt).Gte(day),            // dates take =, <, >
		),
	)
	err := intercom.ValidateSearch[intercom.ContactField](&intercom.SearchRequest{Query: q})
	fmt.Println(err)
	// Output:
	// intercom: invalid SearchRequest: query.value[1].value[0].value is 1714521600000, a date in milliseconds? last_seen_at takes Unix seconds
}

// A request union takes exactly one variant.
func ExampleValidationError_union() {
	t := &exampleT{}
	defer t.done()
	client := intercomtest.NewServer(t).Client()

	_, err := client.Conversations.Reply(context.Background(), "1911149811", &intercom.ReplyConversationRequest{})
	var ve *intercom.ValidationError
	fmt.Println(errors.As(err, &ve), err)
	// Output:
	// true intercom: invalid ReplyConversationRequest: sets no variant; ReplyConversationRequest takes one of ContactReplyConversationRequest, AdminReplyConversationRequest
}

func ExampleContactsService_FindByEmail() {
	t := &exampleT{}
	defer t.done()
	srv := intercomtest.NewServer(t)
	srv.Respond("POST /contacts/search", 200, `{"type": "list", "total_count": 1,
		"data": [{"type": "contact", "id": "6657add46abd0167d9419cd2", "email": "jane@example.com"}]}`)
	client := srv.Client()

	c, err := client.Contacts.FindByEmail(context.Background(), "jane@example.com")
	switch {
	case errors.Is(err, intercom.ErrNotFound): // a *NotFoundError
		fmt.Println("no such contact")
	case err != nil: // an *AmbiguousError when several have the email
		fmt.Println(err)
	default:
		fmt.Println(c.ID)
	}
	// Output:
	// 6657add46abd0167d9419cd2
}

// An upsert that meets a contact created since its search, here in the stateful fake of
// intercomtest: the search does not see it yet, the create answers 409 naming the contact,
// which is then updated.
func ExampleContactsService_Upsert() {
	t := &exampleT{}
	defer t.done()
	srv := intercomtest.NewServer(t, intercomtest.WithState(1))
	srv.Seed("contacts", `{"type": "contact", "id": "6657add46abd0167d9419cd2", "role": "user", "external_id": "u-42"}`)
	srv.Respond("POST /contacts/search", 200, `{"type": "list", "total_count": 0, "data": []}`)
	srv.RespondError("POST /contacts", 409, "conflict", "A contact matching those details already exists with id=6657add46abd0167d9419cd2")
	client := srv.Client()

	c, created, err := client.Contacts.Upsert(context.Background(), &intercom.CreateContactRequest{
		ExternalID: intercom.Some("u-42"),
		Name:       intercom.Some("Jane"),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.ID, c.Name, created)
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path)
	}
	// Output:
	// 6657add46abd0167d9419cd2 Jane false
	// POST /contacts/search
	// POST /contacts
	// PUT /contacts/6657add46abd0167d9419cd2
}
