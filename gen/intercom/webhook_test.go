package intercom

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// hookSecret is the client secret of the test routers. It must never appear in an answer.
const hookSecret = "cs_TEST_webhook_secret_91d2"

// sign computes a notification signature the way Intercom documents it, independently of the
// code under test.
func sign(secret string, body []byte) string {
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write(body)
	return "sha1=" + hex.EncodeToString(mac.Sum(nil))
}

func TestVerifySignatureKnownAnswers(t *testing.T) {
	tests := []struct {
		secret, body, header string
	}{
		// RFC 2202, test case 2, and the HMAC-SHA1 example from the HMAC article on Wikipedia:
		// published answers, not computed here.
		{"Jefe", "what do ya want for nothing?", "sha1=effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"},
		{"key", "The quick brown fox jumps over the lazy dog", "sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"},
		// Computed here with crypto/hmac, on a notification body and on an empty one.
		{hookSecret, `{"type":"notification_event","topic":"ping"}`, sign(hookSecret, []byte(`{"type":"notification_event","topic":"ping"}`))},
		{hookSecret, "", sign(hookSecret, nil)},
		// Upper-case digits and algorithm, and surrounding space, are the same signature.
		{"key", "The quick brown fox jumps over the lazy dog", "SHA1=DE7C9B85B8B78AA6BC8A7A36F70A90701C9DB4D9"},
		{"key", "The quick brown fox jumps over the lazy dog", " sha1=de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9 "},
	}
	for _, tt := range tests {
		if err := VerifySignature([]byte(tt.secret), []byte(tt.body), tt.header); err != nil {
			t.Errorf("VerifySignature(%q, %q, %q) = %v, want nil", tt.secret, tt.body, tt.header, err)
		}
	}
}

func TestVerifySignatureRefusals(t *testing.T) {
	body := []byte(`{"type":"notification_event","topic":"contact.user.created"}`)
	good := sign(hookSecret, body)
	tests := []struct {
		name   string
		secret string
		body   []byte
		header string
		want   error
	}{
		{"tampered body", hookSecret, append(bytes.Clone(body), ' '), good, ErrSignatureMismatch},
		{"one byte changed", hookSecret, bytes.Replace(body, []byte("user"), []byte("lead"), 1), good, ErrSignatureMismatch},
		{"wrong secret", "cs_other", body, good, ErrSignatureMismatch},
		{"other digest", hookSecret, body, "sha1=" + strings.Repeat("0", 40), ErrSignatureMismatch},
		{"missing", hookSecret, body, "", ErrSignatureMissing},
		{"blank", hookSecret, body, "   ", ErrSignatureMissing},
		{"no algorithm", hookSecret, body, strings.TrimPrefix(good, "sha1="), ErrSignatureMalformed},
		{"no digest", hookSecret, body, "sha1=", ErrSignatureMalformed},
		{"short digest", hookSecret, body, good[:len(good)-1], ErrSignatureMalformed},
		{"long digest", hookSecret, body, good + "0", ErrSignatureMalformed},
		{"not hex", hookSecret, body, "sha1=" + strings.Repeat("zz", 20), ErrSignatureMalformed},
		{"sha256", hookSecret, body, "sha256=" + strings.Repeat("ab", 32), ErrSignatureMalformed},
		{"sha256 prefix, sha1 length", hookSecret, body, "sha256=" + strings.TrimPrefix(good, "sha1="), ErrSignatureMalformed},
		{"empty secret", "", body, sign("", body), ErrNoWebhookSecret},
		{"blank secret", " \t\n", body, sign(" \t\n", body), ErrNoWebhookSecret},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := VerifySignature([]byte(tt.secret), tt.body, tt.header)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
				t.Errorf("error %q shows the secret", err)
			}
		})
	}
}

