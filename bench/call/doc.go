// Package call benchmarks one API call, GET /contacts/{id} answered by a loopback server with a
// realistic contact (../testdata/contact.json), made four ways: "plain", the net/http +
// encoding/json code a user would write without a client, decoding into our generated Contact;
// "ours", client.Contacts.Get; and, with -tags peers after cmd/report has generated them, ogen's
// ShowContact and oapi-codegen's ShowContactWithResponse. Plain and ours decode into the same
// type, so their difference is what our client adds per call: options, headers, retries and rate
// limit bookkeeping, error mapping.
package call
