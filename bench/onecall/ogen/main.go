//go:build peers

// Command ogen gets one contact with ogen's generated client.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/gointercom/intercom/bench/peers/ogen/ogenintercom"
)

type bearer struct{}

func (bearer) BearerAuth(context.Context, ogenintercom.OperationName) (ogenintercom.BearerAuth, error) {
	return ogenintercom.BearerAuth{Token: os.Getenv("INTERCOM_TOKEN")}, nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: ogen BASE_URL CONTACT_ID")
		os.Exit(2)
	}
	client, err := ogenintercom.NewClient(os.Args[1], bearer{})
	if err != nil {
		fail(err)
	}
	res, err := client.ShowContact(context.Background(), ogenintercom.ShowContactParams{ID: os.Args[2]})
	if err != nil {
		fail(err)
	}
	c, ok := res.(*ogenintercom.Contact)
	if !ok {
		fail(fmt.Errorf("answer %T", res))
	}
	fmt.Println(c.Email.Or(""))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ogen:", err)
	os.Exit(1)
}
