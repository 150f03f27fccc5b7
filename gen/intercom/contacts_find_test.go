package intercom_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

// contactList is a search's answer holding contacts of these ids.
func contactList(ids ...string) string {
	var data []string
	for _, id := range ids {
		data = append(data, fmt.Sprintf(`{"type": "contact", "id": %q, "email": "jane@example.com"}`, id))
	}
	return fmt.Sprintf(`{"type": "list", "total_count": %d, "data": [%s]}`, len(ids), strings.Join(data, ", "))
}

func TestFindByEmail(t *testing.T) {
	t.Parallel()
	srv := intercomtest.NewServer(t)
	srv.Respond("POST /contacts/search", 200, contactList("c1"))
	c, err := srv.Client().Contacts.FindByEmail(t.Context(), "jane@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "c1" {
		t.Errorf("contact %q, want c1", c.ID)
	}
	wantJSON(t, srv.Last("POST /contacts/search").RawBody,
		`{"query": {"field": "email", "operator": "=", "value": "jane@example.com"}, "pagination": {"per_page": 2}}`)
}

func TestFindByExternalID(t *testing.T) {
	t.Parallel()
	srv := intercomtest.NewServer(t)
	srv.Respond("POST /contacts/search", 200, contactList("c1"))
	if _, err := srv.Client().Contacts.FindByExternalID(t.Context(), "u1"); err != nil {
		t.Fatal(err)
	}
	wantJSON(t, srv.Last("POST /contacts/search").RawBody,
		`{"query": {"field": "external_id", "operator": "=", "value": "u1"}, "pagination": {"per_page": 2}}`)
}

