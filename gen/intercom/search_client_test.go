package intercom_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

// manyFilters returns n filters on a contact's email.
func manyFilters(n int) []intercom.Filter {
	fs := make([]intercom.Filter, n)
	for i := range fs {
		fs[i] = intercom.Field(intercom.ContactFieldEmail).NotEq(string(rune('a'+i)) + "@example.com")
	}
	return fs
}

// TestSearchChecksBeforeSending: a query Intercom would reject is refused by the search method
// with the place in the query, and never sent; its neighbour on the right side of the limit is
// sent as built. Each endpoint is held to its own table of fields and operators.
func TestSearchChecksBeforeSending(t *testing.T) {
	t.Parallel()
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	type search func(*intercomtest.Server, intercom.Filter) (string, error)
	contacts := func(srv *intercomtest.Server, q intercom.Filter) (string, error) {
		return searchWith(t, srv.Client().Contacts, q)
	}
	conversations := func(srv *intercomtest.Server, q intercom.Filter) (string, error) {
		return searchWith(t, srv.Client().Conversations, q)
	}
	tests := []struct {
		name   string
		search search
		query  intercom.Filter
		want   string // "" when the query is sent; SearchRequest stands for the request's type
	}{
		{"15 filters", contacts, intercom.And(manyFilters(15)...), ""},
		{"16 filters", contacts, intercom.And(manyFilters(16)...),
			"intercom: invalid SearchRequest: query holds 16 filters; Intercom takes at most 15 in one AND or OR group"},
		{"depth 2", contacts, intercom.And(intercom.Or(manyFilters(2)...), intercom.Or(manyFilters(3)...)), ""},
		{"depth 3", contacts, intercom.And(intercom.Or(intercom.And(manyFilters(2)...))),
			"intercom: invalid SearchRequest: query.value[0].value[0] nests groups 3 deep; Intercom takes at most 2"},
		{"contacts: date !=", contacts, intercom.Field(intercom.ContactFieldCreatedAt).NotEq(day),
			"intercom: invalid SearchRequest: query.operator != does not apply to created_at, a date field (Unix seconds): it takes =, >, <"},
		{"conversations: date != per its table", conversations, intercom.Field(intercom.ConversationFieldCreatedAt).NotEq(day), ""},
		{"conversations: no >=", conversations, intercom.Field(intercom.ConversationFieldStatisticsCountReopens).Gte(2),
			"intercom: invalid SearchRequest: query.operator >= does not apply to statistics.count_reopens, an integer field: it takes =, !=, IN, NIN, >, <"},
		{"contacts: tag_id takes = and != only", contacts, intercom.Field(intercom.ContactFieldTagID).In("1", "2"),
			"intercom: invalid SearchRequest: query.operator IN does not apply to tag_id, a string field: it takes =, !="},
		{"unknown field", conversations, intercom.And(intercom.Field("state").Eq("open"), intercom.Field("status").Eq("open")),
			`intercom: invalid SearchRequest: query.value[1].field "status" is not a field POST /conversations/search takes (a custom attribute is "custom_attributes.<name>")`},
		{"custom attribute", contacts, intercom.CustomAttribute("plan").StartsWith("pro"), ""},
		{"milliseconds", conversations, intercom.Field(intercom.ConversationFieldUpdatedAt).Gt(day.UnixMilli()),
			"intercom: invalid SearchRequest: query.value is 1714521600000, a date in milliseconds? updated_at takes Unix seconds"},
		{"no query", contacts, intercom.Filter{},
			"intercom: invalid SearchRequest: query is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := intercomtest.NewServer(t)
			reqType, err := tt.search(srv, tt.query)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("search: %v", err)
				}
				if n := len(srv.Requests()); n != 1 {
					t.Fatalf("%d requests, want 1", n)
				}
				return
			}
			// The request's type is the endpoint's own in some versions (ContactSearchRequest),
			// and the error names it.
			want := strings.Replace(tt.want, "SearchRequest", reqType, 1)
			var ve *intercom.ValidationError
			if !errors.As(err, &ve) || err.Error() != want {
				t.Errorf("search: %v\nwant the ValidationError %s", err, want)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent, want none", n)
			}
		})
	}
}

