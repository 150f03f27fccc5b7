package intercom

import (
	"errors"
	"net/http"
)

// Response is the raw HTTP answer to a call, for the facts the typed result does not carry:
// status, headers, rate limit. Ask for it with WithResponse.
type Response struct {
	// Response is the answer to the last attempt. Its Body is http.NoBody: the client has
	// already read the body into the typed result (or, for a download, returned it as the
	// method's result). Its Request has the Authorization header redacted.
	*http.Response
	// RateLimit is what the answer said about the rate limit.
	RateLimit RateLimit
	// Attempts is the number of attempts the call made, 1 when it was not retried.
	Attempts int
}

// WithResponse makes a call store its raw answer in *dst, without giving up the typed result:
//
//	var resp *intercom.Response
//	contact, err := client.Contacts.Get(ctx, id, intercom.WithResponse(&resp))
//
// *dst is set to the answer to the call's last attempt, whether a success or an *APIError, and
// to nil when no answer arrived (a connection error, say). WithResponse applies to a single
// call: NewClient refuses it.
func WithResponse(dst **Response) Option {
	return func(c *config) error {
		if dst == nil {
			return errors.New("intercom: WithResponse: nil destination")
		}
		c.response = dst
		return nil
	}
}

// record stores the answer resp to attempt number attempt where WithResponse asked for it.
func (cfg *config) record(resp *http.Response, attempt int) {
	if cfg.response == nil || resp == nil {
		return
	}
	r := *resp
	r.Body = http.NoBody
	if resp.Request != nil {
		// The request carries the token; the copy handed out must not.
		req := resp.Request.Clone(resp.Request.Context())
		req.Header = RedactHeader(req.Header)
		req.Body, req.GetBody = http.NoBody, nil
		r.Request = req
	}
	*cfg.response = &Response{Response: &r, RateLimit: parseRateLimit(resp.Header), Attempts: attempt}
}

// RedactHeader returns a copy of h that is safe to log: the values of Authorization,
// Proxy-Authorization, Cookie and Set-Cookie are replaced. Use it in a Middleware that logs
// requests, which carry the access token.
func RedactHeader(h http.Header) http.Header {
	out := h.Clone()
	for k, vs := range out {
		switch http.CanonicalHeaderKey(k) {
		case "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie":
			for i := range vs {
				vs[i] = "[REDACTED]"
			}
		}
	}
	return out
}
