package intercom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// The tests of this file drive the generated *All and *Pages iterators against a loopback server
// that answers request number i with page i, and then compare what the server received, request
// by request, with what the kind of pagination must send: the query string (cursor, page number,
// scroll) or the JSON body (search) of the first page and of every page after it.

// pagedOp is one paged operation of the client, called through its generated All iterator.
type pagedOp struct {
	name     string // "Service.MethodAll", as the Client spells it
	kind     string // how it pages: cursor, page, scroll or search
	method   string
	path     string // escaped, after the base URL
	itemsKey string // the response property holding the items
	itemType string // the "type" of an item in JSON, for the operations whose items are unions
	// all iterates over the operation's items, named by itemID, with the table's parameters.
	all func(ctx context.Context, c *Client) iter.Seq2[string, error]
	// want is what the server must receive over two pages of items (plus, for a scroll, the
	// empty page that ends it): the raw query string of each request or, for search, its body.
	want []string
}

// Search requests of the tests, and their JSON.
const (
	contactQuery      = `{"field":"email","operator":"~","value":"@example.com"}`
	conversationQuery = `{"field":"state","operator":"=","value":"open"}`
)

// searchBody is the JSON body of a search for query with per_page 2, from cursor ("" for the
// first page).
func searchBody(query, cursor string) string {
	if cursor == "" {
		return `{"query":` + query + `,"pagination":{"per_page":2}}`
	}
	return `{"query":` + query + `,"pagination":{"per_page":2,"starting_after":"` + cursor + `"}}`
}

// searchIter calls the client's search iterator name ("Contacts.SearchAll",
// "Conversations.SearchPages") with its request decoded from body, the search's JSON (none for
// ""), and nil for any other parameter (callByName), and returns what it yields with the
// request it was given. The Go types of a search (its request, a version's query options, their
// order) differ between versions of the API; its JSON and its iterators do not, and this is what
// the tests check.
func searchIter(ctx context.Context, c *Client, name, body string) (iter.Seq2[any, error], any) {
	var args []any
	if body != "" {
		args = append(args, jsonBody(body))
	}
	out, req, err := callByName(ctx, c, name, args...)
	if err != nil {
		return failedPages[any](err), nil
	}
	seq := out[0]
	return func(yield func(any, error) bool) {
		seq.Call([]reflect.Value{reflect.MakeFunc(seq.Type().In(0), func(in []reflect.Value) []reflect.Value {
			err, _ := in[1].Interface().(error)
			return []reflect.Value{reflect.ValueOf(yield(in[0].Interface(), err))}
		})})
	}, req
}

// search is searchIter without the request.
func search(ctx context.Context, c *Client, name, body string) iter.Seq2[any, error] {
	seq, _ := searchIter(ctx, c, name, body)
	return seq
}

// pagedOps lists every paged operation of the client. TestPagedOpsCoverEveryIterator keeps it
// complete.
func pagedOps() []pagedOp {
	return []pagedOp{
		{
			name: "Articles.ListAll", kind: "page", method: http.MethodGet, path: "/articles", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Articles.ListAll(ctx, &ArticlesListOptions{PerPage: 2}))
			},
			want: []string{"page=1&per_page=2", "page=2&per_page=2"},
		},
		{
			name: "Companies.FindAll", kind: "page", method: http.MethodGet, path: "/companies", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Companies.FindAll(ctx, &CompaniesFindOptions{TagID: "t 1", PerPage: 2}))
			},
			want: []string{"page=1&per_page=2&tag_id=t+1", "page=2&per_page=2&tag_id=t+1"},
		},
		{
			name: "Companies.ListAll", kind: "page", method: http.MethodPost, path: "/companies/list", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Companies.ListAll(ctx, &CompaniesListOptions{PerPage: 2, Order: "asc"}))
			},
			want: []string{"order=asc&page=1&per_page=2", "order=asc&page=2&per_page=2"},
		},
		{
			name: "Companies.ListContactsAll", kind: "page", method: http.MethodGet, path: "/companies/" + oddIDPath + "/contacts", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Companies.ListContactsAll(ctx, oddID, &CompaniesListContactsOptions{PerPage: 2}))
			},
			want: []string{"page=1&per_page=2", "page=2&per_page=2"},
		},
		{
			name: "Companies.ScrollAll", kind: "scroll", method: http.MethodGet, path: "/companies/scroll", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Companies.ScrollAll(ctx, nil))
			},
			want: []string{"", "scroll_param=s1", "scroll_param=s2"},
		},
		{
			name: "Contacts.ListAll", kind: "cursor", method: http.MethodGet, path: "/contacts", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Contacts.ListAll(ctx, &ContactsListOptions{PerPage: 2}))
			},
			want: []string{"per_page=2", "per_page=2&starting_after=c1"},
		},
		{
			name: "Contacts.ListCompaniesAll", kind: "page", method: http.MethodGet, path: "/contacts/" + oddIDPath + "/companies", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Contacts.ListCompaniesAll(ctx, oddID, &ContactsListCompaniesOptions{PerPage: 2}))
			},
			want: []string{"page=1&per_page=2", "page=2&per_page=2"},
		},
		{
			name: "Contacts.SearchAll", kind: "search", method: http.MethodPost, path: "/contacts/search", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(search(ctx, c, "Contacts.SearchAll", searchBody(contactQuery, "")))
			},
			want: []string{searchBody(contactQuery, ""), searchBody(contactQuery, "c1")},
		},
		{
			name: "Conversations.ListAll", kind: "cursor", method: http.MethodGet, path: "/conversations", itemsKey: "conversations",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Conversations.ListAll(ctx, &ConversationsListOptions{PerPage: 2}))
			},
			want: []string{"per_page=2", "per_page=2&starting_after=c1"},
		},
		{
			name: "Conversations.SearchAll", kind: "search", method: http.MethodPost, path: "/conversations/search", itemsKey: "conversations",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(search(ctx, c, "Conversations.SearchAll", searchBody(conversationQuery, "")))
			},
			want: []string{searchBody(conversationQuery, ""), searchBody(conversationQuery, "c1")},
		},
		{
			name: "HelpCenter.ListCollectionsAll", kind: "page", method: http.MethodGet, path: "/help_center/collections", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.HelpCenter.ListCollectionsAll(ctx, &HelpCenterListCollectionsOptions{PerPage: 2}))
			},
			want: []string{"page=1&per_page=2", "page=2&per_page=2"},
		},
		{
			name: "News.ListItemsAll", kind: "page", method: http.MethodGet, path: "/news/news_items", itemsKey: "data", itemType: "news-item",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.News.ListItemsAll(ctx, &NewsListItemsOptions{PerPage: 2}))
			},
			want: []string{"page=1&per_page=2", "page=2&per_page=2"},
		},
		{
			name: "News.ListLiveNewsfeedItemsAll", kind: "page", method: http.MethodGet, path: "/news/newsfeeds/" + oddIDPath + "/items", itemsKey: "data", itemType: "news-item",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.News.ListLiveNewsfeedItemsAll(ctx, oddID, &NewsListLiveNewsfeedItemsOptions{PerPage: 2}))
			},
			want: []string{"page=1&per_page=2", "page=2&per_page=2"},
		},
		{
			name: "News.ListNewsfeedsAll", kind: "page", method: http.MethodGet, path: "/news/newsfeeds", itemsKey: "data", itemType: "newsfeed",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.News.ListNewsfeedsAll(ctx, &NewsListNewsfeedsOptions{PerPage: 2}))
			},
			want: []string{"page=1&per_page=2", "page=2&per_page=2"},
		},
		{
			name: "Notes.ListAll", kind: "page", method: http.MethodGet, path: "/contacts/" + oddIDPath + "/notes", itemsKey: "data",
			all: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Notes.ListAll(ctx, oddID, &NotesListOptions{PerPage: 2}))
			},
			want: []string{"page=1&per_page=2", "page=2&per_page=2"},
		},
	}
}

