package intercom

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"
)

// TokenEnv is the environment variable NewClient reads the access token from when no WithToken
// option is given.
const TokenEnv = "INTERCOM_TOKEN"

// defaultUserAgent names this module and the API version it speaks.
const defaultUserAgent = "gointercom/" + APIVersion + " (+https://github.com/gointercom/intercom)"

// DefaultMaxRetries is how many times a call is retried when WithMaxRetries is not given.
const DefaultMaxRetries = 2

// DefaultMaxRetryWait caps the wait before a retry when WithMaxRetryWait is not given.
const DefaultMaxRetryWait = 30 * time.Second

// DefaultMaxResponseSize caps the body of an answer when WithMaxResponseSize is not given: far
// above anything the API sends (a page of 150 contacts is well under 1 MiB), low enough that a
// broken proxy streaming without end fails a call rather than the program.
const DefaultMaxResponseSize = 64 << 20

// core is what every service of a Client shares: the configuration and the HTTP machinery.
// It is never modified after NewClient returns, which is what makes a Client safe for
// concurrent use.
type core struct {
	cfg config
}

// config is the full configuration of a client or of one call. It holds the access token, out
// of reach of printing and logging (see token, String, GoString and LogValue).
type config struct {
	// token returns the access token; nil for none. A closure, so that neither a fmt verb nor
	// anything else that prints values by reflection can show the token.
	token          func() string
	baseURL        string // without a trailing slash
	region         Region
	regionSet      bool
	httpClient     *http.Client
	version        string
	userAgent      string
	header         http.Header
	timeout        time.Duration // for the whole call, retries included; 0 for none
	attemptTimeout time.Duration // for each attempt; 0 for none
	maxRetries     int
	maxRetryWait   time.Duration
	maxResponse    int64        // bytes of an answer's body; downloads are not capped
	middleware     []Middleware // outermost first
	logger         logger       // nil: no logging
	response       **Response   // WithResponse's destination; per call only
	limiter        RateLimiter  // nil: none
	limiterSet     bool         // WithRateLimiter was given (a nil limiter turns pacing off)

	// Seams for tests, so that retries neither sleep nor depend on chance.
	sleep func(ctx context.Context, d time.Duration) error // waits d or until ctx is done
	rand  func(n int64) int64                              // a number in [0, n), n > 0
	now   func() time.Time
}

// Option configures a Client (given to NewClient) or a single call (given to a method). Given
// to a call, an option wins over the client's setting of the same kind for that call only; the
// client is not changed.
type Option func(*config) error

// Region is one of the data centres the API is served from (see Regions).
type Region string

// Middleware wraps every HTTP attempt of a call, retries included: it may inspect or change the
// request, call next to send it, and inspect the response, for logging or tracing. Middleware
// given first runs outermost. The request carries the access token in its Authorization header:
// a middleware that logs requests must redact it.
type Middleware func(req *http.Request, next MiddlewareNext) (*http.Response, error)

// MiddlewareNext sends a request on to the next middleware, or to the HTTP client.
type MiddlewareNext func(req *http.Request) (*http.Response, error)

// NewClient returns a client configured by opts. The access token comes from WithToken or,
// failing that, the INTERCOM_TOKEN environment variable; without one NewClient fails. So does an
// unknown region, or a region together with a base URL.
//
// Calls are retried as described in the package documentation: at most DefaultMaxRetries times
// unless WithMaxRetries says otherwise. They are paced to the rate limit by a Pacer of the
// client's own, shared by all its calls, unless WithRateLimiter says otherwise.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{
		httpClient:     guardRedirects(http.DefaultClient),
		version:        APIVersion,
		userAgent:      defaultUserAgent,
		maxRetries:     DefaultMaxRetries,
		maxRetryWait:   DefaultMaxRetryWait,
		maxResponse:    DefaultMaxResponseSize,
		attemptTimeout: DefaultAttemptTimeout,
		sleep:          sleepContext,
		rand:           rand.Int64N,
		now:            time.Now,
	}
	if env := os.Getenv(TokenEnv); env != "" {
		cfg.token = secret(env)
	}
	if err := cfg.apply(opts); err != nil {
		return nil, err
	}
	if cfg.token == nil {
		return nil, fmt.Errorf("intercom: no access token: pass WithToken or set %s", TokenEnv)
	}
	if err := checkToken(cfg.token()); err != nil {
		// Only the environment's token can get here: WithToken checks its own.
		return nil, fmt.Errorf("intercom: %s: %w", TokenEnv, err)
	}
	if cfg.response != nil {
		return nil, errors.New("intercom: WithResponse applies to a single call, not to NewClient")
	}
	if !cfg.limiterSet {
		cfg.limiter = newPacer(cfg.now, cfg.sleep, cfg.rand)
	}
	if cfg.baseURL == "" {
		region := defaultRegion
		if cfg.regionSet {
			region = cfg.region
		}
		u, ok := region.baseURL()
		if !ok {
			return nil, fmt.Errorf("intercom: unknown region %q (known: %v)", region, Regions())
		}
		cfg.baseURL = u
	}
	return newClient(&core{cfg: cfg}), nil
}

