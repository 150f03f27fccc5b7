package ir

import "slices"

// PagingKind is one of the ways Intercom pages a list. Everything the generator knows of a kind
// is its entry in kinds; the runtime has one file per kind (gen/intercom/paging_<name>.go).
type PagingKind int

const (
	PageCursor PagingKind = iota // query starting_after, next cursor in the response
	PageNumber                   // query page, total pages in the response
	PageScroll                   // query scroll_param, handed back until an empty page
	PageSearch                   // cursor in the request body's pagination object
)

// KindFacts is what the model, the emitter, the reference and the fake server know of a paging
// kind. Adding a kind is one entry of kinds, its runtime file and its value in the overlay.
type KindFacts struct {
	Name    string // the kind as x-pagination names it in the overlay ("cursor")
	Runtime string // the runtime function the iterators call (cursorKind, in paging_cursor.go)
	// Numbered says the cursor is a page number, an integer, and the response tells the number
	// of pages (Paging.Total); otherwise the cursor is a string the response hands on
	// (Paging.Next).
	Numbered bool
	// InBody says requests carry the cursor in their body (Paging.Param is a path into the
	// body, and the iterators take the body); otherwise in the query options.
	InBody bool
	// EndsEmpty says the pages end at an empty page, the cursor being handed on even there,
	// rather than at a page without a next cursor: the fake server answers so.
	EndsEmpty bool
	Doc       string // how the iterators' docs say the kind pages
}

// kinds is the table of paging kinds, indexed by PagingKind.
var kinds = [...]KindFacts{
	PageCursor: {Name: "cursor", Runtime: "cursorKind", Doc: "by cursor"},
	PageNumber: {Name: "page", Runtime: "numberKind", Numbered: true,
		Doc: "by page number, up to the last page"},
	PageScroll: {Name: "scroll", Runtime: "scrollKind", EndsEmpty: true,
		Doc: "by scroll: one scroll at a time per workspace, and a failed scroll cannot be resumed"},
	PageSearch: {Name: "search", Runtime: "searchKind", InBody: true,
		Doc: "by the cursor in the request's pagination"},
}

// Facts returns the facts of k.
func (k PagingKind) Facts() KindFacts { return kinds[k] }

// String names a paging kind as x-pagination does in the overlay.
func (k PagingKind) String() string {
	if k < 0 || int(k) >= len(kinds) {
		return "unknown"
	}
	return kinds[k].Name
}

// KindNamed returns the kind x-pagination calls name.
func KindNamed(name string) (PagingKind, bool) {
	i := slices.IndexFunc(kinds[:], func(f KindFacts) bool { return f.Name == name })
	return PagingKind(i), i >= 0
}

// KindNames lists the names of the kinds, in the order of the table.
func KindNames() []string {
	names := make([]string, len(kinds))
	for i, f := range kinds {
		names[i] = f.Name
	}
	return names
}

// Paging says where an operation's pages keep their items and cursors.
type Paging struct {
	Kind  PagingKind
	Pages string // the method iterating over pages ("ListPages")
	All   string // the method iterating over items ("ListAll")
	Send  string // the unexported method sending one page's request unchecked ("sendList")
	Items Path   // response: the slice of items
	Item  Ref    // type of one item
	Next  Path   // response: the next cursor (kinds that are not Numbered)
	Total Path   // response: the number of pages (Numbered kinds)
	// Param is where the request takes the cursor or page number: a field of the query options,
	// or a path into the request body (InBody kinds).
	Param Path
}

// Progress is the path of what tells the iterators where the next page is: the number of pages
// for a Numbered kind, the next cursor otherwise.
func (p *Paging) Progress() Path {
	if p.Kind.Facts().Numbered {
		return p.Total
	}
	return p.Next
}