// opNamed returns the operation of pagedOps with name.
func opNamed(t *testing.T, name string) pagedOp {
	t.Helper()
	for _, op := range pagedOps() {
		if op.name == name {
			return op
		}
	}
	t.Fatalf("no paged operation %s", name)
	return pagedOp{}
}

// ids turns an iteration over items into one over their ids (see itemID).
func ids[T any](seq iter.Seq2[T, error]) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for it, err := range seq {
			if !yield(itemID(it), err) {
				return
			}
		}
	}
}

// pageNames turns an iteration over pages into one over "page" strings, for the tests that
// only count what a Pages iterator yields.
func pageNames[P any](seq iter.Seq2[P, error]) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for _, err := range seq {
			name := "page"
			if err != nil {
				name = ""
			}
			if !yield(name, err) {
				return
			}
		}
	}
}

// itemID names an item by its ID field, after its "type" when it has one ("news-item:x1"), so
// that the table checks that an item of a union (the news lists' in most versions) decoded into
// the variant its type names; a union's item that decoded into no variant is "raw:" and its
// JSON. The zero item that comes with an error is "".
func itemID(v any) string {
	rv := reflect.ValueOf(v)
	if u, ok := v.(interface {
		Raw() json.RawMessage
		IsZero() bool
	}); ok && rv.Kind() == reflect.Struct {
		if u.IsZero() {
			return ""
		}
		if raw := u.Raw(); raw != nil {
			return "raw:" + string(raw)
		}
		for i := range rv.NumField() { // the variant that is set
			if f := rv.Field(i); f.Kind() == reflect.Pointer && !f.IsNil() {
				rv = f
				break
			}
		}
	}
	if rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return ""
		}
		rv = rv.Elem()
	}
	id := rv.FieldByName("ID").String()
	if typ := rv.FieldByName("Type"); typ.IsValid() && typ.Kind() == reflect.String && typ.String() != "" {
		return typ.String() + ":" + id
	}
	return id
}

