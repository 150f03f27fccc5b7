package intercom

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The API never redirects. A redirect therefore comes from a proxy, a misconfigured base URL or
// a download's storage, and the client follows one only when it cannot change what is asked or
// leak the token: see guardRedirects.

// maxRedirects is how many redirects a call follows before it gives up, as net/http does.
const maxRedirects = 10

// redirectError is a redirect the client refused, and why.
type redirectError struct {
	from, to string // the method and URL redirected from, the URL redirected to
	reason   string
}

func (e *redirectError) Error() string {
	return fmt.Sprintf("intercom: redirect refused: %s to %s: %s", e.from, e.to, e.reason)
}

func (e *redirectError) Is(target error) bool { return target == ErrRedirect }

// guardRedirects returns a copy of hc that follows a redirect only for a GET or HEAD (whose
// method and, empty, body a redirect cannot change), gives up on a loop, and never sends the
// Authorization header to another origin (scheme, host or port) than the request's: net/http
// would still send it to the same host on another port or scheme, or to a subdomain. hc's own
// CheckRedirect, if any, is asked after these rules.
func guardRedirects(hc *http.Client) *http.Client {
	guarded := *hc
	theirs := hc.CheckRedirect
	guarded.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if err := checkRedirect(req, via); err != nil {
			return err
		}
		if theirs != nil {
			return theirs(req, via)
		}
		return nil
	}
	return &guarded
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0]
	refuse := func(reason string) error {
		return &redirectError{from: first.Method + " " + redactURL(first.URL), to: redactURL(req.URL), reason: reason}
	}
	switch {
	case first.Method != http.MethodGet && first.Method != http.MethodHead:
		return refuse("the API never redirects, and a redirect of a " + first.Method + " could change its method or drop its body")
	case req.Method != first.Method:
		return refuse("the redirect changes the method to " + req.Method)
	case len(via) >= maxRedirects:
		return refuse(fmt.Sprintf("stopped after %d redirects", len(via)))
	}
	for _, r := range via {
		if r.URL.String() == req.URL.String() {
			return refuse("redirect loop")
		}
	}
	if origin(req.URL) != origin(first.URL) {
		req.Header.Del("Authorization")
	}
	return nil
}

// origin returns u's scheme, host and port, the port made explicit.
func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// redactURL prints u without its query, which for a download's storage is a signature.
func redactURL(u *url.URL) string {
	c := *u
	c.RawQuery, c.Fragment, c.User = "", "", nil
	return c.String()
}

// headerError is a request header whose value cannot be sent: it would always fail, so it is
// not retried.
type headerError struct{ key string }

func (e *headerError) Error() string {
	return fmt.Sprintf("invalid value for header %s: it holds a control character", e.key)
}

// checkHeader refuses a header value with a control character other than a tab, which net/http
// would refuse with an untyped error (RFC 9110, section 5.5). The value is not quoted: it may
// be a secret.
func checkHeader(h http.Header) error {
	for k, vs := range h {
		for _, v := range vs {
			if strings.ContainsFunc(v, func(r rune) bool { return (r < ' ' && r != '\t') || r == 0x7f }) {
				return &headerError{key: k}
			}
		}
	}
	return nil
}
