package intercomtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
)

// serve answers a request from the store, reporting false when the state does not cover its
// operation, or its resource is not stored (the API cannot create its records and none were
// seeded), so that it is synthesized.
func (st *state) serve(r *route, req *Request) (answer, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	body := decodeObject(req.RawBody)
	if a := actionIndex()[shapeOf(r.key())]; a != nil {
		return st.act(a, r, req, body)
	}
	c, ok := cruds()[r.key()]
	if !ok || !st.has(c.res.kind) && c.verb != verbCreate {
		return answer{}, false
	}
	res := c.res
	id := ""
	if n := len(r.pathParams); n > 0 {
		id = req.PathParams[r.pathParams[n-1].name]
	}
	switch c.verb {
	case verbCreate:
		if c.key != "" {
			return st.reply(r, res.kind, st.upsert(res, c.key, body)), true
		}
		return st.reply(r, res.kind, st.insert(res, body)), true
	case verbGet, verbUpdate, verbDelete:
		rec, ok := st.get(res.kind, id)
		if !ok {
			return notFound(res.kind, id), true
		}
		switch c.verb {
		case verbUpdate:
			merge(rec, body, res.typ)
			st.touch(rec, res.typ)
		case verbDelete:
			st.remove(res.kind, id)
			return st.deleted(r, req, rec), true
		}
		return st.reply(r, res.kind, rec), true
	case verbList:
		return st.page(r, req, body, st.filter(res, req.Query), res.kind)
	case verbSearch:
		q, _ := body["query"].(map[string]any)
		found, err := search(st.all(res.kind), q, func(rec map[string]any, field string) any { return st.field(res.kind, rec, field) })
		if err != nil {
			return answer{status: http.StatusBadRequest, body: errorList("invalid_query", err.Error())}, true
		}
		return st.page(r, req, body, found, res.kind)
	}
	return answer{}, false
}

// act answers a request of the action table.
func (st *state) act(a *action, r *route, req *Request, body map[string]any) (answer, bool) {
	res := resourceOf(a.kind)
	if res == nil {
		panic(fmt.Sprintf("intercomtest: the action of %s names the resource %q, which the API does not have", a.route, a.kind))
	}
	switch a.do {
	case doTag:
		rec := st.upsert(res, a.key, body)
		st.tagLists(a, rec, body)
		return st.reply(r, a.kind, rec), true
	case doCreate:
		return st.create(a, res, r, req, body), true
	}
	if !st.has(a.kind) {
		return answer{}, false
	}
	sid := text(a.locate(a.subject, r, req, body))
	subject, ok := st.get(a.kind, sid)
	if !ok {
		return notFound(a.kind, sid), true
	}
	switch a.do {
	case doRelated:
		var recs []map[string]any
		for _, id := range st.linked(a.kind, sid, a.other) {
			if rec, ok := st.get(a.other, id); ok {
				recs = append(recs, rec)
			}
		}
		return st.page(r, req, body, recs, a.other)
	case doAttach, doDetach, doMerge:
		oid := text(a.locate(a.object, r, req, body))
		other := a.other
		if a.do == doMerge {
			other = a.kind
		}
		object, ok := st.get(other, oid)
		if !ok {
			return notFound(other, oid), true
		}
		switch a.do {
		case doAttach:
			st.attach(link{a.kind, sid, other, oid})
		case doDetach:
			st.detach(link{a.kind, sid, other, oid})
		case doMerge:
			st.mergeInto(a.kind, sid, subject, oid, object, res.typ)
			return st.reply(r, a.kind, subject), true
		}
		if r.result == res.typ { // a conversation, after attaching a contact to it
			return st.reply(r, a.kind, subject), true
		}
		return st.reply(r, other, object), true // the company or tag attached
	case doSet:
		st.setAll(subject, a.set, body, res.typ)
		if a.key != "" {
			st.setAll(subject, a.cases[text(body[a.key])], body, res.typ)
		}
		var part map[string]any
		if a.part != nil {
			part = st.appendPart(subject, a.part, body, res.typ)
		}
		st.touch(subject, res.typ)
		if part != nil && r.result != nil && r.result != res.typ { // a ticket's note
			return answer{status: r.status, body: mustJSON(project(part, r.result))}, true
		}
		return st.reply(r, a.kind, subject), true
	}
	return answer{}, false
}

