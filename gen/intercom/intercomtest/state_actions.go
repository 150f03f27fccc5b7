package intercomtest

import "sync"

// The operations of the stateful fake that are not CRUD, as data: what each does to which
// records, and where in the request it finds them. CRUD operations come from the model
// (resourceRoutes in resources_gen.go: derived from methods and paths, and the overlay's
// x-resource); the rest of what the fake does is here, one entry an operation, and nowhere else.
//
// Where a value comes from is written as "path.NAME" (a path parameter) or "body.A.B" (a
// property of the request body, through objects). In set, a string value "$A.B" is copied from
// the body's property A.B (left out when the body has none); any other value is set as it is;
// a key "A.B" sets the property B of the object A. In answer, a string value "@A" is copied
// from the record's property A.
var actions = []action{
	// Contacts and companies, listed both ways.
	{route: "POST /contacts/{id}/companies", do: doAttach, kind: "contacts", subject: "path.id", other: "companies", object: "body.id"},
	{route: "DELETE /contacts/{contact_id}/companies/{id}", do: doDetach, kind: "contacts", subject: "path.contact_id", other: "companies", object: "path.id"},
	{route: "GET /contacts/{id}/companies", do: doRelated, kind: "contacts", subject: "path.id", other: "companies"},
	{route: "GET /companies/{id}/contacts", do: doRelated, kind: "companies", subject: "path.id", other: "contacts"},

	// Tags on contacts and conversations, one at a time; on companies and contacts, by name,
	// many at a time (an item with "untag": true removes the tag).
	{route: "POST /contacts/{contact_id}/tags", do: doAttach, kind: "contacts", subject: "path.contact_id", other: "tags", object: "body.id"},
	{route: "DELETE /contacts/{contact_id}/tags/{id}", do: doDetach, kind: "contacts", subject: "path.contact_id", other: "tags", object: "path.id"},
	{route: "GET /contacts/{contact_id}/tags", do: doRelated, kind: "contacts", subject: "path.contact_id", other: "tags"},
	{route: "POST /conversations/{conversation_id}/tags", do: doAttach, kind: "conversations", subject: "path.conversation_id", other: "tags", object: "body.id"},
	{route: "DELETE /conversations/{conversation_id}/tags/{id}", do: doDetach, kind: "conversations", subject: "path.conversation_id", other: "tags", object: "path.id"},
	{route: "POST /tags", do: doTag, kind: "tags", key: "name", lists: map[string]string{"companies": "companies", "users": "contacts"}, untag: "untag"},

	// A conversation a contact starts: stored, open, its source the message, the contact linked;
	// the answer is the message, naming the conversation.
	{route: "POST /conversations", do: doCreate, kind: "conversations", other: "contacts", object: "body.from.id",
		set: map[string]any{"state": "open", "open": true, "source.type": "conversation", "source.body": "$body",
			"source.subject": "$subject", "source.author.id": "$from.id", "source.author.type": "$from.type"},
		answer: map[string]any{"conversation_id": "@id", "created_at": "@created_at", "body": "$body", "subject": "$subject"}},

	// Contacts on conversations.
	{route: "POST /conversations/{id}/customers", do: doAttach, kind: "conversations", subject: "path.id", other: "contacts", object: "body.customer.intercom_user_id"},
	{route: "DELETE /conversations/{conversation_id}/customers/{contact_id}", do: doDetach, kind: "conversations", subject: "path.conversation_id", other: "contacts", object: "path.contact_id"},

	// Archiving contacts.
	{route: "POST /contacts/{id}/archive", do: doSet, kind: "contacts", subject: "path.id", set: map[string]any{"archived": true}},
	{route: "POST /contacts/{id}/unarchive", do: doSet, kind: "contacts", subject: "path.id", set: map[string]any{"archived": false}},

	// A note on a ticket appends a part, which is the answer.
	{route: "POST /tickets/{id}/reply", do: doSet, kind: "tickets", subject: "path.id", part: &partRule{
		list:  []string{"ticket_parts", "ticket_parts"},
		count: []string{"ticket_parts", "total_count"},
		set:   map[string]any{"part_type": "note", "body": "$body", "author.type": "admin", "author.id": "$admin_id"},
	}},

	// Merging a lead into a user: the lead's relations move to the user, the lead goes.
	{route: "POST /contacts/merge", do: doMerge, kind: "contacts", subject: "body.into", object: "body.from"},

	// Conversations: a reply appends a part; managing one appends a part and changes its state
	// or assignee, by the request's message_type.
	{route: "POST /conversations/{id}/reply", do: doSet, kind: "conversations", subject: "path.id", part: conversationPart},
	{route: "POST /conversations/{id}/parts", do: doSet, kind: "conversations", subject: "path.id", part: conversationPart,
		key: "message_type", cases: map[string]map[string]any{
			"close":      {"state": "closed", "open": false},
			"snoozed":    {"state": "snoozed", "open": true, "snoozed_until": "$snoozed_until"},
			"open":       {"state": "open", "open": true, "snoozed_until": nil},
			"assignment": {"admin_assignee_id": "$assignee_id"},
		}},
}

// conversationPart is the part a reply or a change appends to a conversation.
var conversationPart = &partRule{
	list:  []string{"conversation_parts", "conversation_parts"},
	count: []string{"conversation_parts", "total_count"},
	set: map[string]any{
		"part_type":   "$message_type",
		"body":        "$body",
		"author.type": "$type",
		"author.id":   "$admin_id",
	},
}

// actionKind is what an action does.
type actionKind int

const (
	doAttach  actionKind = iota + 1 // link subject to object; answer the subject if the answer is of its type, else the object
	doDetach                        // unlink them, answer the same
	doRelated                       // list the records of other linked to subject
	doSet                           // set properties of subject, maybe append a part; answer the subject, or the part if the answer is not of the subject's type
	doMerge                         // merge object into subject, answer subject
	doTag                           // create or update a record by key, then link the records the lists name
	doCreate                        // create a record as set says, link it to object, answer as answer says
)

// action is one operation of the table.
type action struct {
	route   string
	do      actionKind
	kind    string // the resource the operation is about
	subject string // where the id of the record of kind is
	other   string // the resource of the related records
	object  string // where the id of the related record is

	set   map[string]any            // doSet: properties to set
	key   string                    // doSet: the body property choosing a case; doTag: the identifying property
	cases map[string]map[string]any // doSet: properties to set, by the value of key
	part  *partRule                 // doSet: the part to append

	lists map[string]string // doTag: body lists of records to link, to their resource
	untag string            // doTag: the item property that unlinks instead

	answer map[string]any // doCreate: properties of the answer, over the synthesized one
}

// partRule says where a resource keeps its parts and what a new one holds.
type partRule struct {
	list, count []string
	set         map[string]any
}

// actionIndex returns the actions by the shape of their route (see shapeOf): the table names
// a route and its path parameters its own way, which a version of the API may not.
var actionIndex = sync.OnceValue(func() map[string]*action {
	m := make(map[string]*action, len(actions))
	for i := range actions {
		m[shapeOf(actions[i].route)] = &actions[i]
	}
	return m
})
