package intercom

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// The generated <Method>Pages and <Method>All iterators plug an operation's facts into one of the
// implementations below, one per way Intercom pages. Each fetches a page only when the loop asks
// for it, holds one page at a time, yields an error once and then stops, and sends nothing more
// after the loop breaks.

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

// scrollPages pages through a scroll: fetch returns a page, the scroll param for the next one,
// and how many items the page had; an empty page ends the scroll. Intercom keeps one scroll per
// workspace, expires it after a minute without a request, and cannot resume a scroll whose
// request failed: a failure ends the iteration with a *ScrollError (pages are not retried, see
// scrollOptions), and the scroll must be started again.
func scrollPages[P any](start string, fetch func(param string) (P, string, int, error)) iter.Seq2[P, error] {
	return func(yield func(P, error) bool) {
		var zero P
		param := start
		for n := 1; ; n++ {
			page, next, count, err := fetch(param)
			if err != nil {
				yield(zero, &ScrollError{Page: n, Err: err})
				return
			}
			if count == 0 || !yield(page, nil) || next == "" {
				return
			}
			param = next
		}
	}
}

// scrollOptions adds to a scroll request's options the rule that its pages are never retried: a
// scroll whose request failed cannot be resumed, so a retry would only fail again or skip pages.
func scrollOptions(opts []Option) []Option {
	return append(slices.Clip(opts), WithMaxRetries(0))
}

// pageItems iterates over the items of every page that pages yields.
func pageItems[P any, T any](pages iter.Seq2[P, error], items func(P) []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range pages {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, it := range items(page) {
				if !yield(it, nil) {
					return
				}
			}
		}
	}
}

// failedPages is an iteration that yields err and ends, for a request that fails its checks
// before the first page.
func failedPages[P any](err error) iter.Seq2[P, error] {
	return func(yield func(P, error) bool) {
		var zero P
		yield(zero, err)
	}
}

// pagingIssue reports a page whose cursor or page count, at path, did not decode: read as
// absent, it would end the iteration early without a word.
func pagingIssue(page issueHolder, path string) error {
	for _, is := range page.decodeIssues() {
		if is.Path == path || strings.HasPrefix(path, is.Path+".") {
			return &PaginationError{Reason: fmt.Sprintf("the page's %s could not be read (%v); it was %s", path, is.Err, is.Raw)}
		}
	}
	return nil
}

// nestedError places the validation error of a nested value under its field.
func nestedError(typ, field string, err error) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		f := field
		if ve.Field != "" {
			f += "." + ve.Field
		}
		return &ValidationError{Type: typ, Field: f, Reason: ve.Reason}
	}
	return err
}

// validate checks a request value that has a Validate method; nil and values without checks
// pass.
func validate(v any) error {
	if isNil(v) {
		return nil
	}
	if c, ok := v.(interface{ Validate() error }); ok {
		return c.Validate()
	}
	return nil
}
