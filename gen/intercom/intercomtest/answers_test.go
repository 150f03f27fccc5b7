package intercomtest

import (
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"slices"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

// TestRespond: a registered answer reaches the client; several are given in turn, the last one
// to every further request; other operations keep their default answers.
func TestRespond(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	srv.Respond("GET /companies/{id}", 200, `{"type": "company", "id": "1", "name": "First"}`)
	srv.Respond("GET /companies/{id}", 200, []byte(`{"type": "company", "id": "2", "name": "Second", "size": 3}`))
	srv.Respond("GET /companies/{id}", 200, &intercom.Company{Type: "company", ID: "3", Name: "Third"})
	var got []string
	for range 4 {
		c, err := client.Companies.Get(ctx, "x")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, c.ID+" "+c.Name)
	}
	if want := []string{"1 First", "2 Second", "3 Third", "3 Third"}; !slices.Equal(got, want) {
		t.Errorf("answers %q, want %q", got, want)
	}
	if c, err := client.HelpCenter.UpdateCollection(ctx, "x", &intercom.UpdateCollectionRequest{}); err != nil || c.ID != "x" {
		t.Errorf("another operation: %v, %v", c, err)
	}
	// An operation without a result answers with its status and no body.
	srv.Respond("DELETE /tags/{id}", 204, nil)
	if err := client.Tags.Delete(ctx, "x"); err != nil {
		t.Error(err)
	}
}

// TestRespondError: a registered error reaches the client as Intercom's would.
func TestRespondError(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	srv.RespondError("POST /contacts", 409, "conflict", "A contact matching those details already exists with id=1")
	_, err := srv.Client().Contacts.Create(t.Context(), &intercom.CreateContactRequest{Email: intercom.Some("jane@example.com")})
	var apiErr *intercom.APIError
	if !errors.Is(err, intercom.ErrConflict) || !errors.As(err, &apiErr) || apiErr.Errors[0].Code != "conflict" || apiErr.Type != "error.list" {
		t.Errorf("error %v", err)
	}
	// The request was accepted and recorded all the same.
	if r := srv.Last("POST /contacts"); r == nil {
		t.Error("no request recorded")
	}
	// An error given through Respond must be Intercom's error list.
	srv.Respond("GET /companies/{id}", 404, `{"type": "error.list", "request_id": "r1", "errors": [{"code": "not_found", "message": "Company Not Found"}]}`)
	if _, err := srv.Client().Companies.Get(t.Context(), "x"); !errors.Is(err, intercom.ErrNotFound) {
		t.Errorf("error %v", err)
	}
}

// TestRespondRaw: an answer registered raw is sent as it is, unchecked, headers included.
func TestRespondRaw(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	srv.RespondRaw("GET /companies/{id}", 200, http.Header{"X-Ratelimit-Remaining": {"7"}},
		[]byte(`{"type": "company", "id": "1", "brand_new_property": true, "plan": "pro"}`))
	var resp *intercom.Response
	c, err := srv.Client().Companies.Get(t.Context(), "1", intercom.WithResponse(&resp))
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "1" || len(intercom.DecodeIssues(c)) != 1 || resp.RateLimit.Remaining != 7 {
		t.Errorf("company %+v, issues %v, response %+v", c, intercom.DecodeIssues(c), resp)
	}
}

