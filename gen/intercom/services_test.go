package intercom

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// oddID is a path parameter that must be escaped: a slash must not start a new path segment.
const oddID = "a/b c"

// oddIDPath is oddID as it must appear in the request path.
const oddIDPath = "a%2Fb%20c"

// wireCase is one operation called through the generated client against a test server.
type wireCase struct {
	name string // "Service.Method ...": the first word names the service and method
	ans  answer
	// call calls the operation and checks the typed result.
	call func(t *testing.T, ctx context.Context, c *Client)

	// What the server must receive.
	method string
	path   string     // escaped, after the base URL
	query  url.Values // nil for no query string at all
	body   string     // JSON, compared decoded; "" for no body
}

func wireCases() []wireCase {
	return []wireCase{
		{
			name:   "Admins.SetAway",
			method: http.MethodPut, path: "/admins/" + oddIDPath + "/away",
			body: `{"away_mode_enabled":true,"away_mode_reassign":false}`,
			ans: answer{body: `{"type":"admin","id":"991267","name":"Ciaran Lee","email":"admin@example.com",
				"away_mode_enabled":true,"away_mode_reassign":false,"has_inbox_seat":true,"team_ids":[814865],
				"team_priority_level":{"primary_team_ids":[814865],"secondary_team_ids":[]}}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				a, err := c.Admins.SetAway(ctx, oddID, &AdminsSetAwayRequest{AwayModeEnabled: true})
				if err != nil {
					t.Fatal(err)
				}
				if a.ID != "991267" || !a.AwayModeEnabled || !a.HasInboxSeat || len(a.TeamIDs) != 1 || a.TeamIDs[0] != 814865 {
					t.Errorf("admin = %+v", a)
				}
				// A nested object some versions of the API declare and others do not: either way
				// it encodes back as it came.
				b, err := json.Marshal(a)
				if err != nil {
					t.Fatal(err)
				}
				assertJSON(t, "team_priority_level", property(t, b, "team_priority_level"), `{"primary_team_ids":[814865],"secondary_team_ids":[]}`)
			},
		},
		{
			name:   "Admins.ListActivityLogs with options",
			method: http.MethodGet, path: "/admins/activity_logs",
			query: url.Values{"created_at_after": {"1677253093"}},
			ans: answer{body: `{"type":"activity_log.list",
				"pages":{"type":"pages","next":{"starting_after":"WzE2NzA5NDg5MDAwMDAsMl0="},"page":1,"per_page":20,"total_pages":3},
				"activity_logs":[{"id":"fa3f8b0c","performed_by":{"type":"admin","id":"991267","email":"admin@example.com","ip":"203.0.113.7"},
					"metadata":{"away_mode":true,"reassign_conversations":false},"created_at":1677253100,
					"activity_type":"admin_away_mode_change","activity_description":"Ciaran changed their away mode."}]}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				l, err := c.Admins.ListActivityLogs(ctx, &AdminsListActivityLogsOptions{CreatedAtAfter: "1677253093"})
				if err != nil {
					t.Fatal(err)
				}
				if l.Pages == nil || l.Pages.TotalPages != 3 || l.Pages.Next == nil || l.Pages.Next.StartingAfter.Or("") != "WzE2NzA5NDg5MDAwMDAsMl0=" {
					t.Errorf("pages = %+v", l.Pages)
				}
				if len(l.ActivityLogs) != 1 {
					t.Fatalf("%d logs", len(l.ActivityLogs))
				}
				a := l.ActivityLogs[0]
				if a.ActivityType != ActivityLogActivityTypeAdminAwayModeChange || a.CreatedAt.Time() != time.Unix(1677253100, 0).UTC() {
					t.Errorf("log = %+v", a)
				}
				if a.PerformedBy == nil || a.PerformedBy.IP != "203.0.113.7" || a.Metadata == nil || !a.Metadata.AwayMode {
					t.Errorf("log details = %+v %+v", a.PerformedBy, a.Metadata)
				}
			},
		},
		{
			name:   "Articles.Update",
			method: http.MethodPut, path: "/articles/" + oddIDPath,
			body: `{"title":"Christmas is here!","state":"published","parent_id":null}`,
			ans: answer{body: `{"type":"article","id":"39","workspace_id":"this_is_an_id","title":"Christmas is here!",
				"body":"<p>New gifts in store.</p>","author_id":991267,"state":"published","created_at":1734537243,"updated_at":1734537300,
				"url":"http://help.example.com/articles/39","parent_ids":[],"statistics":{"type":"article_statistics","views":12,"happy_reaction_percentage":0.75}}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				a, err := callOp[Article](t, ctx, c, "Articles.Update", oddID, jsonBody(`{"title":"Christmas is here!","state":"published","parent_id":null}`))
				if err != nil {
					t.Fatal(err)
				}
				if a.ID != "39" || a.State != ArticleStatePublished || a.AuthorID != 991267 || a.UpdatedAt != 1734537300 {
					t.Errorf("article = %+v", a)
				}
				if a.CreatedAt.Time().Year() != 2024 {
					t.Errorf("created_at = %v", a.CreatedAt)
				}
				if a.Statistics == nil || a.Statistics.Views != 12 || a.Statistics.HappyReactionPercentage != 0.75 {
					t.Errorf("statistics = %+v", a.Statistics)
				}
			},
		},
		{
			name:   "Companies.List with options, POST without body",
			method: http.MethodPost, path: "/companies/list",
			query: url.Values{"page": {"2"}, "per_page": {"5"}},
			ans: answer{body: `{"type":"list","total_count":6,"pages":{"type":"pages","page":2,"per_page":5,"total_pages":2},
				"data":[{"type":"company","id":"531ee472cce572a6ec000006","name":"Blue Sun","company_id":"6","created_at":1394531169,
					"plan":{"type":"plan","id":"269315","name":"Pro"},"monthly_spend":49,"custom_attributes":{"referrer":"ads"},
					"tags":{"type":"tag.list","tags":[{"type":"tag","id":"1","name":"VIP"}]}}]}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				l, err := c.Companies.List(ctx, &CompaniesListOptions{Page: 2, PerPage: 5})
				if err != nil {
					t.Fatal(err)
				}
				if l.TotalCount != 6 || len(l.Data) != 1 || l.Pages == nil || l.Pages.Page != 2 {
					t.Fatalf("list = %+v", l)
				}
				co := l.Data[0]
				if co.Name != "Blue Sun" || co.CreatedAt != 1394531169 || co.MonthlySpend != 49 || string(co.CustomAttributes["referrer"]) != `"ads"` {
					t.Errorf("company = %+v", co)
				}
				if co.Plan == nil || co.Plan.Name != "Pro" || co.Tags == nil || len(co.Tags.Tags) != 1 || co.Tags.Tags[0].Name != "VIP" {
					t.Errorf("plan/tags = %+v %+v", co.Plan, co.Tags)
				}
			},
		},
		{
			name:   "Companies.Find with zero options",
			method: http.MethodGet, path: "/companies",
			ans: answer{body: `{"type":"list","data":[]}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				if _, err := c.Companies.Find(ctx, &CompaniesFindOptions{}); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name:   "Companies.DetachContact with two path parameters",
			method: http.MethodDelete, path: "/contacts/" + oddIDPath + "/companies/c%201",
			ans: answer{body: `{"type":"company","id":"c 1","name":"Blue Sun","user_count":0}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				co, err := c.Companies.DetachContact(ctx, oddID, "c 1")
				if err != nil {
					t.Fatal(err)
				}
				if co.ID != "c 1" || co.Name != "Blue Sun" {
					t.Errorf("company = %+v", co)
				}
			},
		},
		{
			name:   "Contacts.Update",
			method: http.MethodPut, path: "/contacts/" + oddIDPath,
			body: `{"email":"joebloggs@intercom.io","last_seen_at":1700000000,"owner_id":null,"unsubscribed_from_emails":false,"custom_attributes":{"plan":"pro","seats":3}}`,
			ans: answer{body: `{"type":"contact","id":"a/b c","workspace_id":"ecahpwf5","external_id":"70","role":"user",
				"email":"joebloggs@intercom.io","name":"Joe Bloggs","created_at":1699990000,"updated_at":1700000001,"last_seen_at":1700000000,
				"owner_id":null,"unsubscribed_from_emails":false,"custom_attributes":{"plan":"pro","seats":3},
				"location":{"type":"location","country":"Ireland","region":"Dublin","city":"Dublin"},
				"tags":{"data":[{"type":"tag","id":"81","url":"/tags/81"}],"url":"/contacts/a%2Fb%20c/tags","total_count":1,"has_more":false}}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				// owner_id is an integer in some versions, a string in others: the request is
				// written in JSON, and the answer read as a Contact.
				ct, err := callOp[Contact](t, ctx, c, "Contacts.Update", oddID, jsonBody(`{"email":"joebloggs@intercom.io",
					"last_seen_at":1700000000,"owner_id":null,"unsubscribed_from_emails":false,"custom_attributes":{"plan":"pro","seats":3}}`))
				if err != nil {
					t.Fatal(err)
				}
				if ct.ID != oddID || ct.Role != "user" || !reflect.ValueOf(ct.OwnerID).IsZero() || string(ct.CustomAttributes["seats"]) != "3" {
					t.Errorf("contact = %+v", ct)
				}
				if !ct.LastSeenAt.Time().Equal(time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC)) || ct.CreatedAt != 1699990000 {
					t.Errorf("times = %v %v", ct.LastSeenAt, ct.CreatedAt)
				}
				if ct.Location == nil || ct.Location.City != "Dublin" || ct.Tags == nil || ct.Tags.TotalCount != 1 || len(ct.Tags.Data) != 1 {
					t.Errorf("nested = %+v %+v", ct.Location, ct.Tags)
				}
			},
		},
		{
			name:   "Contacts.Search with a union body",
			method: http.MethodPost, path: "/contacts/search",
			body: `{"query":{"operator":"AND","value":[{"field":"email","operator":"~","value":"@example.com"},{"field":"created_at","operator":">","value":1690000000}]},"pagination":{"per_page":5,"starting_after":"abc"}}`,
			ans: answer{body: `{"type":"list","total_count":1,"data":[{"type":"contact","id":"6657add46abd0167d9419cd2","email":"x@example.com","created_at":1690000100}],
				"pages":{"type":"pages","page":1,"per_page":5,"total_pages":1}}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				l, err := callOp[ContactList](t, ctx, c, "Contacts.Search", jsonBody(`{"query":{"operator":"AND","value":[
					{"field":"email","operator":"~","value":"@example.com"},{"field":"created_at","operator":">","value":1690000000}]},
					"pagination":{"per_page":5,"starting_after":"abc"}}`))
				if err != nil {
					t.Fatal(err)
				}
				if l.TotalCount != 1 || len(l.Data) != 1 || l.Data[0].Email != "x@example.com" || l.Data[0].CreatedAt.Time().Unix() != 1690000100 {
					t.Errorf("list = %+v", l)
				}
			},
		},
		{
			name:   "Conversations.Update with path, options and body",
			method: http.MethodPut, path: "/conversations/" + oddIDPath,
			query: url.Values{"display_as": {"plaintext"}},
			body:  `{"read":true}`,
			ans: answer{body: `{"type":"conversation","id":"1295","title":"Refund","created_at":1663597223,"updated_at":1663597260,
				"waiting_since":1663597260,"snoozed_until":null,"open":true,"state":"open","read":true,"priority":"not_priority",
				"admin_assignee_id":null,"team_assignee_id":5017691,
				"source":{"type":"conversation","id":"403918330","delivered_as":"customer_initiated","subject":"","body":"I need a refund",
					"author":{"type":"user","id":"5017690","name":"Joe","email":"joe@example.com"},"attachments":[],"redacted":false},
				"contacts":{"type":"contact.list","contacts":[{"type":"contact","id":"5017690","external_id":"70"}]},
				"statistics":{"type":"conversation_statistics","time_to_assignment":0,"first_contact_reply_at":1663597233,"count_reopens":1},
				"conversation_parts":{"type":"conversation_part.list","total_count":1,"conversation_parts":[
					{"type":"conversation_part","id":"99","part_type":"comment","body":"<p>Okay!</p>","created_at":1663597260,"updated_at":1663597260,
					 "author":{"type":"admin","id":"991267","name":"Ciaran","email":"admin@example.com"},"redacted":false}]}}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				cv, err := c.Conversations.Update(ctx, oddID, &ConversationsUpdateOptions{DisplayAs: "plaintext"}, &UpdateConversationRequest{Read: Some(true)})
				if err != nil {
					t.Fatal(err)
				}
				if cv.ID != "1295" || cv.State != ConversationStateOpen || !cv.Read || cv.TeamAssigneeID != 5017691 || cv.SnoozedUntil != 0 {
					t.Errorf("conversation = %+v", cv)
				}
				if cv.CreatedAt.Time() != time.Unix(1663597223, 0).UTC() {
					t.Errorf("created_at = %v", cv.CreatedAt)
				}
				if cv.Source == nil || string(cv.Source.Type) != "conversation" || cv.Source.Author == nil || cv.Source.Author.Email != "joe@example.com" {
					t.Errorf("source = %+v", cv.Source)
				}
				if cv.Contacts == nil || len(cv.Contacts.Contacts) != 1 || cv.Contacts.Contacts[0].ExternalID != "70" {
					t.Errorf("contacts = %+v", cv.Contacts)
				}
				if cv.Statistics == nil || cv.Statistics.FirstContactReplyAt != 1663597233 || cv.Statistics.CountReopens != 1 {
					t.Errorf("statistics = %+v", cv.Statistics)
				}
				if p := cv.ConversationParts; p == nil || len(p.ConversationParts) != 1 || p.ConversationParts[0].Author.Name != "Ciaran" {
					t.Errorf("parts = %+v", p)
				}
			},
		},
		{
			name:   "Conversations.Manage",
			method: http.MethodPost, path: "/conversations/" + oddIDPath + "/parts",
			body: `{"message_type":"close","type":"admin","admin_id":"12345","body":"Goodbye :)"}`,
			ans:  answer{body: `{"type":"conversation","id":"1295","state":"closed","open":false,"updated_at":1663597300}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				cv, err := c.Conversations.Manage(ctx, oddID, &ConversationsManageRequest{CloseConversationRequest: &CloseConversationRequest{
					MessageType: "close", Type: "admin", AdminID: "12345", Body: Some("Goodbye :)"),
				}})
				if err != nil {
					t.Fatal(err)
				}
				if cv.State != ConversationStateClosed || cv.Open || cv.UpdatedAt != 1663597300 {
					t.Errorf("conversation = %+v", cv)
				}
			},
		},
		{
			name:   "DataAttributes.Update with an integer path parameter",
			method: http.MethodPut, path: "/data_attributes/42",
			body: `{"archived":false,"description":"Their plan","options":[{"value":"free"},{"value":"pro"}]}`,
			ans: answer{body: `{"type":"data_attribute","id":42,"model":"contact","name":"plan","full_name":"custom_attributes.plan",
				"label":"Plan","description":"Their plan","data_type":"string","options":["free","pro"],"api_writable":true,
				"custom":true,"archived":false,"created_at":1671028894,"updated_at":1671028999,"admin_id":"991267"}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				a, err := callOp[DataAttribute](t, ctx, c, "DataAttributes.Update", 42,
					jsonBody(`{"archived":false,"description":"Their plan","options":[{"value":"free"},{"value":"pro"}]}`))
				if err != nil {
					t.Fatal(err)
				}
				if a.ID != 42 || a.Model != DataAttributeModelContact || a.DataType != DataAttributeDataTypeString || !a.Custom || !reflect.DeepEqual(a.Options, []string{"free", "pro"}) {
					t.Errorf("attribute = %+v", a)
				}
				if a.UpdatedAt.Time().Unix() != 1671028999 {
					t.Errorf("updated_at = %v", a.UpdatedAt)
				}
			},
		},
		{
			name:   "DataAttributes.List with options",
			method: http.MethodGet, path: "/data_attributes",
			query: url.Values{"model": {"company"}, "include_archived": {"true"}},
			ans:   answer{body: `{"type":"list","data":[{"type":"data_attribute","id":7,"model":"company","name":"size","data_type":"integer","archived":true}]}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				l, err := c.DataAttributes.List(ctx, &DataAttributesListOptions{Model: DataAttributesListOptionsModelCompany, IncludeArchived: true})
				if err != nil {
					t.Fatal(err)
				}
				if len(l.Data) != 1 || l.Data[0].DataType != DataAttributeDataTypeInteger || !l.Data[0].Archived {
					t.Errorf("list = %+v", l)
				}
			},
		},
		{
			name:   "DataEvents.Create answering 202 without a body",
			method: http.MethodPost, path: "/events",
			body: `{"event_name":"invited-friend","created_at":1671028894,"user_id":"314159","metadata":{"invitee_email":"pi@example.org"}}`,
			ans:  answer{status: http.StatusAccepted},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				err := c.DataEvents.Create(ctx, &CreateDataEventRequest{
					EventName: Some("invited-friend"),
					CreatedAt: Some(Timestamp(1671028894)),
					UserID:    Some("314159"),
					Metadata:  EventMetadata{"invitee_email": json.RawMessage(`"pi@example.org"`)},
				})
				if err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name:   "DataEvents.List with options",
			method: http.MethodGet, path: "/events",
			query: url.Values{"type": {"user"}, "intercom_user_id": {"63a0979a5eeebeaf28dd56ba"}, "summary": {"true"}},
			ans: answer{body: `{"type":"event.summary","intercom_user_id":"63a0979a5eeebeaf28dd56ba",
				"events":[{"name":"invited-friend","first":"2022-12-14T14:41:34.000Z","last":"2022-12-15T14:41:34.000Z","count":2}]}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				u, err := c.DataEvents.List(ctx, &DataEventsListOptions{Type: "user", IntercomUserID: "63a0979a5eeebeaf28dd56ba", Summary: true})
				if err != nil {
					t.Fatal(err)
				}
				s := u.DataEventSummary
				if s == nil || u.DataEventList != nil {
					t.Fatalf("answer = %+v, want the summary", u)
				}
				if s.IntercomUserID != "63a0979a5eeebeaf28dd56ba" || len(s.Events) != 1 || s.Events[0].Count != 2 || s.Events[0].Name != "invited-friend" {
					t.Errorf("summary = %+v", s)
				}
			},
		},
		{
			name:   "DataExport.Cancel",
			method: http.MethodPost, path: "/export/cancel/" + oddIDPath,
			ans: answer{body: `{"job_identifier":"a/b c","status":"canceled","download_expires_at":"","download_url":""}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				e, err := c.DataExport.Cancel(ctx, oddID)
				if err != nil {
					t.Fatal(err)
				}
				if e.JobIdentifier != oddID || e.Status != DataExportStatusCanceled {
					t.Errorf("export = %+v", e)
				}
			},
		},
		{
			name:   "HelpCenter.UpdateCollection",
			method: http.MethodPut, path: "/help_center/collections/" + oddIDPath,
			body: `{"name":"Billing","description":"Plans and invoices"}`,
			ans: answer{body: `{"type":"collection","id":"30","workspace_id":"this_is_an_id","name":"Billing","description":"Plans and invoices",
				"created_at":1672928359,"updated_at":1672928610,"url":"http://help.example.com/billing","icon":"bookmark","order":1,"help_center_id":18}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				col, err := c.HelpCenter.UpdateCollection(ctx, oddID, &UpdateCollectionRequest{Name: Some("Billing"), Description: Some("Plans and invoices")})
				if err != nil {
					t.Fatal(err)
				}
				if col.Name != "Billing" || col.Description != "Plans and invoices" || col.Order != 1 || col.CreatedAt != 1672928359 {
					t.Errorf("collection = %+v", col)
				}
			},
		},
		{
			name:   "Messages.Create",
			method: http.MethodPost, path: "/messages",
			body: `{"message_type":"email","subject":"Thanks for everything","body":"Hello there","template":"plain",
				"from":{"type":"admin","id":"394051"},"to":{"type":"user","id":"536e564f316c83104c000020"}}`,
			ans: answer{body: `{"type":"user_message","id":"403918396","created_at":1667560812,"subject":"Thanks for everything",
				"body":"Hello there","message_type":"email","conversation_id":"536e564f316c83104c000020"}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				m, err := callOp[Message](t, ctx, c, "Messages.Create", jsonBody(`{"message_type":"email","subject":"Thanks for everything",
					"body":"Hello there","template":"plain","from":{"type":"admin","id":"394051"},"to":{"type":"user","id":"536e564f316c83104c000020"}}`))
				if err != nil {
					t.Fatal(err)
				}
				if m.ID != "403918396" || m.MessageType != MessageMessageTypeEmail || m.CreatedAt.Time().Unix() != 1667560812 || m.ConversationID == "" {
					t.Errorf("message = %+v", m)
				}
			},
		},
		{
			name:   "News.GetItem",
			method: http.MethodGet, path: "/news/news_items/" + oddIDPath,
			ans: answer{body: `{"type":"news-item","id":"29","workspace_id":"this_is_an_id","title":"We have news","body":"<p>Hello</p>","sender_id":991267,
				"state":"live","newsfeed_assignments":[{"newsfeed_id":53,"published_at":1664638214}],"labels":["New"],"created_at":1664638214}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				n, err := c.News.GetItem(ctx, oddID)
				if err != nil {
					t.Fatal(err)
				}
				if n.ID != "29" || n.State != NewsItemStateLive || n.SenderID != 991267 || n.CreatedAt != 1664638214 || len(n.NewsfeedAssignments) != 1 {
					t.Fatalf("news item = %+v", n)
				}
				// Optional (Opt) in some versions of the API, plain in others: compared as printed.
				if a := n.NewsfeedAssignments[0]; fmt.Sprint(a.NewsfeedID) != "53" || fmt.Sprint(a.PublishedAt) != fmt.Sprint(Timestamp(1664638214)) {
					t.Errorf("assignment = %+v", a)
				}
			},
		},
		{
			name:   "Notes.Create",
			method: http.MethodPost, path: "/contacts/" + oddIDPath + "/notes",
			body: `{"body":"Hello","admin_id":"123"}`,
			ans: answer{body: `{"type":"note","id":"34","created_at":1720785300,"contact":{"type":"contact","id":"a/b c"},
				"author":{"type":"admin","id":"123","name":"Ciaran","email":"admin@example.com","away_mode_enabled":false},"body":"<p>Hello</p>"}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				n, err := c.Notes.Create(ctx, oddID, &NotesCreateRequest{Body: "Hello", AdminID: Some("123")})
				if err != nil {
					t.Fatal(err)
				}
				if n.ID != "34" || n.Body != "<p>Hello</p>" || n.CreatedAt.Time().Unix() != 1720785300 {
					t.Errorf("note = %+v", n)
				}
				if n.Contact == nil || n.Contact.ID != oddID || n.Author == nil || n.Author.Email != "admin@example.com" {
					t.Errorf("note contact/author = %+v %+v", n.Contact, n.Author)
				}
			},
		},
		{
			name:   "Segments.List with options",
			method: http.MethodGet, path: "/segments",
			query: url.Values{"include_count": {"true"}},
			ans:   answer{body: `{"type":"segment.list","segments":[{"type":"segment","id":"56203d253cba154d39010062","name":"Active","created_at":1394621988,"updated_at":1394622004,"person_type":"user","count":3}]}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				l, err := c.Segments.List(ctx, &SegmentsListOptions{IncludeCount: true})
				if err != nil {
					t.Fatal(err)
				}
				if len(l.Segments) != 1 || l.Segments[0].Count != 3 || l.Segments[0].PersonType != SegmentPersonTypeUser {
					t.Errorf("segments = %+v", l)
				}
			},
		},
		{
			name:   "SubscriptionTypes.DetachFromContact",
			method: http.MethodDelete, path: "/contacts/" + oddIDPath + "/subscriptions/37846",
			ans: answer{body: `{"type":"subscription","id":"37846","state":"live","consent_type":"opt_in","content_types":["email"],
				"default_translation":{"name":"Newsletters","description":"Lots of news","locale":"en"},
				"translations":[{"name":"Newsletters","description":"Lots of news","locale":"en"}]}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				s, err := c.SubscriptionTypes.DetachFromContact(ctx, oddID, "37846")
				if err != nil {
					t.Fatal(err)
				}
				if s.ID != "37846" || s.State != SubscriptionTypeStateLive || s.ConsentType != SubscriptionTypeConsentTypeOptIn || len(s.ContentTypes) != 1 {
					t.Errorf("subscription = %+v", s)
				}
				if s.DefaultTranslation == nil || s.DefaultTranslation.Name != "Newsletters" || s.DefaultTranslation.Locale != "en" {
					t.Errorf("translation = %+v", s.DefaultTranslation)
				}
			},
		},
		{
			name:   "Switch.Create",
			method: http.MethodPost, path: "/phone_call_redirects",
			body: `{"phone":"+353832345678","custom_attributes":{"issue_type":"Billing"}}`,
			ans:  answer{body: `{"type":"phone_call_redirect","phone":"+353832345678"}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				s, err := c.Switch.Create(ctx, &CreatePhoneSwitchRequest{Phone: "+353832345678", CustomAttributes: CustomAttributes{"issue_type": json.RawMessage(`"Billing"`)}})
				if err != nil {
					t.Fatal(err)
				}
				if s.Phone != "+353832345678" || s.Type != "phone_call_redirect" {
					t.Errorf("switch = %+v", s)
				}
			},
		},
		{
			name:   "Tags.DetachFromConversation, DELETE with a body",
			method: http.MethodDelete, path: "/conversations/" + oddIDPath + "/tags/7522907",
			body: `{"admin_id":"780"}`,
			ans:  answer{body: `{"type":"tag","id":"7522907","name":"Manual tag","applied_at":1663597223,"applied_by":{"type":"admin","id":"780"}}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				tg, err := c.Tags.DetachFromConversation(ctx, oddID, "7522907", &TagsDetachFromConversationRequest{AdminID: "780"})
				if err != nil {
					t.Fatal(err)
				}
				if tg.Name != "Manual tag" || tg.AppliedAt.Time().Unix() != 1663597223 || tg.AppliedBy == nil || tg.AppliedBy.ID != "780" {
					t.Errorf("tag = %+v", tg)
				}
			},
		},
		{
			name:   "Tags.Delete without a result",
			method: http.MethodDelete, path: "/tags/" + oddIDPath,
			ans: answer{status: http.StatusOK},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				if err := c.Tags.Delete(ctx, oddID); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name:   "Teams.Get",
			method: http.MethodGet, path: "/teams/" + oddIDPath,
			ans: answer{body: `{"type":"team","id":"814865","name":"Example Team","admin_ids":[493881],"admin_priority_level":{"primary_admin_ids":[493881],"secondary_admin_ids":[814860]}}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				tm, err := c.Teams.Get(ctx, oddID)
				if err != nil {
					t.Fatal(err)
				}
				if tm.Name != "Example Team" || !reflect.DeepEqual(tm.AdminIDs, []int64{493881}) {
					t.Errorf("team = %+v", tm)
				}
				// A nested object some versions of the API declare and others do not: either way
				// it encodes back as it came.
				b, err := json.Marshal(tm)
				if err != nil {
					t.Fatal(err)
				}
				assertJSON(t, "admin_priority_level", property(t, b, "admin_priority_level"), `{"primary_admin_ids":[493881],"secondary_admin_ids":[814860]}`)
			},
		},
		{
			name:   "Visitors.Get with an escaped query value",
			method: http.MethodGet, path: "/visitors",
			query: url.Values{"user_id": {"a/b c&d=e"}},
			ans: answer{body: `{"type":"visitor","id":"530370b477ad7120001d","user_id":"a/b c&d=e","anonymous":true,"created_at":1392832511,
				"location_data":{"type":"location_data","city_name":"Dublin","country_code":"IRL","timezone":"Europe/Dublin"},
				"tags":{"type":"tag.list","tags":[{"type":"tag","id":"8","name":"lead"}]}}`},
			call: func(t *testing.T, ctx context.Context, c *Client) {
				v, err := c.Visitors.Get(ctx, &VisitorsGetOptions{UserID: "a/b c&d=e"})
				if err != nil {
					t.Fatal(err)
				}
				if v.UserID != "a/b c&d=e" || !v.Anonymous || v.CreatedAt != 1392832511 {
					t.Errorf("visitor = %+v", v)
				}
				if v.LocationData == nil || v.LocationData.Timezone != "Europe/Dublin" || v.Tags == nil || v.Tags.Tags[0].Name != "lead" {
					t.Errorf("nested = %+v %+v", v.LocationData, v.Tags)
				}
			},
		},
	}
}

func TestOperationsOnTheWire(t *testing.T) {
	t.Parallel()
	for _, tc := range wireCases() {
		t.Run(tc.name, func(t *testing.T) {
			srv := newTestServer(t, tc.ans)
			tc.call(t, t.Context(), srv.client(t))
			r := srv.only(t)

			if r.Method != tc.method {
				t.Errorf("method = %s, want %s", r.Method, tc.method)
			}
			if r.Path != tc.path {
				t.Errorf("path = %s, want %s", r.Path, tc.path)
			}
			if tc.query == nil {
				if r.Query != "" || strings.Contains(r.URI, "?") {
					t.Errorf("query = %q, want none", r.Query)
				}
			} else {
				got, err := url.ParseQuery(r.Query)
				if err != nil {
					t.Fatalf("query %q: %v", r.Query, err)
				}
				if !reflect.DeepEqual(got, tc.query) {
					t.Errorf("query = %v (%q), want %v", got, r.Query, tc.query)
				}
			}

			h := r.Header
			if got := h.Get("Authorization"); got != "Bearer "+testToken {
				t.Errorf("Authorization = %q", got)
			}
			if got := h.Get("Intercom-Version"); got != APIVersion {
				t.Errorf("Intercom-Version = %q", got)
			}
			if got := h.Get("Accept"); got != "application/json" {
				t.Errorf("Accept = %q", got)
			}
			if got := h.Get("User-Agent"); got != defaultUserAgent {
				t.Errorf("User-Agent = %q", got)
			}
			if tc.body == "" {
				if len(r.Body) != 0 {
					t.Errorf("body = %s, want none", r.Body)
				}
				if got, ok := h["Content-Type"]; ok {
					t.Errorf("Content-Type %q without a body", got)
				}
			} else {
				if got := h.Get("Content-Type"); got != "application/json" {
					t.Errorf("Content-Type = %q", got)
				}
				assertJSON(t, "body", r.Body, tc.body)
			}
		})
	}
}

// everyVersionServices are the services of the Client in every version of the API (2.7 to
// the Preview): the wire table has an operation of each. That every operation of every
// service, in whichever version, goes on the wire as its route says is intercomtest's
// TestClientEveryOperation, from the generated route table.
var everyVersionServices = []string{
	"Admins", "Articles", "Companies", "Contacts", "Conversations", "DataAttributes", "DataEvents", "DataExport", "HelpCenter",
	"Messages", "News", "Notes", "Segments", "SubscriptionTypes", "Switch", "Tags", "Teams", "Visitors",
}

// The wire table covers every service every version has, and names only services and methods
// of the Client.
func TestWireTableCoversEveryService(t *testing.T) {
	t.Parallel()
	covered := map[string]bool{}
	ct := reflect.TypeFor[Client]()
	for _, tc := range wireCases() {
		op, _, _ := strings.Cut(tc.name, " ")
		service, method, _ := strings.Cut(strings.TrimSuffix(op, ","), ".")
		covered[service] = true
		if f, ok := ct.FieldByName(service); !ok || f.Type.Kind() != reflect.Pointer {
			t.Errorf("%s: the Client has no service %s", tc.name, service)
		} else if _, ok := f.Type.MethodByName(method); !ok {
			t.Errorf("%s: the service %s has no method %s", tc.name, service, method)
		}
	}
	for _, service := range everyVersionServices {
		if !covered[service] {
			t.Errorf("service %s has no operation in wireCases", service)
		}
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{
		status: http.StatusNotFound,
		body:   `{"type":"error.list","request_id":"0060p4gqm3i4v4bkbg6g","errors":[{"code":"not_found","message":"Company Not Found"}]}`,
		header: map[string]string{"X-Request-Id": "0060p4gqm3i4v4bkbg6g"},
	})
	co, err := srv.client(t).Companies.Get(t.Context(), oddID)
	if co != nil {
		t.Errorf("result = %+v, want nil", co)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v (%T), want *APIError", err, err)
	}
	assertNoToken(t, err)
	if apiErr.StatusCode != http.StatusNotFound || len(apiErr.Errors) != 1 || apiErr.Errors[0].Code != "not_found" || apiErr.RequestID != "0060p4gqm3i4v4bkbg6g" {
		t.Errorf("apiErr = %+v", apiErr)
	}
	if apiErr.Method != http.MethodGet || apiErr.Path != "/companies/"+oddIDPath {
		t.Errorf("request = %s %s", apiErr.Method, apiErr.Path)
	}
	if want := "intercom: GET /companies/a%2Fb%20c: 404 Not Found: not_found (Company Not Found) (request id 0060p4gqm3i4v4bkbg6g)"; err.Error() != want {
		t.Errorf("Error() = %s\nwant      %s", err, want)
	}
	if r := srv.only(t); r.Path != "/companies/"+oddIDPath {
		t.Errorf("path = %s", r.Path)
	}
}

// The runtime refuses to send a call whose required body is nil.
func TestRequiredBodyMissing(t *testing.T) {
	srv := newTestServer(t, answer{body: `{}`})
	c := srv.client(t)
	var out Tag
	var req *TagsCreateRequest // a typed nil, as a generated method passes it on
	err := c.core.do(context.Background(), &call{method: http.MethodPost, path: "/tags", body: req, bodyRequired: true, out: &out, status: 200}, nil)
	if err == nil || err.Error() != "intercom: POST /tags: the request body is required" {
		t.Errorf("err = %v", err)
	}
	assertNoToken(t, err)
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// An optional body given as nil is left out: no body, no Content-Type.
func TestOptionalBodyNil(t *testing.T) {
	srv := newTestServer(t, answer{body: `{"type":"conversation","id":"7"}`})
	if _, err := srv.client(t).Conversations.Update(context.Background(), "7", nil, nil); err != nil {
		t.Fatal(err)
	}
	r := srv.only(t)
	if len(r.Body) != 0 || r.Header.Get("Content-Type") != "" || r.Query != "" {
		t.Errorf("request = %+v", r)
	}
}

// An empty path parameter would silently change the operation (GET /companies/{id} into GET
// /companies/), and a dot segment would be resolved away: the client refuses both.
func TestBadPathParameters(t *testing.T) {
	t.Parallel()
	srv := newTestServer(t, answer{body: `{}`})
	c := srv.client(t)
	ctx := t.Context()
	for _, id := range []string{"", ".", ".."} {
		if _, err := c.Companies.Get(ctx, id); err == nil {
			t.Errorf("Companies.Get(%q): no error", id)
		} else {
			assertNoToken(t, err)
		}
		if _, err := c.Companies.DetachContact(ctx, "abc", id); err == nil {
			t.Errorf("Companies.DetachContact(abc, %q): no error", id)
		}
	}
	if n := len(srv.requests()); n != 0 {
		t.Errorf("%d requests sent", n)
	}
	// Dots inside an id are fine.
	if _, err := c.Companies.Get(ctx, "..x"); err != nil {
		t.Fatal(err)
	}
	if r := srv.only(t); r.Path != "/companies/..x" {
		t.Errorf("path = %s", r.Path)
	}
}

// A success answer with an empty body decodes to the zero value.
// TestEmptySuccessBody: an operation that documents a JSON result fails with a *DecodeError
// wrapping ErrNoResult when the body is empty, whitespace or null; a 204 is no result to decode.
func TestEmptySuccessBody(t *testing.T) {
	t.Parallel()
	for _, body := range []string{"", " \n\t", "null", " null "} {
		srv := newTestServer(t, answer{status: http.StatusOK, body: body})
		a, err := srv.client(t).Admins.Get(t.Context(), "1")
		var de *DecodeError
		if !errors.As(err, &de) || !errors.Is(err, ErrNoResult) || de.Status != http.StatusOK || a != nil {
			t.Errorf("body %q: Admins.Get = %+v, %v", body, a, err)
		}
	}
	srv := newTestServer(t, answer{status: http.StatusNoContent})
	if a, err := srv.client(t).Admins.Get(t.Context(), "1"); err != nil || a == nil {
		t.Errorf("204: Admins.Get = %+v, %v", a, err)
	}
}
