package intercomtest

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// defaultPerPage is how many items a page holds when the request does not say, as Intercom's
// list operations do.
const defaultPerPage = 50

// page answers a list operation with recs, paged as the operation pages (its paging facts in
// the route table): one page of items from where the request's cursor, page number or scroll
// parameter says, and the cursor, page count or scroll parameter of the next. An operation that
// does not page answers every item.
func (st *state) page(r *route, req *Request, body map[string]any, recs []map[string]any, kind string) (answer, bool) {
	items := itemsOf(r)
	if items == nil {
		return answer{}, false
	}
	out := decodeObject(synthesize(r, req))
	et := elemType(r.result, items)
	if out == nil || et == nil {
		return answer{}, false
	}
	start, per, n := 0, len(recs), 0
	p := r.paging
	if p != nil {
		var err error
		start, per, err = pageRequest(p, req, body)
		if err != nil {
			return answer{status: http.StatusBadRequest, body: errorList("parameter_invalid", err.Error())}, true
		}
	}
	start = min(start, len(recs))
	end := min(start+per, len(recs))
	data := make([]any, 0, end-start)
	for _, rec := range recs[start:end] {
		data = append(data, st.render(kind, rec, et))
	}
	putJSON(out, items, data)
	if _, ok := out["total_count"]; ok {
		putJSON(out, []string{"total_count"}, len(recs))
	}
	if p == nil {
		return answer{status: r.status, body: mustJSON(out)}, true
	}
	pages, _ := out["pages"].(map[string]any)
	if per > 0 {
		n = (len(recs) + per - 1) / per
	}
	if pages != nil {
		if _, ok := pages["page"]; ok {
			pages["page"] = start/max(per, 1) + 1
		}
		if _, ok := pages["per_page"]; ok {
			pages["per_page"] = per
		}
		if _, ok := pages["total_pages"]; ok {
			pages["total_pages"] = n
		}
	}
	switch {
	case len(p.total) > 0: // numbered
		putJSON(out, p.total, n)
	case p.endsEmpty: // a scroll hands its cursor on, even on the empty page that ends it
		putJSON(out, p.next, cursor(end))
	case end < len(recs):
		putJSON(out, p.next, cursor(end))
	default:
		putJSON(out, p.next[:len(p.next)-1], nil) // no "next" at all on the last page
	}
	return answer{status: r.status, body: mustJSON(out)}, true
}

// pageRequest reads where a page starts and how many items it holds from a request.
func pageRequest(p *paging, req *Request, body map[string]any) (start, per int, err error) {
	per = defaultPerPage
	var perText string
	var at any
	switch {
	case len(p.param) > 1: // a path into the body: search's pagination.starting_after
		perText = text(must(dig(body, append(p.param[:len(p.param)-1:len(p.param)-1], "per_page"))))
		at, _ = dig(body, p.param)
	default: // a query parameter
		perText = req.Query.Get("per_page")
		if v := req.Query.Get(p.param[0]); v != "" {
			at = v
		}
	}
	if perText != "" {
		if per, err = strconv.Atoi(perText); err != nil || per < 1 {
			return 0, 0, fmt.Errorf("per_page %q is not a positive number", perText)
		}
	}
	if at == nil {
		return 0, per, nil
	}
	if len(p.total) > 0 { // numbered
		n, err := strconv.Atoi(text(at))
		if err != nil || n < 1 {
			return 0, 0, fmt.Errorf("page %q is not a page number", text(at))
		}
		return (n - 1) * per, per, nil
	}
	start, ok := offset(text(at))
	if !ok {
		return 0, 0, fmt.Errorf("%s %q is not a cursor the fake gave", strings.Join(p.param, "."), text(at))
	}
	return start, per, nil
}

// must drops the second result of dig.
func must(v any, _ bool) any { return v }

// cursorPrefix marks the cursors the fake gives, which are opaque to clients as Intercom's are.
const cursorPrefix = "intercomtest:"

// cursor returns the cursor of the page that starts at item i.
func cursor(i int) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(i)))
}

// offset reads a cursor back.
func offset(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	s, ok := strings.CutPrefix(string(b), cursorPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

// putJSON sets the property at path of a JSON object to v, making the objects on the way; a
// nil v removes the property.
func putJSON(m map[string]any, path []string, v any) {
	for _, name := range path[:len(path)-1] {
		next, ok := m[name].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[name] = next
		}
		m = next
	}
	if v == nil {
		delete(m, path[len(path)-1])
		return
	}
	m[path[len(path)-1]] = v
}
