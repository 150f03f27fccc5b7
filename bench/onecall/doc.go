// Package onecall holds the programs whose stripped binaries cmd/report measures: each makes one
// call, GET /contacts/{id}, to the base URL given as its first argument and prints the contact's
// email. plain uses net/http and encoding/json into a two-field struct (the floor); ours uses
// gen/intercom; ogen and oapicodegen (built with -tags peers) use the peers' generated clients.
// The token comes from INTERCOM_TOKEN.
package onecall