func TestFindNone(t *testing.T) {
	t.Parallel()
	srv := intercomtest.NewServer(t)
	srv.Respond("POST /contacts/search", 200, contactList())
	_, err := srv.Client().Contacts.FindByEmail(t.Context(), "jane@example.com")
	want := &intercom.NotFoundError{Resource: "contact", Field: "email", Value: "jane@example.com"}
	var got *intercom.NotFoundError
	if !errors.As(err, &got) || *got != *want {
		t.Fatalf("error %v, want %v", err, want)
	}
	if !errors.Is(err, intercom.ErrNotFound) {
		t.Errorf("%v is not ErrNotFound", err)
	}
	if got, want := err.Error(), `intercom: no contact has email "jane@example.com"`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestFindSeveral(t *testing.T) {
	t.Parallel()
	srv := intercomtest.NewServer(t)
	srv.Respond("POST /contacts/search", 200, `{"type": "list", "total_count": 3, "data": [{"type": "contact", "id": "c1"}, {"type": "contact", "id": "c2"}]}`)
	_, err := srv.Client().Contacts.FindByEmail(t.Context(), "jane@example.com")
	var got *intercom.AmbiguousError
	if !errors.As(err, &got) {
		t.Fatalf("error %v, want an AmbiguousError", err)
	}
	if want := (intercom.AmbiguousError{Resource: "contact", Field: "email", Value: "jane@example.com", Count: 3, IDs: []string{"c1", "c2"}}); fmt.Sprint(*got) != fmt.Sprint(want) {
		t.Errorf("error %+v, want %+v", *got, want)
	}
	if errors.Is(err, intercom.ErrNotFound) {
		t.Errorf("%v is ErrNotFound", err)
	}
}

func TestFindEmpty(t *testing.T) {
	t.Parallel()
	srv := intercomtest.NewServer(t)
	_, err := srv.Client().Contacts.FindByEmail(t.Context(), "")
	var ve *intercom.ValidationError
	if !errors.As(err, &ve) || err.Error() != "intercom: invalid contact search: email is empty" {
		t.Errorf("error %v, want a ValidationError", err)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests, want none", n)
	}
}

// contactRecord is a contact of the stateful fake's store.
func contactRecord(id, email, externalID string) string {
	return fmt.Sprintf(`{"type": "contact", "id": %q, "role": "user", "email": %q, "external_id": %q}`, id, email, externalID)
}

// TestUpsert follows each path of Upsert through the requests it makes, against the stateful
// fake: what it finds is in the fake's store, what it writes changes it. The requests are
// compared by method and path as sent, which every version of the API spells the same.
func TestUpsert(t *testing.T) {
	t.Parallel()
	const conflict = "A contact matching those details already exists with id=c9"
	// lag answers the searches that follow with none found, as a search that lags behind a
	// write does (the fake answers the last answer registered for a route to every request).
	lag := func(srv *intercomtest.Server) { srv.Respond("POST /contacts/search", 200, contactList()) }
	tests := []struct {
		name     string
		req      *intercom.CreateContactRequest
		seed     []any
		setup    func(*intercomtest.Server)
		requests []string // the requests made, in order
		created  bool
		id       string // the contact upserted; "" for a new one
		err      string // "" for success
	}{
		{
			name:     "found by external id: updated",
			req:      &intercom.CreateContactRequest{ExternalID: intercom.Some("u1"), Name: intercom.Some("Jane")},
			seed:     []any{contactRecord("c1", "jane@example.com", "u1")},
			requests: []string{"POST /contacts/search", "PUT /contacts/c1"}, id: "c1",
		},
		{
			name:     "external id unknown, email found: updated",
			req:      &intercom.CreateContactRequest{ExternalID: intercom.Some("u1"), Email: intercom.Some("jane@example.com")},
			seed:     []any{contactRecord("c2", "jane@example.com", "u2")},
			requests: []string{"POST /contacts/search", "POST /contacts/search", "PUT /contacts/c2"}, id: "c2",
		},
		{
			name:     "none: created",
			req:      &intercom.CreateContactRequest{Email: intercom.Some("jane@example.com")},
			seed:     []any{contactRecord("c1", "joe@example.com", "u1")},
			requests: []string{"POST /contacts/search", "POST /contacts"},
			created:  true,
		},
		{
			name: "409 naming the contact: updated",
			req:  &intercom.CreateContactRequest{Email: intercom.Some("jane@example.com"), Name: intercom.Some("Jane")},
			seed: []any{contactRecord("c9", "jane@example.com", "u9")},
			setup: func(srv *intercomtest.Server) {
				lag(srv)
				srv.RespondError("POST /contacts", 409, "conflict", conflict)
			},
			requests: []string{"POST /contacts/search", "POST /contacts", "PUT /contacts/c9"}, id: "c9",
		},
		{
			name: "409, found on a second search: updated",
			req:  &intercom.CreateContactRequest{ExternalID: intercom.Some("u1")},
			seed: []any{contactRecord("c3", "jane@example.com", "u1")},
			setup: func(srv *intercomtest.Server) {
				lag(srv)
				srv.Respond("POST /contacts/search", 200, contactList("c3")) // the next search has caught up
				srv.RespondError("POST /contacts", 409, "conflict", "A contact matching those details already exists")
			},
			requests: []string{"POST /contacts/search", "POST /contacts", "POST /contacts/search", "PUT /contacts/c3"}, id: "c3",
		},
		{
			name: "409, still not found: the conflict",
			req:  &intercom.CreateContactRequest{ExternalID: intercom.Some("u1")},
			setup: func(srv *intercomtest.Server) {
				srv.RespondError("POST /contacts", 409, "conflict", "A contact matching those details already exists")
			},
			requests: []string{"POST /contacts/search", "POST /contacts", "POST /contacts/search"},
			err:      "conflict",
		},
		{
			name:     "several: nothing written",
			req:      &intercom.CreateContactRequest{Email: intercom.Some("jane@example.com")},
			seed:     []any{contactRecord("c1", "jane@example.com", "u1"), contactRecord("c2", "jane@example.com", "u2")},
			requests: []string{"POST /contacts/search"},
			err:      `intercom: 2 contacts have email "jane@example.com" ([c1 c2]...), want one`,
		},
		{
			name: "no identifier",
			req:  &intercom.CreateContactRequest{Role: intercom.Some("lead")},
			err:  "intercom: invalid CreateContactRequest: needs external_id or email to find the contact by",
		},
		{
			name: "no request",
			err:  "intercom: invalid CreateContactRequest: is required",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := intercomtest.NewServer(t, intercomtest.WithState(1))
			srv.Seed("contacts", tt.seed...)
			if tt.setup != nil {
				tt.setup(srv)
			}
			c, created, err := srv.Client().Contacts.Upsert(t.Context(), tt.req)
			var requests []string
			for _, r := range srv.Requests() {
				requests = append(requests, r.Method+" "+r.Path)
			}
			if !slices.Equal(requests, tt.requests) {
				t.Errorf("requests %q, want %q", requests, tt.requests)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one saying %s", err, tt.err)
				}
				if tt.err == "conflict" && !errors.Is(err, intercom.ErrConflict) {
					t.Errorf("%v is not ErrConflict", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if created != tt.created || (tt.id != "" && c.ID != tt.id) || c.ID == "" {
				t.Errorf("contact %q created %v, want %q created %v", c.ID, created, tt.id, tt.created)
			}
			// The contact answered is the one written, as the request set it.
			if name, want := c.Name, tt.req.Name.Or(c.Name); name != want {
				t.Errorf("name %q, want %q", name, want)
			}
			last := srv.Requests()[len(srv.Requests())-1]
			if want := string(mustJSON(t, tt.req)); string(last.RawBody) != want {
				t.Errorf("%s %s sent %s, want %s", last.Method, last.Path, last.RawBody, want)
			}
		})
	}
}

// wantJSON fails unless got is the JSON value want, compared decoded.
func wantJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("%s is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("the expected %s is not JSON: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("body %s\nwant %s", got, want)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
