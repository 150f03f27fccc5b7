package intercom

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// One property of an unexpected shape costs that property only: the rest of the object, and
// the rest of the page, decode, and the property's JSON is kept with where it was.
func TestDecodeToleratesOneBadField(t *testing.T) {
	t.Parallel()
	page := `{"type":"list","total_count":3,"data":[
		{"type":"contact","id":"a","email":"a@example.com","created_at":1700000000},
		{"type":"contact","id":"b","email":"b@example.com","location":"Dublin","signed_up_at":"not a number","created_at":1700000001},
		{"type":"contact","id":"c","email":"c@example.com","custom_attributes":{"plan":"pro","seats":3,"beta":true,"tags":["x"],"meta":{"a":null}}}],
		"pages":{"type":"pages","page":1,"per_page":3,"total_pages":1}}`
	var l ContactList
	if err := json.Unmarshal([]byte(page), &l); err != nil {
		t.Fatal(err)
	}
	if len(l.Data) != 3 || l.TotalCount != 3 {
		t.Fatalf("decoded %d contacts, total %d", len(l.Data), l.TotalCount)
	}
	b := l.Data[1]
	if b.ID != "b" || b.Email != "b@example.com" || b.CreatedAt != 1700000001 || b.Location != nil || b.SignedUpAt != 0 {
		t.Errorf("contact b: %+v", b)
	}
	issues := DecodeIssues(&l)
	if len(issues) != 2 {
		t.Fatalf("issues %v, want location and signed_up_at of data[1]", issues)
	}
	got := map[string]string{}
	for _, is := range issues {
		got[is.Path] = string(is.Raw)
		var te *json.UnmarshalTypeError
		if !errors.As(is.Err, &te) {
			t.Errorf("%s: err %v is not a type error", is.Path, is.Err)
		}
	}
	if got["data[1].location"] != `"Dublin"` || got["data[1].signed_up_at"] != `"not a number"` {
		t.Errorf("issues %v", got)
	}
	if c := l.Data[2].CustomAttributes; string(c["plan"]) != `"pro"` || string(c["seats"]) != "3" || string(c["beta"]) != "true" {
		t.Errorf("custom attributes of any JSON type: %v", c)
	}
	// A struct passed by value reports its issues too, in the order of the document.
	if got := DecodeIssues(l.Data[1]); len(got) != 2 || got[0].Path != "location" || got[1].Path != "signed_up_at" {
		t.Errorf("issues of contact b by value: %v", got)
	}
	if DecodeIssues(&l.Data[0]) != nil || DecodeIssues(l.Data[2]) != nil {
		t.Error("clean contacts report issues")
	}
}

func TestDecodeToleratesDrift(t *testing.T) {
	// null where the description forgets nullable, integers where numbers are expected,
	// unknown properties and enum values, a missing optional field.
	data := `{"type":"contact","id":"x","name":null,"owner_id":null,"has_hard_bounced":null,
		"brand_new_field":{"nested":[1,2]},"role":"a_role_from_the_future","location":{"type":"location","country":null}}`
	var c Contact
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "x" || c.Role != "a_role_from_the_future" || c.Location == nil || DecodeIssues(&c) != nil {
		t.Errorf("contact %+v, issues %v", c, DecodeIssues(&c))
	}
}

func TestDecodeStillFailsOnWhatIsNotAnObject(t *testing.T) {
	for _, data := range []string{`not json`, `[1,2]`, `"a string"`, `{"id": "x"`, `{"id": tru}`} {
		var c Contact
		if err := json.Unmarshal([]byte(data), &c); err == nil {
			t.Errorf("%s decoded without error", data)
		}
	}
}

func TestDecodeIssueString(t *testing.T) {
	var c Contact
	if err := json.Unmarshal([]byte(`{"id":"x","email":true}`), &c); err != nil {
		t.Fatal(err)
	}
	is := DecodeIssues(&c)
	if len(is) != 1 || !strings.HasPrefix(is[0].String(), "email: ") {
		t.Errorf("issues %v", is)
	}
	// A value decoded again starts clean.
	if err := json.Unmarshal([]byte(`{"id":"y","email":"y@example.com"}`), &c); err != nil || DecodeIssues(&c) != nil {
		t.Errorf("re-decoded: %v, issues %v", err, DecodeIssues(&c))
	}
}