// render returns the JSON of a page of op holding the items named in page, as the API answers
// it. next is the cursor of the next page (cursor and search kinds; "" for none) or the scroll
// param (scroll kind); totalPages is the page count of the page-number kinds, and number the
// page's number from 1.
func (op pagedOp) render(page []string, number int, next string, totalPages int) string {
	items := make([]json.RawMessage, 0, len(page))
	for _, id := range page {
		item := map[string]string{"id": id}
		if op.itemType != "" {
			item["type"] = op.itemType
		}
		b, _ := json.Marshal(item)
		items = append(items, b)
	}
	body := map[string]any{"type": "list", op.itemsKey: items, "total_count": 42}
	switch op.kind {
	case "cursor", "search":
		pages := map[string]any{"type": "pages", "page": number, "per_page": 2, "total_pages": 21}
		if next != "" {
			pages["next"] = map[string]any{"per_page": 2, "starting_after": next}
		}
		body["pages"] = pages
	case "page":
		body["pages"] = map[string]any{"type": "pages", "next": nil, "page": number, "per_page": 2, "total_pages": totalPages}
	case "scroll":
		body["scroll_param"] = next
		body["pages"] = nil
	}
	b, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// page returns the JSON of page i (from 0) of pages, whose next cursor is "c<i+1>" (or the scroll
// param "s<i+1>") and whose page count is len(pages). Past the last page it is a page without
// items, which is also how a scroll ends.
func (op pagedOp) page(i int, pages [][]string) string {
	var items []string
	if i < len(pages) {
		items = pages[i]
	}
	next := ""
	switch {
	case op.kind == "scroll":
		next = fmt.Sprintf("s%d", i+1)
	case i+1 < len(pages):
		next = fmt.Sprintf("c%d", i+1)
	}
	return op.render(items, i+1, next, len(pages))
}

// server returns a test server that answers request i with fail[i] if there is one, and else
// with page i of pages. It refuses to answer on and on, so that an iterator that does not stop
// fails the test instead of hanging it.
func (op pagedOp) server(t *testing.T, pages [][]string, fail map[int]answer) *testServer {
	return newReplyServer(t, func(_ seen, i int) answer {
		if a, ok := fail[i]; ok {
			return a
		}
		if i > len(pages)+10 {
			t.Errorf("request %d for %d pages: the iterator does not stop", i+1, len(pages))
			return answer{status: http.StatusBadRequest, body: `{"type":"error.list","errors":[{"code":"too_many","message":"the iterator does not stop"}]}`}
		}
		return answer{body: op.page(i, pages)}
	})
}

// checkRequests fails unless the server received exactly the requests want, in order: the raw
// query strings of op's method and path or, for search, their JSON bodies.
func (op pagedOp) checkRequests(t *testing.T, srv *testServer, want []string) {
	t.Helper()
	reqs := srv.requests()
	if len(reqs) != len(want) {
		var got []string
		for _, r := range reqs {
			got = append(got, fmt.Sprintf("%s %s %s", r.Method, r.URI, r.Body))
		}
		t.Errorf("the server received %d requests, want %d:\n%s", len(reqs), len(want), strings.Join(got, "\n"))
	}
	for i, r := range reqs[:min(len(reqs), len(want))] {
		what := fmt.Sprintf("request %d", i+1)
		if r.Method != op.method || r.Path != op.path {
			t.Errorf("%s: %s %s, want %s %s", what, r.Method, r.Path, op.method, op.path)
		}
		if op.kind == "search" {
			if r.Query != "" {
				t.Errorf("%s: query %q, want none", what, r.Query)
			}
			assertJSON(t, what+" body", r.Body, want[i])
			continue
		}
		if r.Query != want[i] {
			t.Errorf("%s: query %q, want %q", what, r.Query, want[i])
		}
		if len(r.Body) != 0 {
			t.Errorf("%s: body %s, want none", what, r.Body)
		}
	}
}

// drain ranges over seq, stopping after stop items if stop > 0, and returns the items and the
// errors yielded, failing the test if anything is yielded after an error.
func drain(t *testing.T, seq iter.Seq2[string, error], stop int) (items []string, errs []error) {
	t.Helper()
	for id, err := range seq {
		if len(errs) > 0 {
			t.Errorf("(%q, %v) yielded after the error %v", id, err, errs[0])
		}
		if err != nil {
			if id != "" {
				t.Errorf("the error %v came with the item %q, want the zero item", err, id)
			}
			errs = append(errs, err)
			continue
		}
		items = append(items, id)
		if stop > 0 && len(items) == stop {
			break
		}
	}
	return items, errs
}

// onlyError returns the one error of errs, failing the test unless there is exactly one.
func onlyError(t *testing.T, errs []error) error {
	t.Helper()
	if len(errs) != 1 {
		t.Fatalf("errors = %v, want exactly one", errs)
	}
	assertNoToken(t, errs[0])
	return errs[0]
}

// named prefixes ids with the variant name of op's items, as itemID names them.
func (op pagedOp) named(ids ...string) []string {
	if op.itemType == "" {
		return ids
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = op.itemType + ":" + id
	}
	return out
}

// Every paged operation, through its All iterator: the first request and the follow-up
// carry the right query or body, and the items of both pages come out in order, decoded.
func TestEveryPagedOperation(t *testing.T) {
	t.Parallel()
	for _, op := range pagedOps() {
		t.Run(op.name, func(t *testing.T) {
			srv := op.server(t, [][]string{{"x1", "x2"}, {"x3"}}, nil)
			items, errs := drain(t, op.all(t.Context(), srv.client(t)), 0)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if want := op.named("x1", "x2", "x3"); !slices.Equal(items, want) {
				t.Errorf("items = %q, want %q", items, want)
			}
			op.checkRequests(t, srv, op.want)
		})
	}
}

// pagedOps is the table of the tests of this file: iterators that every version of the API has,
// at least one for each kind of pagination, each of them an iterator of the Client with its
// Pages sibling. That every iterator of the Client, in any version, pages as its operation says
// is intercomtest's TestClientEveryIterator, which ranges over each against the fake Intercom
// from the generated route table.
func TestPagedOpsCoverEveryKind(t *testing.T) {
	t.Parallel()
	inTable := map[string]bool{}
	kinds := map[string]bool{}
	ct := reflect.TypeFor[Client]()
	for _, op := range pagedOps() {
		if inTable[op.name] {
			t.Errorf("pagedOps lists %s twice", op.name)
		}
		inTable[op.name] = true
		switch op.kind {
		case "cursor", "page", "scroll", "search":
			kinds[op.kind] = true
		default:
			t.Errorf("%s: unknown kind %q", op.name, op.kind)
		}
		service, name, _ := strings.Cut(op.name, ".")
		f, ok := ct.FieldByName(service)
		if !ok || f.Type.Kind() != reflect.Pointer {
			t.Errorf("pagedOps lists %s, but the Client has no service %s", op.name, service)
			continue
		}
		base, ok := strings.CutSuffix(name, "All")
		if _, has := f.Type.MethodByName(name); !ok || !has {
			t.Errorf("pagedOps lists %s, which is not an All iterator of the Client", op.name)
		}
		if _, ok := f.Type.MethodByName(base + "Pages"); !ok {
			t.Errorf("%s has no %sPages", op.name, base)
		}
	}
	if want := []string{"cursor", "page", "scroll", "search"}; !slices.Equal(slices.Sorted(maps.Keys(kinds)), want) {
		t.Errorf("pagedOps covers the kinds %v, want %v", slices.Sorted(maps.Keys(kinds)), want)
	}
}

// kindCases has, for each kind of pagination, an operation that pages that way and the first
// four requests it must send, literally: the follow-ups are what tells the kinds apart.
var kindCases = []struct {
	kind, op string
	want     []string
}{
	{"cursor", "Contacts.ListAll", []string{
		"per_page=2", "per_page=2&starting_after=c1", "per_page=2&starting_after=c2", "per_page=2&starting_after=c3",
	}},
	{"page", "Articles.ListAll", []string{
		"page=1&per_page=2", "page=2&per_page=2", "page=3&per_page=2", "page=4&per_page=2",
	}},
	{"scroll", "Companies.ScrollAll", []string{
		"", "scroll_param=s1", "scroll_param=s2", "scroll_param=s3",
	}},
	{"search", "Contacts.SearchAll", []string{
		`{"query":{"field":"email","operator":"~","value":"@example.com"},"pagination":{"per_page":2}}`,
		`{"query":{"field":"email","operator":"~","value":"@example.com"},"pagination":{"per_page":2,"starting_after":"c1"}}`,
		`{"query":{"field":"email","operator":"~","value":"@example.com"},"pagination":{"per_page":2,"starting_after":"c2"}}`,
		`{"query":{"field":"email","operator":"~","value":"@example.com"},"pagination":{"per_page":2,"starting_after":"c3"}}`,
	}},
}

// page3Error is the answer to the request for page 3 in the tests of a failing page: an error
// no method retries.
var page3Error = answer{status: http.StatusBadRequest, body: `{"type":"error.list","request_id":"req-p3","errors":[{"code":"parameter_invalid","message":"page 3 is broken"}]}`}

func TestPagingKinds(t *testing.T) {
	t.Parallel()
	for _, kc := range kindCases {
		op := opNamed(t, kc.op)
		if op.kind != kc.kind {
			t.Fatalf("%s pages by %s, not %s", op.name, op.kind, kc.kind)
		}
		// A scroll asks for one more page than it has: the empty one that ends it.
		end := 0
		if op.kind == "scroll" {
			end = 1
		}
		t.Run(kc.kind+"/empty", func(t *testing.T) {
			srv := op.server(t, nil, nil)
			items, errs := drain(t, op.all(t.Context(), srv.client(t)), 0)
			if len(items) != 0 || len(errs) != 0 {
				t.Errorf("items %q, errors %v; want none", items, errs)
			}
			op.checkRequests(t, srv, kc.want[:1])
		})
		t.Run(kc.kind+"/one page", func(t *testing.T) {
			srv := op.server(t, [][]string{{"a", "b"}}, nil)
			items, errs := drain(t, op.all(t.Context(), srv.client(t)), 0)
			if !slices.Equal(items, []string{"a", "b"}) || len(errs) != 0 {
				t.Errorf("items %q, errors %v", items, errs)
			}
			op.checkRequests(t, srv, kc.want[:1+end])
		})
		t.Run(kc.kind+"/many pages", func(t *testing.T) {
			srv := op.server(t, [][]string{{"a", "b"}, {"c", "d"}, {"e"}}, nil)
			items, errs := drain(t, op.all(t.Context(), srv.client(t)), 0)
			if !slices.Equal(items, []string{"a", "b", "c", "d", "e"}) || len(errs) != 0 {
				t.Errorf("items %q, errors %v", items, errs)
			}
			op.checkRequests(t, srv, kc.want[:3+end])
		})
		t.Run(kc.kind+"/error on page 3", func(t *testing.T) {
			srv := op.server(t, [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g"}}, map[int]answer{2: page3Error})
			items, errs := drain(t, op.all(t.Context(), srv.client(t)), 0)
			if !slices.Equal(items, []string{"a", "b", "c", "d"}) {
				t.Errorf("items = %q, want the first two pages", items)
			}
			err := onlyError(t, errs)
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusBadRequest || apiErr.RequestID != "req-p3" {
				t.Errorf("err = %v (%T), want the *APIError of page 3", err, err)
			}
			var scrollErr *ScrollError
			if isScroll := errors.As(err, &scrollErr); isScroll != (op.kind == "scroll") {
				t.Errorf("err = %v (%T): a *ScrollError exactly when scrolling", err, err)
			} else if isScroll && scrollErr.Page != 3 {
				t.Errorf("ScrollError.Page = %d, want 3", scrollErr.Page)
			}
			op.checkRequests(t, srv, kc.want[:3]) // and no fourth
		})
		t.Run(kc.kind+"/break after one item", func(t *testing.T) {
			srv := op.server(t, [][]string{{"a", "b"}, {"c", "d"}}, nil)
			items, errs := drain(t, op.all(t.Context(), srv.client(t)), 1)
			if !slices.Equal(items, []string{"a"}) || len(errs) != 0 {
				t.Errorf("items %q, errors %v", items, errs)
			}
			op.checkRequests(t, srv, kc.want[:1])
		})
		t.Run(kc.kind+"/context cancelled between pages", func(t *testing.T) {
			srv := op.server(t, [][]string{{"a", "b"}, {"c", "d"}}, nil)
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			var items []string
			var errs []error
			for id, err := range op.all(ctx, srv.client(t)) {
				if err != nil {
					errs = append(errs, err)
					continue
				}
				items = append(items, id)
				cancel() // the loop is done with the first item, and with everything after it
			}
			if len(items) == 0 || !slices.Equal(items, []string{"a", "b"}[:len(items)]) {
				t.Errorf("items = %q, want page 1 or a start of it", items)
			}
			if err := onlyError(t, errs); !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			op.checkRequests(t, srv, kc.want[:1])
		})
		t.Run(kc.kind+"/context cancelled during a page", func(t *testing.T) {
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			srv := newReplyServer(t, func(_ seen, i int) answer {
				if i == 1 {
					cancel() // the caller gives up while page 2 is on its way
					return answer{delay: time.Minute, body: op.page(i, nil)}
				}
				return answer{body: op.page(i, [][]string{{"a", "b"}, {"c", "d"}})}
			})
			items, errs := drain(t, op.all(ctx, srv.client(t)), 0)
			if !slices.Equal(items, []string{"a", "b"}) {
				t.Errorf("items = %q, want page 1", items)
			}
			if err := onlyError(t, errs); !errors.Is(err, context.Canceled) {
				t.Errorf("err = %v, want context.Canceled", err)
			}
			op.checkRequests(t, srv, kc.want[:2])
		})
	}
}

// A scroll that fails after the server may have acted cannot be resumed: its page is not
// retried, whatever the client's or the call's retry settings, and the error says to start a
// new scroll. The same answer to a list that can be retried is retried, which shows that
// retries are on.
func TestScrollFailureIsNotRetried(t *testing.T) {
	failures := map[string]answer{
		"500": {status: http.StatusInternalServerError, body: `{"type":"error.list","request_id":"req-500","errors":[{"code":"server_error","message":"Request failed due to an internal network error. Please restart the scroll operation."}]}`},
		"503": {status: http.StatusServiceUnavailable, body: `{"type":"error.list","request_id":"req-503","errors":[{"code":"service_unavailable","message":"Try again"}]}`},
	}
	for name, fail := range failures {
		t.Run("scroll/"+name, func(t *testing.T) {
			op := opNamed(t, "Companies.ScrollAll")
			// Page 2 fails once; a retry would get it.
			srv := op.server(t, [][]string{{"a", "b"}, {"c"}}, map[int]answer{1: fail})
			c := srv.client(t, WithMaxRetries(3))
			items, errs := drain(t, ids(c.Companies.ScrollAll(context.Background(), nil, WithMaxRetries(5))), 0)
			if !slices.Equal(items, []string{"a", "b"}) {
				t.Errorf("items = %q, want page 1", items)
			}
			err := onlyError(t, errs)
			var scrollErr *ScrollError
			if !errors.As(err, &scrollErr) || scrollErr.Page != 2 {
				t.Fatalf("err = %v (%T), want a *ScrollError for page 2", err, err)
			}
			if !strings.Contains(err.Error(), "scroll failed on page 2 and cannot be resumed; start a new scroll") {
				t.Errorf("err = %q, want it to say to start a new scroll", err)
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != fail.status || apiErr.Attempts != 1 {
				t.Errorf("err = %v, want the *APIError of the one attempt", err)
			}
			op.checkRequests(t, srv, []string{"", "scroll_param=s1"})
			if waits := srv.sleeps.recorded(); len(waits) != 0 {
				t.Errorf("waited %v to retry", waits)
			}
		})
		t.Run("cursor/"+name, func(t *testing.T) {
			op := opNamed(t, "Contacts.ListAll")
			pages := [][]string{{"a", "b"}, {"c"}}
			srv := newReplyServer(t, func(_ seen, i int) answer {
				switch i {
				case 0:
					return answer{body: op.page(0, pages)}
				case 1:
					return fail
				}
				return answer{body: op.page(1, pages)} // the retry
			})
			c := srv.client(t, WithMaxRetries(3))
			items, errs := drain(t, ids(c.Contacts.ListAll(context.Background(), &ContactsListOptions{PerPage: 2})), 0)
			if !slices.Equal(items, []string{"a", "b", "c"}) || len(errs) != 0 {
				t.Errorf("items %q, errors %v", items, errs)
			}
			op.checkRequests(t, srv, []string{"per_page=2", "per_page=2&starting_after=c1", "per_page=2&starting_after=c1"})
		})
	}
}

// A 429 inside a scroll means nothing was done: the page is asked for again after the wait,
// and the scroll goes on.
func TestScrollWaitsOutRateLimit(t *testing.T) {
	t.Parallel()
	op := opNamed(t, "Companies.ScrollAll")
	limited := answer{status: http.StatusTooManyRequests, header: map[string]string{"Retry-After": "1"}, body: `{"type":"error.list","request_id":"req-429","errors":[{"code":"rate_limit_exceeded","message":"Exceeded rate limit"}]}`}
	pages := [][]string{{"a", "b"}, {"c"}}
	srv := newReplyServer(t, func(_ seen, i int) answer {
		switch i {
		case 1:
			return limited
		case 0, 2, 3:
			return answer{body: op.page(max(i-1, 0), pages)}
		}
		t.Errorf("request %d: the scroll does not stop", i+1)
		return answer{status: http.StatusBadRequest}
	})
	items, errs := drain(t, ids(srv.client(t).Companies.ScrollAll(t.Context(), nil)), 0)
	if !slices.Equal(items, []string{"a", "b", "c"}) || len(errs) != 0 {
		t.Errorf("items %q, errors %v; want every item", items, errs)
	}
	op.checkRequests(t, srv, []string{"", "scroll_param=s1", "scroll_param=s1", "scroll_param=s2"})
	if waits := srv.sleeps.recorded(); !slices.Equal(waits, []time.Duration{time.Second}) {
		t.Errorf("waits %v, want the 429's second", waits)
	}
}

// A direct call of a scroll with its scroll param is not retried after a 5xx either: the
// server may have moved the scroll on.
func TestScrollCallNotRetriedAfterServerError(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{status: http.StatusBadGateway, body: "bad gateway"})
	_, err := srv.client(t, WithMaxRetries(3)).Companies.Scroll(t.Context(), &CompaniesScrollOptions{ScrollParam: "s1"})
	if !errors.Is(err, ErrServer) {
		t.Fatalf("err = %v", err)
	}
	if n := len(srv.requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// A read-only POST (a search, or Companies.List: POST /companies/list) is retried after a 5xx
// as a GET is; a POST that creates is not.
func TestReadOnlyPostRetried(t *testing.T) {
	t.Parallel()
	srv := newReplyServer(t, func(_ seen, i int) answer {
		if i == 0 {
			return answer{status: http.StatusServiceUnavailable, body: "busy"}
		}
		return answer{body: `{"type":"list","data":[]}`}
	})
	c := srv.client(t)
	if _, err := c.Companies.List(t.Context(), nil); err != nil {
		t.Fatalf("Companies.List: %v", err)
	}
	if n := len(srv.requests()); n != 2 {
		t.Errorf("Companies.List: %d requests, want 2", n)
	}
	create := newTestServer(t, answer{status: http.StatusServiceUnavailable, body: "busy"})
	if _, err := create.client(t).Contacts.Create(t.Context(), &CreateContactRequest{Email: Some("a@example.com")}); !errors.Is(err, ErrServer) {
		t.Errorf("Create: %v", err)
	}
	if n := len(create.requests()); n != 1 {
		t.Errorf("Create: %d requests, want 1", n)
	}
}

// Intercom may send the same scroll param with every page of a scroll: that is not a loop, and
// the scroll still ends at its empty page.
func TestScrollParamMayRepeat(t *testing.T) {
	op := opNamed(t, "Companies.ScrollAll")
	pages := [][]string{{"a", "b"}, {"c", "d"}, nil}
	srv := newReplyServer(t, func(_ seen, i int) answer {
		if i >= len(pages) {
			t.Errorf("request %d after the empty page", i+1)
			return answer{status: http.StatusBadRequest}
		}
		return answer{body: op.render(pages[i], i+1, "scroll-1", 0)}
	})
	items, errs := drain(t, op.all(context.Background(), srv.client(t)), 0)
	if !slices.Equal(items, []string{"a", "b", "c", "d"}) || len(errs) != 0 {
		t.Errorf("items %q, errors %v", items, errs)
	}
	op.checkRequests(t, srv, []string{"", "scroll_param=scroll-1", "scroll_param=scroll-1"})
}

// A cursor that Intercom hands back a second time ends the iteration with a *PaginationError
// after the page that carried it, instead of fetching the same pages forever.
func TestRepeatedCursorEndsWithPaginationError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		start string   // the cursor the caller starts from
		next  []string // the next cursor each page gives
		want  []string // what the requests send as starting_after
	}{
		{"the same cursor again", "", []string{"c1", "c1"}, []string{"", "c1"}},
		{"a cycle", "", []string{"c1", "c2", "c1"}, []string{"", "c1", "c2"}},
		{"back to the caller's cursor", "c0", []string{"c1", "c0"}, []string{"c0", "c1"}},
	}
	for _, kind := range []string{"cursor", "search"} {
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				var op pagedOp
				var want []string
				var seq func(ctx context.Context, c *Client) iter.Seq2[string, error]
				if kind == "cursor" {
					op = opNamed(t, "Contacts.ListAll")
					for _, cur := range tt.want {
						q := "per_page=2"
						if cur != "" {
							q += "&starting_after=" + cur
						}
						want = append(want, q)
					}
					seq = func(ctx context.Context, c *Client) iter.Seq2[string, error] {
						return ids(c.Contacts.ListAll(ctx, &ContactsListOptions{PerPage: 2, StartingAfter: tt.start}))
					}
				} else {
					op = opNamed(t, "Contacts.SearchAll")
					for _, cur := range tt.want {
						want = append(want, searchBody(contactQuery, cur))
					}
					seq = func(ctx context.Context, c *Client) iter.Seq2[string, error] {
						return ids(search(ctx, c, "Contacts.SearchAll", searchBody(contactQuery, tt.start)))
					}
				}
				srv := newReplyServer(t, func(_ seen, i int) answer {
					if i >= len(tt.next) {
						return answer{body: op.render(nil, i+1, "", 0)}
					}
					return answer{body: op.render([]string{fmt.Sprintf("p%d", i+1)}, i+1, tt.next[i], 0)}
				})
				items, errs := drain(t, seq(t.Context(), srv.client(t)), 0)
				var wantItems []string
				for i := range tt.next {
					wantItems = append(wantItems, fmt.Sprintf("p%d", i+1))
				}
				if !slices.Equal(items, wantItems) {
					t.Errorf("items = %q, want %q", items, wantItems)
				}
				err := onlyError(t, errs)
				var pe *PaginationError
				if !errors.As(err, &pe) {
					t.Fatalf("err = %v (%T), want *PaginationError", err, err)
				}
				repeated := tt.next[len(tt.next)-1]
				if w := fmt.Sprintf("intercom: pagination stopped: the API returned the cursor %q again", repeated); err.Error() != w {
					t.Errorf("err = %q, want %q", err, w)
				}
				op.checkRequests(t, srv, want)
			})
		}
	}
}

