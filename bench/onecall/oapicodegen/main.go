//go:build peers

// Command oapicodegen gets one contact with oapi-codegen's generated client.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"

	"github.com/gointercom/intercom/bench/peers/oapicodegen/oapiintercom"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: oapicodegen BASE_URL CONTACT_ID")
		os.Exit(2)
	}
	auth := func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+os.Getenv("INTERCOM_TOKEN"))
		return nil
	}
	client, err := oapiintercom.NewClientWithResponses(os.Args[1], oapiintercom.WithRequestEditorFn(auth))
	if err != nil {
		fail(err)
	}
	res, err := client.ShowContactWithResponse(context.Background(), os.Args[2])
	if err != nil {
		fail(err)
	}
	if res.JSON200 == nil || res.JSON200.Email == nil {
		fail(fmt.Errorf("status %d", res.StatusCode()))
	}
	fmt.Println(*res.JSON200.Email)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "oapicodegen:", err)
	os.Exit(1)
}
