package intercomtest

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

// syncOnce is code under test: it creates a company, reads it back, finds it by its company id,
// and lists the contacts.
func syncOnce(t *testing.T, c *intercom.Client) (*intercom.Company, *intercom.Company, []intercom.Contact) {
	t.Helper()
	ctx := t.Context()
	created, err := c.Companies.CreateOrUpdate(ctx, &intercom.CreateOrUpdateCompanyRequest{CompanyID: intercom.Some("acme-secret"), Name: intercom.Some("Acme")})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Companies.Get(ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Companies.Find(ctx, &intercom.CompaniesFindOptions{CompanyID: "acme-secret"}); err != nil {
		t.Fatal(err)
	}
	return created, got, collect(t, c.Contacts.ListAll(ctx, &intercom.ContactsListOptions{PerPage: 1}))
}

// TestRecordReplay records a session with "Intercom" (a stateful fake standing in for it) with
// a secret token and scrubbed emails and company ids, then replays it: the code gets the same answers, emails
// scrubbed, and the file holds neither the token nor an email.
func TestRecordReplay(t *testing.T) {
	t.Parallel()
	const token = "dG9rOnNlY3JldC10b2tlbi0xMjM0NQ=="
	path := filepath.Join(t.TempDir(), "sync.json")

	live := NewServer(t, WithState(11))
	live.Seed("contacts", `[{"email": "old@example.com", "name": "Old"}, {"email": "jane@example.com", "name": "Jane"}]`)
	rec := NewRecorder(path, nil, "email", "company_id")
	c, err := intercom.NewClient(intercom.WithToken(token), live.Option(),
		intercom.WithHTTPClient(&http.Client{Transport: rec}))
	if err != nil {
		t.Fatal(err)
	}
	created, got, all := syncOnce(t, c)
	if created.CompanyID != "acme-secret" || created.Name != "Acme" || got.ID != created.ID || len(all) != 2 {
		t.Fatalf("recording: created %+v, listed %d", created, len(all))
	}

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{token, "@example.com", "Bearer", "acme-secret"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("the recording holds %q:\n%s", secret, data)
		}
	}
	var recording Recording
	if err := json.Unmarshal(data, &recording); err != nil {
		t.Fatal(err)
	}
	if n := len(recording.Exchanges); n != 5 { // create, get, find, two pages
		t.Errorf("the recording has %d exchanges, want 5", n)
	}

	replayed := NewServer(t, WithReplay(path))
	created2, got2, all2 := syncOnce(t, replayed.Client())
	created.CompanyID, got.CompanyID = Scrubbed, Scrubbed
	for i := range all {
		all[i].Email = Scrubbed
	}
	if !reflect.DeepEqual(created2, created) || !reflect.DeepEqual(got2, got) || !reflect.DeepEqual(all2, all) {
		t.Errorf("replayed:\n%+v\n%+v\n%+v\nrecorded (emails and company ids scrubbed):\n%+v\n%+v\n%+v", created2, got2, all2, created, got, all)
	}
}

// TestReplayMissing fails clearly on a request the recording does not have.
func TestReplayMissing(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "one.json")
	recording := `{"exchanges": [{"method": "GET", "path": "/companies/1", "status": 200, "body": {"type": "company", "id": "1"}}]}`
	if err := os.WriteFile(path, []byte(recording), 0o644); err != nil {
		t.Fatal(err)
	}
	ft := &fakeT{TB: t}
	srv := NewServer(ft, WithReplay(path))
	c := srv.Client(intercom.WithMaxRetries(0))
	for range 2 { // a recorded answer serves again once all were replayed
		if got, err := c.Companies.Get(t.Context(), "1"); err != nil || got.ID != "1" {
			t.Fatalf("Get(1) = %+v, %v", got, err)
		}
	}
	_, err := c.Companies.Get(t.Context(), "2")
	wantStatus(t, err, http.StatusNotImplemented)
	want := []string{"intercomtest: replay of " + path + ": no recorded answer to GET /companies/2; the recording has 1: GET /companies/1"}
	if got := ft.failures(); !reflect.DeepEqual(got, want) {
		t.Errorf("failures = %q, want %q", got, want)
	}
}
