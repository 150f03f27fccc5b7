package intercomtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// fakeT stands in for the test given to NewServer, recording the failures the fake reports
// instead of failing the real test; everything else goes to the real test.
type fakeT struct {
	testing.TB
	mu     sync.Mutex
	errors []string
	failed bool // FailNow or Fatalf was called
}

func (f *fakeT) Errorf(format string, args ...any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errors = append(f.errors, strings.TrimSpace(sprintf(format, args...)))
}

func (f *fakeT) Fatalf(format string, args ...any) {
	f.Errorf(format, args...)
	f.FailNow()
}

func (f *fakeT) FailNow() {
	f.mu.Lock()
	f.failed = true
	f.mu.Unlock()
	runtime.Goexit()
}

func (f *fakeT) Helper() {}

// failures returns the failures reported so far and forgets them.
func (f *fakeT) failures() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.errors
	f.errors = nil
	return out
}

func sprintf(format string, args ...any) string {
	return strings.TrimSpace(fmt.Sprintf(format, args...))
}

// newFake starts a fake whose failures are recorded rather than failing t.
func newFake(t *testing.T) (*Server, *fakeT) {
	ft := &fakeT{TB: t}
	return NewServer(ft), ft
}

// send makes a raw request to the fake, with the headers the client sends unless header
// overrides them (an empty value removes one), and returns the status and body of the answer.
func send(t *testing.T, srv *Server, method, target, body string, header map[string]string) (int, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, srv.URL()+target, rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer tok")
	req.Header.Set("Intercom-Version", intercom.APIVersion)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// TestRejects sends requests that do not match the description: each fails the test with a
// message saying what was wrong and where, and is answered 400 with the same message.
func TestRejects(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, method, target, body string
		header                     map[string]string
		want                       string
	}{
		{name: "unknown path", method: "POST", target: "/contact", body: `{}`,
			want: `intercomtest: POST /contact: the Intercom API ` + intercom.APIVersion + ` has no such operation`},
		{name: "unknown method", method: "PATCH", target: "/contacts/123",
			want: `intercomtest: PATCH /contacts/123: the Intercom API ` + intercom.APIVersion + ` has no such operation (the path takes DELETE, GET, PUT)`},
		{name: "empty path parameter", method: "GET", target: "/contacts/",
			want: `intercomtest: GET /contacts/: the Intercom API ` + intercom.APIVersion + ` has no such operation`},
		{name: "no token", method: "GET", target: "/contacts/123", header: map[string]string{"Authorization": ""},
			want: `intercomtest: GET /contacts/{id}: missing Authorization header (a bearer token)`},
		{name: "not a bearer token", method: "GET", target: "/contacts/123", header: map[string]string{"Authorization": "Basic dXNlcjpwYXNz"},
			want: `intercomtest: GET /contacts/{id}: the Authorization header is not a bearer token`},
		{name: "empty bearer token", method: "GET", target: "/contacts/123", header: map[string]string{"Authorization": "Bearer  "},
			want: `intercomtest: GET /contacts/{id}: the Authorization header is not a bearer token`},
		{name: "no version", method: "GET", target: "/contacts/123", header: map[string]string{"Intercom-Version": ""},
			want: `intercomtest: GET /contacts/{id}: missing Intercom-Version header`},
		{name: "other version", method: "GET", target: "/contacts/123", header: map[string]string{"Intercom-Version": "1.4"},
			want: `intercomtest: GET /contacts/{id}: Intercom-Version is "1.4", the fake serves ` + intercom.APIVersion},
		{name: "path parameter not an integer", method: "PUT", target: "/data_attributes/abc", body: `{}`,
			want: `intercomtest: PUT /data_attributes/{id}: path parameter "` + lookupRoute("PUT /data_attributes/{id}").pathParams[0].name + `": "abc" is not an integer`},
		{name: "unknown enum value in the query", method: "GET", target: "/data_attributes?model=tickets",
			want: `intercomtest: GET /data_attributes: query parameter "model": "tickets" is not a value of intercom.DataAttributesListOptionsModel (want one of ` + modelValues() + `)`},
		{name: "unknown query parameter", method: "GET", target: "/contacts?per_pag=5",
			want: `intercomtest: GET /contacts: unknown query parameter "per_pag"`},
		{name: "query parameter of an operation without", method: "GET", target: "/companies/123?expand=all",
			want: `intercomtest: GET /companies/{id}: unknown query parameter "expand": the operation takes none`},
		{name: "query parameter not an integer", method: "GET", target: "/contacts?per_page=many",
			want: `intercomtest: GET /contacts: query parameter "per_page": "many" is not an integer`},
		{name: "query parameter twice", method: "GET", target: "/contacts?per_page=5&per_page=6",
			want: `intercomtest: GET /contacts: query parameter "per_page": given 2 times`},
		{name: "query parameter not a boolean", method: "GET", target: "/data_attributes?include_archived=yes",
			want: `intercomtest: GET /data_attributes: query parameter "include_archived": "yes" is not true or false`},
		{name: "query out of bounds", method: "GET", target: "/conversations?per_page=500",
			want: `intercomtest: GET /conversations: query parameter "per_page": must be between 1 and 150 (ConversationsListOptions.Validate)`},
		{name: "missing required query parameter", method: "GET", target: "/admins/activity_logs",
			want: `intercomtest: GET /admins/activity_logs: missing required query parameter "created_at_after"`},
		{name: "unknown body field", method: "POST", target: "/contacts", body: `{"emial": "jane@example.com"}`,
			want: `intercomtest: POST /contacts: body: unknown field "emial"`},
		{name: "field names are exact", method: "POST", target: "/contacts", body: `{"Email": "jane@example.com"}`,
			want: `intercomtest: POST /contacts: body: unknown field "Email"`},
		{name: "body of the wrong type", method: "POST", target: "/contacts", body: `{"email": 5, "signed_up_at": "yesterday"}`,
			want: `intercomtest: POST /contacts: body.email: want a string, got number 5; body.signed_up_at: want a Unix timestamp (an integer), got string "yesterday"`},
		{name: "body failing Validate", method: "POST", target: "/contacts", body: `{"name": "Jane"}`,
			want: `intercomtest: POST /contacts: body: needs email, or external_id, or role (CreateContactRequest.Validate)`},
		{name: "nested body", method: "POST", target: "/contacts/search",
			body: `{"query": {"field": "email", "operator": "~~", "value": "x"}, "pagination": {"per_page": 5, "page": 2}}`,
			want: `intercomtest: POST /contacts/search: body.pagination: unknown field "page"`},
		{name: "search: unknown operator", method: "POST", target: "/contacts/search", body: `{"query": {"field": "email", "operator": "~~", "value": "x"}}`,
			want: `intercomtest: POST /contacts/search: body.query.operator: "~~" is not a search operator (checked as Contacts.Search does)`},
		{name: "query of no shape", method: "POST", target: "/contacts/search", body: `{"query": {"value": "x"}}`,
			want: `intercomtest: POST /contacts/search: body.query: intercom: search query {"value":"x"} is neither a filter {field, operator, value} nor a group {operator, value: [filters]}`},
		{name: "union of no variant", method: "POST", target: "/conversations/1/reply", body: `{"type": "user", "body": "hi"}`,
			want: `intercomtest: POST /conversations/{id}/reply: body: object {"body":"hi","type":"user"} is none of the variants of intercom.ContactReplyConversationRequest (ContactReplyIntercomUserIDRequest, ContactReplyEmailRequest, ContactReplyUserIDRequest)`},
		// Validate cannot tell a required false from a missing one; the JSON can.
		{name: "required property missing", method: "PUT", target: "/admins/1/away", body: `{"away_mode_enabled": true}`,
			want: `intercomtest: PUT /admins/{id}/away: body: missing required field "away_mode_reassign"`},
		{name: "variant failing Validate", method: "POST", target: "/conversations/1/reply", body: `{"type": "admin", "message_type": "comment", "admin_id": ""}`,
			want: `intercomtest: POST /conversations/{id}/reply: body.admin_id: is required (AdminReplyConversationRequest.Validate)`},
		{name: "search: unknown field", method: "POST", target: "/contacts/search", body: `{"query": {"operator": "AND", "value": [{"field": "email", "operator": "=", "value": "a@b.c"}, {"field": "emial", "operator": "=", "value": "a@b.c"}]}}`,
			want: `intercomtest: POST /contacts/search: body.query.value[1].field: "emial" is not a field POST /contacts/search takes (a custom attribute is "custom_attributes.<name>") (checked as Contacts.Search does)`},
		{name: "search: IN one value", method: "POST", target: "/conversations/search", body: `{"query": {"field": "state", "operator": "IN", "value": "open"}}`,
			want: `intercomtest: POST /conversations/search: body.query.value: is one value; IN takes a list of values (checked as Conversations.Search does)`},
		{name: "search: date operator", method: "POST", target: "/contacts/search", body: `{"query": {"field": "created_at", "operator": ">=", "value": 1577836800}}`,
			want: `intercomtest: POST /contacts/search: body.query.operator: >= does not apply to created_at, a date field (Unix seconds): it takes =, >, < (checked as Contacts.Search does)`},
		{name: "search: milliseconds", method: "POST", target: "/conversations/search", body: `{"query": {"field": "created_at", "operator": ">", "value": 1577836800000}}`,
			want: `intercomtest: POST /conversations/search: body.query.value: is 1577836800000, a date in milliseconds? created_at takes Unix seconds (checked as Conversations.Search does)`},
		{name: "search: 3 deep", method: "POST", target: "/contacts/search", body: `{"query": {"operator": "AND", "value": [{"operator": "OR", "value": [{"operator": "AND", "value": [{"field": "email", "operator": "=", "value": "a@b.c"}]}]}]}}`,
			want: `intercomtest: POST /contacts/search: body.query.value[0].value[0]: nests groups 3 deep; Intercom takes at most 2 (checked as Contacts.Search does)`},
		{name: "null body", method: "POST", target: "/conversations/1/reply", body: `null`,
			want: `intercomtest: POST /conversations/{id}/reply: body: null: the operation takes intercom.ReplyConversationRequest`},
		{name: "events without a user", method: "GET", target: "/events?type=user",
			want: `intercomtest: GET /events: query: needs user_id, or intercom_user_id, or email (DataEventsListOptions.Validate)`},
		{name: "missing body", method: "POST", target: "/contacts",
			want: `intercomtest: POST /contacts: body: missing: the operation requires one (intercom.CreateContactRequest)`},
		{name: "body not JSON", method: "POST", target: "/contacts", body: `{"email": "jane@example.com"`,
			want: `intercomtest: POST /contacts: body: not JSON: unexpected EOF`},
		{name: "two JSON values", method: "POST", target: "/contacts", body: `{"email": "jane@example.com"} {}`,
			want: `intercomtest: POST /contacts: body: more data after the JSON value`},
		{name: "body where none is taken", method: "GET", target: "/contacts/123", body: `{}`,
			want: `intercomtest: GET /contacts/{id}: body: the operation takes no body, got 2 bytes`},
		{name: "not JSON content", method: "POST", target: "/contacts", body: `{"email": "jane@example.com"}`, header: map[string]string{"Content-Type": "text/plain"},
			want: `intercomtest: POST /contacts: Content-Type is "text/plain", want application/json`},
		{name: "every problem at once", method: "POST", target: "/contacts?x=1", body: `{"emial": "jane@example.com"}`, header: map[string]string{"Intercom-Version": ""},
			want: `intercomtest: POST /contacts: missing Intercom-Version header; unknown query parameter "x": the operation takes none; body: unknown field "emial"`},
	} {
		c.want = apiNames(c.want)
		t.Run(c.name, func(t *testing.T) {
			srv, ft := newFake(t)
			status, body := send(t, srv, c.method, c.target, c.body, c.header)
			if got := ft.failures(); !slices.Equal(got, []string{c.want}) {
				t.Errorf("failures:\n got %q\nwant %q", got, c.want)
			}
			if status != http.StatusBadRequest {
				t.Errorf("status %d, want 400", status)
			}
			var eb errorBody
			if err := json.Unmarshal(body, &eb); err != nil || eb.Type != "error.list" || len(eb.Errors) != 1 || eb.Errors[0].Message != c.want {
				t.Errorf("answer %s, want the message in an error list", body)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests recorded, want none", n)
			}
		})
	}
}

