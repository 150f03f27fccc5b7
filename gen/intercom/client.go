package intercom

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// TokenEnv is the environment variable NewClient reads the access token from when no WithToken
// option is given.
const TokenEnv = "INTERCOM_TOKEN"

// defaultUserAgent names this module and the API version it speaks.
const defaultUserAgent = "gointercom/" + APIVersion + " (+https://github.com/gointercom/intercom)"

// core is what every service of a Client shares: the configuration and the HTTP machinery.
// It is never modified after NewClient returns, which is what makes a Client safe for
// concurrent use.
type core struct {
	cfg config
}

// config is the full configuration of a client or of one call.
type config struct {
	token      string
	baseURL    string // without a trailing slash
	region     Region
	regionSet  bool
	httpClient *http.Client
	version    string
	userAgent  string
	header     http.Header
}

// Option configures a Client (given to NewClient) or a single call (given to a method).
type Option func(*config) error

// Region is one of the data centres the API is served from (RegionUS, RegionEU, RegionAU).
type Region string

// NewClient returns a client configured by opts. The access token comes from WithToken or,
// failing that, the INTERCOM_TOKEN environment variable; without one NewClient fails.
func NewClient(opts ...Option) (*Client, error) {
	cfg := config{
		httpClient: http.DefaultClient,
		version:    APIVersion,
		userAgent:  defaultUserAgent,
		token:      os.Getenv(TokenEnv),
	}
	if err := cfg.apply(opts); err != nil {
		return nil, err
	}
	if cfg.token == "" {
		return nil, fmt.Errorf("intercom: no access token: pass WithToken or set %s", TokenEnv)
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
	return c
}

// WithToken sets the access token sent as a bearer token.
func WithToken(token string) Option {
	return func(c *config) error {
		if strings.TrimSpace(token) == "" {
			return errors.New("intercom: WithToken: empty token")
		}
		c.token = token
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

// WithHTTPClient sends requests through hc instead of http.DefaultClient.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("intercom: WithHTTPClient: nil client")
		}
		c.httpClient = hc
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

// WithUserAgent replaces the User-Agent header.
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
		if c.header == nil {
			c.header = http.Header{}
		}
		c.header.Add(key, value)
		return nil
	}
}