// TestRespondChecks: an answer the operation cannot give fails the test where it is registered,
// and is not registered: the request gets the default answer.
func TestRespondChecks(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, route string
		status      int
		body        any
		want        string
	}{
		{"unknown field", "GET /contacts/{id}", 200, `{"type": "contact", "emial": "jane@example.com"}`,
			`intercomtest: Respond("GET /contacts/{id}", 200): body: unknown field "emial"`},
		{"nested unknown field", "GET /contacts/{id}", 200, `{"location": {"citty": "Dublin"}}`,
			`intercomtest: Respond("GET /contacts/{id}", 200): body.location: unknown field "citty"`},
		{"wrong type", "GET /contacts/{id}", 200, `{"id": 1, "created_at": "2024-05-29T12:00:00Z", "has_hard_bounced": "no"}`,
			`intercomtest: Respond("GET /contacts/{id}", 200): body.created_at: want a Unix timestamp (an integer), got string "2024-05-29T12:00:00Z"; ` +
				`body.has_hard_bounced: want true or false, got string "no"; body.id: want a string, got number 1`},
		{"unknown enum value", "GET /conversations/{id}", 200, `{"type": "conversation", "state": "archived"}`,
			`intercomtest: Respond("GET /conversations/{id}", 200): body.state: "archived" is not a value of intercom.ConversationState (want one of "open", "closed", "snoozed")`},
		{"other constant", "GET /articles/{id}", 200, `{"type": "ticket"}`,
			`intercomtest: Respond("GET /articles/{id}", 200): body.type: is "ticket", must be "article"`},
		{"not in its format", "GET /news/news_items/{id}", 200, `{"type": "news-item", "cover_image_url": "http://exa mple.com/%zz"}`,
			`intercomtest: Respond("GET /news/news_items/{id}", 200): body.cover_image_url: "http://exa mple.com/%zz" is not a valid uri`},
		{"not an object", "GET /companies/{id}", 200, `[]`,
			`intercomtest: Respond("GET /companies/{id}", 200): body: want an object (intercom.Company), got array []`},
		{"not JSON", "GET /contacts/{id}", 200, `{"type": contact}`,
			`intercomtest: Respond("GET /contacts/{id}", 200): body: not JSON: invalid character 'c' looking for beginning of value`},
		// A company encodes every property it declares (a decoded answer loses none on the
		// way back): those a contact does not have are all reported.
		{"Go value of another type", "GET /contacts/{id}", 200, &intercom.Company{Type: "company", CompanyID: "c1"},
			`intercomtest: Respond("GET /contacts/{id}", 200): body: unknown field "app_id"; body: unknown field "company_id"; ` +
				`body: unknown field "industry"; body: unknown field "last_request_at"; body: unknown field "monthly_spend"; ` +
				`body: unknown field "plan"; body: unknown field "remote_created_at"; body: unknown field "segments"; ` +
				`body: unknown field "session_count"; body: unknown field "size"; body: unknown field "user_count"; body: unknown field "website"`},
		{"no body", "GET /companies/{id}", 200, nil,
			`intercomtest: Respond("GET /companies/{id}", 200): body: missing: GET /companies/{id} answers with intercom.Company`},
		{"a body where none is", "DELETE /tags/{id}", 200, `{}`,
			`intercomtest: Respond("DELETE /tags/{id}", 200): body: DELETE /tags/{id} answers without a body`},
		{"error without an error list", "GET /contacts/{id}", 404, `{"message": "not found"}`,
			`intercomtest: Respond("GET /contacts/{id}", 404): body: unknown field "message"; body: missing required field "errors"; ` +
				`body: missing required field "type" (an error answer is Intercom's error list: use RespondError)`},
		{"error list of no error", "GET /contacts/{id}", 404, `{"type": "error.list", "errors": []}`,
			`intercomtest: Respond("GET /contacts/{id}", 404): body: an error list has "type": "error.list" and at least one error (use RespondError)`},
		{"redirect", "GET /contacts/{id}", 302, nil,
			`intercomtest: Respond("GET /contacts/{id}", 302): status 302: the fake answers 2xx with the operation's result, or an error (4xx, 5xx)`},
		{"unknown route", "GET /contact/{id}", 200, `{}`,
			`intercomtest: Respond: the API has no operation "GET /contact/{id}" (name one as "GET /contacts/{id}")`},
		{"unencodable", "GET /contacts/{id}", 200, func() {},
			`intercomtest: Respond("GET /contacts/{id}", 200): body: json: unsupported type: func()`},
	} {
		c.want = apiNames(c.want)
		t.Run(c.name, func(t *testing.T) {
			srv, ft := newFake(t)
			srv.Respond(c.route, c.status, c.body)
			if got := ft.failures(); !slices.Equal(got, []string{c.want}) {
				t.Errorf("failures:\n got %q\nwant %q", got, c.want)
			}
			if len(srv.answers) != 0 {
				t.Errorf("registered %v", srv.answers)
			}
		})
	}

	srv, ft := newFake(t)
	srv.RespondError("GET /contacts/{id}", 200, "ok", "not an error")
	srv.RespondRaw("GET /contacts/{id}", 99, nil, nil)
	srv.RespondRaw("GET /contacts/{contactId}/nope", 200, nil, nil)
	want := []string{
		`intercomtest: RespondError("GET /contacts/{id}", 200): the status of an error is 4xx or 5xx`,
		`intercomtest: RespondRaw("GET /contacts/{id}", 99): the status of an answer is 2xx to 5xx`,
		`intercomtest: RespondRaw: the API has no operation "GET /contacts/{contactId}/nope" (name one as "GET /contacts/{id}")`,
	}
	if got := ft.failures(); !slices.Equal(got, want) {
		t.Errorf("failures:\n got %q\nwant %q", got, want)
	}
}

// TestRespondAcceptsTheSynthesized: what the fake synthesizes for an operation, it also accepts
// as a registered answer, for every operation.
func TestRespondAcceptsTheSynthesized(t *testing.T) {
	srv, ft := newFake(t)
	for i := range routes {
		r := &routes[i]
		if r.result == nil {
			continue
		}
		body := synthesize(r, &Request{PathParams: map[string]string{}})
		srv.Respond(r.key(), r.status, json.RawMessage(body))
	}
	if got := ft.failures(); len(got) > 0 {
		t.Errorf("failures: %q", got)
	}
}

// TestRouteNamesItsParametersAnyWay: versions of the API name the path parameters of one path
// differently (/companies/{id}, /companies/{company_id}); a test names a route either way, and
// reads the parameters of its requests under the names it used.
func TestRouteNamesItsParametersAnyWay(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	srv.Respond("GET /companies/{company}", 200, `{"type": "company", "id": "1", "name": "First"}`)
	srv.Respond("GET /companies/{x}", 200, `{"type": "company", "id": "2", "name": "Second"}`)
	client := srv.Client()
	var got []string
	for _, id := range []string{"a/b", "c"} {
		co, err := client.Companies.Get(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, co.Name)
	}
	if want := []string{"First", "Second"}; !slices.Equal(got, want) {
		t.Errorf("answers %q, want %q: one route, whatever its parameter is called", got, want)
	}
	last := srv.Last("GET /companies/{company}")
	if want := map[string]string{"company": "c"}; !maps.Equal(last.PathParams, want) || last.Route != srv.Requests()[1].Route {
		t.Errorf("Last: route %s, path parameters %v; want %v", last.Route, last.PathParams, want)
	}
	srv.Inject("DELETE /companies/{company}", 1, Fault{Status: 503})
	srv.Inject("DELETE /companies/{company}", 1, Fault{Status: 503})
	srv.Inject("DELETE /companies/{company}", 1, Fault{Status: 503})
	_, err := client.Companies.Delete(t.Context(), "c")
	wantStatus(t, err, 503)
}