// companyCreated is Intercom's documented example notification.
const companyCreated = `{
  "type": "notification_event",
  "topic": "company.created",
  "id": "notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3",
  "app_id": "a86dr8yl",
  "created_at": 1392731331,
  "delivery_attempts": 1,
  "first_sent_at": 1392731392,
  "data": {
    "item": {
      "type": "company",
      "id": "531ee472cce572a6ec000006",
      "name": "Example Company Inc.",
      "company_id": "6",
      "remote_created_at": 1394531169,
      "created_at": 1394533506,
      "updated_at": 1396874658,
      "custom_attributes": {}
    }
  }
}`

func TestDecodeNotificationEnvelope(t *testing.T) {
	body := []byte(companyCreated)
	n, err := DecodeNotification(body)
	if err != nil {
		t.Fatal(err)
	}
	if n.ID != "notif_ccd8a4d0-f965-11e3-a367-c779cae3e1b3" || n.Topic != TopicCompanyCreated || n.AppID != "a86dr8yl" ||
		n.CreatedAt != 1392731331 || n.DeliveryAttempts != 1 || n.FirstSentAt != 1392731392 {
		t.Errorf("envelope: %+v", n)
	}
	company, ok := n.Item.(*Company)
	if !ok || n.ItemType != "company" || n.ItemErr != nil {
		t.Fatalf("item %T of type %q (err %v), want *Company", n.Item, n.ItemType, n.ItemErr)
	}
	if company.ID != "531ee472cce572a6ec000006" || company.Name != "Example Company Inc." || company.CompanyID != "6" || company.CreatedAt != 1394533506 {
		t.Errorf("company: %+v", company)
	}
	if !json.Valid(n.RawItem) || !bytes.Contains(n.RawItem, []byte(`"Example Company Inc."`)) {
		t.Errorf("RawItem = %s", n.RawItem)
	}
	if !bytes.Equal(n.Raw, body) {
		t.Error("Raw is not the body")
	}
	body[0] = 'X'
	if n.Raw[0] != '{' {
		t.Error("Raw shares memory with the body passed in")
	}
}

// notification returns a notification body of topic with the given item JSON.
func notification(topic, item string) []byte {
	return []byte(`{"type":"notification_event","id":"notif_1","topic":"` + topic + `","app_id":"a1",` +
		`"created_at":1700000000,"delivery_attempts":2,"first_sent_at":1699999990,"data":{"type":"notification_event_data","item":` + item + `}}`)
}

