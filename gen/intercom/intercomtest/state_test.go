package intercomtest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// collect drains an iterator of items, failing the test on an error.
func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// countRequests returns how many requests of route the fake accepted.
func countRequests(srv *Server, route string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Route == route {
			n++
		}
	}
	return n
}

func contactIDs(cs []intercom.Contact) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// TestStateSync is the sync a user's code does: 500 contacts seeded, all of them listed (in
// pages, with cursors), those updated since T searched (none), some updated, searched again.
func TestStateSync(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(7))
	plans := []string{"free", "pro", "enterprise"}
	for i := range 500 {
		srv.Seed("contacts", map[string]any{
			"role": "user", "email": fmt.Sprintf("c%03d@example.com", i),
			"custom_attributes": map[string]any{"plan": plans[i%3]},
		})
		srv.Advance(time.Minute)
	}
	seeded := RecordsOf[intercom.Contact](srv, "contacts")
	c := srv.Client()
	ctx := t.Context()

	all := collect(t, c.Contacts.ListAll(ctx, &intercom.ContactsListOptions{PerPage: 150}))
	if got, want := contactIDs(all), contactIDs(seeded); !slices.Equal(got, want) {
		t.Fatalf("listed %d contacts, want the %d seeded in order", len(got), len(want))
	}
	if n := countRequests(srv, "GET /contacts"); n != 4 {
		t.Errorf("listing took %d pages, want 4 (150, 150, 150, 50)", n)
	}
	if all[499].Email != "c499@example.com" || string(all[0].CustomAttributes["plan"]) != `"free"` {
		t.Errorf("listed contacts do not hold what was seeded: %+v, %+v", all[0], all[499])
	}

	since := srv.Now()
	srv.Advance(time.Hour)
	query := fmt.Sprintf(`{"field": "updated_at", "operator": ">", "value": %d}`, since.Unix())
	if got := collect(t, searchAll[intercom.Contact](t, ctx, c, "POST /contacts/search", searchBodyOf(query, 50))); len(got) != 0 {
		t.Fatalf("%d contacts updated since T before any update, want 0", len(got))
	}

	var updated []string
	for i := 3; i < 500; i += 71 {
		id := all[i].ID
		got, err := call[intercom.Contact](t, ctx, c, "PUT /contacts/{id}", id, &intercom.UpdateContactRequest{
			Name:             intercom.Some("Updated"),
			CustomAttributes: intercom.CustomAttributes{"score": json.RawMessage(`5`)},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := all[i]
		want.Name = "Updated"
		want.UpdatedAt = intercom.TimestampOf(srv.Now())
		want.CustomAttributes = intercom.CustomAttributes{"plan": json.RawMessage(`"` + plans[i%3] + `"`), "score": json.RawMessage(`5`)}
		if got.Name != want.Name || got.UpdatedAt != want.UpdatedAt || got.Email != want.Email ||
			!maps.EqualFunc(got.CustomAttributes, want.CustomAttributes, func(a, b json.RawMessage) bool { return bytes.Equal(a, b) }) {
			t.Errorf("Update(%s) = %+v, want %+v", id, got, want)
		}
		updated = append(updated, id)
	}
	// Three results a page: the search pages with cursors in the body.
	got := collect(t, searchAll[intercom.Contact](t, ctx, c, "POST /contacts/search", searchBodyOf(query, 3)))
	if !slices.Equal(contactIDs(got), updated) {
		t.Errorf("updated since T = %q, want %q", contactIDs(got), updated)
	}
	if n := countRequests(srv, "POST /contacts/search"); n != 1+3 {
		t.Errorf("the searches took %d pages, want 1 + 3", n)
	}
	for _, ct := range got {
		if ct.Name != "Updated" {
			t.Errorf("found %s with name %q", ct.ID, ct.Name)
		}
	}
}

// TestStateSearch evaluates queries against six contacts: every operator, on text, numbers,
// booleans, dates and custom attributes, and groups nested one and two deep.
func TestStateSearch(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(1))
	day := int64(86400)
	base := srv.Now().Unix()
	srv.Seed("contacts", `[
		{"id": "a", "role": "user", "email": "ada@example.com",  "name": "Ada",  "created_at": `+fmt.Sprint(base)+`,       "custom_attributes": {"plan": "pro",  "seats": 5}},
		{"id": "b", "role": "lead", "email": "bob@example.org",  "name": "Bob",  "created_at": `+fmt.Sprint(base+day)+`,   "custom_attributes": {"plan": "free", "seats": 1}},
		{"id": "c", "role": "user", "email": "cy@example.com",   "name": "Cy",   "created_at": `+fmt.Sprint(base+2*day)+`, "custom_attributes": {"plan": "pro",  "seats": 20}, "unsubscribed_from_emails": true},
		{"id": "d", "role": "user", "email": "dee@test.io",      "name": "Dee",  "created_at": `+fmt.Sprint(base+3*day)+`, "custom_attributes": {"plan": "enterprise", "seats": 100}},
		{"id": "e", "role": "lead", "email": "eve@example.com",  "name": "Eve",  "created_at": `+fmt.Sprint(base+4*day)+`},
		{"id": "f", "role": "user", "email": "fay@example.org",  "name": "Fay",  "created_at": `+fmt.Sprint(base+5*day)+`, "custom_attributes": {"plan": "free", "seats": 2}}
	]`)
	c := srv.Client()
	at := func(d int64) string { return fmt.Sprint(base + d*day) }
	tests := []struct {
		query string
		want  []string
	}{
		{`{"field": "role", "operator": "=", "value": "lead"}`, []string{"b", "e"}},
		{`{"field": "role", "operator": "!=", "value": "lead"}`, []string{"a", "c", "d", "f"}},
		{`{"field": "name", "operator": "IN", "value": ["Ada", "Eve", "Zed"]}`, []string{"a", "e"}},
		{`{"field": "name", "operator": "NIN", "value": ["Ada", "Eve"]}`, []string{"b", "c", "d", "f"}},
		{`{"field": "created_at", "operator": "<", "value": ` + at(2) + `}`, []string{"a", "b"}},
		{`{"field": "created_at", "operator": ">", "value": ` + at(3) + `}`, []string{"e", "f"}},
		{`{"field": "created_at", "operator": "=", "value": ` + at(3) + `}`, []string{"d"}},
		{`{"field": "custom_attributes.seats", "operator": "<=", "value": 2}`, []string{"b", "f"}},
		{`{"field": "custom_attributes.seats", "operator": ">=", "value": 20}`, []string{"c", "d"}},
		{`{"field": "email", "operator": "~", "value": "example"}`, []string{"a", "b", "c", "e", "f"}},
		{`{"field": "email", "operator": "!~", "value": "example"}`, []string{"d"}},
		{`{"field": "email", "operator": "^", "value": "b"}`, []string{"b"}},
		{`{"field": "email", "operator": "$", "value": ".org"}`, []string{"b", "f"}},
		{`{"field": "custom_attributes.plan", "operator": "=", "value": "pro"}`, []string{"a", "c"}},
		{`{"field": "unsubscribed_from_emails", "operator": "=", "value": true}`, []string{"c"}},
		{`{"field": "unsubscribed_from_emails", "operator": "=", "value": false}`, []string{"a", "b", "d", "e", "f"}},
		// One level of nesting.
		{`{"operator": "AND", "value": [
			{"field": "role", "operator": "=", "value": "user"},
			{"field": "email", "operator": "$", "value": ".com"}]}`, []string{"a", "c"}},
		{`{"operator": "OR", "value": [
			{"field": "name", "operator": "=", "value": "Dee"},
			{"field": "custom_attributes.plan", "operator": "=", "value": "free"}]}`, []string{"b", "d", "f"}},
		// Two levels.
		{`{"operator": "OR", "value": [
			{"operator": "AND", "value": [
				{"field": "role", "operator": "=", "value": "lead"},
				{"field": "created_at", "operator": ">", "value": ` + at(2) + `}]},
			{"operator": "AND", "value": [
				{"field": "custom_attributes.plan", "operator": "=", "value": "pro"},
				{"field": "custom_attributes.seats", "operator": ">", "value": 10}]}]}`, []string{"c", "e"}},
		{`{"operator": "AND", "value": [
			{"field": "email", "operator": "~", "value": "example"},
			{"operator": "OR", "value": [
				{"field": "name", "operator": "^", "value": "A"},
				{"field": "name", "operator": "$", "value": "y"}]}]}`, []string{"a", "c", "f"}},
	}
	for _, tt := range tests {
		got := collect(t, searchAll[intercom.Contact](t, t.Context(), c, "POST /contacts/search", searchBodyOf(tt.query, 2)))
		if ids := contactIDs(got); !slices.Equal(ids, tt.want) {
			t.Errorf("%s\nfound %q, want %q", tt.query, ids, tt.want)
		}
	}
}

