package intercom

import (
	"iter"
)

// numberKind pages by page number: each page says how many pages there are.
func numberKind[P any](start int64, opts []Option, f pageFuncs[P, int64]) iter.Seq2[P, error] {
	return numberedPages(start, func(n int64) (P, int64, int, error) { return f.next(n, opts) })
}

// numberedPages pages by page number from start (1 if 0): fetch returns a page, the number of
// pages there are, and how many items the page had. It stops at the last page without asking
// for an empty one after it, and at an empty page.
func numberedPages[P any](start int64, fetch func(page int64) (P, int64, int, error)) iter.Seq2[P, error] {
	return func(yield func(P, error) bool) {
		var zero P
		n := max(start, 1)
		for {
			page, total, count, err := fetch(n)
			if err != nil {
				yield(zero, err)
				return
			}
			if count == 0 && n > 1 {
				return // an empty page past the first says nothing
			}
			if !yield(page, nil) || count == 0 || n >= total {
				return
			}
			n++
		}
	}
}