func TestDecodeNotificationItems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     []byte
		itemType string
		check    func(t *testing.T, n *Notification)
	}{
		{"conversation", notification("conversation.user.replied", `{"type":"conversation","id":"123","state":"open","created_at":1700000000}`), "conversation",
			func(t *testing.T, n *Notification) {
				c, ok := n.Item.(*Conversation)
				if !ok || c.ID != "123" || c.State != "open" || c.CreatedAt != 1700000000 {
					t.Errorf("item %#v", n.Item)
				}
			}},
		{"contact", notification("contact.user.created", `{"type":"contact","id":"c1","role":"user","email":"a@example.com"}`), "contact",
			func(t *testing.T, n *Notification) {
				if c, ok := n.Item.(*Contact); !ok || c.Email != "a@example.com" {
					t.Errorf("item %#v", n.Item)
				}
			}},
		{"event", notification("event.created", `{"type":"event","event_name":"invited-friend","created_at":1391691571}`), "event",
			func(t *testing.T, n *Notification) {
				if e, ok := n.Item.(*DataEvent); !ok || e.EventName != "invited-friend" {
					t.Errorf("item %#v", n.Item)
				}
			}},
		{"unknown topic and item type", notification("job.completed", `{"type":"job","id":"j1","state":"done"}`), "job",
			func(t *testing.T, n *Notification) {
				if n.Topic != "job.completed" || n.Item != nil || n.ItemErr != nil || string(n.RawItem) != `{"type":"job","id":"j1","state":"done"}` {
					t.Errorf("notification %+v", n)
				}
			}},
		{"contact tag", notification("contact.user.tag.created", `{"type":"contact_tag","tag":{"type":"tag","id":"1"},"contact":{"type":"contact","id":"c1"},
			"created_at":1596633295,"admin":{"type":"admin","id":"a1"}}`), "contact_tag",
			func(t *testing.T, n *Notification) {
				if ct, ok := n.Item.(*ContactTag); !ok || ct.Tag == nil || ct.Tag.ID != "1" || ct.Contact == nil || ct.Contact.ID != "c1" ||
					ct.CreatedAt != 1596633295 || ct.Admin == nil || ct.Admin.ID != "a1" || n.ItemErr != nil {
					t.Errorf("notification %+v, item %#v", n, n.Item)
				}
			}},
		{"item of another shape", notification("contact.user.created", `{"type":"contact","id":"c9","created_at":"2026-01-10T04:22:28Z","location":"Dublin"}`), "contact",
			func(t *testing.T, n *Notification) {
				c, ok := n.Item.(*Contact)
				issues := DecodeIssues(n.Item)
				if !ok || c.ID != "c9" || c.CreatedAt.Time().IsZero() || n.ItemErr != nil || len(issues) != 1 || issues[0].Path != "location" {
					t.Errorf("notification %+v, item %#v, issues %v", n, n.Item, issues)
				}
			}},
		{"known topic, wrapper item", notification("contact.subscribed", `{"type":"contact_subscribe","contact":{"type":"contact","id":"c1"}}`), "contact_subscribe",
			func(t *testing.T, n *Notification) {
				if n.Item != nil || n.ItemErr != nil || len(n.RawItem) == 0 {
					t.Errorf("notification %+v", n)
				}
			}},
		{"item without a type", notification("company.contact.attached", `{"company":{"type":"company"},"contact":{"type":"contact"}}`), "",
			func(t *testing.T, n *Notification) {
				if n.Item != nil || n.ItemErr != nil || len(n.RawItem) == 0 {
					t.Errorf("notification %+v", n)
				}
			}},
		{"item type not a string", notification("ping", `{"type":7}`), "",
			func(t *testing.T, n *Notification) {
				if n.Item != nil || n.ItemErr != nil {
					t.Errorf("notification %+v", n)
				}
			}},
		{"item with a property that does not fit its model", notification("contact.user.created", `{"type":"contact","id":"c1","created_at":"2026-01-10T04:22:28.240+00:00","location":"Dublin"}`), "contact",
			func(t *testing.T, n *Notification) {
				c, ok := n.Item.(*Contact)
				if !ok || n.ItemErr != nil || c.ID != "c1" || c.CreatedAt.Time().Year() != 2026 || len(n.RawItem) == 0 {
					t.Fatalf("notification %+v", n)
				}
				if issues := DecodeIssues(c); len(issues) != 1 || issues[0].Path != "location" || string(issues[0].Raw) != `"Dublin"` {
					t.Errorf("issues %v", issues)
				}
			}},
		{"null item", notification("ping", `null`), "",
			func(t *testing.T, n *Notification) {
				if n.Item != nil || n.RawItem != nil {
					t.Errorf("notification %+v", n)
				}
			}},
		{"no data", []byte(`{"type":"notification_event","topic":"ping","id":null}`), "",
			func(t *testing.T, n *Notification) {
				if n.ID != "" || n.Item != nil || n.RawItem != nil {
					t.Errorf("notification %+v", n)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := DecodeNotification(tt.body)
			if err != nil {
				t.Fatal(err)
			}
			if n.ItemType != tt.itemType {
				t.Errorf("ItemType = %q, want %q", n.ItemType, tt.itemType)
			}
			tt.check(t, n)
		})
	}
}

