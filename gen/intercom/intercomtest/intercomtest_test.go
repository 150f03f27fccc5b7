package intercomtest_test

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

const secret = "cs_TEST_intercomtest"

func TestSign(t *testing.T) {
	// The HMAC-SHA1 example of the HMAC article on Wikipedia: a published answer.
	if got := intercomtest.Sign("key", []byte("The quick brown fox jumps over the lazy dog")); got != "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9" {
		t.Errorf("Sign = %s", got)
	}
	body := []byte(`{"type":"notification_event"}`)
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write(body)
	if got, want := intercomtest.Sign(secret, body), "sha1="+hex.EncodeToString(mac.Sum(nil)); got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	if err := intercom.VerifySignature([]byte(secret), body, intercomtest.Sign(secret, body)); err != nil {
		t.Errorf("VerifySignature refuses Sign's signature: %v", err)
	}
}

func TestNewRequest(t *testing.T) {
	body := []byte(`{"type":"notification_event","topic":"ping"}`)
	req := intercomtest.NewRequest(secret, "/hooks", body)
	if req.Method != http.MethodPost || req.URL.Path != "/hooks" || req.Header.Get("Content-Type") != "application/json" {
		t.Errorf("request %s %s %v", req.Method, req.URL, req.Header)
	}
	if got := req.Header.Get(intercom.SignatureHeader); got != intercomtest.Sign(secret, body) {
		t.Errorf("signature %q", got)
	}
	if got, _ := io.ReadAll(req.Body); string(got) != string(body) {
		t.Errorf("body %q", got)
	}
}

func TestNotificationJSON(t *testing.T) {
	body := intercomtest.Notification{
		Topic: intercom.TopicConversationUserCreated,
		Item:  &intercom.Conversation{Type: "conversation", ID: "123"},
	}.JSON()
	n, err := intercom.DecodeNotification(body)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(n.ID, "notif_") || n.AppID == "" || n.CreatedAt == 0 || n.FirstSentAt != n.CreatedAt || n.DeliveryAttempts != 1 {
		t.Errorf("defaults: %+v", n)
	}
	if c, ok := n.Item.(*intercom.Conversation); !ok || c.ID != "123" {
		t.Errorf("item %#v", n.Item)
	}
	again := intercomtest.Notification{Topic: intercom.TopicPing}.JSON()
	if m, _ := intercom.DecodeNotification(again); m == nil || m.ID == n.ID || m.RawItem != nil {
		t.Errorf("second notification %+v: IDs must differ, no item", m)
	}

	set := intercomtest.Notification{
		Topic: "job.completed", Item: json.RawMessage(`{"type":"job","id":"j1"}`),
		ID: "notif_fixed", AppID: "app1", CreatedAt: 1700000000, FirstSentAt: 1699999999, DeliveryAttempts: 3,
	}.JSON()
	m, err := intercom.DecodeNotification(set)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != "notif_fixed" || m.AppID != "app1" || m.CreatedAt != 1700000000 || m.FirstSentAt != 1699999999 ||
		m.DeliveryAttempts != 3 || m.ItemType != "job" || string(m.RawItem) != `{"type":"job","id":"j1"}` {
		t.Errorf("notification %+v", m)
	}
}

func TestNotificationJSONPanicsOnBadItem(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	intercomtest.Notification{Topic: intercom.TopicPing, Item: func() {}}.JSON()
}

// TestSendEndToEnd drives a router the way Intercom does, through the signature check.
// TestSendTo: SendTo delivers to the path given, so that a mux routes the notification to the
// webhook router mounted there, and not elsewhere.
func TestSendTo(t *testing.T) {
	t.Parallel()
	router := intercom.NewWebhookRouter(secret)
	var got []intercom.Topic
	router.On(intercom.TopicPing, func(_ context.Context, n *intercom.Notification) error {
		got = append(got, n.Topic)
		return nil
	})
	mux := http.NewServeMux()
	mux.Handle("POST /webhooks/intercom", router)
	body := intercomtest.Notification{Topic: intercom.TopicPing}.JSON()
	if resp := intercomtest.SendTo(mux, secret, "/webhooks/intercom", body); resp.StatusCode != http.StatusOK {
		t.Errorf("to /webhooks/intercom: status %d, want 200", resp.StatusCode)
	}
	if resp := intercomtest.Send(mux, secret, body); resp.StatusCode != http.StatusNotFound {
		t.Errorf("to /: status %d, want 404 from the mux", resp.StatusCode)
	}
	if !slices.Equal(got, []intercom.Topic{intercom.TopicPing}) {
		t.Errorf("handled %v, want one ping", got)
	}
}

func TestSendEndToEnd(t *testing.T) {
	router := intercom.NewWebhookRouter(secret, intercom.WithWebhookErrorHandler(func(*http.Request, int, error) {}))
	var got []string
	router.OnContactUserCreated(func(_ context.Context, n *intercom.Notification, c *intercom.Contact) error {
		got = append(got, c.Email)
		if c.Email == "fail@example.com" {
			return errors.New("cannot store contact")
		}
		return nil
	})
	send := func(email string) int {
		body := intercomtest.Notification{
			Topic: intercom.TopicContactUserCreated,
			Item:  &intercom.Contact{Type: "contact", ID: "c1", Email: email},
		}.JSON()
		return intercomtest.Send(router, secret, body).StatusCode
	}
	if status := send("ok@example.com"); status != http.StatusOK {
		t.Errorf("status %d, want 200", status)
	}
	if status := send("fail@example.com"); status != http.StatusInternalServerError {
		t.Errorf("handler error: status %d, want 500", status)
	}
	if resp := intercomtest.Send(router, "cs_other", intercomtest.Notification{Topic: intercom.TopicPing}.JSON()); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("wrong secret: status %d, want 401", resp.StatusCode)
	}
	if strings.Join(got, " ") != "ok@example.com fail@example.com" {
		t.Errorf("handled %v", got)
	}
}

func ExampleSend() {
	const secret = "cs_example"
	router := intercom.NewWebhookRouter(secret)
	router.OnConversationUserReplied(func(_ context.Context, n *intercom.Notification, c *intercom.Conversation) error {
		fmt.Printf("%s: conversation %s, attempt %d\n", n.Topic, c.ID, n.DeliveryAttempts)
		return nil
	})

	resp := intercomtest.Send(router, secret, intercomtest.Notification{
		Topic: intercom.TopicConversationUserReplied,
		Item:  &intercom.Conversation{Type: "conversation", ID: "1911149811"},
	}.JSON())
	fmt.Println(resp.Status)
	// Output:
	// conversation.user.replied: conversation 1911149811, attempt 1
	// 200 OK
}