// TestStateSearchLimits answers 400 to a query past Intercom's limits. The client refuses such a
// query before sending it, so the test sends the body itself, as another client would; the fake
// reports the refusal to its test as well (fakeT keeps it from failing this one).
func TestStateSearchLimits(t *testing.T) {
	t.Parallel()
	srv := NewServer(&fakeT{TB: t}, WithState(1))
	srv.Seed("contacts", `{"email": "a@example.com"}`)
	leaf := `{"field": "email", "operator": "=", "value": "x"}`
	many := leaf
	for range 15 { // Intercom takes at most 15 filters in a group
		many += "," + leaf
	}
	tests := []string{
		`{"operator": "AND", "value": [{"operator": "OR", "value": [{"operator": "AND", "value": [` + leaf + `]}]}]}`,
		`{"operator": "OR", "value": [` + many + `]}`,
	}
	for _, query := range tests {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL()+"/contacts/search",
			strings.NewReader(`{"query": `+query+`}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+testToken)
		req.Header.Set("Intercom-Version", intercom.APIVersion)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e struct {
			Type   string `json:"type"`
			Errors []struct{ Code, Message string }
		}
		if resp.StatusCode != http.StatusBadRequest || json.Unmarshal(body, &e) != nil || e.Type != "error.list" || len(e.Errors) != 1 {
			t.Errorf("%s: answered %d %s, want a 400 in Intercom's error shape", query, resp.StatusCode, body)
		}
	}
}

// decodeInto decodes JSON into a new T, for the request types that are unions.
func decodeInto[T any](t *testing.T, text string) *T {
	t.Helper()
	v := new(T)
	if err := json.Unmarshal([]byte(text), v); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return v
}

// wantStatus fails the test unless err is an *APIError of status.
func wantStatus(t *testing.T, err error, status int) {
	t.Helper()
	var apiErr *intercom.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
		t.Errorf("err = %v, want an APIError %d", err, status)
	}
}

// TestStateRelations attaches and detaches contacts, companies, tags and conversations, and
// reads the relations from both sides.
func TestStateRelations(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(3))
	srv.Seed("conversations", `{"id": "9001", "state": "open", "open": true}`)
	c := srv.Client()
	ctx := t.Context()

	jane, err := c.Contacts.Create(ctx, &intercom.CreateContactRequest{Email: intercom.Some("jane@example.com")})
	if err != nil {
		t.Fatal(err)
	}
	acme, err := c.Companies.CreateOrUpdate(ctx, &intercom.CreateOrUpdateCompanyRequest{CompanyID: intercom.Some("acme"), Name: intercom.Some("Acme")})
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Companies.CreateOrUpdate(ctx, &intercom.CreateOrUpdateCompanyRequest{CompanyID: intercom.Some("acme"), Name: intercom.Some("Acme Inc")})
	if err != nil {
		t.Fatal(err)
	}
	if again.ID != acme.ID || again.Name != "Acme Inc" || len(srv.Records("companies")) != 1 {
		t.Errorf("a second create of company_id acme made %+v, want an update of %s", again, acme.ID)
	}
	if co, err := c.Companies.AttachContact(ctx, jane.ID, &intercom.CompaniesAttachContactRequest{ID: acme.ID}); err != nil || co.ID != acme.ID {
		t.Fatalf("AttachContact = %+v, %v, want the company", co, err)
	}
	companiesOf := func() []string {
		var ids []string
		for co, err := range c.Contacts.ListCompaniesAll(ctx, jane.ID, nil) {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, co.ID)
		}
		return ids
	}
	contactsOf := func() []string { return contactIDs(collect(t, c.Companies.ListContactsAll(ctx, acme.ID, nil))) }
	if got := companiesOf(); !slices.Equal(got, []string{acme.ID}) {
		t.Errorf("companies of the contact = %q, want %q", got, acme.ID)
	}
	if got := contactsOf(); !slices.Equal(got, []string{jane.ID}) {
		t.Errorf("contacts of the company = %q, want %q", got, jane.ID)
	}
	got, err := call[intercom.Contact](t, ctx, c, "GET /contacts/{id}", jane.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Companies == nil || len(got.Companies.Data) != 1 || got.Companies.Data[0].ID != acme.ID || got.Companies.TotalCount != 1 {
		t.Errorf("the contact's companies = %+v, want the one company", got.Companies)
	}

	// Tags: on the contact one at a time, on the company by name, on the conversation.
	vip, err := c.Tags.Create(ctx, decodeInto[intercom.TagsCreateRequest](t, `{"name": "vip"}`))
	if err != nil {
		t.Fatal(err)
	}
	if tag, err := c.Tags.AttachToContact(ctx, jane.ID, &intercom.TagsAttachToContactRequest{ID: vip.ID}); err != nil || tag.ID != vip.ID || tag.Name != "vip" {
		t.Fatalf("AttachToContact = %+v, %v, want the tag", tag, err)
	}
	if _, err := c.Tags.Create(ctx, decodeInto[intercom.TagsCreateRequest](t, `{"name": "vip", "companies": [{"company_id": "acme"}]}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Tags.AttachToConversation(ctx, "9001", &intercom.TagsAttachToConversationRequest{ID: vip.ID, AdminID: "1"}); err != nil {
		t.Fatal(err)
	}
	tags, err := c.Contacts.ListTags(ctx, jane.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(tags.Data) != 1 || tags.Data[0].ID != vip.ID || tags.Data[0].Name != "vip" || tags.Data[0].Type != "tag" {
		t.Errorf("tags of the contact = %+v, want vip", tags.Data)
	}
	company, err := c.Companies.Get(ctx, acme.ID)
	if err != nil {
		t.Fatal(err)
	}
	if company.Tags == nil || len(company.Tags.Tags) != 1 || company.Tags.Tags[0].Name != "vip" {
		t.Errorf("tags of the company = %+v, want vip", company.Tags)
	}
	conv, err := c.Conversations.Get(ctx, "9001", nil)
	if err != nil {
		t.Fatal(err)
	}
	if conv.Tags == nil || len(conv.Tags.Tags) != 1 || conv.Tags.Tags[0].ID != vip.ID {
		t.Errorf("tags of the conversation = %+v, want vip", conv.Tags)
	}
	// Linked records are fields of search and of list filters.
	tagged := collect(t, searchAll[intercom.Contact](t, ctx, c, "POST /contacts/search", searchBodyOf(`{"field": "tag_id", "operator": "=", "value": "`+vip.ID+`"}`, 5)))
	if !slices.Equal(contactIDs(tagged), []string{jane.ID}) {
		t.Errorf("contacts tagged vip = %q, want %s", contactIDs(tagged), jane.ID)
	}
	untagged := collect(t, searchAll[intercom.Contact](t, ctx, c, "POST /contacts/search", searchBodyOf(`{"field": "tag_id", "operator": "!=", "value": "`+vip.ID+`"}`, 5)))
	if len(untagged) != 0 {
		t.Errorf("contacts not tagged vip = %q, want none", contactIDs(untagged))
	}
	found := collect(t, c.Companies.FindAll(ctx, &intercom.CompaniesFindOptions{TagID: vip.ID}))
	if len(found) != 1 || found[0].ID != acme.ID {
		t.Errorf("companies tagged vip = %+v, want acme", found)
	}
	if none := collect(t, c.Companies.FindAll(ctx, &intercom.CompaniesFindOptions{TagID: "other"})); len(none) != 0 {
		t.Errorf("companies tagged other = %+v, want none", none)
	}
	if len(srv.Records("tags")) != 1 {
		t.Errorf("tags = %s, want the one vip", srv.Records("tags"))
	}

	// Detaching, both ways empty again.
	if _, err := c.Companies.DetachContact(ctx, jane.ID, acme.ID); err != nil {
		t.Fatal(err)
	}
	if got, got2 := companiesOf(), contactsOf(); len(got) != 0 || len(got2) != 0 {
		t.Errorf("after detaching, companies of the contact %q and contacts of the company %q, want none", got, got2)
	}
	if _, err := c.Tags.DetachFromContact(ctx, jane.ID, vip.ID); err != nil {
		t.Fatal(err)
	}
	if tags, err := c.Contacts.ListTags(ctx, jane.ID); err != nil || len(tags.Data) != 0 {
		t.Errorf("after untagging, tags of the contact = %+v, %v, want none", tags, err)
	}
	// Deleting a record deletes its relations; a deleted record is not found.
	if _, err := c.Tags.DetachFromConversation(ctx, "9001", vip.ID, &intercom.TagsDetachFromConversationRequest{AdminID: "1"}); err != nil {
		t.Fatal(err)
	}
	del, err := c.Companies.Delete(ctx, acme.ID)
	if err != nil || del.ID != acme.ID || !del.Deleted {
		t.Errorf("Delete = %+v, %v, want it deleted", del, err)
	}
	_, err = c.Companies.Get(ctx, acme.ID)
	wantStatus(t, err, 404)
	_, err = c.Companies.AttachContact(ctx, jane.ID, &intercom.CompaniesAttachContactRequest{ID: acme.ID})
	wantStatus(t, err, 404)
}

// TestStateConversation replies to a conversation and changes its state through the table of
// actions; archives and merges contacts.
func TestStateConversation(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(5))
	srv.Seed("conversations", `{"id": "77", "state": "open", "open": true}`)
	c := srv.Client()
	ctx := t.Context()
	conv, err := c.Conversations.Reply(ctx, "77", decodeInto[intercom.ReplyConversationRequest](t,
		`{"message_type": "comment", "type": "admin", "admin_id": "12", "body": "Hello"}`))
	if err != nil {
		t.Fatal(err)
	}
	parts := conv.ConversationParts
	if parts == nil || parts.TotalCount != 1 || len(parts.ConversationParts) != 1 {
		t.Fatalf("after a reply, parts = %+v, want one", parts)
	}
	if p := parts.ConversationParts[0]; p.PartType != "comment" || p.Body != "Hello" || p.Author == nil || p.Author.ID != "12" ||
		p.CreatedAt != intercom.TimestampOf(srv.Now()) {
		t.Errorf("the part = %+v, want the admin's comment now", p)
	}
	srv.Advance(time.Hour)
	until := srv.Now().Add(24 * time.Hour).Unix()
	steps := []struct {
		request string
		check   func(*intercom.Conversation) bool
	}{
		{`{"message_type": "close", "type": "admin", "admin_id": "12"}`,
			func(c *intercom.Conversation) bool { return c.State == "closed" && !c.Open }},
		{fmt.Sprintf(`{"message_type": "snoozed", "admin_id": "12", "snoozed_until": %d}`, until),
			func(c *intercom.Conversation) bool { return c.State == "snoozed" && int64(c.SnoozedUntil) == until }},
		{`{"message_type": "open", "admin_id": "12"}`,
			func(c *intercom.Conversation) bool { return c.State == "open" && c.Open && c.SnoozedUntil == 0 }},
		{`{"message_type": "assignment", "type": "admin", "admin_id": "12", "assignee_id": "34"}`,
			func(c *intercom.Conversation) bool { return c.AdminAssigneeID == 34 }},
	}
	for i, s := range steps {
		conv, err := c.Conversations.Manage(ctx, "77", decodeInto[intercom.ConversationsManageRequest](t, s.request))
		if err != nil {
			t.Fatal(err)
		}
		if !s.check(conv) || conv.ConversationParts.TotalCount != int64(i+2) || conv.UpdatedAt != intercom.TimestampOf(srv.Now()) {
			t.Errorf("after %s: %+v", s.request, conv)
		}
	}

	// Archive, unarchive, merge.
	lead, _ := c.Contacts.Create(ctx, &intercom.CreateContactRequest{Role: intercom.Some("lead"), Name: intercom.Some("Lee")})
	user, _ := c.Contacts.Create(ctx, &intercom.CreateContactRequest{Role: intercom.Some("user"), Email: intercom.Some("u@example.com")})
	if a, err := c.Contacts.Archive(ctx, user.ID); err != nil || !a.Archived || a.ID != user.ID {
		t.Errorf("Archive = %+v, %v", a, err)
	}
	// Contact search takes no "archived" field (2.9's table of fields lists none): read the store.
	archived := func() bool {
		raw, _ := srv.Record("contacts", user.ID)
		var rec struct{ Archived bool }
		if err := json.Unmarshal(raw, &rec); err != nil {
			t.Fatal(err)
		}
		return rec.Archived
	}
	if !archived() {
		t.Error("after Archive, the stored contact is not archived")
	}
	if u, err := c.Contacts.Unarchive(ctx, user.ID); err != nil || u.Archived {
		t.Errorf("Unarchive = %+v, %v", u, err)
	}
	if archived() {
		t.Error("after Unarchive, the stored contact is archived")
	}
	if _, err := call[intercom.Conversation](t, ctx, c, "POST /conversations/{id}/customers", "77", decodeInto[intercom.AttachContactToConversationRequest](t,
		`{"admin_id": "12", "customer": {"intercom_user_id": "`+lead.ID+`"}}`)); err != nil {
		t.Fatal(err)
	}
	merged, err := call[intercom.Contact](t, ctx, c, "POST /contacts/merge", &intercom.MergeContactsRequest{From: lead.ID, Into: user.ID})
	if err != nil {
		t.Fatal(err)
	}
	if merged.ID != user.ID || merged.Email != "u@example.com" || merged.Name != "Lee" {
		t.Errorf("Merge = %+v, want the user with the lead's name", merged)
	}
	_, err = call[intercom.Contact](t, ctx, c, "GET /contacts/{id}", lead.ID)
	wantStatus(t, err, 404)
	conv, err = c.Conversations.Get(ctx, "77", nil)
	if err != nil {
		t.Fatal(err)
	}
	if conv.Contacts == nil || len(conv.Contacts.Contacts) != 1 || conv.Contacts.Contacts[0].ID != user.ID {
		t.Errorf("the conversation's contacts = %+v, want the user the lead was merged into", conv.Contacts)
	}
}

// TestStateSeedAndInspect seeds records as Go values and JSON, relates them, and reads the store.
func TestStateSeedAndInspect(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(9))
	srv.Seed("companies", intercom.Company{ID: "co1", Name: "Acme", CompanyID: "acme"})
	srv.Seed("contacts", &intercom.Contact{ID: "ct1", Email: "a@example.com", CustomAttributes: intercom.CustomAttributes{"plan": json.RawMessage(`"pro"`)}},
		json.RawMessage(`{"email": "b@example.com"}`))
	srv.Relate("contacts", "ct1", "companies", "co1")
	c := srv.Client()

	got, err := call[intercom.Contact](t, t.Context(), c, "GET /contacts/{id}", "ct1")
	if err != nil {
		t.Fatal(err)
	}
	now := intercom.TimestampOf(srv.Now())
	if got.Email != "a@example.com" || got.Type != "contact" || got.CreatedAt != now || got.UpdatedAt != now ||
		string(got.CustomAttributes["plan"]) != `"pro"` || got.Companies == nil || got.Companies.Data[0].ID != "co1" {
		t.Errorf("Get(ct1) = %+v", got)
	}
	contacts := RecordsOf[intercom.Contact](srv, "contacts")
	if len(contacts) != 2 || contacts[0].ID != "ct1" || contacts[1].Email != "b@example.com" || len(contacts[1].ID) != 24 {
		t.Errorf("contacts = %+v, want ct1 and one with a generated id", contacts)
	}
	if _, err := c.Contacts.Delete(t.Context(), "ct1"); err != nil {
		t.Fatal(err)
	}
	if _, ok := srv.Record("contacts", "ct1"); ok {
		t.Error("a deleted contact is still stored")
	}
	if rec, ok := srv.Record("companies", "co1"); !ok || !strings.Contains(string(rec), `"name":"Acme"`) {
		t.Errorf("Record(companies, co1) = %s, %v", rec, ok)
	}

	// Ids and timestamps follow the seed and the clock: the same seed makes the same ids.
	other := NewServer(t, WithState(9))
	other.Seed("contacts", `{"email": "b@example.com"}`)
	if id := RecordsOf[intercom.Contact](other, "contacts")[0].ID; id != contacts[1].ID {
		t.Errorf("seed 9 gave the id %s, then %s", contacts[1].ID, id)
	}
}

// TestStateLeavesTheRest keeps synthesized answers where the state has nothing, and registered
// answers first.
func TestStateLeavesTheRest(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(1))
	c := srv.Client()
	admin, err := c.Admins.Get(t.Context(), "5") // never created nor seeded: synthesized
	if err != nil || admin.ID != "5" {
		t.Errorf("Admins.Get = %+v, %v, want the synthesized admin 5", admin, err)
	}
	_, err = call[intercom.Contact](t, t.Context(), c, "GET /contacts/{id}", "nobody") // not created
	wantStatus(t, err, 404)
	srv.Respond("GET /contacts/{id}", 200, `{"type": "contact", "id": "nobody"}`)
	if got, err := call[intercom.Contact](t, t.Context(), c, "GET /contacts/{id}", "nobody"); err != nil || got.ID != "nobody" {
		t.Errorf("with an answer registered, Get = %+v, %v", got, err)
	}
}