func TestDecodeNotificationRefusals(t *testing.T) {
	for name, body := range map[string]string{
		"empty":          ``,
		"not JSON":       `type=notification_event`,
		"truncated":      companyCreated[:len(companyCreated)/2],
		"array":          `[{"type":"notification_event","topic":"ping"}]`,
		"null":           `null`,
		"no type":        `{"topic":"ping"}`,
		"other type":     `{"type":"event","topic":"ping"}`,
		"no topic":       `{"type":"notification_event"}`,
		"item not obj":   string(notification("ping", `"pong"`)),
		"item array":     string(notification("ping", `[1]`)),
		"bad attempts":   `{"type":"notification_event","topic":"ping","delivery_attempts":"two"}`,
		"bad created_at": `{"type":"notification_event","topic":"ping","created_at":"yesterday"}`,
	} {
		t.Run(name, func(t *testing.T) {
			n, err := DecodeNotification([]byte(body))
			if !errors.Is(err, ErrMalformedNotification) || n != nil {
				t.Errorf("DecodeNotification = %v, %v; want ErrMalformedNotification", n, err)
			}
		})
	}
}

type reported struct {
	status int
	err    error
}

// routerWith returns a router for hookSecret whose errors are recorded in *errs.
func routerWith(errs *[]reported, opts ...WebhookOption) *WebhookRouter {
	var mu sync.Mutex
	opts = append([]WebhookOption{WithWebhookErrorHandler(func(_ *http.Request, status int, err error) {
		mu.Lock()
		defer mu.Unlock()
		*errs = append(*errs, reported{status, err})
	})}, opts...)
	return NewWebhookRouter(hookSecret, opts...)
}

