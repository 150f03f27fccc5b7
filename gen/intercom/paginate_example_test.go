package intercom_test

import (
	"context"
	"fmt"
	"log"

	"github.com/gointercom/intercom/gen/intercom"
)

// Every contact of the workspace, fetched 150 at a time as the loop goes.
func ExampleContactsService_ListAll() {
	client, err := intercom.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for c, err := range client.Contacts.ListAll(ctx, &intercom.ContactsListOptions{PerPage: 150}) {
		if err != nil {
			log.Fatal(err) // yielded once, as the last value: the iteration is over
		}
		fmt.Println(c.ID, c.Email)
	}
}

// Whole pages, for the total count and to resume later from a saved cursor.
func ExampleContactsService_ListPages() {
	client, err := intercom.NewClient()
	if err != nil {
		log.Fatal(err)
	}
	ctx, saved := context.Background(), "" // "" for the start
	params := &intercom.ContactsListOptions{PerPage: 150, StartingAfter: saved}
	for page, err := range client.Contacts.ListPages(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(len(page.Data), "of", page.TotalCount)
		if page.Pages != nil && page.Pages.Next != nil {
			saved = page.Pages.Next.StartingAfter.Or("") // where to resume
		}
	}
}
