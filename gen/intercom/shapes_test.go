package intercom

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"reflect"
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

// A union inside a union decodes into the right variants at every level: an admin's reply fits
// both the contact's shape (which requires nothing of its own) and the admin's, and the one that
// knows more of its properties wins; a contact's reply fits only the contact's, whose own
// variants are told apart by the identifier each requires.
func TestUnionDecodesNested(t *testing.T) {
	t.Parallel()
	var admin ReplyConversationRequest
	if err := json.Unmarshal([]byte(`{"message_type":"comment","type":"admin","admin_id":"12","body":"On it"}`), &admin); err != nil {
		t.Fatal(err)
	}
	want := ReplyConversationRequest{AdminReplyConversationRequest: &AdminReplyConversationRequest{
		MessageType: AdminReplyConversationRequestMessageTypeComment, Type: "admin", AdminID: "12", Body: String("On it"),
	}}
	if !reflect.DeepEqual(admin, want) {
		t.Errorf("the admin's reply decoded to %+v, want %+v", admin, want)
	}
	for data, want := range map[string]ContactReplyConversationRequest{
		`{"message_type":"comment","type":"user","intercom_user_id":"6329","body":"hi"}`: {ContactReplyIntercomUserIDRequest: &ContactReplyIntercomUserIDRequest{
			MessageType: "comment", Type: "user", IntercomUserID: "6329", Body: "hi"}},
		`{"message_type":"comment","type":"user","email":"jane@example.com","body":"hi"}`: {ContactReplyEmailRequest: &ContactReplyEmailRequest{
			MessageType: "comment", Type: "user", Email: "jane@example.com", Body: "hi"}},
		`{"message_type":"comment","type":"user","user_id":"u1","body":"hi"}`: {ContactReplyUserIDRequest: &ContactReplyUserIDRequest{
			MessageType: "comment", Type: "user", UserID: "u1", Body: "hi"}},
	} {
		var got ReplyConversationRequest
		if err := json.Unmarshal([]byte(data), &got); err != nil {
			t.Fatal(err)
		}
		if got.AdminReplyConversationRequest != nil || got.ContactReplyConversationRequest == nil || !reflect.DeepEqual(*got.ContactReplyConversationRequest, want) {
			t.Errorf("%s decoded to %+v, want the contact's %+v", data, got, want)
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