// deliver posts body to h with the signature header sig ("" for none).
func deliver(h http.Handler, method, sig string, body []byte) (int, string, http.Header) {
	req := httptest.NewRequest(method, "/hooks/intercom", bytes.NewReader(body))
	if sig != "" {
		req.Header.Set(SignatureHeader, sig)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String(), rec.Header()
}

func TestWebhookRouterDispatches(t *testing.T) {
	var errs []reported
	r := routerWith(&errs)
	var got []string
	r.OnConversationUserReplied(func(ctx context.Context, n *Notification, c *Conversation) error {
		if ctx == nil {
			t.Error("no context")
		}
		got = append(got, fmt.Sprintf("typed %s %s %s attempt %d", n.Topic, n.ID, c.ID, n.DeliveryAttempts))
		return nil
	})
	r.On(TopicContactUserTagCreated, func(_ context.Context, n *Notification) error {
		var tag struct {
			Tag struct{ ID string } `json:"tag"`
		}
		if err := json.Unmarshal(n.RawItem, &tag); err != nil {
			return err
		}
		got = append(got, "generic "+string(n.Topic)+" tag "+tag.Tag.ID)
		return nil
	})
	bodies := [][]byte{
		notification("conversation.user.replied", `{"type":"conversation","id":"42"}`),
		notification("contact.user.tag.created", `{"type":"contact_tag","tag":{"type":"tag","id":"7"}}`),
		notification("conversation.admin.closed", `{"type":"conversation","id":"43"}`), // no handler
		notification("ping", `{"type":"ping","message":"hi"}`),                         // no handler
	}
	for _, body := range bodies {
		if status, text, _ := deliver(r, http.MethodPost, sign(hookSecret, body), body); status != http.StatusOK {
			t.Errorf("%s: %d %q", body, status, text)
		}
	}
	want := []string{"typed conversation.user.replied notif_1 42 attempt 2", "generic contact.user.tag.created tag 7"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("handled:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(errs) != 0 {
		t.Errorf("errors reported: %v", errs)
	}
}

func TestWebhookRouterUnhandled(t *testing.T) {
	var errs []reported
	r := routerWith(&errs)
	var got []*Notification
	r.OnUnhandled(func(_ context.Context, n *Notification) error {
		got = append(got, n)
		return nil
	})
	r.OnContactUserCreated(func(context.Context, *Notification, *Contact) error { return nil })
	for _, body := range [][]byte{
		notification("contact.user.created", `{"type":"contact","id":"c1"}`), // has its own handler
		notification("job.completed", `{"type":"job","id":"j1"}`),            // unknown topic and item type
		notification("ping", `{"type":"ping"}`),
	} {
		if status, text, _ := deliver(r, http.MethodPost, sign(hookSecret, body), body); status != http.StatusOK {
			t.Errorf("%s: %d %q", body, status, text)
		}
	}
	if len(got) != 2 || got[0].Topic != "job.completed" || got[0].ItemType != "job" || got[0].Item != nil ||
		string(got[0].RawItem) != `{"type":"job","id":"j1"}` || got[1].Topic != TopicPing {
		t.Errorf("unhandled notifications: %+v", got)
	}
}

func TestWebhookRouterRefusals(t *testing.T) {
	body := notification("conversation.user.created", `{"type":"conversation","id":"1"}`)
	notJSON := []byte("this is not a notification")
	tests := []struct {
		name    string
		opts    []WebhookOption
		method  string
		sig     string
		body    []byte
		status  int
		reason  string
		wantErr error
	}{
		{"missing signature", nil, "POST", "", body, 401, "signature missing", ErrSignatureMissing},
		{"malformed signature", nil, "POST", "sha1=xyz", body, 401, "signature malformed", ErrSignatureMalformed},
		{"sha256 signature", nil, "POST", "sha256=" + strings.Repeat("a", 64), body, 401, "signature malformed", ErrSignatureMalformed},
		{"wrong secret", nil, "POST", sign("cs_wrong", body), body, 401, "signature mismatch", ErrSignatureMismatch},
		{"tampered body", nil, "POST", sign(hookSecret, body), bytes.Replace(body, []byte(`"1"`), []byte(`"2"`), 1), 401, "signature mismatch", ErrSignatureMismatch},
		{"oversized body", []WebhookOption{WithWebhookMaxBytes(int64(len(body) - 1))}, "POST", sign(hookSecret, body), body, 413, "body too large", nil},
		{"signed, not a notification", nil, "POST", sign(hookSecret, notJSON), notJSON, 400, "malformed notification", ErrMalformedNotification},
		{"GET", nil, "GET", sign(hookSecret, body), body, 405, "method not allowed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs []reported
			r := routerWith(&errs, tt.opts...)
			called := false
			r.OnConversationUserCreated(func(context.Context, *Notification, *Conversation) error {
				called = true
				return nil
			})
			status, text, header := deliver(r, tt.method, tt.sig, tt.body)
			if status != tt.status || text != "intercom webhook: "+tt.reason+"\n" {
				t.Errorf("answer %d %q, want %d %q", status, text, tt.status, tt.reason)
			}
			if called {
				t.Error("the handler was called")
			}
			if strings.Contains(text, hookSecret) || bytes.Contains([]byte(text), tt.body) {
				t.Errorf("answer %q shows the secret or the body", text)
			}
			if len(errs) != 1 || errs[0].status != tt.status || (tt.wantErr != nil && !errors.Is(errs[0].err, tt.wantErr)) {
				t.Errorf("reported %v, want one %d wrapping %v", errs, tt.status, tt.wantErr)
			}
			if tt.status == 405 && header.Get("Allow") != "POST, HEAD" {
				t.Errorf("Allow: %q", header.Get("Allow"))
			}
		})
	}
}

func TestWebhookRouterMaxBytes(t *testing.T) {
	body := notification("ping", `{"type":"ping","message":"`+strings.Repeat("x", 100)+`"}`)
	for _, tt := range []struct {
		max  int64
		want int
	}{
		{int64(len(body)), 200},
		{int64(len(body) - 1), 413},
		{0, 200}, // the default
	} {
		var errs []reported
		r := routerWith(&errs, WithWebhookMaxBytes(tt.max))
		if status, _, _ := deliver(r, http.MethodPost, sign(hookSecret, body), body); status != tt.want {
			t.Errorf("max %d: status %d, want %d", tt.max, status, tt.want)
		}
	}
	if r := NewWebhookRouter(hookSecret); r.maxBytes != DefaultWebhookMaxBytes {
		t.Errorf("default cap %d", r.maxBytes)
	}
}

func TestWebhookRouterHandlerError(t *testing.T) {
	var errs []reported
	r := routerWith(&errs)
	errDB := errors.New("db down: password=hunter2")
	r.OnConversationUserCreated(func(context.Context, *Notification, *Conversation) error { return errDB })
	body := notification("conversation.user.created", `{"type":"conversation","id":"1"}`)
	status, text, _ := deliver(r, http.MethodPost, sign(hookSecret, body), body)
	if status != http.StatusInternalServerError || text != "intercom webhook: handler failed\n" {
		t.Errorf("answer %d %q, want 500", status, text)
	}
	if len(errs) != 1 || errs[0].status != 500 || !errors.Is(errs[0].err, errDB) ||
		!strings.Contains(errs[0].err.Error(), "conversation.user.created notification notif_1") {
		t.Errorf("reported %v", errs)
	}
}

func TestWebhookRouterTypedItemMismatch(t *testing.T) {
	for name, item := range map[string]string{
		"other type":   `{"type":"contact","id":"c1"}`,
		"unknown type": `{"type":"conversation_v3","id":"1"}`,
	} {
		t.Run(name, func(t *testing.T) {
			var errs []reported
			r := routerWith(&errs)
			r.OnConversationUserCreated(func(context.Context, *Notification, *Conversation) error {
				t.Error("the handler was called")
				return nil
			})
			body := notification("conversation.user.created", item)
			if status, _, _ := deliver(r, http.MethodPost, sign(hookSecret, body), body); status != 500 {
				t.Errorf("status %d, want 500", status)
			}
			if len(errs) != 1 || !strings.Contains(errs[0].err.Error(), "Conversation") {
				t.Errorf("reported %v", errs)
			}
		})
	}
}

func TestWebhookRouterHeadAndNoSecret(t *testing.T) {
	var errs []reported
	if status, _, _ := deliver(routerWith(&errs), http.MethodHead, "", nil); status != http.StatusOK {
		t.Errorf("HEAD: %d, want 200", status)
	}
	body := notification("ping", `{"type":"ping"}`)
	r := NewWebhookRouter("", WithWebhookErrorHandler(func(_ *http.Request, status int, err error) {
		errs = append(errs, reported{status, err})
	}))
	status, text, _ := deliver(r, http.MethodPost, sign("", body), body)
	if status != 500 || text != "intercom webhook: client secret not configured\n" || len(errs) != 1 || !errors.Is(errs[0].err, ErrNoWebhookSecret) {
		t.Errorf("empty secret: %d %q, reported %v", status, text, errs)
	}
}

// A router whose secret is blank after trimming refuses, as one without a secret does, even a
// notification signed with that blank secret.
func TestWebhookRouterBlankSecret(t *testing.T) {
	t.Parallel()
	var errs []reported
	r := NewWebhookRouter("  \n", WithWebhookErrorHandler(func(_ *http.Request, status int, err error) {
		errs = append(errs, reported{status, err})
	}))
	body := notification("ping", `{"type":"ping"}`)
	status, text, _ := deliver(r, http.MethodPost, sign("  \n", body), body)
	if status != 500 || text != "intercom webhook: client secret not configured\n" || len(errs) != 1 || !errors.Is(errs[0].err, ErrNoWebhookSecret) {
		t.Errorf("blank secret: %d %q, reported %v", status, text, errs)
	}
}

// A handler that panics gets its notification answered 500, the error handler is told, and the
// router goes on serving.
func TestWebhookRouterHandlerPanics(t *testing.T) {
	t.Parallel()
	var errs []reported
	r := routerWith(&errs)
	r.OnConversationUserCreated(func(_ context.Context, _ *Notification, c *Conversation) error {
		if c.ID == "boom" {
			panic("nil map")
		}
		return nil
	})
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	post := func(id string) int {
		body := notification("conversation.user.created", `{"type":"conversation","id":"`+id+`"}`)
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL, bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(SignatureHeader, sign(hookSecret, body))
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatalf("POST: %v", err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post("boom"); got != http.StatusInternalServerError {
		t.Errorf("panicking handler: status %d, want 500", got)
	}
	if got := post("fine"); got != http.StatusOK {
		t.Errorf("after the panic: status %d, want 200", got)
	}
	var panicErr *HandlerPanicError
	if len(errs) != 1 || errs[0].status != 500 || !errors.As(errs[0].err, &panicErr) || panicErr.Value != "nil map" ||
		!strings.Contains(errs[0].err.Error(), "conversation.user.created notification notif_1: handler panicked: nil map") || len(panicErr.Stack) == 0 {
		t.Errorf("reported %v", errs)
	}
}

// TestWebhookRouterDuplicates shows how a receiver spots a notification delivered twice: both
// deliveries carry the same ID.
func TestWebhookRouterDuplicates(t *testing.T) {
	var errs []reported
	r := routerWith(&errs)
	seen := map[string]bool{}
	var handled, skipped int
	r.OnConversationAdminReplied(func(_ context.Context, n *Notification, _ *Conversation) error {
		if seen[n.ID] {
			skipped++
			return nil
		}
		seen[n.ID] = true
		handled++
		return nil
	})
	first := notification("conversation.admin.replied", `{"type":"conversation","id":"9"}`)
	retry := bytes.Replace(first, []byte(`"delivery_attempts":2`), []byte(`"delivery_attempts":3`), 1)
	other := bytes.Replace(first, []byte(`"notif_1"`), []byte(`"notif_2"`), 1)
	for _, body := range [][]byte{first, retry, other} {
		if status, _, _ := deliver(r, http.MethodPost, sign(hookSecret, body), body); status != 200 {
			t.Fatalf("status %d", status)
		}
	}
	if handled != 2 || skipped != 1 {
		t.Errorf("handled %d, skipped %d; want 2 and 1", handled, skipped)
	}
}

func TestWebhookRouterRegistrationPanics(t *testing.T) {
	mustPanic := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", name)
			}
		}()
		f()
	}
	r := NewWebhookRouter(hookSecret)
	r.On(TopicPing, func(context.Context, *Notification) error { return nil })
	mustPanic("second handler", func() { r.On(TopicPing, func(context.Context, *Notification) error { return nil }) })
	mustPanic("nil handler", func() { r.On(TopicContactDeleted, nil) })
	mustPanic("nil typed handler", func() { r.OnContactDeleted(nil) })
	mustPanic("nil fallback", func() { r.OnUnhandled(nil) })
	r.OnContactUserCreated(func(context.Context, *Notification, *Contact) error { return nil })
	mustPanic("typed after typed", func() {
		r.OnContactUserCreated(func(context.Context, *Notification, *Contact) error { return nil })
	})
	mustPanic("generic after typed", func() { r.On(TopicContactUserCreated, func(context.Context, *Notification) error { return nil }) })
}