// modelValues are the values of the data attributes' model a version of the API lists, quoted.
func modelValues() string {
	return quoteAll(enumValues[reflect.TypeFor[intercom.DataAttributesListOptionsModel]()])
}

// TestRejectsForTheClient: the client sees a rejected request as an error, whose message is the
// fake's, while the test fails with the same message. The client does not check enum values
// itself (a newer API value may be valid), but the fake does.
func TestRejectsForTheClient(t *testing.T) {
	t.Parallel()
	srv, ft := newFake(t)
	_, err := srv.Client().DataAttributes.List(t.Context(), &intercom.DataAttributesListOptions{Model: "tickets"})
	want := `intercomtest: GET /data_attributes: query parameter "model": "tickets" is not a value of intercom.DataAttributesListOptionsModel (want one of ` + modelValues() + `)`
	var apiErr *intercom.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || len(apiErr.Errors) != 1 || apiErr.Errors[0].Message != want {
		t.Errorf("client error %v, want a 400 APIError saying %s", err, want)
	}
	if !errors.Is(err, intercom.ErrBadRequest) {
		t.Errorf("%v is not ErrBadRequest", err)
	}
	if got := ft.failures(); !slices.Equal(got, []string{want}) {
		t.Errorf("failures %q", got)
	}
}

