// Package ir is the generator's intermediate model of the API: what the client offers, with every
// name, type and shape already decided. It knows nothing of kin-openapi or jennifer; the lower
// stage builds it from the description and the emit stage only writes it out. All slices are
// sorted, so walking the model is deterministic.
package ir

import "strings"

// API is the whole client.
type API struct {
	Title    string
	Version  string // Intercom API version the client speaks, sent as Intercom-Version
	Servers  []Server
	Services []*Service      // sorted by Name
	Types    []*Type         // sorted by Name
	Webhooks []*WebhookTopic // in the order of the webhooks file; nil without one
	Items    []WebhookItem   // item types of notifications, sorted by Type
}

// WebhookTopic is one topic of Intercom's webhook notifications.
type WebhookTopic struct {
	Const   string // Go constant ("TopicConversationUserCreated")
	Topic   string // "conversation.user.created"
	Handler string // typed registration method ("OnConversationUserCreated"), "" without an item model
	Item    *Ref   // the model its item decodes into, nil if none
	Doc     string
}

// WebhookItem maps the "type" of a notification's item to the model it decodes into.
type WebhookItem struct {
	Type string
	Ref  Ref
}

// Server is one base URL of the API, offered to users as a region.
type Server struct {
	Name  string // Go name of the region ("US")
	Const string // the Region constant ("RegionUS")
	Key   string // value of the region constant ("us")
	URL   string
	Doc   string
}

// Service groups the operations of one API area ("Contacts").
type Service struct {
	Name       string // field on Client and prefix of its type ("Contacts" -> ContactsService)
	Type       string // its Go type ("ContactsService")
	File       string // the file of its methods ("service_contacts_gen.go")
	Doc        string
	Operations []*Operation // sorted by Name
	Finds      []*FindBy    // lookups by a field of a search (x-find-by), sorted by Name
	Upserts    []*Upsert    // create-or-update methods (x-upsert), sorted by Name
}

// FindBy is a method returning the one item a search operation finds by the value of one of its
// fields ("FindByEmail"), made from the operation's x-find-by: the runtime's findOne holds the
// algorithm, the method hands it the search.
type FindBy struct {
	Name   string       // Go method, "FindByEmail"
	Arg    string       // the value's Go argument, "email"
	Field  *SearchField // the field searched by
	Search *Operation   // the search operation, which pages (Paging.Items, Paging.Item)
	Noun   string       // what is found, in errors and docs: "contact"
	Query  Path         // request body: the query, a runtime Filter
	// PerPage is the request body's page size, set so that one page tells one item from
	// several; nil when the search takes none.
	PerPage Path
	Total   Path // response: how many items match in all; nil when the answer does not say
	ID      Path // item: its id, which an *AmbiguousError lists
}

// QueryType is the runtime's search query (gen/intercom/query.go), which the query of a
// search that x-find-by looks up through must be (x-runtime-type): the runtime's findOne
// builds it.
const QueryType = "Filter"

// Upsert is a method updating the item a create request identifies, or creating it when there
// is none ("Upsert"), made from the create operation's x-upsert: the runtime's upsert holds the
// algorithm, the method hands it the calls.
type Upsert struct {
	Name   string
	Noun   string     // what is upserted: "contact"
	Var    string     // the method's named result of the item: "contact"
	Create *Operation // takes the request, answers the item
	Update *Operation // takes the item's id (its one path parameter) and an update request
	Keys   []UpsertKey
	ID     Path // item: its id, which the update takes
}

// UpsertKey is one identifier an upsert looks the item up by, in the order tried.
type UpsertKey struct {
	Value Path    // create request: the identifier's property, a string
	Find  *FindBy // the lookup by it
}

// DocWidth is the widest a line of generated comment text may be, in columns, so that every
// generated line stays within 100 columns: a field's comment is indented by a tab (4 columns)
// and starts with "// " (3).
const DocWidth = 93