func TestWebhookRouterConcurrent(t *testing.T) {
	t.Parallel()
	var errs []reported
	r := routerWith(&errs)
	var mu sync.Mutex
	count := 0
	r.OnConversationUserCreated(func(context.Context, *Notification, *Conversation) error {
		mu.Lock()
		defer mu.Unlock()
		count++
		return nil
	})
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			body := notification("conversation.user.created", fmt.Sprintf(`{"type":"conversation","id":"%d"}`, i))
			if status, _, _ := deliver(r, http.MethodPost, sign(hookSecret, body), body); status != 200 {
				t.Errorf("status %d", status)
			}
		})
		wg.Go(func() {
			r.On(Topic(fmt.Sprintf("custom.%d", i)), func(context.Context, *Notification) error { return nil })
		})
	}
	wg.Wait()
	if count != 20 || len(errs) != 0 {
		t.Errorf("handled %d, errors %v", count, errs)
	}
}

// TestWebhookDefaultErrorLog checks that a router without an error handler logs its refusals.
func TestWebhookDefaultErrorLog(t *testing.T) {
	var buf bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, nil)))
	body := notification("ping", `{}`)
	deliver(NewWebhookRouter(hookSecret), http.MethodPost, sign("cs_wrong", body), body)
	out := buf.String()
	if !strings.Contains(out, "intercom webhook refused") || !strings.Contains(out, "status=401") || strings.Contains(out, hookSecret) {
		t.Errorf("log: %q", out)
	}
}

