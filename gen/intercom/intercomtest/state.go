package intercomtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"
)

// WithState makes the fake remember, as Intercom does: what a test creates through the API is
// stored, and fetched, listed (paged as each operation pages), searched (Intercom's query
// language, evaluated), updated, deleted, archived, attached and detached, replied to and
// changed in state, consistently. Ids and timestamps are deterministic: ids come from a
// generator seeded with seed, timestamps from the fake's clock (see SetNow and Advance), which
// starts at 2024-05-29 12:00 UTC and moves only when the test moves it.
//
// Which operations the state serves comes from the model: a resource is a path with a GET of
// one item ("GET /contacts/{id}"), and its create, update, delete, list and search operations
// are found by method and path, or named by the overlay's x-resource (resources_gen.go); the
// operations that are not CRUD (reply, manage, tag, attach, merge, archive, starting a
// conversation) are the table in state_actions.go. The README lists
// them. Every other operation, and any resource not created through the API or seeded, keeps
// its synthesized answer; answers registered with Respond still come first.
func WithState(seed uint64) ServerOption {
	return func(s *Server) { s.state = newState(seed) }
}

// state is the store of a stateful fake.
type state struct {
	mu     sync.Mutex
	rng    *rand.Rand
	now    time.Time
	seq    int64             // the last integer id given
	tables map[string]*table // by resource kind, "contacts"
	links  []link            // relations, in the order they were made
}

// table holds the records of one resource kind.
type table struct {
	res   *resource
	byID  map[string]map[string]any
	order []string // ids, in the order of creation
}

// link relates two records: a contact to a company, a tag to a conversation.
type link struct {
	from, fromID, to, toID string // kinds and ids
}

func newState(seed uint64) *state {
	return &state{
		rng:    rand.New(rand.NewPCG(seed, 0x1c0de)),
		now:    epoch,
		tables: map[string]*table{},
	}
}

// table returns the table of kind, making it.
func (st *state) table(res *resource) *table {
	tb := st.tables[res.kind]
	if tb == nil {
		tb = &table{res: res, byID: map[string]map[string]any{}}
		st.tables[res.kind] = tb
	}
	return tb
}

// has reports whether the state serves kind: from the start if the API can create its records,
// or else once some were seeded.
func (st *state) has(kind string) bool { return st.tables[kind] != nil || creatable()[kind] }

// creatable returns the resources that the API creates records of.
var creatable = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, c := range cruds() {
		if c.verb == verbCreate {
			m[c.res.kind] = true
		}
	}
	for _, a := range actions {
		if a.do == doTag || a.do == doCreate {
			m[a.kind] = true
		}
	}
	return m
})

// newID returns the next id for a record of res: a number when the type's ids are numbers, or
// else 24 hexadecimal digits as Intercom's, the first 8 the clock's Unix time.
func (st *state) newID(res *resource) any {
	if res.numericID {
		st.seq++
		return json.Number(strconv.FormatInt(st.seq, 10))
	}
	return fmt.Sprintf("%08x%016x", uint32(st.now.Unix()), st.rng.Uint64())
}

// insert stores a new record of res from fields (the body of a create, or a seeded record):
// a record with the type's constants and false booleans, an id and timestamps unless fields
// give them, and every field of fields the type has, in its type.
func (st *state) insert(res *resource, fields map[string]any) map[string]any {
	rec := skeleton(res.typ)
	if _, ok := rec["type"].(string); ok && fieldFacts[res.typ]["type"].constant == "" {
		rec["type"] = singular(res.kind) // a tag is a "tag", whatever its Go type's name
	}
	if id, ok := fields["id"]; !ok || idText(id) == "" {
		rec["id"] = st.newID(res)
	}
	now := json.Number(strconv.FormatInt(st.now.Unix(), 10))
	for _, k := range []string{"created_at", "updated_at"} {
		if _, ok := fieldsOf(res.typ)[k]; ok {
			rec[k] = now
		}
	}
	merge(rec, fields, res.typ)
	id := idText(rec["id"])
	tb := st.table(res)
	if _, dup := tb.byID[id]; !dup {
		tb.order = append(tb.order, id)
	}
	tb.byID[id] = rec
	return rec
}

// get returns the record of kind with id.
func (st *state) get(kind, id string) (map[string]any, bool) {
	tb := st.tables[kind]
	if tb == nil {
		return nil, false
	}
	rec, ok := tb.byID[id]
	return rec, ok
}