func (c *config) apply(opts []Option) error {
	var errs []error
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(c); err != nil {
			errs = append(errs, err)
		}
	}
	if c.regionSet && c.baseURL != "" {
		errs = append(errs, errors.New("intercom: WithRegion and WithBaseURL both given: choose one"))
	}
	return errors.Join(errs...)
}

// applyCall applies the options given to one call. A region or base URL given to the call
// replaces the client's (which NewClient has already resolved into baseURL), rather than
// conflicting with it.
func (c *config) applyCall(opts []Option) error {
	base := c.baseURL
	c.baseURL, c.region, c.regionSet = "", "", false
	if err := c.apply(opts); err != nil {
		return err
	}
	switch {
	case c.regionSet:
		c.baseURL, _ = c.region.baseURL() // WithRegion has checked the region
	case c.baseURL == "":
		c.baseURL = base
	}
	return nil
}

// clone returns a copy of c that options can change without touching c.
func (c config) clone() config {
	c.header = c.header.Clone()
	c.middleware = slices.Clip(c.middleware) // appending to the copy must not write into c's array
	return c
}

// String describes c without its access token.
func (c config) String() string {
	return fmt.Sprintf("intercom.config{baseURL: %q, version: %q, token: %s, maxRetries: %d, timeout: %v}",
		c.baseURL, c.version, redacted(c.token), c.maxRetries, c.timeout)
}

// GoString describes c without its access token, for %#v.
func (c config) GoString() string { return c.String() }

// LogValue describes c without its access token, for log/slog.
func (c config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("base_url", c.baseURL),
		slog.String("version", c.version),
		slog.String("token", redacted(c.token)),
		slog.Int("max_retries", c.maxRetries),
		slog.Duration("timeout", c.timeout),
	)
}

// String describes co without its access token.
func (co *core) String() string { return co.cfg.String() }

// GoString describes co without its access token, for %#v.
func (co *core) GoString() string { return co.cfg.String() }

// secret holds s in a closure, out of reach of anything that prints values.
func secret(s string) func() string {
	return func() string { return s }
}

// redacted stands in for a secret in descriptions: it tells whether there is one, nothing more.
func redacted(secret func() string) string {
	if secret == nil {
		return "(none)"
	}
	return "[REDACTED]"
}

// WithToken sets the access token sent as a bearer token. A token that is blank, or holds
// whitespace or a control character (the newline of a token read from a file, say), is refused;
// so is such a token in the INTERCOM_TOKEN environment variable.
func WithToken(token string) Option {
	return func(c *config) error {
		if err := checkToken(token); err != nil {
			return fmt.Errorf("intercom: WithToken: %w", err)
		}
		c.token = secret(token)
		return nil
	}
}

// WithRegion sends requests to the data centre of region r. It cannot be combined with
// WithBaseURL in the same NewClient or call; given to a call, it replaces the client's URL for
// that call.
func WithRegion(r Region) Option {
	return func(c *config) error {
		if _, ok := r.baseURL(); !ok {
			return fmt.Errorf("intercom: WithRegion: unknown region %q (known: %v)", r, Regions())
		}
		c.region, c.regionSet = r, true
		return nil
	}
}

// WithBaseURL sends requests to base instead of a region's URL: a proxy, or a test server. The
// base may have a path prefix but no query; given to a call, it replaces the client's URL for
// that call.
func WithBaseURL(base string) Option {
	return func(c *config) error {
		u, err := url.Parse(base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("intercom: WithBaseURL: %q is not an absolute http(s) URL", base)
		}
		if u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
			// The operation's path is appended to the base URL: a query would end up before it.
			return fmt.Errorf("intercom: WithBaseURL: %q has a query or fragment", base)
		}
		c.baseURL = strings.TrimSuffix(u.String(), "/")
		return nil
	}
}

