package intercom_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

// A client for a workspace hosted in Europe; WithBaseURL instead sends to a proxy or, as
// here and in the other examples, to the fake Intercom of package intercomtest. Asking for
// both, or for a region the API does not have, is an error rather than a silent choice.
func ExampleNewClient() {
	eu, err := intercom.NewClient(intercom.WithToken("tok"), intercom.WithRegion(intercom.RegionEU)) // api.eu.intercom.io
	fmt.Println(eu != nil, err)
	fmt.Println(intercom.Regions())

	fake := intercomtest.Start()
	defer fake.Close()
	client, err := intercom.NewClient(intercom.WithToken("tok"), intercom.WithBaseURL(fake.URL()),
		intercom.WithMaxRetries(5), intercom.WithTimeout(10*time.Second))
	if err != nil {
		log.Fatal(err)
	}
	contact, err := client.Contacts.Get(context.Background(), "42")
	fmt.Println(contact.ID, err)

	_, err = intercom.NewClient(intercom.WithToken("tok"), intercom.WithRegion(intercom.RegionEU), intercom.WithBaseURL(fake.URL()))
	fmt.Println(err != nil)
	_, err = intercom.NewClient(intercom.WithToken("tok"), intercom.WithRegion("mars"))
	fmt.Println(err)
	// Output:
	// true <nil>
	// [us eu au]
	// 42 <nil>
	// true
	// intercom: WithRegion: unknown region "mars" (known: [us eu au])
}

// Get a contact by its id.
func ExampleContactsService_Get() {
	fake := intercomtest.Start()
	defer fake.Close()
	fake.Respond("GET /contacts/{id}", 200, `{"type": "contact", "id": "6657add46abd0167d9419cd2",
		"email": "jane@example.com", "created_at": 1717171717, "custom_attributes": {"plan": "pro"}}`)
	client := fake.Client()

	contact, err := client.Contacts.Get(context.Background(), "6657add46abd0167d9419cd2")
	if err != nil {
		log.Fatal(err)
	}
	plan, err := contact.CustomAttributes.String("plan")
	fmt.Println(contact.Email, contact.CreatedAt, plan, err)
	// Output: jane@example.com 2024-05-31T16:08:37Z pro <nil>
}

// Create a contact with custom attributes, then change them. Optional fields are Opt values,
// set with String, Int64, Bool, Float64 or Time; the fake answers with what was sent.
func ExampleContactsService_Create() {
	fake := intercomtest.Start()
	defer fake.Close()
	client, ctx := fake.Client(), context.Background()

	var attrs intercom.CustomAttributes // values of any JSON kind, kept exactly
	attrs.SetString("plan", "pro")
	attrs.SetInt64("seats", 5)
	contact, err := client.Contacts.Create(ctx, &intercom.CreateContactRequest{
		Email:            intercom.String("jane@example.com"),
		SignedUpAt:       intercom.Time(time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC)),
		CustomAttributes: attrs,
	})
	if err != nil {
		log.Fatal(err)
	}
	seats, err := contact.CustomAttributes.Int64("seats") // an error if missing or not a number
	fmt.Println(contact.Email, contact.SignedUpAt, seats, err)

	update := &intercom.UpdateContactRequest{Name: intercom.String("Jane Doe")}
	update.CustomAttributes.SetString("plan", "enterprise")
	fmt.Printf("%v %v\n", update.Name, update.Phone) // an Opt prints its value, null or <absent>
	contact, err = client.Contacts.Update(ctx, contact.ID, update)
	if err != nil {
		log.Fatal(err)
	}
	plan, _ := contact.CustomAttributes.String("plan")
	fmt.Println(contact.Name, plan)
	fmt.Println(string(fake.Last("PUT /contacts/{id}").RawBody))
	// Output:
	// jane@example.com 2025-01-02T09:00:00Z 5 <nil>
	// Jane Doe <absent>
	// Jane Doe enterprise
	// {"name":"Jane Doe","custom_attributes":{"plan":"enterprise"}}
}