// create answers a doCreate action: a new record as the action sets it, linked to the record
// the request names (which must exist), and the synthesized answer with the action's answer
// properties over it.
func (st *state) create(a *action, res *resource, r *route, req *Request, body map[string]any) answer {
	oid := text(a.locate(a.object, r, req, body))
	if _, ok := st.get(a.other, oid); !ok {
		return notFound(a.other, oid)
	}
	rec := st.insert(res, nil)
	st.setAll(rec, a.set, body, res.typ)
	st.attach(link{a.kind, idText(rec["id"]), a.other, oid})
	out := decodeObject(synthesize(r, req))
	for _, k := range sortedKeys(a.answer) {
		v := a.answer[k]
		if ref, ok := v.(string); ok && strings.HasPrefix(ref, "@") {
			v = rec[ref[1:]]
		} else if ref, ok := v.(string); ok && strings.HasPrefix(ref, "$") {
			v, _ = dig(body, strings.Split(ref[1:], "."))
		}
		if v != nil {
			putJSON(out, strings.Split(k, "."), v)
		}
	}
	return answer{status: r.status, body: mustJSON(out)}
}

// upsert updates the record of res that has the body's value of key, or the body's id, or
// else creates one.
func (st *state) upsert(res *resource, key string, body map[string]any) map[string]any {
	var rec map[string]any
	if k, ok := body[key]; ok && k != nil {
		rec = st.findBy(res.kind, key, k)
	}
	if id, ok := body["id"]; ok && rec == nil {
		rec, _ = st.get(res.kind, idText(id))
	}
	if rec == nil {
		return st.insert(res, body)
	}
	merge(rec, body, res.typ)
	st.touch(rec, res.typ)
	return rec
}

// setAll sets properties of rec as an action's set says, keeping only values that fit.
func (st *state) setAll(rec map[string]any, set, body map[string]any, t reflect.Type) {
	for _, k := range sortedKeys(set) {
		v := set[k]
		if ref, ok := v.(string); ok && strings.HasPrefix(ref, "$") {
			x, ok := dig(body, strings.Split(ref[1:], "."))
			if !ok {
				continue
			}
			v = x
		}
		putPath(rec, strings.Split(k, "."), v, t)
	}
}

// putPath sets the property at path in rec to v if v fits the field's type there (a number
// given as text is taken as a number, as assignee ids are), or if t has no such field; nil
// removes it.
func putPath(rec map[string]any, path []string, v any, t reflect.Type) {
	for _, name := range path[:len(path)-1] {
		ft := fieldType(t, name)
		if ft == nil {
			return
		}
		next, ok := rec[name].(map[string]any)
		if !ok {
			next = map[string]any{}
			rec[name] = next
		}
		rec, t = next, ft
	}
	last := path[len(path)-1]
	ft := fieldType(t, last)
	switch {
	case v == nil:
		delete(rec, last)
	case ft == nil:
		// State the type does not show ("archived" of a contact): kept, for the answers of other
		// types (ContactArchived) and for search, left out of answers of this type.
		rec[last] = v
	case fits(v, ft):
		rec[last] = v
	default:
		if s, ok := v.(string); ok && fits(json.Number(s), ft) {
			rec[last] = json.Number(s)
		}
	}
}

// fieldType returns the type of the property name of the struct t (through pointers and Opt),
// unwrapped likewise; nil if there is none.
func fieldType(t reflect.Type, name string) reflect.Type {
	t = unwrap(t)
	if t.Kind() != reflect.Struct {
		return nil
	}
	f, ok := fieldsOf(t)[name]
	if !ok {
		return nil
	}
	return unwrap(f.typ)
}

// unwrap returns the type of the value a pointer or an Opt holds, through any number of them.
func unwrap(t reflect.Type) reflect.Type {
	for {
		switch {
		case t.Kind() == reflect.Pointer:
			t = t.Elem()
		case isOpt(t):
			t = optElem(t)
		default:
			return t
		}
	}
}

