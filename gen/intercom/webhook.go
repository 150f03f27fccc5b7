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
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
)

// Topic names a kind of webhook notification, such as "conversation.user.created". The Topic
// constants (TopicConversationUserCreated, ...) are the topics Intercom publishes for this API
// version; a notification may carry a topic Intercom added since, which is a Topic all the same.
type Topic string

// SignatureHeader is the header Intercom signs every notification with: "sha1=" followed by the
// hexadecimal HMAC-SHA1 of the raw request body, keyed with the app's client secret.
const SignatureHeader = "X-Hub-Signature"

// DefaultWebhookMaxBytes is the largest notification body a WebhookRouter reads when
// WithWebhookMaxBytes is not given.
const DefaultWebhookMaxBytes = 5 << 20

// VerifySignature checks header, the value of a notification's X-Hub-Signature header, against
// the HMAC-SHA1 of body keyed with secret, the app's client secret. It compares in constant time
// and returns nil for a valid signature, else ErrSignatureMissing, ErrSignatureMalformed,
// ErrSignatureMismatch or ErrNoWebhookSecret. body must be the request body exactly as received.
func VerifySignature(secret, body []byte, header string) error {
	if blankSecret(secret) {
		return ErrNoWebhookSecret
	}
	want, err := parseSignature(header)
	if err != nil {
		return err
	}
	mac := hmac.New(sha1.New, secret)
	mac.Write(body)
	if !hmac.Equal(mac.Sum(nil), want) {
		return ErrSignatureMismatch
	}
	return nil
}

// parseSignature returns the digest of a "sha1=<hex>" header value.
func parseSignature(header string) ([]byte, error) {
	header = strings.TrimSpace(header)
	if header == "" {
		return nil, ErrSignatureMissing
	}
	alg, digits, ok := strings.Cut(header, "=")
	if !ok || !strings.EqualFold(alg, "sha1") || len(digits) != 2*sha1.Size {
		return nil, ErrSignatureMalformed
	}
	sum, err := hex.DecodeString(digits)
	if err != nil {
		return nil, ErrSignatureMalformed
	}
	return sum, nil
}

// Notification is one webhook notification (Intercom's notification_event).
//
// Intercom delivers a notification again when a delivery fails or times out, so a receiver may
// see it more than once: every delivery has the same ID and a higher DeliveryAttempts. A receiver
// that must act once records the IDs it has handled and skips those it has seen.
type Notification struct {
	ID               string    // "notif_…"; the same for every delivery of this notification
	Topic            Topic     // what happened ("conversation.user.replied")
	AppID            string    // the workspace the notification comes from
	CreatedAt        Timestamp // when the notification was created
	DeliveryAttempts int       // 1 for the first delivery
	FirstSentAt      Timestamp // when the first delivery was attempted

	// ItemType is data.item's "type" ("conversation"), "" when the item has none.
	ItemType string
	// Item is data.item decoded into the model of ItemType (a *Conversation, *Contact, ...), or
	// nil when ItemType has no model or the item did not decode into it (see ItemErr). A
	// property of a shape the model does not describe leaves its field zero and is reported by
	// DecodeIssues(n.Item); the rest of the item decodes.
	Item any
	// ItemErr says why an item whose type has a model did not decode into it at all. The
	// models take any JSON object, as data.item is (what does not fit is a DecodeIssue), so it
	// is nil but for an item the decoder refuses whole. RawItem holds it all the same.
	ItemErr error
	// RawItem is data.item as sent; nil when the notification has no item.
	RawItem json.RawMessage
	// Raw is the whole notification as sent.
	Raw json.RawMessage
}