// searchWith calls the Search method of service (client.Contacts) with a request whose query is
// q, whatever the signature of the version the client is generated from: one version takes
// query options before the request (given none here), another a request type of the
// endpoint's own (2.16's ContactSearchRequest); every one's request holds its query as a Filter.
// It returns the name of the request's type, and the method's error.
func searchWith(t *testing.T, service any, q intercom.Filter) (string, error) {
	t.Helper()
	m := reflect.ValueOf(service).MethodByName("Search")
	if !m.IsValid() {
		t.Fatalf("%T has no Search method", service)
	}
	args := []reflect.Value{reflect.ValueOf(t.Context())}
	reqType := ""
	for i := 1; i < m.Type().NumIn()-1; i++ { // between the context and the options
		in := m.Type().In(i)
		arg := reflect.Zero(in)
		if in.Kind() == reflect.Pointer && in.Elem().Kind() == reflect.Struct {
			if f, ok := in.Elem().FieldByName("Query"); ok && f.Type == reflect.TypeFor[intercom.Filter]() {
				arg = reflect.New(in.Elem())
				arg.Elem().FieldByIndex(f.Index).Set(reflect.ValueOf(q))
				reqType = in.Elem().Name()
			}
		}
		args = append(args, arg)
	}
	if reqType == "" {
		t.Fatalf("%T.Search takes no request with a Query", service)
	}
	out := m.Call(args)
	err, _ := out[len(out)-1].Interface().(error)
	return reqType, err
}

// TestUnionsExactlyOne: a request union with no variant set, or two, is refused before sending
// with the union's name and the variants given.
func TestUnionsExactlyOne(t *testing.T) {
	t.Parallel()
	admin := &intercom.AdminReplyConversationRequest{MessageType: "comment", Type: "admin", AdminID: "1", Body: intercom.Some("Hi")}
	contact := &intercom.ContactReplyConversationRequest{ContactReplyUserIDRequest: &intercom.ContactReplyUserIDRequest{
		MessageType: "comment", Type: "user", UserID: "u1", Body: "Hi",
	}}
	tests := []struct {
		name string
		req  *intercom.ReplyConversationRequest
		want string
	}{
		{"none", &intercom.ReplyConversationRequest{},
			"intercom: invalid ReplyConversationRequest: sets no variant; ReplyConversationRequest takes one of ContactReplyConversationRequest, AdminReplyConversationRequest"},
		{"two", &intercom.ReplyConversationRequest{AdminReplyConversationRequest: admin, ContactReplyConversationRequest: contact},
			"intercom: invalid ReplyConversationRequest: sets ContactReplyConversationRequest and AdminReplyConversationRequest; ReplyConversationRequest takes exactly one of them"},
		{"two nested", &intercom.ReplyConversationRequest{ContactReplyConversationRequest: &intercom.ContactReplyConversationRequest{
			ContactReplyUserIDRequest: contact.ContactReplyUserIDRequest,
			ContactReplyEmailRequest:  &intercom.ContactReplyEmailRequest{MessageType: "comment", Type: "user", Email: "a@example.com", Body: "Hi"},
		}}, "intercom: invalid ContactReplyConversationRequest: sets ContactReplyEmailRequest and ContactReplyUserIDRequest; ContactReplyConversationRequest takes exactly one of them"},
		{"one", &intercom.ReplyConversationRequest{AdminReplyConversationRequest: admin}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := intercomtest.NewServer(t)
			_, err := srv.Client().Conversations.Reply(t.Context(), "1", tt.req)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ve *intercom.ValidationError
			if !errors.As(err, &ve) || err.Error() != tt.want {
				t.Errorf("Reply: %v\nwant the ValidationError %s", err, tt.want)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("%d requests sent, want none", n)
			}
		})
	}
}

// TestEventsNeedAUser: GET /events takes one of user_id, intercom_user_id or email, as its
// filter parameter says.
func TestEventsNeedAUser(t *testing.T) {
	t.Parallel()
	srv := intercomtest.NewServer(t)
	client := srv.Client()
	_, err := client.DataEvents.List(t.Context(), &intercom.DataEventsListOptions{Type: "user"})
	const want = "intercom: invalid DataEventsListOptions: needs user_id, or intercom_user_id, or email"
	if err == nil || err.Error() != want {
		t.Errorf("List without a user: %v, want %s", err, want)
	}
	if _, err := client.DataEvents.List(t.Context(), &intercom.DataEventsListOptions{Type: "user", Email: "a@example.com"}); err != nil {
		t.Errorf("List by email: %v", err)
	}
	if n := len(srv.Requests()); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}