// TestRecords: accepted requests are recorded as sent and as decoded, in order.
func TestRecords(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	client := srv.Client(intercom.WithHeader("X-Trace", "t1"))
	ctx := t.Context()
	if _, err := client.Contacts.Create(ctx, &intercom.CreateContactRequest{Email: intercom.Some("jane@example.com"), Name: intercom.Null[string]()}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Contacts.List(ctx, &intercom.ContactsListOptions{PerPage: 25, StartingAfter: "abc"}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Contacts.Delete(ctx, "a/b c"); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	var routes []string
	for _, r := range reqs {
		routes = append(routes, shapeOf(r.Route))
	}
	if want := []string{"POST /contacts", "GET /contacts", "DELETE /contacts/{}"}; !slices.Equal(routes, want) {
		t.Fatalf("routes %v, want %v", routes, want)
	}

	create := srv.Last("POST /contacts")
	body, ok := create.Body.(*intercom.CreateContactRequest)
	if !ok {
		t.Fatalf("body %T", create.Body)
	}
	if email, _ := body.Email.Get(); email != "jane@example.com" || !body.Name.IsNull() || !body.Phone.IsZero() {
		t.Errorf("decoded body %+v", body)
	}
	if string(create.RawBody) != `{"email":"jane@example.com","name":null}` || create.Params != nil {
		t.Errorf("raw body %s, params %v", create.RawBody, create.Params)
	}
	if create.Header.Get("Authorization") != "Bearer "+testToken || create.Header.Get("X-Trace") != "t1" || create.Method != "POST" || create.Path != "/contacts" {
		t.Errorf("request %+v", create)
	}

	list := srv.Last("GET /contacts")
	if p, ok := list.Params.(*intercom.ContactsListOptions); !ok || *p != (intercom.ContactsListOptions{PerPage: 25, StartingAfter: "abc"}) {
		t.Errorf("params %#v", list.Params)
	}
	if list.Query.Get("per_page") != "25" || list.Body != nil {
		t.Errorf("query %v, body %v", list.Query, list.Body)
	}

	del := srv.Last("DELETE /contacts/{id}")
	if del.PathParams["id"] != "a/b c" || del.Path != "/contacts/a%2Fb%20c" {
		t.Errorf("path %s, params %v", del.Path, del.PathParams)
	}
}

// tagsPath is what the fake says of the operations of the path of a tag, named as the API names
// them.
func tagsPath() string {
	path := lookupRoute("GET /tags/{id}").path // the API's names of its parameters
	var same []string
	for _, r := range routes {
		if r.path == path {
			same = append(same, r.key())
		}
	}
	return "; this path has " + strings.Join(same, ", ")
}

// TestLastFailsWithoutRequest: Last fails the test at once when the operation was not called,
// or is not an operation.
func TestLastFailsWithoutRequest(t *testing.T) {
	t.Parallel()
	for route, want := range map[string]string{
		"POST /contacts":             "intercomtest: no POST /contacts request was made (0 requests in all)",
		"POST /contactss":            `intercomtest: Last: the API has no operation "POST /contactss" (name one as "GET /contacts/{id}")`,
		"GET /contacts/{id}/nope":    `intercomtest: Last: the API has no operation "GET /contacts/{id}/nope" (name one as "GET /contacts/{id}")`,
		"GET /contacts/{contact_id}": "intercomtest: no GET /contacts/{contact_id} request was made (0 requests in all)",
		"PATCH /tags/{id}":           `intercomtest: Last: the API has no operation "PATCH /tags/{id}" (name one as "GET /contacts/{id}")` + tagsPath(),
	} {
		srv, ft := newFake(t)
		done := make(chan *Request)
		go func() {
			defer close(done)
			done <- srv.Last(route)
		}()
		if r := <-done; r != nil || !ft.failed {
			t.Errorf("Last(%q) = %v and did not stop the test", route, r)
		}
		if got := ft.failures(); !slices.Equal(got, []string{want}) {
			t.Errorf("Last(%q) failures %q, want %q", route, got, want)
		}
	}
}

// TestMatch: where templates overlap, the one with a literal segment wins; path parameters are
// unescaped.
func TestMatch(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ method, path, route, id string }{
		{"POST", "/contacts/search", "POST /contacts/search", ""},
		{"GET", "/contacts/search", "GET /contacts/{id}", "search"},
		{"GET", "/contacts/a%2Fb", "GET /contacts/{id}", "a/b"},
		{"POST", "/contacts/merge", "POST /contacts/merge", ""},
		{"GET", "/companies/scroll", "GET /companies/scroll", ""},
		{"GET", "/companies/1", "GET /companies/{id}", "1"},
	} {
		r, params, _ := match(c.method, c.path)
		if r == nil || r != lookupRoute(c.route) || pathParam(r, c.route, "id", params) != c.id {
			t.Errorf("%s %s: matched %v %v, want %s id %q", c.method, c.path, r, params, c.route, c.id)
		}
	}
}

// TestSynthesizedEveryOperation sends a valid request to every operation of the route table,
// with a body synthesized from its request type, and checks that the default answer has the
// documented status and decodes strictly into the operation's result type. That also proves
// the fake accepts what its own synthesizer makes of every request type.
func TestSynthesizedEveryOperation(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	// The route table has a route for every operation of the API reference, generated beside it.
	ref, err := os.ReadFile("../reference_gen.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`one per operation \((\d+) in`).FindSubmatch(ref)
	if m == nil {
		t.Fatal("the API reference does not say how many operations it has")
	}
	if n, _ := strconv.Atoi(string(m[1])); len(routes) != n || n == 0 {
		t.Fatalf("%d routes, the reference has %d operations: is the route table complete?", len(routes), n)
	}
	for i := range routes {
		r := &routes[i]
		t.Run(r.key(), func(t *testing.T) {
			target := r.path
			for _, p := range r.pathParams {
				target = strings.Replace(target, "{"+p.name+"}", "123", 1)
			}
			q := url.Values{}
			for _, p := range r.queryParams {
				if p.required || r.firstAnyOf(p.name) {
					f, _ := r.query.FieldByName(p.field)
					v := newSynth(p.name).value(f.Type, p.name, nil)
					q.Set(p.name, textOf(v))
				}
			}
			if len(q) > 0 {
				target += "?" + q.Encode()
			}
			var body string
			if r.body != nil {
				v := newSynth(r.key()).value(r.body, "", nil)
				data, err := json.Marshal(v.Interface())
				if err != nil {
					t.Fatal(err)
				}
				body = string(data)
				if r.bodyCheck != nil {
					body = searchBody
				}
			}
			header := map[string]string{}
			if r.binary != "" {
				header["Accept"] = r.binary
			}
			status, answer := send(t, srv, r.method, target, body, header)
			want := r.status
			if want == 0 { // the description documents no success status: 200
				want = http.StatusOK
			}
			if status != want {
				t.Fatalf("status %d, want %d: %s", status, want, answer)
			}
			switch {
			case r.binary != "":
				if len(answer) == 0 {
					t.Error("no content")
				}
			case r.result == nil:
				if len(answer) != 0 {
					t.Errorf("answer %s to an operation without a result", answer)
				}
			default:
				if _, err := decodeStrict(answer, r.result, "answer", false); err != nil {
					t.Errorf("%v\n%s", err, answer)
				}
			}
		})
	}
}

// textOf spells a query value as the client does.
func textOf(v reflect.Value) string {
	switch v.Kind() {
	case reflect.String:
		return v.String()
	case reflect.Int64:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.Bool:
		return strconv.FormatBool(v.Bool())
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	return ""
}

// TestSynthesizedDeterministic: an operation answers the same every time, in any server.
func TestSynthesizedDeterministic(t *testing.T) {
	a, b := NewServer(t), NewServer(t)
	_, first := send(t, a, "GET", "/conversations/77", "", nil)
	_, again := send(t, a, "GET", "/conversations/77", "", nil)
	_, other := send(t, b, "GET", "/conversations/77", "", nil)
	if !bytes.Equal(first, again) || !bytes.Equal(first, other) {
		t.Errorf("answers differ:\n%s\n%s\n%s", first, again, other)
	}
}

// TestSynthesizedPlausible: the default answer is about what the request named, and looks
// like Intercom's.
func TestSynthesizedPlausible(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	co, err := client.Companies.Get(ctx, "6657add46abd0167d9419cd2")
	if err != nil {
		t.Fatal(err)
	}
	if co.ID != "6657add46abd0167d9419cd2" || co.Type != "company" {
		t.Errorf("company %s %s", co.ID, co.Type)
	}
	if issues := intercom.DecodeIssues(co); len(issues) > 0 {
		t.Errorf("decode issues of the company %v", issues)
	}
	list, err := client.Contacts.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Data) != 1 {
		t.Fatalf("%d contacts listed, want 1", len(list.Data))
	}
	c := &list.Data[0]
	if c.Type != "contact" || !strings.HasSuffix(c.Email, "@example.com") {
		t.Errorf("contact %s %s", c.Type, c.Email)
	}
	for _, at := range []intercom.Timestamp{co.CreatedAt, c.CreatedAt} {
		if d := epoch.Sub(at.Time()); d < 0 || d > 30*24*time.Hour {
			t.Errorf("created at %v, want in the 30 days before %v", at, epoch)
		}
	}
	if c.Tags == nil || len(c.Tags.Data) != 1 || len(c.Tags.Data[0].ID) != 24 {
		t.Errorf("tags %+v", c.Tags)
	}
	if issues := intercom.DecodeIssues(c); len(issues) > 0 {
		t.Errorf("decode issues of the contact %v", issues)
	}

	created, err := client.Contacts.Create(ctx, &intercom.CreateContactRequest{Email: intercom.Some("ravi@example.com"), Name: intercom.Some("Ravi"),
		SignedUpAt: intercom.Some(intercom.Timestamp(1700000000))})
	if err != nil {
		t.Fatal(err)
	}
	if created.Email != "ravi@example.com" || created.Name != "Ravi" || created.SignedUpAt != 1700000000 {
		t.Errorf("created %s %s %d, want what the request said", created.Email, created.Name, created.SignedUpAt)
	}

	attr, err := client.DataAttributes.List(ctx, &intercom.DataAttributesListOptions{Model: intercom.DataAttributesListOptionsModelCompany})
	if err != nil {
		t.Fatal(err)
	}
	if len(attr.Data) != 1 || !slices.Contains(enumValues[reflect.TypeOf(attr.Data[0].Model)], string(attr.Data[0].Model)) {
		t.Errorf("data attributes %+v", attr.Data)
	}
}

// TestSynthesizedPagingEnds: the default answers of a paged operation end its iterator after
// one page, whichever way it pages.
func TestSynthesizedPagingEnds(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	client := srv.Client()
	ctx := t.Context()
	count := func(name string, seq func(func(any, error) bool)) {
		t.Helper()
		n := 0
		for _, err := range seq {
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			n++
		}
		if n != 1 {
			t.Errorf("%s: %d items, want 1", name, n)
		}
	}
	count("cursor", anySeq(client.Contacts.ListAll(ctx, nil)))
	count("page", anySeq(client.Companies.ListContactsAll(ctx, "1", nil)))
	count("scroll", anySeq(client.Companies.ScrollAll(ctx, nil)))
	count("search", anySeq(searchAll[intercom.ConversationListItem](t, ctx, client, "POST /conversations/search",
		`{"query": {"field": "open", "operator": "=", "value": true}}`)))
	// The scroll asked twice: the page with its item, then the empty page that ends it.
	var scrolls int
	for _, r := range srv.Requests() {
		if r.Route == "GET /companies/scroll" {
			scrolls++
		}
	}
	if scrolls != 2 {
		t.Errorf("%d scroll requests, want 2", scrolls)
	}
}

// firstAnyOf reports whether the query parameter name is one of the first set of r's
// alternatives, which the tests give.
func (r *route) firstAnyOf(name string) bool {
	return len(r.queryAnyOf) > 0 && slices.Contains(r.queryAnyOf[0], name)
}

// searchBody is a search query every search operation takes: the synthesizer, which knows the
// types but not the fields an operation searches by (its bodyCheck does), cannot make one.
const searchBody = `{"query": {"field": "id", "operator": "=", "value": "123"}}`

func anySeq[V any](seq func(func(V, error) bool)) func(func(any, error) bool) {
	return func(yield func(any, error) bool) {
		for v, err := range seq {
			if !yield(v, err) {
				return
			}
		}
	}
}

// TestClientEveryOperation calls every operation through the client's method for it, found by
// the route's name ("Contacts.Get"), with a synthesized body and the required query parameters:
// the fake accepts each request the client makes, as the route it names, and the client decodes
// each default answer without an issue.
func TestClientEveryOperation(t *testing.T) {
	srv := NewServer(t)
	client := srv.Client()
	for i := range routes {
		r := &routes[i]
		t.Run(r.op, func(t *testing.T) {
			m := method(t, client, r)
			args := operationArgs(t, r, m)
			before := len(srv.Requests())
			out := m.Call(args)
			if err, _ := out[len(out)-1].Interface().(error); err != nil {
				t.Fatal(err)
			}
			if len(out) == 2 {
				if rc, ok := out[0].Interface().(io.ReadCloser); ok {
					rc.Close()
				} else if issues := intercom.DecodeIssues(out[0].Interface()); len(issues) > 0 {
					t.Errorf("decode issues: %v", issues)
				}
			}
			reqs := srv.Requests()
			if len(reqs) != before+1 || reqs[before].Route != r.key() {
				t.Errorf("the client's request was not recorded as %s", r.key())
			}
		})
	}
}

// TestClientEveryIterator ranges over every iterator of the client against the fake: the
// client's All iterators are exactly those of the operations the route table says page (one per
// x-pagination action of the overlays that is not kind none), each has its Pages twin, and each
// yields the one item (or page) of the fake's default answer, without an error, and ends.
func TestClientEveryIterator(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	client := srv.Client()
	paged := map[string]bool{}
	for i := range routes {
		r := &routes[i]
		if r.paging == nil {
			continue
		}
		paged[r.op+"All"] = true
		t.Run(r.op, func(t *testing.T) {
			for _, suffix := range []string{"All", "Pages"} {
				m := method(t, client, &route{op: r.op + suffix})
				n := 0
				for v, err := range reflectSeq(m.Call(operationArgs(t, r, m))[0]) {
					if err != nil {
						t.Fatalf("%s%s: %v", r.op, suffix, err)
					}
					if issues := intercom.DecodeIssues(v); len(issues) > 0 {
						t.Errorf("%s%s: decode issues %v", r.op, suffix, issues)
					}
					n++
				}
				if n != 1 {
					t.Errorf("%s%s yielded %d values, want 1", r.op, suffix, n)
				}
			}
		})
	}
	var iterators []string
	ct := reflect.TypeFor[intercom.Client]()
	for i := range ct.NumField() {
		f := ct.Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || !strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			continue
		}
		for j := range f.Type.NumMethod() {
			if name := f.Type.Method(j).Name; strings.HasSuffix(name, "All") {
				iterators = append(iterators, f.Name+"."+name)
			}
		}
	}
	if want := slices.Sorted(maps.Keys(paged)); !slices.Equal(slices.Sorted(slices.Values(iterators)), want) {
		t.Errorf("the client's All iterators:\n%q\nthe paged operations' (route table):\n%q", iterators, want)
	}
	if len(paged) == 0 {
		t.Error("the route table has no paged operation")
	}
}

// reflectSeq turns seq, an iterator of the client (iter.Seq2[T, error]) as a reflect value,
// into an iterator over its values as any.
func reflectSeq(seq reflect.Value) func(func(any, error) bool) {
	return func(yield func(any, error) bool) {
		seq.Call([]reflect.Value{reflect.MakeFunc(seq.Type().In(0), func(in []reflect.Value) []reflect.Value {
			err, _ := in[1].Interface().(error)
			return []reflect.Value{reflect.ValueOf(yield(in[0].Interface(), err))}
		})})
	}
}

// method returns the client's method for the operation of r ("Contacts.Get").
func method(t *testing.T, client *intercom.Client, r *route) reflect.Value {
	t.Helper()
	service, name, _ := strings.Cut(r.op, ".")
	m := reflect.ValueOf(client).Elem().FieldByName(service).MethodByName(name)
	if !m.IsValid() {
		t.Fatalf("the client has no method %s", r.op)
	}
	return m
}

// operationArgs returns the arguments of a call of m, the client's method for r: path
// parameters "123", the required query parameters and a body, synthesized.
func operationArgs(t *testing.T, r *route, m reflect.Value) []reflect.Value {
	t.Helper()
	ctx := reflect.ValueOf(context.Background())
	mt := m.Type()
	args := []reflect.Value{ctx}
	for j := 1; j < mt.NumIn()-1; j++ { // between ctx and the options
		in := mt.In(j)
		switch {
		case in.Kind() == reflect.String:
			args = append(args, reflect.ValueOf("123").Convert(in))
		case in.Kind() == reflect.Int64:
			args = append(args, reflect.ValueOf(int64(123)).Convert(in))
		case r.query != nil && in == reflect.PointerTo(r.query):
			opts := reflect.New(r.query)
			for _, p := range r.queryParams {
				if p.required || r.firstAnyOf(p.name) {
					f := opts.Elem().FieldByName(p.field)
					f.Set(newSynth(p.name).value(f.Type(), p.name, nil))
				}
			}
			args = append(args, opts)
		case r.body != nil && (in == r.body || in == reflect.PointerTo(r.body)):
			v := reflect.New(r.body)
			v.Elem().Set(newSynth(r.key()).value(r.body, "", nil))
			if r.bodyCheck != nil {
				if err := json.Unmarshal([]byte(searchBody), v.Interface()); err != nil {
					t.Fatal(err)
				}
			}
			if in == r.body {
				v = v.Elem()
			}
			args = append(args, v)
		default:
			t.Fatalf("argument %d of %s is a %s", j, r.op, in)
		}
	}
	return args
}
