package intercom_test

import (
	"context"
	"fmt"
	"log"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

// twoPages makes the fake answer GET /contacts with two pages of contacts.
func twoPages(fake *intercomtest.Server) {
	fake.Respond("GET /contacts", 200, `{"type": "list", "total_count": 3,
		"data": [{"type": "contact", "id": "1", "email": "ann@example.com"}, {"type": "contact", "id": "2", "email": "bo@example.com"}],
		"pages": {"type": "pages", "page": 1, "per_page": 2, "total_pages": 2, "next": {"per_page": 2, "starting_after": "cursor-2"}}}`)
	fake.Respond("GET /contacts", 200, `{"type": "list", "total_count": 3,
		"data": [{"type": "contact", "id": "3", "email": "cy@example.com"}],
		"pages": {"type": "pages", "page": 2, "per_page": 2, "total_pages": 2}}`)
}

// Every contact of the workspace, fetched a page at a time as the loop goes.
func ExampleContactsService_ListAll() {
	fake := intercomtest.Start()
	defer fake.Close()
	twoPages(fake)
	client := fake.Client()

	ctx := context.Background()
	for c, err := range client.Contacts.ListAll(ctx, &intercom.ContactsListOptions{PerPage: 2}) {
		if err != nil {
			log.Fatal(err) // yielded once, as the last value: the iteration is over
		}
		fmt.Println(c.ID, c.Email)
	}
	fmt.Println(fake.Last("GET /contacts").Query.Encode()) // the second page was asked for by cursor
	// Output:
	// 1 ann@example.com
	// 2 bo@example.com
	// 3 cy@example.com
	// per_page=2&starting_after=cursor-2
}

// Whole pages, for the total count and to resume later from a saved cursor.
func ExampleContactsService_ListPages() {
	fake := intercomtest.Start()
	defer fake.Close()
	twoPages(fake)
	client := fake.Client()

	ctx, saved := context.Background(), "" // "" for the start
	params := &intercom.ContactsListOptions{PerPage: 2, StartingAfter: saved}
	for page, err := range client.Contacts.ListPages(ctx, params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(len(page.Data), "of", page.TotalCount)
		if page.Pages != nil && page.Pages.Next != nil {
			saved = page.Pages.Next.StartingAfter.Or("") // where to resume
		}
	}
	fmt.Println("saved", saved)
	// Output:
	// 2 of 3
	// 1 of 3
	// saved cursor-2
}