// The page-number kinds stop at pages.total_pages: a last page as full as the others does not
// make them ask for an empty page after it. They also stop at an empty page, whatever
// total_pages says, and start where the caller's page says.
func TestPageNumbersStopAtTotalPages(t *testing.T) {
	op := opNamed(t, "Articles.ListAll")
	tests := []struct {
		name       string
		start      int64
		pages      [][]string // page i+1 of the server; nil for an empty page
		totalPages int
		wantItems  []string
		want       []string
	}{
		{"full last page", 0, [][]string{{"a", "b"}, {"c", "d"}}, 2, []string{"a", "b", "c", "d"}, []string{"page=1&per_page=2", "page=2&per_page=2"}},
		{"one full page", 0, [][]string{{"a", "b"}}, 1, []string{"a", "b"}, []string{"page=1&per_page=2"}},
		{"empty page before total_pages", 0, [][]string{{"a", "b"}, nil}, 5, []string{"a", "b"}, []string{"page=1&per_page=2", "page=2&per_page=2"}},
		{"from page 2", 2, [][]string{{"x"}, {"c", "d"}, {"e", "f"}}, 3, []string{"c", "d", "e", "f"}, []string{"page=2&per_page=2", "page=3&per_page=2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newReplyServer(t, func(r seen, i int) answer {
				n := 0
				if _, err := fmt.Sscanf(r.Query, "page=%d", &n); err != nil || n < 1 || n > len(tt.pages) {
					return answer{status: http.StatusNotFound, body: `{"type":"error.list","errors":[{"code":"not_found","message":"no such page"}]}`}
				}
				return answer{body: op.render(tt.pages[n-1], n, "", tt.totalPages)}
			})
			seq := ids(srv.client(t).Articles.ListAll(context.Background(), &ArticlesListOptions{Page: tt.start, PerPage: 2}))
			items, errs := drain(t, seq, 0)
			if !slices.Equal(items, tt.wantItems) || len(errs) != 0 {
				t.Errorf("items %q, errors %v; want %q", items, errs, tt.wantItems)
			}
			op.checkRequests(t, srv, tt.want)
		})
	}
}

