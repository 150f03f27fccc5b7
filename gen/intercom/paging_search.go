package intercom

import "iter"

// searchKind pages a search: the cursor goes in the request body's pagination object
// (pagination.starting_after, which the generated fetch sets), and each page hands on the next
// one as a cursor does, with the same guard against a cursor that comes back.
func searchKind[P any](start string, opts []Option, f pageFuncs[P, string]) iter.Seq2[P, error] {
	return cursorKind(start, opts, f)
}
