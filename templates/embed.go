// Package templates holds the text templates of the generator's Markdown output: the API
// reference of the client (reference.md.tmpl) and the change report of a spec bump
// (changes.md.tmpl). They are embedded, so the generator renders the same bytes wherever it runs
// and from whatever directory.
package templates

import "embed"

// FS holds the *.tmpl files of this directory.
//
//go:embed *.tmpl
var FS embed.FS
