package intercomtest

import (
	"encoding/json"
	"time"
)

// Seed stores records of kind (a resource: "contacts", "companies", "conversations", "tags",
// as the API's paths name them) in a stateful fake (WithState), as if they had been created:
// each record is a Go value (such as intercom.Contact{...} or a map) or JSON text (string,
// []byte, json.RawMessage) of one object or a list of them. A record keeps the id, timestamps
// and properties it gives; one without an id gets the next id, one without timestamps gets the
// clock's time. A Go value gives only its properties that are not zero: a model encodes every
// property it declares, and CreatedAt left zero means "not given", not the Unix epoch. A record that is not an object, or a kind the API does not have, fails the test.
func (s *Server) Seed(kind string, records ...any) {
	s.t.Helper()
	st, res := s.stateOf("Seed", kind)
	if st == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	st.table(res)
	for i, r := range records {
		data, err := encode(r)
		text := false
		switch r.(type) {
		case string, []byte, json.RawMessage:
			text = true
		}
		if err != nil {
			s.t.Errorf("intercomtest: Seed(%q): record %d: %v", kind, i, err)
			continue
		}
		var list []json.RawMessage
		if json.Unmarshal(data, &list) != nil {
			list = []json.RawMessage{data}
		}
		for _, item := range list {
			fields := decodeObject(item)
			if fields == nil {
				s.t.Errorf("intercomtest: Seed(%q): record %d is not a JSON object: %.80s", kind, i, item)
				continue
			}
			if !text {
				dropZero(fields)
			}
			st.insert(res, fields)
		}
	}
}

// dropZero removes the properties whose value is JSON's zero of its kind: 0, "", false, null,
// an empty list or object.
func dropZero(fields map[string]any) {
	for k, v := range fields {
		switch x := v.(type) {
		case nil:
			delete(fields, k)
		case string:
			if x == "" {
				delete(fields, k)
			}
		case bool:
			if !x {
				delete(fields, k)
			}
		case json.Number:
			if f, err := x.Float64(); err == nil && f == 0 {
				delete(fields, k)
			}
		case []any:
			if len(x) == 0 {
				delete(fields, k)
			}
		case map[string]any:
			if len(x) == 0 {
				delete(fields, k)
			}
		}
	}
}

// Relate links two stored records, as attaching them through the API would: a contact
// (kind "contacts") to a company ("companies"), a tag ("tags") to a conversation. The link
// goes both ways: each is listed among the other's.
func (s *Server) Relate(kind, id, other, otherID string) {
	s.t.Helper()
	st, _ := s.stateOf("Relate", kind)
	if st == nil {
		return
	}
	if st2, _ := s.stateOf("Relate", other); st2 == nil {
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, r := range [][2]string{{kind, id}, {other, otherID}} {
		if _, ok := st.get(r[0], r[1]); !ok {
			s.t.Errorf("intercomtest: Relate: no record of %s has the id %q", r[0], r[1])
			return
		}
	}
	st.attach(link{kind, id, other, otherID})
}

// Records returns the stored records of kind, in the order they were created, as JSON objects.
func (s *Server) Records(kind string) []json.RawMessage {
	s.t.Helper()
	st, _ := s.stateOf("Records", kind)
	if st == nil {
		return nil
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	var out []json.RawMessage
	for _, rec := range st.all(kind) {
		out = append(out, mustJSON(rec))
	}
	return out
}

// Record returns the stored record of kind with id as a JSON object, and whether there is one.
func (s *Server) Record(kind, id string) (json.RawMessage, bool) {
	s.t.Helper()
	st, _ := s.stateOf("Record", kind)
	if st == nil {
		return nil, false
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	rec, ok := st.get(kind, id)
	if !ok {
		return nil, false
	}
	return mustJSON(rec), true
}

// RecordsOf returns the stored records of kind decoded into T, such as intercom.Contact. A
// record that does not decode fails the test.
func RecordsOf[T any](s *Server, kind string) []T {
	s.t.Helper()
	var out []T
	for _, data := range s.Records(kind) {
		var v T
		if err := json.Unmarshal(data, &v); err != nil {
			s.t.Errorf("intercomtest: RecordsOf(%q): %v", kind, err)
			continue
		}
		out = append(out, v)
	}
	return out
}

// Now returns the time of the fake's clock, which stamps what is created and updated.
func (s *Server) Now() time.Time {
	st := s.mustState("Now")
	if st == nil {
		return time.Time{}
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.now
}

// SetNow sets the fake's clock to t.
func (s *Server) SetNow(t time.Time) {
	if st := s.mustState("SetNow"); st != nil {
		st.mu.Lock()
		st.now = t
		st.mu.Unlock()
	}
}

// Advance moves the fake's clock forward by d.
func (s *Server) Advance(d time.Duration) {
	if st := s.mustState("Advance"); st != nil {
		st.mu.Lock()
		st.now = st.now.Add(d)
		st.mu.Unlock()
	}
}

// mustState returns the state of a stateful fake, or fails the test.
func (s *Server) mustState(fn string) *state {
	s.t.Helper()
	if s.state == nil {
		s.t.Errorf("intercomtest: %s: the fake has no state (start it with NewServer(t, WithState(seed)))", fn)
	}
	return s.state
}

// stateOf returns the state and the resource of kind, or fails the test.
func (s *Server) stateOf(fn, kind string) (*state, *resource) {
	s.t.Helper()
	st := s.mustState(fn)
	if st == nil {
		return nil, nil
	}
	res := resourceOf(kind)
	if res == nil {
		s.t.Errorf("intercomtest: %s: the API has no resource %q (name one as its path does: \"contacts\")", fn, kind)
		return nil, nil
	}
	return st, res
}