// WithHTTPClient sends requests through hc instead of http.DefaultClient. Retries are made by
// this package, around hc, so they work with any client. The client uses a copy of hc whose
// CheckRedirect applies the package's redirect rules (see ErrRedirect) before hc's own.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("intercom: WithHTTPClient: nil client")
		}
		c.httpClient = guardRedirects(hc)
		return nil
	}
}

// WithVersion sets the Intercom-Version header, which selects the API version Intercom answers
// with: APIVersion by default, or one of the IntercomVersion constants.
func WithVersion[V ~string](v V) Option {
	return func(c *config) error {
		if v == "" {
			return errors.New("intercom: WithVersion: empty version")
		}
		c.version = string(v)
		return nil
	}
}

// WithUserAgent replaces the User-Agent header, which by default names this module and the API
// version.
func WithUserAgent(ua string) Option {
	return func(c *config) error {
		c.userAgent = ua
		return nil
	}
}

// WithHeader adds a header to every request it applies to. The headers the client manages
// (Authorization, Intercom-Version, Content-Type, Accept) cannot be set this way.
func WithHeader(key, value string) Option {
	return func(c *config) error {
		switch http.CanonicalHeaderKey(key) {
		case "Authorization", "Intercom-Version", "Content-Type", "Accept":
			return fmt.Errorf("intercom: WithHeader: %s is set by the client; use its own option", key)
		}
		if err := checkHeader(http.Header{key: {value}}); err != nil {
			return fmt.Errorf("intercom: WithHeader: %w", err)
		}
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header.Add(key, value)
		return nil
	}
}

// WithTimeout bounds each call to d, all its attempts and the waits between them included, as
// well as reading its answer (for a download, until its body is closed). A call that runs out
// of time returns an error that matches context.DeadlineExceeded. Zero means no bound other
// than the context's, which is the default.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("intercom: WithTimeout: negative timeout %v", d)
		}
		c.timeout = d
		return nil
	}
}

// WithAttemptTimeout bounds each attempt of a call to d, from sending the request to reading
// the end of its answer (for a download, to receiving the answer's headers), so that a stalled
// connection fails the attempt instead of hanging the call. An attempt that runs out of time is
// retried, as a broken connection is, if its method is safe to send again (a GET, say, but not a
// POST). Unlike WithTimeout, which bounds the whole call, attempts and waits included, it
// starts again with each attempt. The default is DefaultAttemptTimeout; zero means no bound.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("intercom: WithAttemptTimeout: negative timeout %v", d)
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithMaxRetries sets how many times a call is retried after its first attempt (see the package
// documentation for which failures are retried); 0 disables retries. The default is
// DefaultMaxRetries.
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("intercom: WithMaxRetries: negative count %d", n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithMaxRetryWait caps the wait before a retry, whether it comes from the backoff or from the
// server's Retry-After or X-RateLimit-Reset header. The default is DefaultMaxRetryWait; zero
// retries at once.
func WithMaxRetryWait(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("intercom: WithMaxRetryWait: negative wait %v", d)
		}
		c.maxRetryWait = d
		return nil
	}
}

// WithMaxResponseSize caps the body of a successful JSON answer at n bytes: a larger one fails
// the call with an error that matches ErrResponseTooLarge, and is not retried. Downloads, which
// the caller reads as a stream, are not capped. The default is DefaultMaxResponseSize.
func WithMaxResponseSize(n int64) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("intercom: WithMaxResponseSize: %d bytes, want at least 1", n)
		}
		c.maxResponse = n
		return nil
	}
}

// WithMiddleware wraps every HTTP attempt in mw, the first outermost. Given to a call, mw runs
// inside the client's middleware, for that call only.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) error {
		for _, m := range mw {
			if m == nil {
				return errors.New("intercom: WithMiddleware: nil middleware")
			}
		}
		c.middleware = append(c.middleware, mw...)
		return nil
	}
}

// WithLogger logs each attempt (at debug level) and each retry (at info level) to l: method,
// path, attempt, status, request id, wait and error, never a header or the access token. The
// default is not to log. Given to a call, l replaces the client's logger for that call.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("intercom: WithLogger: nil logger")
		}
		c.logger = slogLogger{l}
		return nil
	}
}
