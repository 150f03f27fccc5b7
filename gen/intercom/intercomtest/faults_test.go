package intercomtest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// TestFaultsWithRetries injects faults and checks what the client's retry policy makes of them:
// how many attempts reached the fake, and what the call returned.
func TestFaultsWithRetries(t *testing.T) {
	t.Parallel()
	getCompany := func(ctx context.Context, c *intercom.Client) error {
		_, err := c.Companies.Get(ctx, "1")
		return err
	}
	createContact := func(ctx context.Context, c *intercom.Client) error {
		_, err := c.Contacts.Create(ctx, &intercom.CreateContactRequest{Email: intercom.Some("a@example.com")})
		return err
	}
	tests := []struct {
		name       string
		route      string
		n          int
		fault      Fault
		call       func(context.Context, *intercom.Client) error
		attempts   int // requests that reached the fake
		wantStatus int // of the *APIError returned, 0 for success
		wantErr    bool
	}{
		{"503 on a GET is retried", "GET /companies/{id}", 2, Fault{Status: 503}, getCompany, 3, 0, false},
		{"503 past the retries", "GET /companies/{id}", 5, Fault{Status: 503}, getCompany, 3, 503, true},
		{"500 on a POST is not retried", "POST /contacts", 1, Fault{Status: 500}, createContact, 1, 500, true},
		{"429 on a POST is retried", AnyRoute, 1, Fault{Status: 429, RetryAfter: time.Millisecond}, createContact, 2, 0, false},
		{"404 is not retried", "GET /companies/{id}", 1, Fault{Status: 404, Code: "not_found"}, getCompany, 1, 404, true},
		{"a broken connection on a GET is retried", "GET /companies/{id}", 1, Fault{Disconnect: true}, getCompany, 2, 0, false},
		{"a broken connection on a POST is not", "POST /contacts", 1, Fault{Disconnect: true}, createContact, 1, 0, true},
		{"a delay alone answers as usual", AnyRoute, 1, Fault{Delay: time.Millisecond}, getCompany, 1, 0, false},
		{"a fault of another route does not apply", "GET /companies", 1, Fault{Status: 503}, getCompany, 1, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := NewServer(t)
			srv.Inject(tt.route, tt.n, tt.fault)
			c := srv.Client(intercom.WithMaxRetries(2), intercom.WithMaxRetryWait(time.Millisecond))
			err := tt.call(t.Context(), c)
			if got := len(srv.Requests()); got != tt.attempts {
				t.Errorf("%d requests reached the fake, want %d", got, tt.attempts)
			}
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			var apiErr *intercom.APIError
			gotStatus := 0
			if errors.As(err, &apiErr) {
				gotStatus = apiErr.StatusCode
				if apiErr.Attempts != tt.attempts {
					t.Errorf("APIError.Attempts = %d, want %d", apiErr.Attempts, tt.attempts)
				}
			}
			if gotStatus != tt.wantStatus {
				t.Errorf("status = %d, want %d (err %v)", gotStatus, tt.wantStatus, err)
			}
		})
	}
}

// TestFaultDelayTimesOut holds an answer past the client's timeout: the call fails with the
// context's deadline, and the fake lets go of the request.
func TestFaultDelayTimesOut(t *testing.T) {
	t.Parallel()
	srv := NewServer(t)
	srv.Inject("GET /companies/{id}", 1, Fault{Delay: time.Minute})
	c := srv.Client(intercom.WithTimeout(20*time.Millisecond), intercom.WithMaxRetries(0))
	_, err := c.Companies.Get(t.Context(), "1")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if _, err := srv.Client().Companies.Get(t.Context(), "1"); err != nil {
		t.Fatalf("after the fault: %v", err)
	}
}

// TestInjectChecks refuses faults that cannot be.
func TestInjectChecks(t *testing.T) {
	t.Parallel()
	srv, ft := newFake(t)
	srv.Inject("GET /nope", 1, Fault{Status: 500})
	srv.Inject("GET /companies/{id}", 0, Fault{Status: 500})
	srv.Inject("GET /companies/{id}", 1, Fault{Status: 302})
	srv.Inject("GET /companies/{id}", 1, Fault{Status: 500, Disconnect: true})
	want := []string{
		`intercomtest: Inject: the API has no operation "GET /nope" (name one as "GET /contacts/{id}")`,
		`intercomtest: Inject("GET /companies/{id}", 0): the number of requests is at least 1`,
		`intercomtest: Inject("GET /companies/{id}"): the status of a fault is 4xx or 5xx, not 302`,
		`intercomtest: Inject("GET /companies/{id}"): a fault either answers a status or disconnects, not both`,
	}
	got := ft.failures()
	if len(got) != len(want) {
		t.Fatalf("failures = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("failure %d = %q, want %q", i, got[i], want[i])
		}
	}
	if _, err := srv.Client().Companies.Get(t.Context(), "1"); err != nil {
		t.Fatalf("no fault was injected, yet: %v", err)
	}
}