// appendPart appends a part to rec as rule says, with an id and the clock's time, and returns it.
func (st *state) appendPart(rec map[string]any, rule *partRule, body map[string]any, t reflect.Type) map[string]any {
	pt := elemType(t, rule.list)
	if pt == nil {
		panic(fmt.Sprintf("intercomtest: %s has no list of parts at %s", typeName(t), strings.Join(rule.list, ".")))
	}
	part := skeleton(pt)
	part["id"] = st.newID(&resource{typ: pt})
	now := json.Number(fmt.Sprint(st.now.Unix()))
	for _, k := range []string{"created_at", "updated_at"} {
		if _, ok := fieldsOf(pt)[k]; ok {
			part[k] = now
		}
	}
	st.setAll(part, rule.set, body, pt)
	holder, ht := rec, t
	for _, name := range rule.list[:len(rule.list)-1] {
		next, ok := holder[name].(map[string]any)
		if !ok {
			next = skeleton(fieldType(ht, name))
			holder[name] = next
		}
		holder, ht = next, fieldType(ht, name)
	}
	last := rule.list[len(rule.list)-1]
	list, _ := holder[last].([]any)
	list = append(list, part)
	holder[last] = list
	if rule.count != nil {
		putPath(rec, rule.count, json.Number(fmt.Sprint(len(list))), t)
	}
	return part
}

// tagLists links or unlinks the record of a tag to the records its request lists.
func (st *state) tagLists(a *action, rec map[string]any, body map[string]any) {
	tid := idText(rec["id"])
	for _, name := range sortedKeys(anyMap(a.lists)) {
		items, _ := body[name].([]any)
		other := a.lists[name]
		for _, it := range items {
			item, _ := it.(map[string]any)
			var target map[string]any
			for _, k := range sortedKeys(item) {
				if k != a.untag && target == nil {
					target = st.findBy(other, k, item[k])
				}
			}
			if target == nil {
				continue
			}
			l := link{other, idText(target["id"]), a.kind, tid}
			if item[a.untag] == true {
				st.detach(l)
			} else {
				st.attach(l)
			}
		}
	}
}

// mergeInto merges the record from into into: into keeps its properties and takes those it
// lacks, takes from's relations, and from is deleted.
func (st *state) mergeInto(kind, intoID string, into map[string]any, fromID string, from map[string]any, t reflect.Type) {
	for k, v := range from {
		if _, ok := into[k]; !ok {
			into[k] = clone(v)
		}
	}
	for _, l := range st.links {
		switch {
		case l.from == kind && l.fromID == fromID:
			st.attach(link{kind, intoID, l.to, l.toID})
		case l.to == kind && l.toID == fromID:
			st.attach(link{l.from, l.fromID, kind, intoID})
		}
	}
	st.remove(kind, fromID)
	st.touch(into, t)
}

// findBy returns the first record of kind whose property key equals v.
func (st *state) findBy(kind, key string, v any) map[string]any {
	if key == "id" {
		rec, _ := st.get(kind, idText(v))
		return rec
	}
	for _, rec := range st.all(kind) {
		if x, ok := rec[key]; ok && equal(x, v) {
			return rec
		}
	}
	return nil
}

// reply answers with the record of kind, as the route's result type has it.
func (st *state) reply(r *route, kind string, rec map[string]any) answer {
	if r.result == nil {
		return answer{status: r.status}
	}
	return answer{status: r.status, body: mustJSON(st.render(kind, rec, r.result))}
}

// deleted answers a delete: the synthesized answer, about the record, saying it is deleted.
func (st *state) deleted(r *route, req *Request, rec map[string]any) answer {
	if r.result == nil {
		return answer{status: r.status}
	}
	out := decodeObject(synthesize(r, req))
	for k, v := range project(rec, r.result) {
		out[k] = v
	}
	if _, ok := fieldsOf(r.result)["deleted"]; ok {
		out["deleted"] = true
	}
	return answer{status: r.status, body: mustJSON(out)}
}

// render returns a record as the type t has it: its properties that t has and, for each
// property of t named as a resource with a list of items ("tags", "companies"), the records
// linked to it.
func (st *state) render(kind string, rec map[string]any, t reflect.Type) map[string]any {
	out := project(rec, t)
	id := idText(rec["id"])
	for _, name := range sortedKeys(anyMap(fieldsOf(t))) {
		res := resourceOf(name)
		ft := fieldType(t, name)
		if res == nil || name == kind || ft == nil || ft.Kind() != reflect.Struct || isUnion(ft) {
			continue
		}
		items := itemsField(ft)
		ids := st.linked(kind, id, name)
		if items == "" || len(ids) == 0 {
			continue
		}
		list := skeleton(ft)
		et := elemType(ft, []string{items})
		var data []any
		for _, oid := range ids {
			if o, ok := st.get(name, oid); ok {
				data = append(data, project(o, et))
			}
		}
		list[items] = data
		if _, ok := fieldsOf(ft)["total_count"]; ok {
			list["total_count"] = len(data)
		}
		out[name] = list
	}
	return out
}