// DecodeNotification decodes the body of a webhook notification. It fails, with an error that
// wraps ErrMalformedNotification, when body is not JSON, not a "notification_event" or has no
// topic. It accepts topics and item types it does not know: their item stays raw. It does not
// verify the signature: see VerifySignature, or use a WebhookRouter, which does both.
func DecodeNotification(body []byte) (*Notification, error) {
	var env struct {
		Type             string    `json:"type"`
		ID               string    `json:"id"`
		Topic            Topic     `json:"topic"`
		AppID            string    `json:"app_id"`
		CreatedAt        Timestamp `json:"created_at"`
		DeliveryAttempts int       `json:"delivery_attempts"`
		FirstSentAt      Timestamp `json:"first_sent_at"`
		Data             struct {
			Item json.RawMessage `json:"item"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformedNotification, err)
	}
	if env.Type != "notification_event" {
		return nil, fmt.Errorf("%w: type is %.40q, want \"notification_event\"", ErrMalformedNotification, env.Type)
	}
	if env.Topic == "" {
		return nil, fmt.Errorf("%w: no topic", ErrMalformedNotification)
	}
	n := &Notification{
		ID:               env.ID,
		Topic:            env.Topic,
		AppID:            env.AppID,
		CreatedAt:        env.CreatedAt,
		DeliveryAttempts: env.DeliveryAttempts,
		FirstSentAt:      env.FirstSentAt,
		Raw:              bytes.Clone(body),
	}
	item := env.Data.Item
	if len(item) == 0 || string(item) == "null" {
		return n, nil
	}
	if item[0] != '{' {
		return nil, fmt.Errorf("%w: data.item is not an object", ErrMalformedNotification)
	}
	n.RawItem = item
	n.ItemType = stringProperty(item, "type")
	if v := newWebhookItem(n.ItemType); v != nil {
		if err := unmarshal(item, v); err != nil {
			n.ItemErr = fmt.Errorf("intercom: webhook item of type %q does not decode into %T: %w", n.ItemType, v, err)
		} else {
			n.Item = v
		}
	}
	return n, nil
}

// WebhookRouter is the http.Handler of a webhook endpoint. For each request it reads the body
// (up to a size cap), verifies its signature, decodes the notification and calls the handler
// registered for its topic, answering:
//
//   - 200 OK when the handler returns nil, or when no handler takes the topic (so that Intercom
//     does not retry notifications the receiver does not want), and to HEAD requests, with which
//     Intercom checks the endpoint;
//   - 401 Unauthorized for a missing, malformed or wrong signature;
//   - 413 Request Entity Too Large for a body over the cap;
//   - 400 Bad Request for a body that is not a notification;
//   - 405 Method Not Allowed for methods other than POST and HEAD;
//   - 500 Internal Server Error when the handler returns an error or panics (a
//     *HandlerPanicError; the router goes on serving), so that Intercom retries, or when the
//     router has no client secret, or one that is only whitespace.
//
// Refusals answer a short plain-text reason, never the body or the secret; the error itself goes
// to the error handler (see WithWebhookErrorHandler). Handlers get the request's context.
// Intercom waits 5 seconds for an answer: a handler with slow work should queue it and return.
//
// Register handlers with On, OnUnhandled and the typed On<Topic> methods (such as
// OnConversationUserReplied) before serving; each topic takes one handler. A WebhookRouter is
// safe for concurrent use.
type WebhookRouter struct {
	secret   []byte
	maxBytes int64
	onError  func(r *http.Request, status int, err error)

	mu       sync.RWMutex
	handlers map[Topic]func(context.Context, *Notification) error
	fallback func(context.Context, *Notification) error
}

// WebhookOption configures a WebhookRouter.
type WebhookOption func(*WebhookRouter)

// WithWebhookMaxBytes caps the size of the notification bodies the router reads; a larger body is
// refused with 413. n <= 0 means DefaultWebhookMaxBytes.
func WithWebhookMaxBytes(n int64) WebhookOption {
	return func(r *WebhookRouter) {
		if n <= 0 {
			n = DefaultWebhookMaxBytes
		}
		r.maxBytes = n
	}
}

// WithWebhookErrorHandler sets the function told of every request the router does not answer
// with 200: status is the status it answers, err why (an error from VerifySignature, from
// DecodeNotification, or the handler's, wrapped with the topic and notification ID). It runs
// before the answer is written. Without this option the router logs them with slog.Default().
func WithWebhookErrorHandler(f func(r *http.Request, status int, err error)) WebhookOption {
	return func(r *WebhookRouter) { r.onError = f }
}

// NewWebhookRouter returns a router that verifies notifications with secret, the client secret
// of the Intercom app (Developer Hub > your app > Basic information).
func NewWebhookRouter(secret string, opts ...WebhookOption) *WebhookRouter {
	r := &WebhookRouter{
		secret:   []byte(secret),
		maxBytes: DefaultWebhookMaxBytes,
		handlers: map[Topic]func(context.Context, *Notification) error{},
	}
	for _, opt := range opts {
		opt(r)
	}
	if r.onError == nil {
		r.onError = logWebhookError
	}
	return r
}

// On registers h for the notifications of topic. Use it for topics without a typed On<Topic>
// method, or to read the item raw (n.RawItem). It panics if h is nil or topic already has a
// handler.
func (r *WebhookRouter) On(topic Topic, h func(ctx context.Context, n *Notification) error) {
	if h == nil {
		panic("intercom: WebhookRouter.On: nil handler for topic " + string(topic))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.handlers[topic]; dup {
		panic("intercom: WebhookRouter: topic " + string(topic) + " has a handler already")
	}
	r.handlers[topic] = h
}

// OnUnhandled registers h for the notifications of every topic without a handler of its own,
// including topics Intercom adds later and ping. Without it, such notifications are answered 200
// and dropped. It panics if h is nil.
func (r *WebhookRouter) OnUnhandled(h func(ctx context.Context, n *Notification) error) {
	if h == nil {
		panic("intercom: WebhookRouter.OnUnhandled: nil handler")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fallback = h
}

// onItem registers h for topic, giving it the notification's item as a *T. A notification whose
// item is not a T (it did not decode, or is of another type) fails without calling h.
func onItem[T any](r *WebhookRouter, topic Topic, h func(context.Context, *Notification, *T) error) {
	if h == nil {
		panic("intercom: WebhookRouter: nil handler for topic " + string(topic))
	}
	r.On(topic, func(ctx context.Context, n *Notification) error {
		item, ok := n.Item.(*T)
		switch {
		case ok:
			return h(ctx, n, item)
		case n.ItemErr != nil:
			return n.ItemErr
		default:
			return fmt.Errorf("intercom: webhook item of type %q is not a %T", n.ItemType, item)
		}
	})
}

// handler returns the handler for topic, nil if none.
func (r *WebhookRouter) handler(topic Topic) func(context.Context, *Notification) error {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if h, ok := r.handlers[topic]; ok {
		return h
	}
	return r.fallback
}

// ServeHTTP verifies, decodes and dispatches one notification (see WebhookRouter).
func (r *WebhookRouter) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	switch req.Method {
	case http.MethodPost:
	case http.MethodHead:
		w.WriteHeader(http.StatusOK)
		return
	default:
		w.Header().Set("Allow", "POST, HEAD")
		r.refuse(w, req, http.StatusMethodNotAllowed, "method not allowed", fmt.Errorf("intercom: webhook request with method %s", req.Method))
		return
	}
	if blankSecret(r.secret) {
		r.refuse(w, req, http.StatusInternalServerError, "client secret not configured", ErrNoWebhookSecret)
		return
	}
	// A missing or malformed signature is refused before the body is read.
	if _, err := parseSignature(req.Header.Get(SignatureHeader)); err != nil {
		r.refuse(w, req, http.StatusUnauthorized, reason(err), err)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, req.Body, r.maxBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			r.refuse(w, req, http.StatusRequestEntityTooLarge, "body too large",
				fmt.Errorf("intercom: webhook body over %d bytes", r.maxBytes))
			return
		}
		r.refuse(w, req, http.StatusBadRequest, "cannot read body", fmt.Errorf("intercom: read webhook body: %w", err))
		return
	}
	if err := VerifySignature(r.secret, body, req.Header.Get(SignatureHeader)); err != nil {
		r.refuse(w, req, http.StatusUnauthorized, reason(err), err)
		return
	}
	n, err := DecodeNotification(body)
	if err != nil {
		r.refuse(w, req, http.StatusBadRequest, "malformed notification", err)
		return
	}
	if h := r.handler(n.Topic); h != nil {
		if err := callHandler(req.Context(), h, n); err != nil {
			r.refuse(w, req, http.StatusInternalServerError, "handler failed",
				fmt.Errorf("intercom: webhook %s notification %s: %w", n.Topic, n.ID, err))
			return
		}
	}
	w.WriteHeader(http.StatusOK)
}

// blankSecret reports whether secret is empty or only whitespace: as useless to verify with
// as no secret, and most likely a configuration mistake (an unset variable quoted, say).
func blankSecret(secret []byte) bool {
	return len(bytes.TrimSpace(secret)) == 0
}

// callHandler calls h, turning a panic into an error so that one bad notification answers 500,
// reaches the error handler, and leaves the server running. http.ErrAbortHandler, which a
// handler panics with to abort the response on purpose, is left to net/http.
func callHandler(ctx context.Context, h func(context.Context, *Notification) error, n *Notification) (err error) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			err = &HandlerPanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return h(ctx, n)
}

// reason is the text a refusal answers for a signature error: the sentinel's, without prefix.
func reason(err error) string {
	return strings.TrimPrefix(err.Error(), "intercom: webhook ")
}

// refuse reports err and answers status with a short reason.
func (r *WebhookRouter) refuse(w http.ResponseWriter, req *http.Request, status int, why string, err error) {
	r.onError(req, status, err)
	http.Error(w, "intercom webhook: "+why, status)
}

// logWebhookError is the error handler of a router without WithWebhookErrorHandler.
func logWebhookError(r *http.Request, status int, err error) {
	level := slog.LevelWarn
	if status >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	slog.Default().Log(r.Context(), level, "intercom webhook refused", "status", status, "path", r.URL.Path, "err", err)
}
