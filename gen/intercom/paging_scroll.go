package intercom

import (
	"iter"
	"slices"
)

// scrollKind pages through a scroll (scroll_param), whose pages are never retried (see
// scrollOptions).
func scrollKind[P any](start string, opts []Option, f pageFuncs[P, string]) iter.Seq2[P, error] {
	opts = scrollOptions(opts)
	return scrollPages(start, func(param string) (P, string, int, error) { return f.next(param, opts) })
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