// itemsField returns the one property of a list object t that is a list of objects.
func itemsField(t reflect.Type) string {
	found := ""
	for name, f := range fieldsOf(t) {
		if f.typ.Kind() == reflect.Slice && f.typ.Elem().Kind() == reflect.Struct {
			if found != "" {
				return ""
			}
			found = name
		}
	}
	return found
}

// project returns a copy of rec with only the properties t has that fit their types there.
func project(rec map[string]any, t reflect.Type) map[string]any {
	out := map[string]any{}
	types := fieldsOf(t)
	for k, v := range rec {
		if f, ok := types[k]; ok && fits(v, f.typ) {
			out[k] = clone(v)
		}
	}
	return out
}

// filter keeps the records of res that have, for each query parameter that is a field of them
// (a property other than the id, or linked records: "GET /companies?name=Acme&tag_id=7"), the
// value the parameter gives.
func (st *state) filter(res *resource, q map[string][]string) []map[string]any {
	props := fieldsOf(res.typ)
	var out []map[string]any
next:
	for _, rec := range st.all(res.kind) {
		for _, k := range sortedKeys(anyMap(q)) {
			if len(q[k]) != 1 || k == "id" {
				continue
			}
			if _, ok := props[k]; !ok && st.linkedKind(k) == "" {
				continue // paging and the like
			}
			v := st.field(res.kind, rec, k)
			if ids, ok := v.(linkedIDs); ok && !slices.Contains(ids, q[k][0]) || !ok && text(v) != q[k][0] {
				continue next
			}
		}
		out = append(out, rec)
	}
	return out
}

// field returns the value of a search field of a record of kind: its property at the dotted
// path, or, for a field that the record does not have and that names a resource's ids
// ("tag_id"), the ids of the records of it linked to the record.
func (st *state) field(kind string, rec map[string]any, field string) any {
	if v, ok := dig(rec, strings.Split(field, ".")); ok {
		return v
	}
	other := st.linkedKind(field)
	if other == "" {
		return nil
	}
	return linkedIDs(st.linked(kind, idText(rec["id"]), other))
}

// linkedKind returns the resource whose ids a field names ("tag_id" names tags), or "".
func (st *state) linkedKind(field string) string {
	name, ok := strings.CutSuffix(field, "_id")
	if !ok {
		return ""
	}
	for _, c := range cruds() {
		if singular(c.res.kind) == name {
			return c.res.kind
		}
	}
	return ""
}

// notFound is Intercom's answer about a record that is not there.
func notFound(kind, id string) answer {
	return answer{status: http.StatusNotFound, body: errorList("not_found", fmt.Sprintf("intercomtest: no record of %s has the id %q", kind, id))}
}

// locate returns the value that a place of the action ("path.id", "body.customer.id") names in
// a request of r: a path parameter as the action's route names it, whatever the API calls it.
func (a *action) locate(place string, r *route, req *Request, body map[string]any) any {
	where, name, _ := strings.Cut(place, ".")
	if where == "path" {
		return pathParam(r, a.route, name, req.PathParams)
	}
	v, _ := dig(body, strings.Split(name, "."))
	return v
}

// dig returns the value at a chain of properties of a JSON object.
func dig(v any, path []string) (any, bool) {
	for _, name := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[name]; !ok {
			return nil, false
		}
	}
	return v, true
}

// text returns the text of a plain JSON value: a string as it is, a number or boolean as JSON.
func text(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return ""
	}
	data, _ := json.Marshal(v)
	return string(data)
}

// anyMap lets sortedKeys walk a map of any value type.
func anyMap[V any](m map[string]V) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// mustJSON encodes a JSON value made of maps, lists and plain values, which cannot fail.
func mustJSON(v any) []byte {
	data, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("intercomtest: encode a record: %v", err))
	}
	return data
}
