package intercomtest

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// searchQuery returns a search request of a query written as JSON, with per results a page.
func searchQuery(t *testing.T, query string, per int64) *intercom.SearchRequest {
	t.Helper()
	req := &intercom.SearchRequest{Pagination: &intercom.StartingAfterPaging{PerPage: intercom.Some(per)}}
	if err := json.Unmarshal([]byte(query), &req.Query); err != nil {
		t.Fatalf("query %s: %v", query, err)
	}
	return req
}

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
	if all[499].Email != "c499@example.com" || all[0].CustomAttributes["plan"] != "free" {
		t.Errorf("listed contacts do not hold what was seeded: %+v, %+v", all[0], all[499])
	}

	since := srv.Now()
	srv.Advance(time.Hour)
	query := fmt.Sprintf(`{"field": "updated_at", "operator": ">", "value": %d}`, since.Unix())
	if got := collect(t, c.Contacts.SearchAll(ctx, searchQuery(t, query, 50))); len(got) != 0 {
		t.Fatalf("%d contacts updated since T before any update, want 0", len(got))
	}

	var updated []string
	for i := 3; i < 500; i += 71 {
		id := all[i].ID
		got, err := c.Contacts.Update(ctx, id, &intercom.UpdateContactRequest{
			Name:             intercom.Some("Updated"),
			CustomAttributes: map[string]any{"score": 5},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := all[i]
		want.Name = "Updated"
		want.UpdatedAt = intercom.TimestampOf(srv.Now())
		want.CustomAttributes = map[string]any{"plan": plans[i%3], "score": json.Number("5")}
		if got.Name != want.Name || got.UpdatedAt != want.UpdatedAt || got.Email != want.Email ||
			fmt.Sprint(got.CustomAttributes) != fmt.Sprint(want.CustomAttributes) {
			t.Errorf("Update(%s) = %+v, want %+v", id, got, want)
		}
		updated = append(updated, id)
	}
	// Three results a page: the search pages with cursors in the body.
	got := collect(t, c.Contacts.SearchAll(ctx, searchQuery(t, query, 3)))
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
