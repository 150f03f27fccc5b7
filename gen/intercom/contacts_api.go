package intercom

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
)

// FindByEmail returns the one contact with email, by searching for it: a *NotFoundError (which
// errors.Is matches to ErrNotFound) if none has it, an *AmbiguousError if several do. Search
// lags behind writes: a contact created in the last few minutes may not be found yet.
func (s *ContactsService) FindByEmail(ctx context.Context, email string, opts ...Option) (*Contact, error) {
	return s.findOne(ctx, ContactFieldEmail, email, opts)
}

// FindByExternalID returns the one contact with the external id (the user id of the
// workspace's own system), as FindByEmail does.
func (s *ContactsService) FindByExternalID(ctx context.Context, externalID string, opts ...Option) (*Contact, error) {
	return s.findOne(ctx, ContactFieldExternalID, externalID, opts)
}

func (s *ContactsService) findOne(ctx context.Context, field ContactField, value string, opts []Option) (*Contact, error) {
	if value == "" {
		return nil, &ValidationError{Type: "contact search", Field: string(field), Reason: "is empty"}
	}
	req := Field(field).Eq(value).Request()
	req.Pagination = &StartingAfterPaging{PerPage: Some[int64](2)} // two tell one from several
	page, err := s.Search(ctx, req, opts...)
	if err != nil {
		return nil, err
	}
	switch {
	case len(page.Data) == 0:
		return nil, &NotFoundError{Resource: "contact", Field: string(field), Value: value}
	case len(page.Data) > 1:
		e := &AmbiguousError{Resource: "contact", Field: string(field), Value: value, Count: max(page.TotalCount, int64(len(page.Data)))}
		for _, c := range page.Data {
			e.IDs = append(e.IDs, c.ID)
		}
		return nil, e
	}
	return &page.Data[0], nil
}

// Upsert updates the contact req identifies, by its external id or else its email, with req,
// or creates it if there is none: the contact as it is after, and whether it was created.
//
// Intercom has no upsert, so this is a search, then an update or a create, and it races with
// other writers. Search lags behind writes by up to a few minutes, and a contact may be created
// between the search and the create: then the create answers 409 Conflict, and Upsert reads the
// contact again (by the id the conflict names, else by searching again) and updates it. If it
// still cannot find it, the error is the *APIError of the 409; try again later. Two upserts of
// the same contact at once both succeed, the last update winning, as two updates do. An
// identifier that several contacts share (leads may share an email) is an *AmbiguousError:
// nothing is written.
func (s *ContactsService) Upsert(ctx context.Context, req *CreateContactRequest, opts ...Option) (contact *Contact, created bool, err error) {
	if req == nil {
		return nil, false, &ValidationError{Type: "CreateContactRequest", Reason: "is required"}
	}
	find := func() (*Contact, error) {
		if id, ok := req.ExternalID.Get(); ok && id != "" {
			c, err := s.FindByExternalID(ctx, id, opts...)
			if _, hasEmail := req.Email.Get(); !errors.Is(err, ErrNotFound) || !hasEmail {
				return c, err
			}
		}
		if email, ok := req.Email.Get(); ok && email != "" {
			return s.FindByEmail(ctx, email, opts...)
		}
		return nil, &ValidationError{Type: "CreateContactRequest", Reason: "needs external_id or email to find the contact by"}
	}
	var update UpdateContactRequest
	if err := convertRequest(req, &update); err != nil {
		return nil, false, err
	}
	c, err := find()
	switch {
	case err == nil:
		c, err = s.Update(ctx, c.ID, &update, opts...)
		return c, false, err
	case !errors.Is(err, ErrNotFound):
		return nil, false, err
	}
	c, err = s.Create(ctx, req, opts...)
	if err == nil {
		return c, true, nil
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
		id = found.ID
	}
	c, err = s.Update(ctx, id, &update, opts...)
	return c, false, err
}

// conflictID returns the id of the existing contact a 409 to a create names, or "": Intercom
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