// The page-number lists page by number whatever shape Intercom gives pages.next: a link (as
// /companies and /companies/list send it), a cursor object (as some lists send it), or null.
func TestPageNumbersIgnorePagesNext(t *testing.T) {
	shapes := map[string]string{
		"link":   `"next":"https://api.intercom.io/companies/list?per_page=2\u0026page=2"`,
		"object": `"next":{"page":2,"starting_after":"WzE3NDczNjU1NTUwMDAsMl0="}`,
		"null":   `"next":null`,
	}
	for _, op := range pagedOps() {
		if op.kind != "page" {
			continue
		}
		for shape, next := range shapes {
			t.Run(op.name+"/"+shape, func(t *testing.T) {
				pages := [][]string{{"x1", "x2"}, {"x3"}}
				srv := newReplyServer(t, func(_ seen, i int) answer {
					body := op.page(i, pages)
					if i == 0 {
						if !strings.Contains(body, `"next":null`) {
							t.Errorf("page 1 has no pages.next to replace: %s", body)
						}
						body = strings.Replace(body, `"next":null`, next, 1)
					}
					return answer{body: body}
				})
				items, errs := drain(t, op.all(context.Background(), srv.client(t)), 0)
				if want := op.named("x1", "x2", "x3"); !slices.Equal(items, want) || len(errs) != 0 {
					t.Errorf("items %q, errors %v; want %q", items, errs, want)
				}
				op.checkRequests(t, srv, op.want)
			})
		}
	}
}

