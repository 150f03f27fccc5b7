package intercom_test

import (
	"context"
	"encoding/json"
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
	company, err := client.Companies.Get(context.Background(), "42")
	fmt.Println(company.ID, err)

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

// Get a company by its id.
func ExampleCompaniesService_Get() {
	fake := intercomtest.Start()
	defer fake.Close()
	fake.Respond("GET /companies/{id}", 200, `{"type": "company", "id": "6657add46abd0167d9419cd2",
		"name": "Acme", "created_at": 1717171717, "custom_attributes": {"plan": "pro"}}`)
	client := fake.Client()

	company, err := client.Companies.Get(context.Background(), "6657add46abd0167d9419cd2")
	if err != nil {
		log.Fatal(err)
	}
	plan, err := company.CustomAttributes.String("plan")
	fmt.Println(company.Name, company.CreatedAt, plan, err)
	// Output: Acme 2024-05-31T16:08:37Z pro <nil>
}

// Create a company with custom attributes, then change them (the company_id says which
// company). Optional fields are Opt values, set with String, Int64, Bool, Float64 or Time; the
// fake answers with what was sent.
func ExampleCompaniesService_CreateOrUpdate() {
	fake := intercomtest.Start()
	defer fake.Close()
	client, ctx := fake.Client(), context.Background()

	var attrs intercom.CustomAttributes // values of any JSON kind, kept exactly
	attrs.SetString("plan", "pro")
	attrs.SetInt64("seats", 5)
	company, err := client.Companies.CreateOrUpdate(ctx, &intercom.CreateOrUpdateCompanyRequest{
		CompanyID:        intercom.String("acme"),
		Name:             intercom.String("Acme"),
		RemoteCreatedAt:  intercom.Time(time.Date(2025, 1, 2, 9, 0, 0, 0, time.UTC)),
		CustomAttributes: attrs,
	})
	if err != nil {
		log.Fatal(err)
	}
	seats, err := company.CustomAttributes.Int64("seats") // an error if missing or not a number
	fmt.Println(company.Name, company.RemoteCreatedAt, seats, err)

	update := &intercom.CreateOrUpdateCompanyRequest{CompanyID: intercom.String("acme"), Name: intercom.String("Acme Corp")}
	update.CustomAttributes.SetString("plan", "enterprise")
	fmt.Printf("%v %v\n", update.Name, update.Website) // an Opt prints its value, null or <absent>
	company, err = client.Companies.CreateOrUpdate(ctx, update)
	if err != nil {
		log.Fatal(err)
	}
	plan, _ := company.CustomAttributes.String("plan")
	fmt.Println(company.Name, plan)
	var sent map[string]any // what went on the wire: the fields set, and only them
	if err := json.Unmarshal(fake.Last("POST /companies").RawBody, &sent); err != nil {
		log.Fatal(err)
	}
	fmt.Println(sent)
	// Output:
	// Acme 2025-01-02T09:00:00Z 5 <nil>
	// Acme Corp <absent>
	// Acme Corp enterprise
	// map[company_id:acme custom_attributes:map[plan:enterprise] name:Acme Corp]
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
	fake.RespondError("GET /companies/{id}", 404, "not_found", "Company Not Found")
	client := fake.Client()

	_, err := client.Companies.Get(context.Background(), "missing")
	fmt.Println(errors.Is(err, intercom.ErrNotFound))
	var apiErr *intercom.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Errors[0].Code, apiErr.Errors[0].Message, apiErr.Attempts)
	}
	// Output:
	// true
	// 404 not_found Company Not Found 1
}

// Per-call options, and the raw answer beside the typed result: status, headers, rate limit.
func ExampleWithResponse() {
	fake := intercomtest.Start()
	defer fake.Close()
	fake.RespondRaw("GET /companies/{id}", 200, http.Header{
		"X-Ratelimit-Limit": {"1000"}, "X-Ratelimit-Remaining": {"999"}, "X-Ratelimit-Reset": {"1735787045"},
	}, []byte(`{"type": "company", "id": "1", "name": "Acme"}`))
	client := fake.Client()

	var resp *intercom.Response
	company, err := client.Companies.Get(context.Background(), "1", intercom.WithTimeout(5*time.Second),
		intercom.WithHeader("X-Trace", "trace-1"), intercom.WithResponse(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(company.Name, resp.StatusCode, resp.Attempts)
	fmt.Println(resp.RateLimit.Remaining, "of", resp.RateLimit.Limit, "until", resp.RateLimit.Reset.UTC())
	fmt.Println(fake.Last("GET /companies/{id}").Header.Get("X-Trace"))
	// Output:
	// Acme 200 1
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

// The tag topics of contacts carry the tag and the contact it was applied to, typed.
func ExampleWebhookRouter_OnContactUserTagCreated() {
	const secret = "cs_example"
	router := intercom.NewWebhookRouter(secret)
	router.OnContactUserTagCreated(func(ctx context.Context, n *intercom.Notification, ct *intercom.ContactTag) error {
		fmt.Printf("%s tagged %q\n", ct.Contact.Email, ct.Tag.Name)
		return nil
	})
	body := intercomtest.Notification{
		Topic: intercom.TopicContactUserTagCreated,
		Item: &intercom.ContactTag{Type: "contact_tag", Tag: &intercom.Tag{Type: "tag", ID: "34", Name: "VIP"},
			Contact: &intercom.Contact{Type: "contact", ID: "c1", Email: "ada@example.com"}},
	}.JSON()
	fmt.Println(intercomtest.Send(router, secret, body).Status)
	// Output:
	// ada@example.com tagged "VIP"
	// 200 OK
}
