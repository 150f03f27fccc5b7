// Package intercomtest helps test code that uses Intercom, from both sides.
//
// NewServer starts a fake Intercom API on loopback for one test: it knows every operation of the
// API from the same model the client is generated from (routes_gen.go), holds each request
// strictly to the description, failing the test with what was wrong and where, records the
// requests it accepts, and answers them with what the test registered or with a result
// synthesized from the operation's response schema:
//
//	srv := intercomtest.NewServer(t)
//	srv.Respond("GET /contacts/{id}", 200, `{"type": "contact", "id": "1", "email": "jane@example.com"}`)
//	contact, err := srv.Client().Contacts.Get(ctx, "1") // your code, given srv.Client()
//	req := srv.Last("GET /contacts/{id}")            // req.PathParams["id"] is "1"
//
// With WithState the fake remembers: what a test creates is stored, and fetched, listed, searched,
// updated, related and deleted as Intercom would (Seed loads records, Records reads them, the
// clock is the test's). Inject makes requests fail (a status, a delay, a broken connection), to
// test retries. A Recorder records real exchanges with Intercom to a file, scrubbed, and
// WithReplay answers from one:
//
//	srv := intercomtest.NewServer(t, intercomtest.WithState(1))
//	srv.Seed("contacts", `{"email": "jane@example.com"}`)
//	srv.Inject("GET /contacts", 1, intercomtest.Fault{Status: 503}) // retried by the client
//
// For webhook receivers, it builds notifications as Intercom sends them, signs them as Intercom
// does, and sends them to an http.Handler, so that a test exercises a webhook endpoint end to
// end, signature check included:
//
//	router := intercom.NewWebhookRouter(secret)
//	router.OnContactUserCreated(handle)
//	resp := intercomtest.Send(router, secret, intercomtest.Notification{
//		Topic: intercom.TopicContactUserCreated,
//		Item:  &intercom.Contact{Type: "contact", ID: "6657add46abd0167d9419cd2"},
//	}.JSON())
//	// resp.StatusCode is 200 when handle returned nil.
package intercomtest

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// Sign returns the X-Hub-Signature value Intercom sends with body: "sha1=" followed by the
// hexadecimal HMAC-SHA1 of body keyed with secret, the app's client secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write(body)
	return "sha1=" + hex.EncodeToString(mac.Sum(nil))
}

// NewRequest returns an incoming POST request to target carrying body, signed with secret, with
// the headers Intercom sends, for passing to an http.Handler's ServeHTTP. Like
// httptest.NewRequest, it panics on an invalid target.
func NewRequest(secret, target string, body []byte) *http.Request {
	req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "intercom-parrot-service-client/1.0")
	req.Header.Set(intercom.SignatureHeader, Sign(secret, body))
	return req
}

// Send signs body with secret, serves it to h as Intercom would deliver it, and returns the
// response h wrote. The request is a POST to "/", which suits a handler that serves one
// endpoint (the router NewWebhookRouter returns); use SendTo for a mux that routes by path.
func Send(h http.Handler, secret string, body []byte) *http.Response {
	return SendTo(h, secret, "/", body)
}

// SendTo is Send to the path (or URL) target, for a handler that routes by path: an
// http.ServeMux with the webhook router at "/webhooks/intercom", say. Like httptest.NewRequest,
// it panics on an invalid target.
func SendTo(h http.Handler, secret, target string, body []byte) *http.Response {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, NewRequest(secret, target, body))
	return rec.Result()
}

// Notification is a notification to build with JSON; its zero fields get the values Intercom
// would send.
type Notification struct {
	Topic intercom.Topic
	// Item is the notification's data.item: a model such as &intercom.Conversation{...}, a map,
	// or a json.RawMessage. Models need their Type set ("conversation"): the receiver decodes an
	// item by its type. nil sends no item.
	Item any

	ID               string             // default: a random "notif_…" ID
	AppID            string             // default: "testapp"
	CreatedAt        intercom.Timestamp // default: now
	FirstSentAt      intercom.Timestamp // default: CreatedAt
	DeliveryAttempts int                // default: 1
}

// JSON returns the notification as Intercom sends it. It panics if Item cannot be marshalled.
func (n Notification) JSON() []byte {
	if n.ID == "" {
		n.ID = "notif_" + rand.Text()
	}
	if n.AppID == "" {
		n.AppID = "testapp"
	}
	if n.CreatedAt == 0 {
		n.CreatedAt = intercom.TimestampOf(time.Now())
	}
	if n.FirstSentAt == 0 {
		n.FirstSentAt = n.CreatedAt
	}
	if n.DeliveryAttempts == 0 {
		n.DeliveryAttempts = 1
	}
	type data struct {
		Type string `json:"type"`
		Item any    `json:"item,omitempty"`
	}
	body, err := json.Marshal(struct {
		Type             string             `json:"type"`
		ID               string             `json:"id"`
		Topic            intercom.Topic     `json:"topic"`
		AppID            string             `json:"app_id"`
		CreatedAt        intercom.Timestamp `json:"created_at"`
		DeliveryAttempts int                `json:"delivery_attempts"`
		FirstSentAt      intercom.Timestamp `json:"first_sent_at"`
		Data             data               `json:"data"`
	}{"notification_event", n.ID, n.Topic, n.AppID, n.CreatedAt, n.DeliveryAttempts, n.FirstSentAt,
		data{"notification_event_data", n.Item}})
	if err != nil {
		panic(fmt.Sprintf("intercomtest: marshal notification item: %v", err))
	}
	return body
}