// Operation is one HTTP call, offered as a method of its service.
type Operation struct {
	ID         string // operationId in the description
	Name       string // Go method name ("List")
	Method     string // "GET"
	Path       string // "/contacts/{id}"
	Pointer    string // JSON pointer of the operation in the description
	Summary    string
	Doc        string
	Reference  string // URL of the operation's page in the API's reference, "" if unknown
	Deprecated bool
	PathParts  []PathPart // Path split into literals and parameters, in order
	PathParams []*Param   // the parameters of PathParts, in order: the method's positional arguments
	Query      *Type      // options struct of the query parameters, nil if none
	Body       *Body      // request body, nil if none
	Result     *Ref       // decoded 2xx response, nil if the response has no body
	// ResultByPointer says the method returns *Result rather than Result: structs and unions
	// are returned by pointer, maps, slices and scalars by value.
	ResultByPointer bool
	Binary          string  // content type of a binary 2xx response, returned as a stream; "" if none
	Status          int     // documented success status
	Paging          *Paging // how the operation pages; nil if it does not
	Search          *Search // the fields a search operation takes in its query; nil if none
	// Resource says what the operation does to the records of a resource, for the fake server's
	// store; nil if it is none of a resource's plain operations.
	Resource *ResourceRole
	// ReadOnly says the operation changes nothing whatever its method (x-read-only in the
	// overlay): a search or a list sent as a POST.
	ReadOnly bool
}

// ResourceRole is an operation's part in the life of a resource's records: the lowering derives
// it from methods and paths ("GET /contacts/{id}" gets a contact), and x-resource in the
// overlay says it where they cannot.
type ResourceRole struct {
	Kind string // the resource, named by its collection path without the slash: "contacts"
	Verb Verb
	// Key is, for a create, the property that identifies a record to update rather than create
	// ("company_id": Intercom creates or updates a company); "" for none.
	Key string
}

// Verb is what an operation does to a resource.
type Verb int

const (
	VerbGet    Verb = iota + 1 // one record by the id in the path
	VerbCreate                 // a record from the body
	VerbUpdate                 // the record the path names, from the body
	VerbDelete                 // the record the path names
	VerbList                   // every record, paged as the operation pages
	VerbSearch                 // the records a search query in the body selects
)

// verbNames are the verbs as x-resource spells them.
var verbNames = map[Verb]string{
	VerbGet: "get", VerbCreate: "create", VerbUpdate: "update", VerbDelete: "delete", VerbList: "list", VerbSearch: "search",
}

// String names a verb as x-resource does.
func (v Verb) String() string {
	if s, ok := verbNames[v]; ok {
		return s
	}
	return "unknown"
}

// ParseVerb reads a verb as x-resource spells it.
func ParseVerb(s string) (Verb, bool) {
	for v, name := range verbNames {
		if name == s {
			return v, true
		}
	}
	return 0, false
}

// Search is what a search operation (x-search-fields) takes in its query: the fields, each with
// its type and the operators it takes, and how a custom attribute is named.
type Search struct {
	FieldType string         // Go type of the operation's field names, "ContactField"
	Custom    string         // prefix of a custom attribute's name, "custom_attributes."; "" for none
	Fields    []*SearchField // sorted by Name
}

// SearchField is one field a search operation takes.
type SearchField struct {
	Name      string   // on the wire, "location.country"
	Const     string   // Go constant, "ContactFieldLocationCountry"
	Type      string   // "string", "integer", "date" or "boolean"
	Operators []string // the operators the field takes, in the overlay's order
}

// RetryRule says when a failed call of an operation may be sent again; the runtime has one
// rule for each.
type RetryRule int

const (
	RetryByMethod RetryRule = iota // as its HTTP method allows: a GET after a 5xx, a POST not
	RetryReadOnly                  // as a GET, whatever its method: it changes nothing
	RetryUnsent                    // only when nothing was done (a 429, no connection): a scroll
)

// Retry returns the operation's retry rule. A scroll cannot be resumed after a failure that
// may have moved it on, so its calls are sent again only when nothing was done; a read-only
// operation is retried as a GET is; any other as its method allows.
func (o *Operation) Retry() RetryRule {
	switch {
	case o.Paging != nil && o.Paging.Kind == PageScroll:
		return RetryUnsent
	case o.ReadOnly:
		return RetryReadOnly
	}
	return RetryByMethod
}

