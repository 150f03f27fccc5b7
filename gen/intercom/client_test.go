package intercom

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestNewClientWithoutToken(t *testing.T) {
	t.Setenv(TokenEnv, "")
	c, err := NewClient()
	if err == nil || c != nil {
		t.Fatalf("NewClient() = %v, %v; want an error", c, err)
	}
	for _, want := range []string{"no access token", "WithToken", TokenEnv} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if _, err := NewClient(WithToken("  ")); err == nil || !strings.Contains(err.Error(), "empty token") {
		t.Errorf("WithToken(blank): %v", err)
	}
}

func TestNewClientTokenFromEnv(t *testing.T) {
	t.Setenv(TokenEnv, testToken)
	srv := newTestServer(t, answer{body: `{"type":"team.list","teams":[]}`})
	c, err := NewClient(WithBaseURL(srv.URL + basePath))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := srv.only(t).Header.Get("Authorization"); got != "Bearer "+testToken {
		t.Errorf("Authorization = %q", got)
	}

	// WithToken wins over the environment.
	c, err = NewClient(WithToken("other-token"), WithBaseURL(srv.URL+basePath))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := srv.requests()[1].Header.Get("Authorization"); got != "Bearer other-token" {
		t.Errorf("Authorization = %q, want WithToken's", got)
	}
}

