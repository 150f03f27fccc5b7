package intercom

import (
	"encoding/json"
	"errors"
	"strings"
)

// The lookups by identifier that Intercom has no endpoint for, made of its search, create and
// update: the algorithms live here, once; the generated FindBy<Field> and Upsert methods (the
// overlay's x-find-by and x-upsert) only hand them the calls of their version's operations.

// findPageSize is how many matches a lookup asks for: two tell one from several.
const findPageSize = 2

// finder is what findOne needs of a search operation.
type finder[T any] struct {
	noun string // what is found, in errors: "contact"
	// search sends the search for the query q, asking for perPage items, and returns the items
	// of the first page and how many match in all.
	search func(q Filter, perPage int64) (items []T, total int64, err error)
	id     func(*T) string // an item's id, for an *AmbiguousError
}

// findOne returns the one item whose field is value: a *NotFoundError if none is, an
// *AmbiguousError if several are, a *ValidationError for an empty value (which would match
// what has none).
func findOne[T any](f finder[T], field, value string) (*T, error) {
	if value == "" {
		return nil, &ValidationError{Type: f.noun + " search", Field: field, Reason: "is empty"}
	}
	items, total, err := f.search(Field(field).Eq(value), findPageSize)
	if err != nil {
		return nil, err
	}
	switch {
	case len(items) == 0:
		return nil, &NotFoundError{Resource: f.noun, Field: field, Value: value}
	case len(items) > 1:
		e := &AmbiguousError{Resource: f.noun, Field: field, Value: value, Count: max(total, int64(len(items)))}
		for i := range items {
			e.IDs = append(e.IDs, f.id(&items[i]))
		}
		return nil, e
	}
	return &items[0], nil
}

// upserter is what upsert needs: the create request's type C, the update's U, and the item T
// that both answer.
type upserter[C, U, T any] struct {
	request string // C's name, in errors: "CreateContactRequest"
	noun    string // what is upserted, in errors: "contact"
	keys    []upsertKey[C, T]
	create  func(*C) (*T, error)
	update  func(id string, req *U) (*T, error)
	id      func(*T) string
}

// upsertKey is one identifier an upsert finds the existing item by.
type upsertKey[C, T any] struct {
	name  string                  // "external_id"
	value func(*C) (string, bool) // its value in the create request, if set
	find  func(string) (*T, error)
}

// upsert updates the item req identifies (by its first key that is set and found) with req
// converted to the update request, or creates it if there is none: the item as it is after,
// and whether it was created. A create that conflicts (409) with an item made since the search
// updates that item, found by the id the conflict names, else by searching again; if it still
// cannot be found, the error is the conflict's. Several items with the key are an
// *AmbiguousError, and nothing is written.
func upsert[C, U, T any](req *C, u upserter[C, U, T]) (item *T, created bool, err error) {
	if req == nil {
		return nil, false, &ValidationError{Type: u.request, Reason: "is required"}
	}
	find := func() (*T, error) {
		var notFound error
		for _, k := range u.keys {
			v, ok := k.value(req)
			if !ok || v == "" {
				continue
			}
			it, err := k.find(v)
			if !errors.Is(err, ErrNotFound) {
				return it, err
			}
			notFound = err
		}
		if notFound != nil {
			return nil, notFound
		}
		names := make([]string, len(u.keys))
		for i, k := range u.keys {
			names[i] = k.name
		}
		return nil, &ValidationError{Type: u.request, Reason: "needs " + strings.Join(names, " or ") + " to find the " + u.noun + " by"}
	}
	var update U
	if err := convertRequest(req, &update); err != nil {
		return nil, false, err
	}
	it, err := find()
	switch {
	case err == nil:
		it, err = u.update(u.id(it), &update)
		return it, false, err
	case !errors.Is(err, ErrNotFound):
		return nil, false, err
	}
	it, err = u.create(req)
	if err == nil {
		return it, true, nil
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !errors.Is(err, ErrConflict) {
		return nil, false, err
	}
	id := conflictID(apiErr)
	if id == "" {
		found, ferr := find()
		if ferr != nil {
			return nil, false, err // the conflict says more than a search that lags
		}
		id = u.id(found)
	}
	it, err = u.update(id, &update)
	return it, false, err
}

// conflictID returns the id of the existing item a 409 to a create names, or "": Intercom
// says "A contact matching those details already exists with id=6657add46abd0167d9419cd2".
func conflictID(e *APIError) string {
	for _, d := range e.Errors {
		_, rest, ok := strings.Cut(d.Message, "with id=")
		if !ok {
			continue
		}
		end := strings.IndexFunc(rest, func(r rune) bool {
			return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_')
		})
		if end < 0 {
			end = len(rest)
		}
		if end > 0 {
			return rest[:end]
		}
	}
	return ""
}

// convertRequest copies a request into another request type with the same properties, through
// their JSON.
func convertRequest(from, to any) error {
	data, err := json.Marshal(from)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, to)
}