// The Pages iterators yield each page whole, with its total count, and resume from a saved
// cursor or page number.
func TestPagesIterators(t *testing.T) {
	t.Parallel()
	t.Run("cursor resumes from a saved cursor", func(t *testing.T) {
		op := opNamed(t, "Contacts.ListAll")
		srv := newReplyServer(t, func(_ seen, i int) answer {
			if i == 0 {
				return answer{body: op.render([]string{"k", "l"}, 6, "c6", 0)}
			}
			return answer{body: op.render([]string{"m"}, 7, "", 0)}
		})
		var got []string
		for page, err := range srv.client(t).Contacts.ListPages(t.Context(), &ContactsListOptions{PerPage: 2, StartingAfter: "c5"}) {
			if err != nil {
				t.Fatal(err)
			}
			next := ""
			if page.Pages != nil && page.Pages.Next != nil {
				next = page.Pages.Next.StartingAfter.Or("")
			}
			got = append(got, fmt.Sprintf("%d items of %d, next %q", len(page.Data), page.TotalCount, next))
		}
		want := []string{`2 items of 42, next "c6"`, `1 items of 42, next ""`}
		if !slices.Equal(got, want) {
			t.Errorf("pages = %q, want %q", got, want)
		}
		op.checkRequests(t, srv, []string{"per_page=2&starting_after=c5", "per_page=2&starting_after=c6"})
	})
	t.Run("an empty first page is yielded for its total count", func(t *testing.T) {
		op := opNamed(t, "Articles.ListAll")
		srv := newTestServer(t, answer{body: op.render(nil, 1, "", 0)})
		n := 0
		for page, err := range srv.client(t).Articles.ListPages(t.Context(), nil) {
			if err != nil || page == nil || page.TotalCount != 42 || len(page.Data) != 0 {
				t.Errorf("page %+v, err %v", page, err)
			}
			n++
		}
		if n != 1 {
			t.Errorf("%d pages, want 1", n)
		}
		if r := srv.only(t); r.Query != "page=1" {
			t.Errorf("query = %q", r.Query)
		}
	})
	t.Run("an empty page after the first is not yielded", func(t *testing.T) {
		op := opNamed(t, "Articles.ListAll")
		srv := newReplyServer(t, func(_ seen, i int) answer {
			if i == 0 {
				return answer{body: op.render([]string{"a"}, 1, "", 5)}
			}
			return answer{body: op.render(nil, i+1, "", 5)}
		})
		var got []int
		for page, err := range srv.client(t).Articles.ListPages(t.Context(), nil) {
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, len(page.Data))
		}
		if !slices.Equal(got, []int{1}) {
			t.Errorf("pages of %v items, want one page of 1", got)
		}
		op.checkRequests(t, srv, []string{"page=1", "page=2"})
	})
	t.Run("break after one page", func(t *testing.T) {
		op := opNamed(t, "Conversations.SearchAll")
		srv := op.server(t, [][]string{{"a", "b"}, {"c"}}, nil)
		for range search(t.Context(), srv.client(t), "Conversations.SearchPages", searchBody(conversationQuery, "")) {
			break
		}
		op.checkRequests(t, srv, op.want[:1])
	})
}