// Arg is one argument of a generated method, between its context and its options.
type Arg struct {
	Name    string // Go identifier
	Type    Ref    // its Go type, without the pointer
	Pointer bool   // passed as *Type
}

// Args lists the arguments of the operation's method between ctx and opts, in order: the path
// parameters as they come in the path, the query options (by pointer, nil for none), then the
// request body.
func (o *Operation) Args() []Arg {
	var args []Arg
	for _, p := range o.PathParams {
		args = append(args, Arg{Name: p.GoName, Type: p.Type})
	}
	if o.Query != nil {
		args = append(args, o.queryArg())
	}
	if o.Body != nil {
		args = append(args, Arg{Name: "req", Type: o.Body.Type, Pointer: o.Body.ByPointer})
	}
	return args
}

// PageArgs lists the arguments of the operation's <Name>Pages and <Name>All iterators between
// ctx and opts: the method's, in the same order, so that a call moves from one to the other
// unchanged; a search, which pages through its request body, takes the body by pointer.
func (o *Operation) PageArgs() []Arg {
	args := o.Args()
	if o.Paging == nil || !o.Paging.Kind.Facts().InBody || o.Body == nil {
		return args
	}
	for i := range args {
		if args[i].Name == "req" {
			args[i].Pointer = true
		}
	}
	return args
}

func (o *Operation) queryArg() Arg {
	return Arg{Name: "params", Type: Ref{Kind: Named, Name: o.Query.Name}, Pointer: true}
}

// Path is a chain of struct fields, each with how it holds its value, so that code can follow
// it safely through pointers and optional values.
type Path []Step

// Step is one field of a Path.
type Step struct {
	Field string // Go field name
	JSON  string // property name on the wire
	Wrap  Wrap
	Type  Ref // the field's type
}

// JSONPath renders a path as dotted property names ("pages.next.starting_after").
func (p Path) JSONPath() string {
	names := make([]string, len(p))
	for i, s := range p {
		names[i] = s.JSON
	}
	return strings.Join(names, ".")
}

// PathPart is a literal piece of a path or a parameter.
type PathPart struct {
	Literal string
	Param   *Param
}

// Param is a path or query parameter.
type Param struct {
	Name     string // on the wire
	GoName   string // Go identifier (argument for path parameters, field for query parameters)
	Type     Ref
	Required bool
	Explode  bool
	Doc      string
}

// Body is a JSON request body.
type Body struct {
	Type     Ref
	Required bool
	// ByPointer says the method takes *Type rather than Type: structs and unions are passed by
	// pointer, maps, slices and scalars by value.
	ByPointer bool
}

// TypeKind tells which Go construct a named type is.
type TypeKind int

const (
	Struct  TypeKind = iota // object with known properties
	Enum                    // string with known values
	Union                   // exactly one of several variants (oneOf / anyOf)
	Map                     // object with arbitrary keys
	Alias                   // another name for a ref (a component that is a plain string, array...)
	Options                 // query parameters of an operation
)

// Type is a named Go type.
type Type struct {
	Name    string
	Kind    TypeKind
	Doc     string
	Pointer string // JSON pointer of the schema it comes from
	Group   Group  // the resource it belongs to, and so its file
	Input   bool   // reachable from a request: optional fields can tell absent from zero and null

	Fields []*Field // Struct, Options (in declaration order of the description)
	// Tolerant says the type decodes itself tolerantly (see the runtime's DecodeIssues): the
	// types a caller decodes directly (operation results, list items, union variants, webhook
	// items). Types nested in them are decoded tolerantly by them, which keeps decoding fast.
	Tolerant bool
	// Decodes says the struct has a generated decoder: it is tolerant, or a tolerant type
	// reaches it through its fields. Other structs (those only sent) decode with encoding/json.
	Decodes bool
	// Validates says the type has a Validate method: it is sent in requests and has required
	// fields, bounds, or alternatives to check, itself or in its fields.
	Validates bool
	// FromString is the property of a struct that a JSON string in place of the whole object
	// stands for (x-from-string: a link where an object with a link was documented), or "".
	FromString string
	// FromArray is the list property of a struct that a JSON array in place of the whole
	// object stands for (x-from-array: the bare list an older shape sends where a list object
	// is documented), or "".
	FromArray string
	// AnyOfRequired lists alternative sets of required properties of a struct: a value must
	// have all the properties of at least one set (anyOf/oneOf that only list required
	// properties, as in "email or external_id").
	AnyOfRequired [][]string
	Values        []EnumValue // Enum
	Variants      []*Variant  // Union
	// Discriminator is the property whose constant value tells a union's variants apart, or ""
	// when they are told apart by shape alone.
	Discriminator string
	Elem          *Ref     // Map, Alias
	Params        []*Param // Options: the query parameters, in order
}

