package intercomtest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

// The fake answers every operation of the API: with the answer a test registers, else with one
// synthesized from the operation's schema that repeats the request's ids and fields. It
// records what it accepted, and answers a request the API would refuse with a 400 saying why
// (under NewServer, the test also fails). In a test, use NewServer(t) rather than Start.
func ExampleStart() {
	fake := intercomtest.Start()
	defer fake.Close()
	client := fake.Client()
	ctx := context.Background()

	// Registered answers come first, in order.
	fake.Respond("GET /companies/{id}", 200, `{"type": "company", "id": "1", "name": "Acme"}`)
	company, _ := client.Companies.Get(ctx, "1")
	fmt.Println(company.Name)

	// Synthesized: the ids of the path and the fields sent come back.
	note, _ := client.Notes.Create(ctx, "6657add46abd0167d9419cd2", &intercom.NotesCreateRequest{Body: "Called back"})
	fmt.Println(note.Type, note.Body)
	fmt.Println(fake.Last("POST /contacts/{id}/notes").PathParams["id"])

	// A request the API would refuse.
	req, _ := http.NewRequest(http.MethodGet, fake.URL()+"/contacts/1", nil)
	resp, _ := http.DefaultClient.Do(req)
	fmt.Println(resp.Status)

	// An error answer, as Intercom sends it.
	fake.RespondError("DELETE /contacts/{id}", 404, "not_found", "User Not Found")
	_, err := client.Contacts.Delete(ctx, "2")
	fmt.Println(errors.Is(err, intercom.ErrNotFound), len(fake.Requests()))
	// Output:
	// Acme
	// note Called back
	// 6657add46abd0167d9419cd2
	// 400 Bad Request
	// true 3
}
