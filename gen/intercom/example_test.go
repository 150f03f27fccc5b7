package intercom_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// Clients for each region, and one for a local proxy with more retries and logging.
func ExampleNewClient() {
	us, err := intercom.NewClient() // api.intercom.io, token from INTERCOM_TOKEN
	if err != nil {
		log.Fatal(err)
	}
	eu, err := intercom.NewClient(intercom.WithRegion(intercom.RegionEU)) // api.eu.intercom.io
	if err != nil {
		log.Fatal(err)
	}
	au, err := intercom.NewClient(intercom.WithRegion(intercom.RegionAU)) // api.au.intercom.io
	if err != nil {
		log.Fatal(err)
	}
	dev, err := intercom.NewClient(intercom.WithBaseURL("http://localhost:8080/intercom"),
		intercom.WithMaxRetries(5), intercom.WithLogger(slog.Default()))
	if err != nil {
		log.Fatal(err)
	}
	_, _, _, _ = us, eu, au, dev
}

// Per-call options, the raw answer, and the typed error.
func ExampleWithResponse() {
	client, err := intercom.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx, id, traceID := context.Background(), "6657add46abd0167d9419cd2", "trace-1"

	var resp *intercom.Response
	contact, err := client.Contacts.Get(ctx, id, intercom.WithTimeout(5*time.Second),
		intercom.WithHeader("X-Trace", traceID), intercom.WithResponse(&resp))
	if resp != nil {
		fmt.Println(resp.StatusCode, resp.RateLimit.Remaining, "left until", resp.RateLimit.Reset)
	}
	var apiErr *intercom.APIError
	switch {
	case errors.Is(err, intercom.ErrNotFound): // also ErrUnauthorized, ErrRateLimited, ErrServer, ...
		fmt.Println("no such contact")
	case errors.As(err, &apiErr):
		fmt.Println(apiErr.StatusCode, apiErr.RequestID, apiErr.Errors, apiErr.RateLimit, apiErr.Attempts)
	case err == nil:
		fmt.Println(contact.Email)
	}
}