// Reply to a conversation as an admin, then close it.
func ExampleConversationsService_Reply() {
	fake := intercomtest.Start()
	defer fake.Close()
	client, ctx := fake.Client(), context.Background()

	conv, err := client.Conversations.Reply(ctx, "1911149811", &intercom.ReplyConversationRequest{
		AdminReplyConversationRequest: &intercom.AdminReplyConversationRequest{
			MessageType: intercom.AdminReplyConversationRequestMessageTypeComment,
			Type:        "admin",
			AdminID:     "991267",
			Body:        intercom.String("Thanks, that is fixed now."),
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("replied to", conv.ID)

	conv, err = client.Conversations.Manage(ctx, conv.ID, &intercom.ConversationsManageRequest{
		CloseConversationRequest: &intercom.CloseConversationRequest{AdminID: "991267", Body: intercom.String("Closing.")},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("closed", conv.ID)
	// The request states the constants (message_type, type) by itself.
	fmt.Println(string(fake.Last("POST /conversations/{id}/parts").RawBody))
	// Output:
	// replied to 1911149811
	// closed 1911149811
	// {"message_type":"close","type":"admin","admin_id":"991267","body":"Closing."}
}

// Errors: errors.Is tells the kind of failure, errors.As gives Intercom's details.
func ExampleAPIError() {
	fake := intercomtest.Start()
	defer fake.Close()
	fake.RespondError("GET /contacts/{id}", 404, "not_found", "User Not Found")
	client := fake.Client()

	_, err := client.Contacts.Get(context.Background(), "missing")
	fmt.Println(errors.Is(err, intercom.ErrNotFound))
	var apiErr *intercom.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Errors[0].Code, apiErr.Errors[0].Message, apiErr.Attempts)
	}
	// Output:
	// true
	// 404 not_found User Not Found 1
}

// Per-call options, and the raw answer beside the typed result: status, headers, rate limit.
func ExampleWithResponse() {
	fake := intercomtest.Start()
	defer fake.Close()
	fake.RespondRaw("GET /contacts/{id}", 200, http.Header{
		"X-Ratelimit-Limit": {"1000"}, "X-Ratelimit-Remaining": {"999"}, "X-Ratelimit-Reset": {"1735787045"},
	}, []byte(`{"type": "contact", "id": "1", "email": "jane@example.com"}`))
	client := fake.Client()

	var resp *intercom.Response
	contact, err := client.Contacts.Get(context.Background(), "1", intercom.WithTimeout(5*time.Second),
		intercom.WithHeader("X-Trace", "trace-1"), intercom.WithResponse(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(contact.Email, resp.StatusCode, resp.Attempts)
	fmt.Println(resp.RateLimit.Remaining, "of", resp.RateLimit.Limit, "until", resp.RateLimit.Reset.UTC())
	fmt.Println(fake.Last("GET /contacts/{id}").Header.Get("X-Trace"))
	// Output:
	// jane@example.com 200 1
	// 999 of 1000 until 2025-01-02 03:04:05 +0000 UTC
	// trace-1
}

// A webhook endpoint: the router checks each notification's signature and calls the handler
// of its topic with the decoded item.
func ExampleNewWebhookRouter() {
	const secret = "cs_example" // the app's client secret
	router := intercom.NewWebhookRouter(secret)
	router.OnConversationUserReplied(func(ctx context.Context, n *intercom.Notification, c *intercom.Conversation) error {
		fmt.Println(n.Topic, c.ID)
		return nil
	})
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/intercom", router)

	// In a test, intercomtest delivers notifications signed as Intercom does.
	body := intercomtest.Notification{
		Topic: intercom.TopicConversationUserReplied,
		Item:  &intercom.Conversation{Type: "conversation", ID: "1911149811"},
	}.JSON()
	fmt.Println(intercomtest.SendTo(mux, secret, "/webhooks/intercom", body).Status)
	fmt.Println(intercomtest.SendTo(mux, "cs_wrong", "/webhooks/intercom", body).Status)
	// Output:
	// conversation.user.replied 1911149811
	// 200 OK
	// 401 Unauthorized
}