// TestStateChecks fails the test on a misuse of the store.
func TestStateChecks(t *testing.T) {
	t.Parallel()
	stateless, ft := newFake(t)
	stateless.Seed("contacts", `{}`)
	stateful, ft2 := newFake(t)
	stateful.state = newState(1)
	stateful.Seed("people", `{}`)
	stateful.Seed("contacts", `[1]`)
	stateful.Relate("contacts", "x", "companies", "y")
	got := append(ft.failures(), ft2.failures()...)
	want := []string{
		`intercomtest: Seed: the fake has no state (start it with NewServer(t, WithState(seed)))`,
		`intercomtest: Seed: the API has no resource "people" (name one as its path does: "contacts")`,
		`intercomtest: Seed("contacts"): record 0 is not a JSON object: 1`,
		`intercomtest: Relate: no record of contacts has the id "x"`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("failures:\n%q\nwant\n%q", got, want)
	}
}

// TestStateConversationCreate stores the conversation a contact starts, and answers with the
// message that names it.
func TestStateConversationCreate(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(2))
	c := srv.Client()
	ctx := t.Context()
	srv.Seed("contacts", `{"email": "jane@example.com"}`) // an id as Intercom's: 24 hexadecimal digits
	jane := RecordsOf[intercom.Contact](srv, "contacts")[0]
	msg, err := c.Conversations.Create(ctx, &intercom.CreateConversationRequest{
		From: &intercom.CreateConversationRequestFrom{Type: "user", ID: jane.ID}, Body: "Where is my order?"})
	if err != nil {
		t.Fatal(err)
	}
	if msg.Body != "Where is my order?" || msg.ConversationID == "" || msg.CreatedAt != intercom.TimestampOf(srv.Now()) {
		t.Errorf("Create = %+v", msg)
	}
	conv, err := c.Conversations.Get(ctx, msg.ConversationID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if conv.State != "open" || !conv.Open || conv.Source == nil || conv.Source.Body != "Where is my order?" ||
		conv.Source.Author == nil || conv.Source.Author.ID != jane.ID ||
		conv.Contacts == nil || len(conv.Contacts.Contacts) != 1 || conv.Contacts.Contacts[0].ID != jane.ID {
		t.Errorf("the conversation = %+v", conv)
	}
	list := collect(t, c.Conversations.ListAll(ctx, nil))
	if len(list) != 1 || list[0].ID != msg.ConversationID {
		t.Errorf("conversations = %+v, want the one", list)
	}
	open := collect(t, searchAll[intercom.ConversationListItem](t, ctx, c, "POST /conversations/search", searchBodyOf(`{"field": "state", "operator": "=", "value": "open"}`, 5)))
	if len(open) != 1 || open[0].ID != msg.ConversationID {
		t.Errorf("open conversations = %+v, want the one", open)
	}
	_, err = c.Conversations.Create(ctx, &intercom.CreateConversationRequest{
		From: &intercom.CreateConversationRequestFrom{Type: "user", ID: "00000000-0000-4000-8000-000000000000"}, Body: "Hi"})
	wantStatus(t, err, 404)
}