// TestNewWebhookItem checks the generated mapping from item types to models.
func TestNewWebhookItem(t *testing.T) {
	t.Parallel()
	for typ, want := range map[string]any{
		"admin": new(Admin), "article": new(Article), "company": new(Company), "contact": new(Contact),
		"conversation": new(Conversation), "event": new(DataEvent), "visitor": new(Visitor), "contact_tag": new(ContactTag),
	} {
		if got := newWebhookItem(typ); fmt.Sprintf("%T", got) != fmt.Sprintf("%T", want) {
			t.Errorf("newWebhookItem(%q) = %T, want %T", typ, got, want)
		}
	}
	for _, typ := range []string{"", "ping", "contact_subscribe", "Conversation"} {
		if got := newWebhookItem(typ); got != nil {
			t.Errorf("newWebhookItem(%q) = %T, want nil", typ, got)
		}
	}
}

func FuzzDecodeNotification(f *testing.F) {
	f.Add([]byte(companyCreated))
	f.Add(notification("conversation.user.replied", `{"type":"conversation","id":"1","conversation_parts":{"conversation_parts":[{"id":"2"}]}}`))
	f.Add(notification("contact.user.created", `{"type":"contact","created_at":"2026-01-10T04:22:28Z"}`))
	f.Add(notification("job.completed", `{"type":"job"}`))
	f.Add(notification("ticket.created", `{"type":"ticket","ticket_state":{"category":"submitted","internal_label":"S","id":"4"}}`))
	f.Add(notification("contact.user.tag.created", `{"type":"contact_tag","tag":{"type":"tag","id":"1"},"contact":{"type":"contact","id":"c1"}}`))
	f.Add(notification("conversation.admin.replied", `{"type":"conversation","contacts":[{"type":"contact","id":"c"}],"teammates":[{"type":"admin","id":"1"}]}`))
	f.Add(notification("ping", `null`))
	f.Add([]byte(`{"type":"notification_event","topic":"ping","data":{"item":{"type":7}}}`))
	f.Add([]byte(`{"type":"notification_event"}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(``))
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := DecodeNotification(body)
		if err != nil {
			if n != nil || !errors.Is(err, ErrMalformedNotification) {
				t.Fatalf("error %v with notification %v", err, n)
			}
			return
		}
		if n.Topic == "" || !bytes.Equal(n.Raw, body) {
			t.Fatalf("accepted %q as %+v", body, n)
		}
		if n.RawItem != nil && (!json.Valid(n.RawItem) || n.RawItem[0] != '{') {
			t.Fatalf("RawItem %q is not a JSON object", n.RawItem)
		}
		if n.Item != nil && n.ItemErr != nil {
			t.Fatalf("both Item and ItemErr: %+v", n)
		}
		if n.Item != nil && fmt.Sprintf("%T", n.Item) != fmt.Sprintf("%T", newWebhookItem(n.ItemType)) {
			t.Fatalf("item of type %q decoded as %T", n.ItemType, n.Item)
		}
		if (n.Item != nil || n.ItemErr != nil) && newWebhookItem(n.ItemType) == nil {
			t.Fatalf("item of type %q has no model but Item %T, ItemErr %v", n.ItemType, n.Item, n.ItemErr)
		}
	})
}
