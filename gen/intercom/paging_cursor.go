package intercom

import (
	"fmt"
	"iter"
	"slices"
)

// cursorKind pages by a cursor in the query (starting_after): each page hands on the cursor of
// the next, "" at the end.
func cursorKind[P any](start string, opts []Option, f pageFuncs[P, string]) iter.Seq2[P, error] {
	return cursorPages(start, func(cursor string) (P, string, error) {
		page, next, _, err := f.next(cursor, opts)
		return page, next, err
	})
}

// cursorPages pages by cursor: fetch returns a page and the cursor of the next one ("" at the
// end). A cursor Intercom hands back twice ends the iteration with an error instead of looping
// (see cursorLoop for when).
func cursorPages[P any](start string, fetch func(cursor string) (P, string, error)) iter.Seq2[P, error] {
	return func(yield func(P, error) bool) {
		var zero P
		cursor := start
		loop := cursorLoop{saved: start, power: 1}
		for {
			page, next, err := fetch(cursor)
			if err != nil {
				yield(zero, err)
				return
			}
			if !yield(page, nil) || next == "" {
				return
			}
			if loop.repeats(cursor, next) {
				yield(zero, &PaginationError{Reason: fmt.Sprintf("the API returned the cursor %q again", next)})
				return
			}
			cursor = next
		}
	}
}

// recentCursors is how many of the last cursors a cursorLoop remembers.
const recentCursors = 32

// cursorLoop tells whether the cursors of an iteration come back to one they had, in memory
// that does not grow with the number of pages (remembering every cursor would). It keeps the
// last recentCursors cursors, which catches a short cycle (a cursor handed back at once, say)
// before any page is fetched twice, and runs Brent's cycle detection, one saved cursor moved
// at every power of two steps, which catches a longer cycle within about twice its length.
type cursorLoop struct {
	recent       [recentCursors]string
	n            int    // how many cursors recent has taken
	saved        string // Brent's saved cursor, the first one to start with
	power, steps int    // Brent's stretch (1 to start with) and the steps into it
}

// repeats records that the page at cursor gave next as the next cursor, and reports whether
// next is a cursor the iteration has already had: always when it is one of the last
// recentCursors cursors, and for an older one once Brent's saved cursor comes round.
func (l *cursorLoop) repeats(cursor, next string) bool {
	l.recent[l.n%recentCursors] = cursor
	l.n++
	if next == l.saved || slices.Contains(l.recent[:], next) {
		return true
	}
	if l.steps++; l.steps == l.power {
		l.saved, l.power, l.steps = next, 2*l.power, 0
	}
	return false
}
