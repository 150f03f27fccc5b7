package intercom

import "iter"

// scrollKind pages through a scroll (scroll_param). Its requests are retried only when nothing
// was done (the operation's retryUnsent rule): a 429 is waited out and the scroll goes on.
func scrollKind[P any](start string, opts []Option, f pageFuncs[P, string]) iter.Seq2[P, error] {
	return scrollPages(start, func(param string) (P, string, int, error) { return f.next(param, opts) })
}

// scrollPages pages through a scroll: fetch returns a page, the scroll param for the next one,
// and how many items the page had; an empty page ends the scroll. Intercom keeps one scroll per
// workspace, expires it after a minute without a request, and cannot resume a scroll whose
// request failed: a failure ends the iteration with a *ScrollError, and the scroll must be
// started again.
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