// Group is where a type is written: beside the resource it belongs to, so that a resource's
// model, its requests and its options change in one file.
type Group struct {
	// Resource is the service the type belongs to ("Contacts"), or "" for a type several
	// services share.
	Resource string
	File     string // the file it is written to ("models_contacts_gen.go")
}

// Field is a property of a struct.
type Field struct {
	Name     string // Go name
	JSON     string // property name on the wire
	Type     Ref
	Wrap     Wrap
	Required bool
	Nullable bool
	// Aliases are other names the property arrives under (a misspelling a published description
	// used, x-wire-aliases): decoding accepts them, encoding writes JSON.
	Aliases  []string
	Min, Max *float64 // bounds of a number, nil when unbounded
	Const    string   // the only value a single-valued string enum allows
	Format   string   // format of a string ("email", "uri", "uuid"), "" for none
	Fill     bool     // encoding sets an unset field to Const: a request need not spell it out
	// CheckRequired says Validate reports the field when it is unset. Only fields whose unset
	// state is unambiguous are checked: a required false or 0 is a value, not a missing field.
	CheckRequired bool
	Doc           string
	Deprecated    bool
	// FromObject reads an object that arrives in place of the value (x-from-object: the shape a
	// later API version sends where this one sends its parts): each of the object's properties
	// named here is read into the field of the same struct it maps to, this one or a sibling.
	FromObject []ObjectProp
}

// ObjectProp maps a property of an object read in place of a field's value (Field.FromObject)
// to the field of the struct it is read into.
type ObjectProp struct {
	Prop string // the object's property, "category"
	Into *Field // the field of the struct it is read into (ticket_state's, or a sibling's)
}

// Wrap is how a field holds its value, decided by the model so that the emitter only writes.
type Wrap int

const (
	Plain   Wrap = iota // T, omitted when zero if optional
	Pointer             // *T, omitted when nil
	Opt                 // Opt[T]: absent, null or a value
)

// EnumValue is one known value of an enum.
type EnumValue struct {
	Name  string // Go constant name
	Value string
}

// Variant is one alternative of a union.
type Variant struct {
	Name          string // Go field name in the union struct
	Type          Ref
	Wrap          Wrap // how the union holds it, as a request field would: Pointer, Opt or Plain
	Kind          JSONKind
	Discriminator string   // value of the union's discriminating property for this variant
	Required      []string // properties an object variant requires, sorted
	Properties    []string // properties an object variant declares, sorted
	ElemKind      JSONKind // for an array variant, the kind of its elements
}

// JSONKind is the kind of JSON value a variant accepts.
type JSONKind int

const (
	KindObject JSONKind = iota
	KindArray
	KindString
	KindInteger
	KindNumber
	KindBoolean
)

// RefKind tells what a Ref refers to.
type RefKind int

const (
	Named     RefKind = iota // a Type of the model
	String                   // string
	Int                      // int64
	Float                    // float64
	Bool                     // bool
	Timestamp                // unix seconds, the runtime's Timestamp
	Any                      // a free-form JSON value
	Slice                    // []Elem
	MapOf                    // map[string]Elem
	OptOf                    // Opt[Elem]: an element that may be null, kept apart from its zero value
	// Runtime is a type hand-written in the runtime, Name, that the overlay maps a schema onto
	// (x-runtime-type): it encodes itself, decodes itself with the runtime's readSelf, and says
	// whether it is unset with IsZero.
	Runtime
)

// Ref is the Go type of a value.
type Ref struct {
	Kind RefKind
	Name string // Named: the type's name
	Elem *Ref   // Slice, MapOf
}

