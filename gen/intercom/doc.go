// Package intercom is a typed Go client for the Intercom REST API.
//
// Create a client with NewClient and call the operations through its services:
//
//	client, err := intercom.NewClient(intercom.WithToken(os.Getenv("INTERCOM_TOKEN")))
//	if err != nil { ... }
//	contact, err := client.Contacts.Get(ctx, "6657add46abd0167d9419cd2")
//
// # Options
//
// NewClient takes functional options: WithToken (or the INTERCOM_TOKEN environment variable),
// WithRegion or WithBaseURL, WithHTTPClient, WithUserAgent, WithHeader, WithVersion,
// WithTimeout, WithAttemptTimeout, WithMaxRetries, WithMaxRetryWait, WithMaxResponseSize,
// WithRateLimiter, WithMiddleware and WithLogger. Every method
// takes a context first and Options last; an option given to a call applies to that call only,
// wins over the client's option of the same kind, and leaves the client unchanged. WithResponse
// is for calls only: it hands out the raw *http.Response, rate-limit facts and attempt count
// alongside the typed result. A Client is safe for concurrent use.
//
// # Optional fields
//
// An optional field of a request is an Opt: absent unless set (the zero Opt, left out of the
// JSON), a value, or an explicit JSON null (Null, to clear a value where the API allows it).
// Set it with the typed constructors String, Int64, Float64, Bool and Time (a time.Time as a
// Timestamp), or Some for other types (Some(ContactRoleUser)). Printed, an Opt shows its value,
// null or <absent>. Unions hold their variants as requests hold fields: an object by pointer, a
// scalar in an Opt.
//
// # Searching
//
// A search query is a Filter, built with Field, CustomAttribute, And and Or, and held as the
// Query of every search request, whatever the version's request type:
//
//	q := intercom.And(intercom.Field(intercom.ConversationFieldState).Eq("open"), intercom.Field("created_at").After(since))
//	page, err := client.Conversations.Search(ctx, &intercom.SearchRequest{Query: q})
//
// The search methods check a query with ValidateSearch against the fields and operators their
// endpoint documents before sending it. Contacts.FindByEmail and FindByExternalID return the one
// contact with an identifier (a *NotFoundError or an *AmbiguousError otherwise), and
// Contacts.Upsert updates the contact a create request identifies, or creates it.
//
// # Errors
//
// A non-2xx answer is returned as an *APIError (status, request id, Intercom's errors[],
// rate-limit facts, attempts), which errors.Is matches against ErrNotFound, ErrUnauthorized,
// ErrRateLimited and the other Err sentinels. The access token never appears in an error, a log
// line or a printed configuration, even when a server or a proxy echoes it back: it is replaced
// by [REDACTED]. NewClient refuses a token that is blank or holds whitespace or a control
// character, such as the newline of a token read from a file.
//
// # Rate limits
//
// A client paces its calls to Intercom's rate limit with a Pacer of its own, shared by all its
// calls: from the X-RateLimit headers of every answer it knows the calls left in the window and
// spreads them over what is left of it, so that a client that has seen the headers causes no
// 429. WithRateLimiter shares one Pacer between clients, plugs in another RateLimiter (one whose
// budget is shared between processes, say), or, given nil, turns pacing off.
//
// # Redirects
//
// The API never redirects. The client follows a redirect only for a GET or HEAD, and never with
// the access token to another origin (scheme, host or port); any other redirect, and a redirect
// loop, fails the call with an error that matches ErrRedirect.
//
// # Retries
//
// A call is retried, at most DefaultMaxRetries times unless WithMaxRetries says otherwise, when
//
//   - the answer is 429 Too Many Requests, whatever the method: the request was refused before
//     anything was done (a 429 inside a scroll is waited out, and the scroll goes on);
//   - no connection could be made (refused, for example), whatever the method: nothing was sent;
//   - the answer is 500, 502, 503 or 504, the connection failed after the request was sent
//     (reset, or broken off in the middle of the answer), or the attempt ran out of its time
//     (DefaultAttemptTimeout, WithAttemptTimeout), but only for a request that is safe to send
//     again: an idempotent method (GET, HEAD, OPTIONS, TRACE, PUT, DELETE), or a POST that
//     changes nothing (a search, or listing companies). The server may have acted on any other
//     POST or PATCH, which is therefore not sent twice; nor is a page of a scroll, called
//     directly or by its iterator, since a scroll cannot be resumed once it may have moved on.
//
// A host that does not exist, an untrusted certificate, a redirect refused (ErrRedirect), a
// header value that cannot be sent, an answer larger than WithMaxResponseSize, or any other
// answer is not retried: trying again would not help.
//
// Before a retry the client waits as long as the answer's Retry-After header says (seconds or
// an HTTP date) or, on a 429, until Intercom's X-RateLimit-Reset; without either, a random time
// up to an exponential backoff (0.5s, 1s, 2s, ... up to 8s). No wait is longer than
// DefaultMaxRetryWait, or WithMaxRetryWait's. The wait ends at once when the call's context is
// done. Retries are made by the client around its HTTP client, so they work with the
// *http.Client given to WithHTTPClient, and each attempt passes through the middleware.
//
// # Webhooks
//
// NewWebhookRouter returns the http.Handler of a webhook endpoint: it verifies each
// notification's signature, decodes it, and calls the handler registered for its topic, with
// On, OnUnhandled or a typed method such as OnConversationUserReplied. Package intercomtest
// signs and sends notifications to such a handler in tests.
//
// # Generated code
//
// The files named *_gen.go are generated from Intercom's OpenAPI description by the generator
// of this repository (make generate) and must not be edited by hand; the other files are the
// hand-written runtime they call.
package intercom