func BenchmarkDecodeContactList(b *testing.B) {
	var sb strings.Builder
	sb.WriteString(`{"type":"list","total_count":50,"data":[`)
	for i := range 50 {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`{"type":"contact","id":"6657add46abd0167d9419cd2","workspace_id":"this_is_an_id","external_id":"ext",
			"role":"user","email":"joe@example.com","phone":"+353871234567","name":"Joe Bloggs","owner_id":127,
			"has_hard_bounced":false,"marked_email_as_spam":false,"unsubscribed_from_emails":false,"created_at":1717021352,
			"updated_at":1717021352,"signed_up_at":1717021352,"last_seen_at":1717021352,"browser":"chrome",
			"location":{"type":"location","country":"Ireland","region":"Dublin","city":"Dublin"},
			"custom_attributes":{"plan":"pro","seats":3},"tags":{"type":"list","data":[{"type":"tag","id":"1","url":"/tags/1"}],"url":"/contacts/x/tags","total_count":1,"has_more":false}}`)
	}
	sb.WriteString(`],"pages":{"type":"pages","page":1,"per_page":50,"total_pages":1}}`)
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var l ContactList
		if err := json.Unmarshal(data, &l); err != nil {
			b.Fatal(err)
		}
	}
}

// A nested value that is not a tolerant type on its own (a contact's location) is decoded
// piece by piece by the value that holds it, so a bad property deep inside costs only itself.
func TestDecodeToleratesDeepBadField(t *testing.T) {
	data := `{"type":"contact","id":"x","location":{"type":"location","country":{"name":"Ireland"},"city":"Dublin"},
		"tags":{"type":"list","data":[{"type":"tag","id":"1"},{"type":"tag","id":false}],"total_count":"two"}}`
	var c Contact
	if err := json.Unmarshal([]byte(data), &c); err != nil {
		t.Fatal(err)
	}
	if c.ID != "x" || c.Location == nil || c.Location.City != "Dublin" || c.Location.Country != "" {
		t.Fatalf("location %+v", c.Location)
	}
	if c.Tags == nil || len(c.Tags.Data) != 2 || c.Tags.Data[0].ID != "1" {
		t.Fatalf("tags %+v", c.Tags)
	}
	got := map[string]string{}
	for _, is := range DecodeIssues(&c) {
		got[is.Path] = string(is.Raw)
	}
	want := map[string]string{"location.country": `{"name":"Ireland"}`, "tags.data[1].id": "false", "tags.total_count": `"two"`}
	if len(got) != len(want) {
		t.Fatalf("issues %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("issue %s = %s, want %s", k, got[k], v)
		}
	}
}

// A next cursor that does not decode ends the iteration with an error rather than reading as
// "last page" and silently dropping the rest.
func TestPagingCursorThatDoesNotDecode(t *testing.T) {
	srv := newTestServer(t, answer{body: `{"type":"list","data":[{"type":"contact","id":"a"}],
		"pages":{"type":"pages","next":{"starting_after":true}}}`})
	var ids []string
	var last error
	for c, err := range srv.client(t).Contacts.ListAll(t.Context(), nil) {
		if err != nil {
			last = err
			break
		}
		ids = append(ids, c.ID)
	}
	var pe *PaginationError
	if !errors.As(last, &pe) || !strings.Contains(pe.Error(), "pages.next.starting_after") || len(ids) != 0 {
		t.Errorf("ids %v, err %v; want a *PaginationError naming the cursor", ids, last)
	}
}

// A union adds no level to the path of an issue: the variant's properties are the union's on
// the wire.
func TestDecodeIssuePathThroughUnion(t *testing.T) {
	var r RedactConversationRequest
	data := `{"type":"conversation_part","conversation_id":{"id":19894788788},"conversation_part_id":"19381789428"}`
	if err := json.Unmarshal([]byte(data), &r); err != nil {
		t.Fatal(err)
	}
	if r.RedactConversationPartRequest == nil || r.RedactConversationPartRequest.ConversationPartID != "19381789428" {
		t.Fatalf("decoded %+v", r.RedactConversationPartRequest)
	}
	issues := DecodeIssues(&r)
	if len(issues) != 1 || issues[0].Path != "conversation_id" || string(issues[0].Raw) != `{"id":19894788788}` {
		t.Errorf("issues %v, want conversation_id only", issues)
	}
}
