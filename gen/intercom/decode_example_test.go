package intercom_test

import (
	"encoding/json"
	"fmt"

	"github.com/gointercom/intercom/gen/intercom"
)

// A contact whose location came as a string and whose sign-up time came as text: the rest of it
// decodes, and the two properties are kept, with where they were, for the caller to look at.
func ExampleDecodeIssues() {
	body := []byte(`{"type":"contact","id":"c1","email":"ada@example.com",
		"location":"Dublin","signed_up_at":"not a number","created_at":1700000000}`)
	var c intercom.Contact
	if err := json.Unmarshal(body, &c); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.ID, c.Email, c.CreatedAt, c.Location == nil)
	for _, issue := range intercom.DecodeIssues(&c) {
		fmt.Printf("%s kept as %s\n", issue.Path, issue.Raw)
	}
	// Output:
	// c1 ada@example.com 2023-11-14T22:13:20Z true
	// location kept as "Dublin"
	// signed_up_at kept as "not a number"
}