// A per_page beyond Intercom's documented limit (150 contacts, conversations or search results;
// 60 companies) or another value the API rejects fails with a *ValidationError, yielded once,
// before any request; the limit itself is fine.
func TestPagingValidatesBeforeSending(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		seq  func(ctx context.Context, c *Client) iter.Seq2[string, error]
		want string // the error message; "" for a valid request
		typ  string // the type the error names; "" for the request type of search
		fld  string
		sent string // for a valid request, what its query or body must hold
		// search names the search iterator of the case, whose request type the error names
		// ({req} in want): SearchRequest in some versions, ContactSearchRequest in others.
		search string
	}{
		{
			name: "Conversations.ListPages per_page 151",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return pageNames(c.Conversations.ListPages(ctx, &ConversationsListOptions{PerPage: 151}))
			},
			want: "intercom: invalid ConversationsListOptions: per_page must be between 1 and 150", typ: "ConversationsListOptions", fld: "per_page",
		},
		{
			name: "Conversations.ListAll per_page 151",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Conversations.ListAll(ctx, &ConversationsListOptions{PerPage: 151}))
			},
			want: "intercom: invalid ConversationsListOptions: per_page must be between 1 and 150", typ: "ConversationsListOptions", fld: "per_page",
		},
		{
			name: "Companies.ListAll per_page 61",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Companies.ListAll(ctx, &CompaniesListOptions{PerPage: 61}))
			},
			want: "intercom: invalid CompaniesListOptions: per_page must be between 1 and 60", typ: "CompaniesListOptions", fld: "per_page",
		},
		{
			name: "Companies.FindAll per_page 61",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Companies.FindAll(ctx, &CompaniesFindOptions{PerPage: 61}))
			},
			want: "intercom: invalid CompaniesFindOptions: per_page must be between 1 and 60", typ: "CompaniesFindOptions", fld: "per_page",
		},
		{
			name: "Contacts.SearchAll pagination.per_page 151",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(search(ctx, c, "Contacts.SearchAll", `{"query":`+contactQuery+`,"pagination":{"per_page":151}}`))
			},
			want: "intercom: invalid {req}: pagination.per_page must be between 1 and 150", fld: "pagination.per_page", search: "Contacts.SearchAll",
		},
		{
			name: "Conversations.SearchPages pagination.per_page -1",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return pageNames(search(ctx, c, "Conversations.SearchPages", `{"query":`+conversationQuery+`,"pagination":{"per_page":-1}}`))
			},
			want: "intercom: invalid {req}: pagination.per_page must be between 1 and 150", fld: "pagination.per_page", search: "Conversations.SearchPages",
		},
		{
			name: "Contacts.SearchAll without a query",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(search(ctx, c, "Contacts.SearchAll", ""))
			},
			want: "intercom: invalid {req}: query is required", fld: "query", search: "Contacts.SearchAll",
		},
		{
			name: "News.ListItemsAll page -1",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.News.ListItemsAll(ctx, &NewsListItemsOptions{Page: -1}))
			},
			want: "intercom: invalid NewsListItemsOptions: page must be at least 1", typ: "NewsListItemsOptions", fld: "page",
		},
		{
			name: "Contacts.ListAll per_page 150",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Contacts.ListAll(ctx, &ContactsListOptions{PerPage: 150}))
			},
			sent: "per_page=150",
		},
		{
			name: "Companies.ListAll per_page 60",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(c.Companies.ListAll(ctx, &CompaniesListOptions{PerPage: 60}))
			},
			sent: "page=1&per_page=60",
		},
		{
			name: "Contacts.SearchAll pagination.per_page 150",
			seq: func(ctx context.Context, c *Client) iter.Seq2[string, error] {
				return ids(search(ctx, c, "Contacts.SearchAll", `{"query":`+contactQuery+`,"pagination":{"per_page":150}}`))
			},
			sent: `"pagination":{"per_page":150}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newTestServer(t, answer{body: `{"type":"list"}`})
			items, errs := drain(t, tt.seq(t.Context(), srv.client(t)), 0)
			if len(items) != 0 {
				t.Errorf("items = %q", items)
			}
			if tt.want == "" {
				if len(errs) != 0 {
					t.Errorf("errors = %v, want none", errs)
				}
				if r := srv.only(t); !strings.Contains(r.Query+" "+string(r.Body), tt.sent) {
					t.Errorf("request %s %s, want it to hold %s", r.URI, r.Body, tt.sent)
				}
				return
			}
			typ, want := tt.typ, tt.want
			if tt.search != "" {
				_, req := searchIter(t.Context(), srv.client(t), tt.search, "{}")
				typ = reflect.TypeOf(req).Elem().Name()
				want = strings.ReplaceAll(want, "{req}", typ)
			}
			err := onlyError(t, errs)
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Type != typ || ve.Field != tt.fld {
				t.Errorf("err = %#v, want a *ValidationError of %s.%s", err, typ, tt.fld)
			}
			if err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err, want)
			}
			if n := len(srv.requests()); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

// Iterating never changes the caller's parameters or request, nor the option slice it passed,
// so that they can be used again: ranging over the same iterator twice sends the same
// requests.
func TestPagingLeavesTheCallersValuesAlone(t *testing.T) {
	t.Parallel()
	pages := [][]string{{"a", "b"}, {"c", "d"}, {"e"}}
	// server answers both runs: request i with page i of a run.
	server := func(t *testing.T, op pagedOp) *testServer {
		perRun := len(pages)
		if op.kind == "scroll" {
			perRun++ // the empty page
		}
		return newReplyServer(t, func(_ seen, i int) answer {
			if i >= 2*perRun {
				return answer{status: http.StatusBadRequest, body: `{"type":"error.list","errors":[{"code":"too_many","message":"past the second run"}]}`}
			}
			return answer{body: op.page(i%perRun, pages)}
		})
	}
	twice := func(t *testing.T, op pagedOp, srv *testServer, seq iter.Seq2[string, error], want []string) {
		t.Helper()
		for range 2 {
			items, errs := drain(t, seq, 0)
			if !slices.Equal(items, []string{"a", "b", "c", "d", "e"}) || len(errs) != 0 {
				t.Errorf("items %q, errors %v", items, errs)
			}
		}
		op.checkRequests(t, srv, append(slices.Clone(want), want...))
	}
	t.Run("cursor", func(t *testing.T) {
		op := opNamed(t, "Contacts.ListAll")
		srv := server(t, op)
		params := &ContactsListOptions{PerPage: 2}
		before := *params
		twice(t, op, srv, ids(srv.client(t).Contacts.ListAll(t.Context(), params)), kindCases[0].want[:3])
		if *params != before {
			t.Errorf("params = %+v, was %+v", *params, before)
		}
	})
	t.Run("page", func(t *testing.T) {
		op := opNamed(t, "Articles.ListAll")
		srv := server(t, op)
		params := &ArticlesListOptions{PerPage: 2}
		before := *params
		twice(t, op, srv, ids(srv.client(t).Articles.ListAll(t.Context(), params)), kindCases[1].want[:3])
		if *params != before {
			t.Errorf("params = %+v, was %+v", *params, before)
		}
	})
	t.Run("scroll", func(t *testing.T) {
		op := opNamed(t, "Companies.ScrollAll")
		srv := server(t, op)
		params := &CompaniesScrollOptions{}
		// Room after the caller's options: the iterator must not write its own there.
		opts := make([]Option, 1, 4)
		opts[0] = WithHeader("X-Test", "1")
		twice(t, op, srv, ids(srv.client(t).Companies.ScrollAll(t.Context(), params, opts...)), kindCases[2].want[:4])
		if *params != (CompaniesScrollOptions{}) {
			t.Errorf("params = %+v", *params)
		}
		for i, o := range opts[:cap(opts)] {
			if (o == nil) != (i > 0) {
				t.Errorf("the option slice changed at %d", i)
			}
		}
	})
	t.Run("search", func(t *testing.T) {
		op := opNamed(t, "Contacts.SearchAll")
		srv := server(t, op)
		seq, req := searchIter(t.Context(), srv.client(t), "Contacts.SearchAll", searchBody(contactQuery, ""))
		pagination := reflect.ValueOf(req).Elem().FieldByName("Pagination")
		pointerBefore, paginationBefore := pagination.Pointer(), pagination.Elem().Interface()
		reqBefore := reflect.ValueOf(req).Elem().Interface()
		jsonBefore, _ := json.Marshal(req)
		twice(t, op, srv, ids(seq), kindCases[3].want[:3])
		if pagination.Pointer() != pointerBefore || !reflect.DeepEqual(pagination.Elem().Interface(), paginationBefore) {
			t.Errorf("pagination = %#x %+v, was %#x %+v", pagination.Pointer(), pagination.Elem(), pointerBefore, paginationBefore)
		}
		if jsonAfter, _ := json.Marshal(req); string(jsonAfter) != string(jsonBefore) || !reflect.DeepEqual(reflect.ValueOf(req).Elem().Interface(), reqBefore) {
			t.Errorf("request = %s, was %s", jsonAfter, jsonBefore)
		}
	})
	t.Run("search without pagination", func(t *testing.T) {
		op := opNamed(t, "Contacts.SearchAll")
		srv := op.server(t, [][]string{{"a"}, {"b"}}, nil)
		seq, req := searchIter(t.Context(), srv.client(t), "Contacts.SearchAll", `{"query":`+contactQuery+`}`)
		items, errs := drain(t, ids(seq), 0)
		if !slices.Equal(items, []string{"a", "b"}) || len(errs) != 0 {
			t.Errorf("items %q, errors %v", items, errs)
		}
		if p := reflect.ValueOf(req).Elem().FieldByName("Pagination"); !p.IsNil() {
			t.Errorf("pagination = %+v, want nil", p.Elem())
		}
		op.checkRequests(t, srv, []string{`{"query":` + contactQuery + `}`, `{"query":` + contactQuery + `,"pagination":{"starting_after":"c1"}}`})
	})
}

// README's table of paged operations has one iterator of each kind, each with its operation and
// kind as pagedOps has them (iterators every version has), and points to the API reference for
// the version's full list.
func TestReadmePaginationTable(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Pagination\n")
	if !ok {
		t.Fatal(`README.md has no "## Pagination" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	if !strings.Contains(section, "(gen/intercom/reference_gen.md)") {
		t.Error("README's pagination section does not link the API reference, gen/intercom/reference_gen.md")
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Za-z.]+)` \\| `([A-Z]+) ([^`]+)` \\| ([a-z]+) \\|$")
	table := map[string]string{}
	for _, op := range pagedOps() {
		path := strings.ReplaceAll(op.path, oddIDPath, "{id}")
		table[op.name] = strings.Join([]string{op.name, op.method, path, op.kind}, " ")
	}
	var kinds []string
	for _, m := range row.FindAllStringSubmatch(section, -1) {
		listed := strings.Join(m[1:], " ")
		if want, ok := table[m[1]]; !ok || listed != want {
			t.Errorf("README's row %q, want one of pagedOps (%q)", listed, want)
		}
		kinds = append(kinds, m[4])
	}
	slices.Sort(kinds)
	if want := []string{"cursor", "page", "scroll", "search"}; !slices.Equal(kinds, want) {
		t.Errorf("README's table has the kinds %v, want one of each of %v", kinds, want)
	}
}

// cursorLoop finds every cycle, in memory of its own fixed size: a cycle of up to
// recentCursors cursors before any page is fetched twice, a longer one within a few times its
// length; and a long run of distinct cursors is never taken for a cycle.
func TestCursorLoop(t *testing.T) {
	loop := cursorLoop{saved: "", power: 1}
	for i := range 100_000 {
		if loop.repeats(fmt.Sprint("c", i), fmt.Sprint("c", i+1)) {
			t.Fatalf("c%d taken for a repeat", i+1)
		}
	}
	for _, mu := range []int{0, 1, 7, 40, 200} { // cursors before the cycle
		for lambda := 1; lambda <= 150; lambda++ { // the cycle's length
			// cursor(i) is the cursor of page i: c0 ... c(mu+lambda-1), then around again from c(mu).
			cursor := func(i int) string {
				if i >= mu+lambda {
					i = mu + (i-mu)%lambda
				}
				return fmt.Sprint("c", i)
			}
			loop := cursorLoop{saved: cursor(0), power: 1}
			pages := 1
			for !loop.repeats(cursor(pages-1), cursor(pages)) {
				pages++
				if pages > 10*(mu+lambda) {
					t.Fatalf("mu %d, lambda %d: no cycle found after %d pages", mu, lambda, pages)
				}
			}
			if lambda <= recentCursors && pages != mu+lambda {
				t.Errorf("mu %d, lambda %d: found after %d pages, want %d (no page twice)", mu, lambda, pages, mu+lambda)
			}
			if bound := 2*max(mu, lambda) + 2*lambda; pages > bound {
				t.Errorf("mu %d, lambda %d: found after %d pages, want at most %d", mu, lambda, pages, bound)
			}
		}
	}
}

// A cycle of cursors too long to be remembered still ends, with a *PaginationError, a little
// after the pages have come round again.
func TestLongCursorCycleEnds(t *testing.T) {
	const cycle = 3 * recentCursors // pages c1 ... c96, then c1 again
	op := opNamed(t, "Contacts.ListAll")
	srv := newReplyServer(t, func(r seen, i int) answer {
		if i >= 10*cycle {
			t.Errorf("request %d: the iterator does not stop", i+1)
			return answer{status: http.StatusBadRequest, body: `{"type":"error.list","errors":[{"code":"too_many","message":"the iterator does not stop"}]}`}
		}
		k := 0
		if _, err := fmt.Sscanf(r.Query, "per_page=2&starting_after=c%d", &k); err != nil && i > 0 {
			t.Errorf("request %d: query %q", i+1, r.Query)
		}
		next := k%cycle + 1
		return answer{body: op.render([]string{fmt.Sprint("p", k)}, k+1, fmt.Sprint("c", next), 0)}
	})
	items, errs := drain(t, ids(srv.client(t).Contacts.ListAll(context.Background(), &ContactsListOptions{PerPage: 2})), 0)
	var pe *PaginationError
	if err := onlyError(t, errs); !errors.As(err, &pe) {
		t.Fatalf("err = %v (%T), want *PaginationError", err, err)
	}
	if n := len(srv.requests()); n <= cycle || n > 4*cycle {
		t.Errorf("%d requests for a cycle of %d pages", n, cycle)
	}
	if len(items) != len(srv.requests()) {
		t.Errorf("%d items from %d pages of one", len(items), len(srv.requests()))
	}
}
