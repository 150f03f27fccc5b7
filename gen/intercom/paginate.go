package intercom

import (
	"errors"
	"fmt"
	"iter"
	"strings"
)

// The generated <Method>Pages and <Method>All iterators plug an operation's facts (pageFuncs)
// into the implementation of its kind: one file per way Intercom pages, paging_<kind>.go, which
// holds everything the kind does. Each fetches a page only when the loop asks for it, holds one
// page at a time, yields an error once and then stops, and sends nothing more after the loop
// breaks.

// pageFuncs are what a generated iterator tells its kind about an operation. fetch sends the
// request for the page at cursor (the zero cursor: the page the caller's request asks for) with
// opts, unchecked: the iterator checks the request once, before the first page. progress reads
// a page's cursor (the next cursor, "" at the end; or, for a numbered kind, the number of pages)
// and how many items it has.
type pageFuncs[P any, C comparable] struct {
	fetch    func(cursor C, opts []Option) (P, error)
	progress func(page P) (C, int, error)
}

// next fetches the page at cursor and reads its progress: a kind's fetch in one call.
func (f pageFuncs[P, C]) next(cursor C, opts []Option) (page P, progress C, count int, err error) {
	if page, err = f.fetch(cursor, opts); err != nil {
		return page, progress, 0, err
	}
	progress, count, err = f.progress(page)
	return page, progress, count, err
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
