package intercom

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestMatchShape(t *testing.T) {
	shapes := []shape{
		{required: []string{"operator", "value"}, props: []string{"operator", "value"}},
		{required: []string{"field", "operator", "value"}, props: []string{"field", "operator", "value"}},
		{props: []string{"id", "name"}},
	}
	for data, want := range map[string]int{
		`{"operator":"AND","value":[]}`:            0,
		`{"field":"x","operator":"=","value":1}`:   1, // both fit; the one that knows "field" wins
		`{"id":"1"}`:                               2,
		`{"id":"1","operator":"="}`:                2, // the only shape whose required are all present
		`{"unrelated":true}`:                       2, // no requirements: fits, with one unknown key
		`{"field":"x","operator":"=","other":"y"}`: 2,
	} {
		if got := matchShape([]byte(data), shapes); got != want {
			t.Errorf("matchShape(%s) = %d, want %d", data, got, want)
		}
	}
	if got := matchShape([]byte(`{"a":1}`), shapes[:2]); got != -1 {
		t.Errorf("no shape fits: got %d, want -1", got)
	}
}

func TestFirstElemKind(t *testing.T) {
	for data, want := range map[string]jsonKind{
		`[1,2]`: jsonNumber, ` [ "a"]`: jsonString, `[]`: jsonInvalid, `[{"a":1}]`: jsonObject, `{}`: jsonInvalid,
	} {
		if got := firstElemKind([]byte(data)); got != want {
			t.Errorf("firstElemKind(%s) = %d, want %d", data, got, want)
		}
	}
}

// A nested search query decodes into the right variants at every level: {operator, value}
// is a nested filter, {field, operator, value} a single one, whatever order the description
// lists them in.
func TestSearchQueryDecodesNested(t *testing.T) {
	var q MultipleOrSingleFilterSearchRequest
	data := `{"operator":"AND","value":[{"field":"email","operator":"=","value":"a@example.com"},
		{"operator":"OR","value":[{"field":"age","operator":">","value":[1,2]}]}]}`
	if err := json.Unmarshal([]byte(data), &q); err != nil {
		t.Fatal(err)
	}
	m := q.MultipleFilterSearchRequest
	if m == nil || m.Operator != MultipleFilterSearchRequestOperatorAnd || len(m.Value) != 2 {
		t.Fatalf("top level: %+v", q)
	}
	if s := m.Value[0].SingleFilterSearchRequest; s == nil || s.Field != "email" || s.Value.String.IsZero() {
		t.Errorf("first filter: %+v", m.Value[0])
	}
	inner := m.Value[1].MultipleFilterSearchRequest
	if inner == nil || len(inner.Value) != 1 {
		t.Fatalf("second filter: %+v", m.Value[1])
	}
	if s := inner.Value[0].SingleFilterSearchRequest; s == nil || len(s.Value.IntegerList) != 2 || s.Value.StringList != nil {
		t.Errorf("an array of numbers must decode as IntegerList: %+v", inner.Value[0])
	}
}

func TestArrayVariantByElementKind(t *testing.T) {
	for data, check := range map[string]func(SingleFilterSearchRequestValue) bool{
		`["a","b"]`: func(v SingleFilterSearchRequestValue) bool { return len(v.StringList) == 2 },
		`[1,2,3]`:   func(v SingleFilterSearchRequestValue) bool { return len(v.IntegerList) == 3 },
		`[]`:        func(v SingleFilterSearchRequestValue) bool { return v.StringList != nil && !v.IsZero() },
	} {
		var v SingleFilterSearchRequestValue
		if err := json.Unmarshal([]byte(data), &v); err != nil || !check(v) {
			t.Errorf("%s decoded to %+v, %v", data, v, err)
		}
	}
}

// Constants a request must carry (union discriminators, required single-valued enums) are filled
// in when the caller leaves them unset.
func TestRequestFillsConstants(t *testing.T) {
	req := RedactConversationRequest{RedactConversationPartRequest: &RedactConversationRequestRedactConversationPartRequest{
		ConversationID: "1", ConversationPartID: "2",
	}}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	assertJSON(t, "redact", b, `{"type":"conversation_part","conversation_id":"1","conversation_part_id":"2"}`)

	// A value the caller sets is kept.
	req.RedactConversationPartRequest.Type = "custom"
	b, _ = json.Marshal(req)
	assertJSON(t, "redact with type", b, `{"type":"custom","conversation_id":"1","conversation_part_id":"2"}`)
}

// An operation whose body type requires properties refuses a nil body without sending anything.
func TestRequiredBodyThroughGeneratedMethod(t *testing.T) {
	srv := newTestServer(t, answer{status: 202})
	err := srv.client(t).DataEvents.Create(context.Background(), nil)
	if err == nil || !strings.Contains(err.Error(), "request body is required") {
		t.Fatalf("err = %v, want a required-body error", err)
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// A binary download is returned as a stream, asked for with the content type it has.
func TestDownloadStreams(t *testing.T) {
	srv := newTestServer(t, answer{body: "gzip bytes", header: map[string]string{"Content-Type": "application/octet-stream"}})
	rc, err := srv.client(t).DataExport.Download(context.Background(), "job 1")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil || string(data) != "gzip bytes" {
		t.Errorf("body %q, %v", data, err)
	}
	r := srv.only(t)
	if r.Path != "/download/content/data/job%201" || r.Header.Get("Accept") != "application/octet-stream" {
		t.Errorf("request %s %s Accept %q", r.Method, r.URI, r.Header.Get("Accept"))
	}
}

// A request union checks the variant that is set before anything is sent; constants the
// request fills in by itself are not asked of the caller.
func TestUnionBodyValidatedBeforeSending(t *testing.T) {
	srv := newTestServer(t, answer{body: `{"type":"conversation","id":"1"}`})
	c := srv.client(t)
	bad := &ReplyConversationRequest{ContactReplyConversationRequest: &ContactReplyConversationRequest{
		ContactReplyEmailRequest: &ContactReplyEmailRequest{Body: "hi"}, // no email
	}}
	_, err := c.Conversations.Reply(context.Background(), "1", bad)
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != "email" {
		t.Fatalf("err = %v, want a *ValidationError on email", err)
	}
	if n := len(srv.requests()); n != 0 {
		t.Fatalf("%d requests sent, want none", n)
	}
	good := &ReplyConversationRequest{ContactReplyConversationRequest: &ContactReplyConversationRequest{
		ContactReplyEmailRequest: &ContactReplyEmailRequest{Body: "hi", Email: "jane@example.com"},
	}}
	if _, err := c.Conversations.Reply(context.Background(), "1", good); err != nil {
		t.Fatal(err)
	}
	assertJSON(t, "reply", srv.only(t).Body, `{"message_type":"comment","type":"user","body":"hi","email":"jane@example.com"}`)
}