// String spells r as Go source in the generated package: "[]Contact", "map[string]any",
// "Timestamp", "int64".
func (r Ref) String() string {
	switch r.Kind {
	case Named, Runtime:
		return r.Name
	case String:
		return "string"
	case Int:
		return "int64"
	case Float:
		return "float64"
	case Bool:
		return "bool"
	case Timestamp:
		return "Timestamp"
	case Slice:
		return "[]" + r.Elem.String()
	case MapOf:
		return "map[string]" + r.Elem.String()
	case OptOf:
		return "Opt[" + r.Elem.String() + "]"
	}
	return "any"
}

// IsStructLike reports whether values of r are Go structs that optional fields hold by pointer.
func (r Ref) IsStructLike(types map[string]*Type) bool {
	if r.Kind != Named {
		return false
	}
	t := types[r.Name]
	return t != nil && t.Kind == Struct
}

// Counts summarises the model, for the generator's report and for tests.
type Counts struct {
	Services, Operations                               int
	Types, Structs, Enums, Unions, Maps, Aliases, Opts int
	AnyFields                                          []string // "Type.Field" of every field typed as a free-form value
}

// Count computes the model's counts.
func (a *API) Count() Counts {
	var c Counts
	c.Services = len(a.Services)
	for _, s := range a.Services {
		c.Operations += len(s.Operations)
	}
	for _, t := range a.Types {
		c.Types++
		switch t.Kind {
		case Struct:
			c.Structs++
		case Enum:
			c.Enums++
		case Union:
			c.Unions++
		case Map:
			c.Maps++
		case Alias:
			c.Aliases++
		case Options:
			c.Opts++
		}
	}
	for _, f := range a.FreeForms() {
		c.AnyFields = append(c.AnyFields, f.Name)
	}
	return c
}

// FreeForm is a value the client types as any (or a map or list of any), where the description
// leaves it free-form.
type FreeForm struct {
	Name string // "Type.Field", "Type.Variant", or "Type" for a map or list type of any
	Doc  string // the description's words for the field, or for the type
}

// FreeForms lists the model's free-form values, in the order of its types.
func (a *API) FreeForms() []FreeForm {
	var out []FreeForm
	for _, t := range a.Types {
		for _, f := range t.Fields {
			if hasAny(f.Type) {
				out = append(out, FreeForm{Name: t.Name + "." + f.Name, Doc: f.Doc})
			}
		}
		if t.Elem != nil && hasAny(*t.Elem) {
			out = append(out, FreeForm{Name: t.Name, Doc: t.Doc})
		}
		for _, v := range t.Variants {
			if hasAny(v.Type) {
				out = append(out, FreeForm{Name: t.Name + "." + v.Name, Doc: t.Doc})
			}
		}
	}
	return out
}

func hasAny(r Ref) bool {
	switch r.Kind {
	case Any:
		return true
	case Slice, MapOf, OptOf:
		return hasAny(*r.Elem)
	}
	return false
}

// Origin names a JSON pointer of the description briefly, for docs and reports:
// "schema contact.location", "request body of POST /contacts", "GET /tickets/search".
func Origin(ptr string) string {
	if rest, ok := strings.CutPrefix(ptr, "#/components/schemas/"); ok {
		r := strings.NewReplacer("/properties/", ".", "/items", "[]", "/additionalProperties", "{}", "~1", "/", "~0", "~")
		return "schema " + r.Replace(rest)
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "#/"), "/")
	if len(toks) < 3 || toks[0] != "paths" {
		return ptr
	}
	unescape := strings.NewReplacer("~1", "/", "~0", "~")
	op := strings.ToUpper(toks[2]) + " " + unescape.Replace(toks[1])
	if len(toks) > 3 {
		switch toks[3] {
		case "requestBody":
			return "request body of " + op
		case "responses":
			return "response of " + op
		}
	}
	return op
}

// Shorthand reports whether a JSON string or array may stand for the struct t (FromString,
// FromArray), so that it reads itself rather than only as an object.
func (t *Type) Shorthand() bool { return t.FromString != "" || t.FromArray != "" }
