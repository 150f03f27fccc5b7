// Command ours gets one contact with our client.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/gointercom/intercom/gen/intercom"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: ours BASE_URL CONTACT_ID")
		os.Exit(2)
	}
	client, err := intercom.NewClient(intercom.WithBaseURL(os.Args[1]))
	if err != nil {
		fail(err)
	}
	c, err := client.Contacts.Get(context.Background(), os.Args[2])
	if err != nil {
		fail(err)
	}
	fmt.Println(c.Email)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "ours:", err)
	os.Exit(1)
}