// all returns the records of kind in the order they were created.
func (st *state) all(kind string) []map[string]any {
	tb := st.tables[kind]
	if tb == nil {
		return nil
	}
	out := make([]map[string]any, len(tb.order))
	for i, id := range tb.order {
		out[i] = tb.byID[id]
	}
	return out
}

// remove deletes the record of kind with id and its links.
func (st *state) remove(kind, id string) {
	tb := st.tables[kind]
	delete(tb.byID, id)
	tb.order = slices.DeleteFunc(tb.order, func(x string) bool { return x == id })
	st.links = slices.DeleteFunc(st.links, func(l link) bool {
		return l.from == kind && l.fromID == id || l.to == kind && l.toID == id
	})
}

// touch sets the updated_at of a record, if its type has one, to the clock.
func (st *state) touch(rec map[string]any, t reflect.Type) {
	if _, ok := fieldsOf(t)["updated_at"]; ok {
		rec["updated_at"] = json.Number(strconv.FormatInt(st.now.Unix(), 10))
	}
}

// linked returns the ids of the records of kind other that the record kind/id is linked to,
// whichever way the link was made, in the order the links were made.
func (st *state) linked(kind, id, other string) []string {
	var ids []string
	for _, l := range st.links {
		switch {
		case l.from == kind && l.fromID == id && l.to == other:
			ids = append(ids, l.toID)
		case l.to == kind && l.toID == id && l.from == other:
			ids = append(ids, l.fromID)
		}
	}
	return ids
}

// attach links two records, once.
func (st *state) attach(l link) {
	if !slices.Contains(st.links, l) && !slices.Contains(st.links, link{l.to, l.toID, l.from, l.fromID}) {
		st.links = append(st.links, l)
	}
}

// detach removes the link between two records, whichever way it was made.
func (st *state) detach(l link) {
	st.links = slices.DeleteFunc(st.links, func(x link) bool {
		return x == l || x == link{l.to, l.toID, l.from, l.fromID}
	})
}

// skeleton returns a record of type t with nothing set but its constants and its booleans
// (false), so that a created record holds what the request gave and no invented values.
func skeleton(t reflect.Type) map[string]any {
	rec := map[string]any{}
	facts := fieldFacts[t]
	for name, f := range fieldsOf(t) {
		if c := facts[name].constant; c != "" {
			rec[name] = c
			continue
		}
		if name == "type" && f.typ.Kind() == reflect.String {
			rec[name] = snake(t.Name()) // as synthesized answers have it: "contact"
			continue
		}
		if f.typ.Kind() == reflect.Bool {
			rec[name] = false
		}
	}
	return rec
}

// merge sets the fields of rec from fields as Intercom updates a record: each property the type
// has replaces the stored one, except a map (custom_attributes), which is merged key by key, a
// null value removing the key. A property whose value does not fit its field's type is left
// alone, so that the record stays valid.
func merge(rec, fields map[string]any, t reflect.Type) {
	types := fieldsOf(t)
	for _, k := range sortedKeys(fields) {
		f, ok := types[k]
		v := fields[k]
		if !ok || !fits(v, f.typ) {
			continue
		}
		if f.typ.Kind() == reflect.Map {
			old, _ := rec[k].(map[string]any)
			m := map[string]any{}
			for ok, ov := range old {
				m[ok] = ov
			}
			nv, _ := v.(map[string]any)
			for nk, x := range nv {
				if x == nil {
					delete(m, nk)
				} else {
					m[nk] = x
				}
			}
			rec[k] = m
			continue
		}
		if v == nil {
			delete(rec, k)
			continue
		}
		rec[k] = v
	}
}

// fits reports whether the JSON value v decodes into a value of type t.
func fits(v any, t reflect.Type) bool {
	data, err := json.Marshal(v)
	if err != nil {
		return false
	}
	if t.Kind() == reflect.Struct && !isOpt(t) && !isUnion(t) {
		// Objects are checked strictly, so that a request's shape of a property (a list of
		// company ids) does not overwrite the answer's shape of it (a list object).
		_, err := decodeStrict(data, t, "", false)
		return err == nil
	}
	return json.Unmarshal(data, reflect.New(t).Interface()) == nil
}

// idText returns the text of an id, a string or a number.
func idText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// decodeObject decodes a JSON object keeping numbers as json.Number; nil if it is not one.
func decodeObject(data []byte) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return nil
	}
	return m
}

// clone returns a deep copy of a JSON value, so that what tests read or answers hold never
// aliases the store.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = clone(e)
		}
		return l
	}
	return v
}