// TestStatePaging lists seeded companies by each way they page: page numbers (by POST and by
// GET with a filter) and a scroll.
func TestStatePaging(t *testing.T) {
	t.Parallel()
	srv := NewServer(t, WithState(4))
	var want []string
	for i := range 7 {
		srv.Seed("companies", map[string]any{"id": fmt.Sprint("co", i), "name": []string{"Acme", "Globex"}[i%2]})
		want = append(want, fmt.Sprint("co", i))
	}
	c := srv.Client()
	ctx := t.Context()
	ids := func(cs []intercom.Company) []string {
		var out []string
		for _, co := range cs {
			out = append(out, co.ID)
		}
		return out
	}
	if got := ids(collect(t, c.Companies.ListAll(ctx, &intercom.CompaniesListOptions{PerPage: 3}))); !slices.Equal(got, want) {
		t.Errorf("ListAll = %q, want %q", got, want)
	}
	if n := countRequests(srv, "POST /companies/list"); n != 3 {
		t.Errorf("ListAll took %d pages, want 3", n)
	}
	page, err := c.Companies.List(ctx, &intercom.CompaniesListOptions{Page: 3, PerPage: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(page.Data), []string{"co6"}) || page.Pages.TotalPages != 3 || page.Pages.Page != 3 || page.TotalCount != 7 {
		t.Errorf("page 3 = %+v, %+v", page, page.Pages)
	}
	if got := ids(collect(t, c.Companies.FindAll(ctx, &intercom.CompaniesFindOptions{Name: "Acme", PerPage: 2}))); !slices.Equal(got, []string{"co0", "co2", "co4", "co6"}) {
		t.Errorf("FindAll(Acme) = %q", got)
	}
	if got := ids(collect(t, c.Companies.ScrollAll(ctx, nil))); !slices.Equal(got, want) {
		t.Errorf("ScrollAll = %q, want %q", got, want)
	}
}

// TestActionsTable holds the table of actions to the API: each route is an operation, each
// resource is one, and each place names a path parameter of the route or the body it takes. An
// action about a resource the version of the API does not have at all (2.7 and 2.8 have no
// tickets: no resource, no path under /tickets) is inert, and has no route to check.
func TestActionsTable(t *testing.T) {
	t.Parallel()
	for _, a := range actions {
		r := lookupRoute(a.route)
		if r == nil && resourceOf(a.kind) == nil && !slices.ContainsFunc(routes, func(r route) bool {
			return strings.HasPrefix(r.path, "/"+a.kind+"/") || r.path == "/"+a.kind
		}) {
			continue
		}
		if r == nil {
			t.Errorf("%s: the API has no such operation", a.route)
			continue
		}
		for _, kind := range []string{a.kind, a.other} {
			if kind != "" && resourceOf(kind) == nil {
				t.Errorf("%s: %q is not a resource", a.route, kind)
			}
		}
		for _, place := range []string{a.subject, a.object} {
			where, name, _ := strings.Cut(place, ".")
			switch {
			case place == "":
			case where == "path" && !slices.Contains(keyParams(a.route), name):
				t.Errorf("%s: %s: the route has no such path parameter", a.route, place)
			case where == "body" && r.body == nil:
				t.Errorf("%s: %s: the route takes no body", a.route, place)
			case where != "path" && where != "body":
				t.Errorf("%s: %s: a place is path.NAME or body.A.B", a.route, place)
			}
		}
		if a.part != nil && elemType(resourceOf(a.kind).typ, a.part.list) == nil {
			t.Errorf("%s: %s has no list of parts at %q", a.route, a.kind, a.part.list)
		}
	}
}

// TestStateEveryOperation calls every operation through the client against a stateful fake
// holding a record "123" of every resource: each answer from the store decodes without an
// issue, and the only errors are those a store gives (a record not found, a search query
// outside the language, a cursor it did not give).
func TestStateEveryOperation(t *testing.T) {
	srv := NewServer(t, WithState(1))
	kinds := map[string]bool{}
	for _, c := range cruds() {
		kinds[c.res.kind] = true
	}
	for _, kind := range slices.Sorted(maps.Keys(kinds)) {
		srv.Seed(kind, `{"id": "123", "name": "Sample"}`)
	}
	client := srv.Client(intercom.WithMaxRetries(0))
	for i := range routes {
		r := &routes[i]
		t.Run(r.op, func(t *testing.T) {
			m := method(t, client, r)
			out := m.Call(operationArgs(t, r, m))
			var apiErr *intercom.APIError
			err, _ := out[len(out)-1].Interface().(error)
			switch {
			case err == nil:
			case errors.As(err, &apiErr) && (apiErr.StatusCode == 404 ||
				apiErr.StatusCode == 400 && slices.Contains([]string{"invalid_query", "parameter_invalid"}, apiErr.Errors[0].Code)):
				return
			default:
				t.Fatal(err)
			}
			if len(out) == 2 {
				if rc, ok := out[0].Interface().(io.ReadCloser); ok {
					rc.Close()
				} else if issues := intercom.DecodeIssues(out[0].Interface()); len(issues) > 0 {
					t.Errorf("decode issues: %v", issues)
				}
			}
		})
	}
}

// TestStateTicketReply appends a note to a ticket, and answers with the note. In a version of
// the API without tickets (2.7, 2.8) the action table's line for it is inert: the fake refuses
// the request as an operation the API does not have, and holds no ticket.
func TestStateTicketReply(t *testing.T) {
	t.Parallel()
	const route = "POST /tickets/{id}/reply"
	if lookupRoute(route) == nil {
		ft := &fakeT{TB: t}
		srv := NewServer(ft, WithState(6))
		status, body := send(t, srv, http.MethodPost, "/tickets/t1/reply", `{"message_type":"note","body":"Looking into it","admin_id":"12"}`, nil)
		want := []string{"intercomtest: POST /tickets/t1/reply: the Intercom API " + intercom.APIVersion + " has no such operation"}
		if got := ft.failures(); status != http.StatusBadRequest || !slices.Equal(got, want) {
			t.Errorf("answered %d %s, failures %q; want 400 and %q", status, body, got, want)
		}
		if resourceOf("tickets") != nil || len(srv.Records("tickets")) != 0 {
			t.Error("a version without the ticket routes has a ticket resource")
		}
		return
	}
	srv := NewServer(t, WithState(6))
	srv.Seed("tickets", `{"id": "t1", "ticket_state": "submitted"}`)
	c := srv.Client()
	body := `{"message_type": "note", "body": "Looking into it", "admin_id": "12"}`
	if _, plain := lookupRoute(route).body.FieldByName("AdminID"); !plain {
		// A union of an admin's reply and a contact's (2.13 on): the admin's says whose it is.
		body = `{"message_type": "note", "type": "admin", "body": "Looking into it", "admin_id": "12"}`
	}
	note, err := call[intercom.Note](t, t.Context(), c, route, "t1", jsonBody(body))
	if err != nil {
		t.Fatal(err)
	}
	if note.Body != "Looking into it" || note.ID == "" || note.ID == "t1" || note.Author == nil || note.Author.ID != "12" {
		t.Errorf("Reply = %+v", note)
	}
	var ticket struct {
		TicketParts *struct {
			TotalCount  int64 `json:"total_count"`
			TicketParts []struct {
				ID       string `json:"id"`
				PartType string `json:"part_type"`
			} `json:"ticket_parts"`
		} `json:"ticket_parts"`
	}
	raw, _ := srv.Record("tickets", "t1")
	if err := json.Unmarshal(raw, &ticket); err != nil {
		t.Fatal(err)
	}
	if p := ticket.TicketParts; p == nil || p.TotalCount != 1 || len(p.TicketParts) != 1 || p.TicketParts[0].ID != note.ID || p.TicketParts[0].PartType != "note" {
		t.Errorf("the stored ticket's parts = %s", raw)
	}
}
