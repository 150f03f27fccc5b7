// Package intercom is a typed Go client for the Intercom REST API.
//
// Create a client with NewClient and call the operations through its services:
//
//	client, err := intercom.NewClient(intercom.WithToken(os.Getenv("INTERCOM_TOKEN")))
//	if err != nil { ... }
//	contact, err := client.Contacts.Get(ctx, "6657add46abd0167d9419cd2")
//
// Every method takes a context first and Options last; options given to a call apply to that
// call only. A non-2xx answer is returned as an *APIError.
//
// The files named *_gen.go are generated from Intercom's OpenAPI description by the generator
// in this module (make generate) and must not be edited by hand; the other files are the
// hand-written runtime they call.
package intercom