func TestRegions(t *testing.T) {
	t.Setenv(TokenEnv, "")
	tests := []struct {
		opts []Option
		want string
	}{
		{nil, "https://api.intercom.io/me"},
		{[]Option{WithRegion(RegionUS)}, "https://api.intercom.io/me"},
		{[]Option{WithRegion(RegionEU)}, "https://api.eu.intercom.io/me"},
		{[]Option{WithRegion(RegionAU)}, "https://api.au.intercom.io/me"},
		{[]Option{WithBaseURL("http://proxy.example:8080/intercom/")}, "http://proxy.example:8080/intercom/me"},
	}
	for _, tt := range tests {
		rt := &recordingTransport{body: `{"type":"admin","id":"1"}`}
		opts := append([]Option{WithToken(testToken), WithHTTPClient(&http.Client{Transport: rt})}, tt.opts...)
		c, err := NewClient(opts...)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Admins.Identify(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := rt.urls(); !slices.Equal(got, []string{tt.want}) {
			t.Errorf("requests went to %v, want %s", got, tt.want)
		}
	}
	if got := Regions(); !slices.Equal(got, []Region{RegionUS, RegionEU, RegionAU}) {
		t.Errorf("Regions() = %v", got)
	}
}

func TestConstructionErrors(t *testing.T) {
	t.Setenv(TokenEnv, "")
	tests := []struct {
		name string
		opts []Option
		want []string
	}{
		{"unknown region", []Option{WithRegion("mars")}, []string{`unknown region "mars"`, "us", "eu", "au"}},
		{"region and base URL", []Option{WithRegion(RegionEU), WithBaseURL("http://localhost:1")}, []string{"WithRegion and WithBaseURL"}},
		{"relative base URL", []Option{WithBaseURL("/api")}, []string{"not an absolute http(s) URL"}},
		{"ftp base URL", []Option{WithBaseURL("ftp://example.com")}, []string{"not an absolute http(s) URL"}},
		{"base URL with a query", []Option{WithBaseURL("https://example.com/?x=1")}, []string{"query or fragment"}},
		{"nil HTTP client", []Option{WithHTTPClient(nil)}, []string{"nil client"}},
		{"empty version", []Option{WithVersion("")}, []string{"empty version"}},
		{"managed header", []Option{WithHeader("authorization", "Bearer x")}, []string{"authorization is set by the client"}},
		{"several problems at once", []Option{WithRegion("mars"), WithVersion("")}, []string{"mars", "empty version"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(append([]Option{WithToken(testToken)}, tt.opts...)...)
			if err == nil || c != nil {
				t.Fatalf("NewClient = %v, %v; want an error", c, err)
			}
			assertNoToken(t, err)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestDefaultHeaders(t *testing.T) {
	srv := newTestServer(t, answer{body: `{"type":"tag","id":"17513","name":"VIP"}`})
	c := srv.client(t)
	ctx := context.Background()

	// Without a body: no Content-Type.
	if _, err := c.Tags.Get(ctx, "17513"); err != nil {
		t.Fatal(err)
	}
	// With a body: Content-Type is JSON.
	if _, err := c.Tags.Create(ctx, &TagsCreateRequest{CreateOrUpdateTagRequest: &CreateOrUpdateTagRequest{Name: "VIP"}}); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests", len(reqs))
	}
	for i, r := range reqs {
		h := r.Header
		if got := h.Get("Authorization"); got != "Bearer "+testToken {
			t.Errorf("request %d: Authorization = %q", i, got)
		}
		if got := h.Get("Intercom-Version"); got != APIVersion {
			t.Errorf("request %d: Intercom-Version = %q", i, got)
		}
		if got := h.Get("Accept"); got != "application/json" {
			t.Errorf("request %d: Accept = %q", i, got)
		}
		if got := h.Get("User-Agent"); got != defaultUserAgent || !strings.HasPrefix(got, "gointercom/"+APIVersion) {
			t.Errorf("request %d: User-Agent = %q", i, got)
		}
	}
	if got, ok := reqs[0].Header["Content-Type"]; ok {
		t.Errorf("GET without a body has Content-Type %q", got)
	}
	if len(reqs[0].Body) != 0 {
		t.Errorf("GET has a body: %q", reqs[0].Body)
	}
	if got := reqs[1].Header.Get("Content-Type"); got != "application/json" {
		t.Errorf("POST with a body: Content-Type = %q", got)
	}
	assertJSON(t, "body", reqs[1].Body, `{"name":"VIP"}`)
}

func TestClientOptions(t *testing.T) {
	srv := newTestServer(t, answer{body: `{"type":"team.list"}`})
	c := srv.client(t, WithVersion(IntercomVersion("2.8")), WithUserAgent("acme-sync/1.0"), WithHeader("X-Acme", "client"))
	if _, err := c.Teams.List(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := srv.only(t).Header
	if h.Get("Intercom-Version") != "2.8" || h.Get("User-Agent") != "acme-sync/1.0" || h.Get("X-Acme") != "client" {
		t.Errorf("headers = %v", h)
	}
}

// Options given to a call apply to that call only; the client keeps its own settings.
func TestPerCallOptions(t *testing.T) {
	srv := newTestServer(t, answer{body: `{"type":"team.list"}`})
	c := srv.client(t, WithHeader("X-Client", "yes"))
	ctx := context.Background()

	if _, err := c.Teams.List(ctx, WithHeader("X-Call", "one"), WithHeader("X-Client", "call"), WithVersion("Unstable"), WithUserAgent("call-agent")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.List(ctx); err != nil {
		t.Fatal(err)
	}
	other := newTestServer(t, answer{body: `{"type":"team.list"}`})
	if _, err := c.Teams.List(ctx, WithBaseURL(other.URL+basePath), WithToken("call-token")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Teams.List(ctx); err != nil {
		t.Fatal(err)
	}

	reqs := srv.requests()
	if len(reqs) != 3 {
		t.Fatalf("client server got %d requests, want 3", len(reqs))
	}
	first, second, fourth := reqs[0].Header, reqs[1].Header, reqs[2].Header
	if first.Get("X-Call") != "one" || first.Get("Intercom-Version") != "Unstable" || first.Get("User-Agent") != "call-agent" {
		t.Errorf("call with options: %v", first)
	}
	if got := first.Values("X-Client"); !slices.Equal(got, []string{"yes", "call"}) {
		t.Errorf("call with options: X-Client = %v, want the client's and the call's", got)
	}
	for i, h := range []http.Header{second, fourth} {
		if _, ok := h["X-Call"]; ok {
			t.Errorf("later call %d carries the previous call's header", i)
		}
		if got := h.Values("X-Client"); !slices.Equal(got, []string{"yes"}) {
			t.Errorf("later call %d: X-Client = %v", i, got)
		}
		if h.Get("Intercom-Version") != APIVersion || h.Get("User-Agent") != defaultUserAgent || h.Get("Authorization") != "Bearer "+testToken {
			t.Errorf("later call %d lost the client's settings: %v", i, h)
		}
	}
	o := other.only(t)
	if o.Header.Get("Authorization") != "Bearer call-token" || o.Path != "/teams" {
		t.Errorf("call with its own base URL and token: %s %v", o.Path, o.Header)
	}
}

// A region given to one call sends that call to the region's URL (this used to fail with
// "WithRegion and WithBaseURL both given", as NewClient had stored the resolved URL).
func TestPerCallRegion(t *testing.T) {
	rt := &recordingTransport{body: `{"type":"admin","id":"1"}`}
	c, err := NewClient(WithToken(testToken), WithRegion(RegionUS), WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.Admins.Identify(ctx, WithRegion(RegionEU)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Admins.Identify(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Admins.Identify(ctx, WithBaseURL("http://proxy.example/x")); err != nil {
		t.Fatal(err)
	}
	want := []string{"https://api.eu.intercom.io/me", "https://api.intercom.io/me", "http://proxy.example/x/me"}
	if got := rt.urls(); !slices.Equal(got, want) {
		t.Errorf("requests went to %v, want %v", got, want)
	}
	_, err = c.Admins.Identify(ctx, WithRegion(RegionEU), WithBaseURL("http://proxy.example"))
	if err == nil || !strings.Contains(err.Error(), "WithRegion and WithBaseURL") {
		t.Errorf("both on one call: %v", err)
	}
	if len(rt.urls()) != 3 {
		t.Error("a call with conflicting options was sent")
	}
}

func TestPerCallOptionErrors(t *testing.T) {
	srv := newTestServer(t, answer{body: `{}`})
	c := srv.client(t)
	for _, opt := range []Option{
		WithHeader("Authorization", "Bearer stolen"),
		WithHeader("intercom-version", "1.0"),
		WithHeader("Content-Type", "text/plain"),
		WithHeader("ACCEPT", "text/html"),
		WithRegion("xx"),
		WithToken(""),
	} {
		_, err := c.Teams.List(context.Background(), opt)
		if err == nil {
			t.Error("a bad per-call option was accepted")
			continue
		}
		assertNoToken(t, err)
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests sent despite bad options", n)
	}
	// Nil options are ignored.
	if _, err := c.Teams.List(context.Background(), nil); err != nil {
		t.Errorf("nil option: %v", err)
	}
}

func TestTransportErrorHidesToken(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{})
	url := srv.URL
	srv.Close() // nothing listens there any more
	sleeps := &sleepRecorder{}
	c, err := NewClient(WithToken(testToken), WithBaseURL(url), withSleep(sleeps.sleep), WithLogger(testLogger(testLogBuffer(t))))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Companies.Get(t.Context(), "abc")
	if err == nil {
		t.Fatal("no error from a closed server")
	}
	assertNoToken(t, err)
	if !strings.HasPrefix(err.Error(), "intercom: GET /companies/abc: ") {
		t.Errorf("error = %v", err)
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		t.Error("a transport error is an *APIError")
	}
}

func TestContextCancelled(t *testing.T) {
	srv := newTestServer(t, answer{body: `{}`})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := srv.client(t).Teams.List(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests sent with a cancelled context", n)
	}
}
