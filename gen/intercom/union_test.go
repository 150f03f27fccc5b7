package intercom

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestKindOf(t *testing.T) {
	tests := []struct {
		in   string
		want jsonKind
	}{
		{`{"a":1}`, jsonObject},
		{`[1,2]`, jsonArray},
		{`"s"`, jsonString},
		{`true`, jsonBool},
		{`false`, jsonBool},
		{`null`, jsonNull},
		{`0`, jsonNumber},
		{`42`, jsonNumber},
		{`-1.5`, jsonNumber},
		{" \t\r\n{}", jsonObject},
		{"\n  [ ]", jsonArray},
		{"  \"x\"", jsonString},
		{"\t-3", jsonNumber},
		{"\r\nnull", jsonNull},
		{" true", jsonBool},
		{``, jsonInvalid},
		{`   `, jsonInvalid},
		{`x`, jsonInvalid},
		{`+1`, jsonInvalid},
		{`}`, jsonInvalid},
	}
	for _, tt := range tests {
		if got := kindOf([]byte(tt.in)); got != tt.want {
			t.Errorf("kindOf(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestIsInteger(t *testing.T) {
	for in, want := range map[string]bool{
		`42`: true, `-7`: true, `0`: true, ` 12 `: true, `123456789012345`: true,
		`1.0`: false, `1.5`: false, `1e3`: false, `1E3`: false, `-2.5e-3`: false,
	} {
		if got := isInteger([]byte(in)); got != want {
			t.Errorf("isInteger(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestObjectKeysHasAllHasAny(t *testing.T) {
	keys := objectKeys([]byte(`{"user_id":"1","email":"a@b.c","name":null,"custom":{"x":1}}`), false)
	if want := []string{"custom", "email", "name", "user_id"}; !slices.Equal(keys, want) {
		t.Fatalf("objectKeys = %v, want %v", keys, want)
	}
	for _, in := range []string{`[1]`, `"s"`, `null`, `not json`} {
		if got := objectKeys([]byte(in), false); len(got) != 0 {
			t.Errorf("objectKeys(%s) = %v, want none", in, got)
		}
	}
	if got := objectKeys([]byte(`{}`), false); got == nil || len(got) != 0 {
		t.Errorf("objectKeys({}) = %#v, want an empty list", got)
	}

	tests := []struct {
		names       []string
		all, anyOne bool
	}{
		{[]string{"email"}, true, true},
		{[]string{"email", "user_id"}, true, true},
		{[]string{"user_id", "email", "name", "custom"}, true, true},
		{[]string{"email", "phone"}, false, true},
		{[]string{"phone"}, false, false},
		{[]string{"phone", "intercom_user_id"}, false, false},
		{nil, true, false},
	}
	for _, tt := range tests {
		if got := hasAll(keys, tt.names); got != tt.all {
			t.Errorf("hasAll(%v) = %v, want %v", tt.names, got, tt.all)
		}
		if got := hasAny(keys, tt.names); got != tt.anyOne {
			t.Errorf("hasAny(%v) = %v, want %v", tt.names, got, tt.anyOne)
		}
	}
	if hasAll(nil, []string{"a"}) || hasAny(nil, []string{"a"}) {
		t.Error("no keys: hasAll or hasAny is true")
	}
}

func TestStringProperty(t *testing.T) {
	obj := []byte(`{"type":"conversation_part","id":12,"name":null,"nested":{"type":"inner"}}`)
	tests := []struct {
		data []byte
		name string
		want string
	}{
		{obj, "type", "conversation_part"},
		{obj, "id", ""},     // not a string
		{obj, "name", ""},   // null
		{obj, "nested", ""}, // an object
		{obj, "missing", ""},
		{[]byte(`[{"type":"x"}]`), "type", ""},
		{[]byte(`"type"`), "type", ""},
		{[]byte(`{broken`), "type", ""},
		{[]byte(` {"type" : "news-item"} `), "type", "news-item"},
	}
	for _, tt := range tests {
		if got := stringProperty(tt.data, tt.name); got != tt.want {
			t.Errorf("stringProperty(%s, %q) = %q, want %q", tt.data, tt.name, got, tt.want)
		}
	}
}

func TestDecodeVariant(t *testing.T) {
	var n *int64
	if err := decodeVariant([]byte(`12`), &n); err != nil || n == nil || *n != 12 {
		t.Fatalf("decodeVariant(12) = %v, %v", n, err)
	}
	var s *string
	if err := decodeVariant([]byte(`12`), &s); err == nil {
		t.Error("decodeVariant of a number into a string: no error")
	}
	if s != nil {
		t.Error("a failed decodeVariant set its destination")
	}
}

// A scalar union: an integer or a string, and anything else kept raw.
func TestSectionParentID(t *testing.T) {
	t.Run("integer", func(t *testing.T) {
		var u SectionParentID
		if err := json.Unmarshal([]byte(`42`), &u); err != nil {
			t.Fatal(err)
		}
		if u.Integer != Int64(42) || !u.String.IsZero() || u.Raw() != nil {
			t.Fatalf("decoded %+v", u)
		}
		roundTrip(t, u, `42`)
	})
	t.Run("string", func(t *testing.T) {
		var u SectionParentID
		if err := json.Unmarshal([]byte(`"abc"`), &u); err != nil {
			t.Fatal(err)
		}
		if u.String != String("abc") || !u.Integer.IsZero() || u.Raw() != nil {
			t.Fatalf("decoded %+v", u)
		}
		roundTrip(t, u, `"abc"`)
	})
	for _, in := range []string{`true`, `1.5`, `{"id":7}`, `[1,2]`} {
		t.Run("unexpected "+in, func(t *testing.T) {
			var u SectionParentID
			if err := json.Unmarshal([]byte(in), &u); err != nil {
				t.Fatalf("unexpected value: %v, want it kept without error", err)
			}
			if !u.Integer.IsZero() || !u.String.IsZero() {
				t.Fatalf("decoded a variant from %s: %+v", in, u)
			}
			if string(u.Raw()) != in {
				t.Fatalf("Raw() = %s, want %s", u.Raw(), in)
			}
			if u.IsZero() {
				t.Error("a raw value IsZero")
			}
			roundTrip(t, u, in)
		})
	}
	t.Run("null and absent", func(t *testing.T) {
		var s Section
		if err := json.Unmarshal([]byte(`{"id":"1","parent_id":null}`), &s); err != nil {
			t.Fatal(err)
		}
		if !s.ParentID.IsZero() {
			t.Errorf("parent_id null decoded to %+v", s.ParentID)
		}
		// A decoded answer encodes every property it declares: parent_id stays, null.
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		assertJSON(t, "section without parent", property(t, b, "parent_id"), `null`)

		s.ParentID = SectionParentID{Integer: Int64(18)}
		b, _ = json.Marshal(s)
		assertJSON(t, "section with parent", property(t, b, "parent_id"), `18`)
	})
	t.Run("raw survives the enclosing struct", func(t *testing.T) {
		var s Section
		if err := json.Unmarshal([]byte(`{"id":"1","parent_id":{"id":"7","kind":"new"}}`), &s); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(s)
		assertJSON(t, "section", property(t, b, "parent_id"), `{"id":"7","kind":"new"}`)
	})
}

// property returns the JSON of one property of the object b.
func property(t *testing.T, b []byte, name string) []byte {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	return m[name]
}

func roundTrip(t *testing.T, v any, want string) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	assertJSON(t, "re-marshalled", b, want)
}

// An object union told apart by its "type" discriminator.
func TestRedactConversationRequestByDiscriminator(t *testing.T) {
	part := `{"type":"conversation_part","conversation_id":"19894788788","conversation_part_id":"19381789428"}`
	source := `{"type":"source","conversation_id":"19894788788","source_id":"19894781231"}`

	var u RedactConversationRequest
	if err := json.Unmarshal([]byte(part), &u); err != nil {
		t.Fatal(err)
	}
	if p := u.RedactConversationPartRequest; p == nil || p.ConversationPartID != "19381789428" || u.RedactConversationSourceRequest != nil {
		t.Fatalf("part decoded to %+v", u)
	}
	roundTrip(t, u, part)

	if err := json.Unmarshal([]byte(source), &u); err != nil {
		t.Fatal(err)
	}
	if s := u.RedactConversationSourceRequest; s == nil || s.SourceID != "19894781231" || u.RedactConversationPartRequest != nil {
		t.Fatalf("source decoded to %+v (the previous variant must be cleared)", u)
	}
	roundTrip(t, u, source)

	unknown := `{"type":"attachment","conversation_id":"1","attachment_id":"2"}`
	if err := json.Unmarshal([]byte(unknown), &u); err != nil {
		t.Fatalf("unknown discriminator: %v", err)
	}
	if u.RedactConversationPartRequest != nil || u.RedactConversationSourceRequest != nil || string(u.Raw()) != unknown {
		t.Fatalf("unknown discriminator decoded to %+v", u)
	}
	roundTrip(t, u, unknown)
}

// A list whose items are told apart by "type", inside a response.
func TestPaginatedResponseItems(t *testing.T) {
	in := `{"type":"list","total_count":3,"pages":{"type":"pages","page":1,"per_page":10,"total_pages":1},"data":[
		{"type":"news-item","id":"29","title":"We are live","state":"live","sender_id":991267,"created_at":1689865200},
		{"type":"newsfeed","id":"12","name":"Product updates","created_at":1689865300},
		{"type":"poll","id":"3"}]}`
	var r PaginatedResponse
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Data) != 3 {
		t.Fatalf("%d items", len(r.Data))
	}
	if n := r.Data[0].NewsItem; n == nil || n.Title != "We are live" || n.State != NewsItemStateLive || n.CreatedAt != 1689865200 {
		t.Errorf("item 0 = %+v", r.Data[0])
	}
	if f := r.Data[1].Newsfeed; f == nil || f.Name != "Product updates" || f.CreatedAt.Time().Unix() != 1689865300 {
		t.Errorf("item 1 = %+v", r.Data[1])
	}
	if r.Data[2].NewsItem != nil || r.Data[2].Newsfeed != nil || string(r.Data[2].Raw()) != `{"type":"poll","id":"3"}` {
		t.Errorf("item 2 = %+v", r.Data[2])
	}
	if r.Pages == nil || r.Pages.PerPage != 10 || r.Type != PaginatedResponseTypeList {
		t.Errorf("envelope = %+v", r)
	}
}

// An object union told apart by the properties each variant requires.
func TestCustomerRequestByRequiredProperties(t *testing.T) {
	tests := []struct {
		in    string
		check func(CustomerRequest) bool
	}{
		{`{"intercom_user_id":"6329bd9ffe4e2e91dac76188"}`, func(u CustomerRequest) bool {
			return u.IntercomUserID != nil && u.IntercomUserID.IntercomUserID == "6329bd9ffe4e2e91dac76188" && u.UserID == nil && u.Email == nil
		}},
		{`{"user_id":"2e91dac76188"}`, func(u CustomerRequest) bool {
			return u.UserID != nil && u.UserID.UserID == "2e91dac76188" && u.IntercomUserID == nil && u.Email == nil
		}},
		{`{"email":"winstonsmith@truth.org"}`, func(u CustomerRequest) bool {
			return u.Email != nil && u.Email.Email == "winstonsmith@truth.org" && u.IntercomUserID == nil && u.UserID == nil
		}},
	}
	for _, tt := range tests {
		var u CustomerRequest
		if err := json.Unmarshal([]byte(tt.in), &u); err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		if !tt.check(u) {
			t.Errorf("%s decoded to %+v", tt.in, u)
		}
		roundTrip(t, u, tt.in)
	}

	other := `{"phone":"+353871234567"}`
	var u CustomerRequest
	if err := json.Unmarshal([]byte(other), &u); err != nil || string(u.Raw()) != other || u.Email != nil {
		t.Errorf("no known property: %+v, %v; want it kept raw", u, err)
	}
	if err := json.Unmarshal([]byte(`"someone"`), &u); err != nil || string(u.Raw()) != `"someone"` {
		t.Errorf("a string: %+v, %v; want it kept raw", u, err)
	}
	if err := json.Unmarshal([]byte(`null`), &u); err != nil || !u.IsZero() {
		t.Errorf("null: %+v, %v; want the zero union", u, err)
	}
}

// A search query built from Go values encodes the variant that is set, recursively.
func TestSearchQueryEncodes(t *testing.T) {
	q := struct {
		Query      MultipleOrSingleFilterSearchRequest `json:"query"`
		Pagination *StartingAfterPaging                `json:"pagination"`
	}{
		Query: MultipleOrSingleFilterSearchRequest{MultipleFilterSearchRequest: &MultipleFilterSearchRequest{
			Operator: MultipleFilterSearchRequestOperatorOr,
			Value: []MultipleOrSingleFilterSearchRequest{
				{SingleFilterSearchRequest: &SingleFilterSearchRequest{
					Field:    "created_at",
					Operator: SingleFilterSearchRequestOperatorGreaterThan,
					Value:    SingleFilterSearchRequestValue{Integer: Int64(1306054154)},
				}},
				{SingleFilterSearchRequest: &SingleFilterSearchRequest{
					Field:    "role",
					Operator: SingleFilterSearchRequestOperatorIn,
					Value:    SingleFilterSearchRequestValue{StringList: []string{"user", "lead"}},
				}},
			},
		}},
		Pagination: &StartingAfterPaging{PerPage: Some(int64(5))},
	}
	b, err := json.Marshal(q)
	if err != nil {
		t.Fatal(err)
	}
	assertJSON(t, "search request", b, `{"query":{"operator":"OR","value":[
		{"field":"created_at","operator":">","value":1306054154},
		{"field":"role","operator":"IN","value":["user","lead"]}]},
		"pagination":{"per_page":5}}`)

	// A single filter decodes back into the single variant of the top-level query.
	var back MultipleOrSingleFilterSearchRequest
	if err := json.Unmarshal([]byte(`{"field":"email","operator":"=","value":"a@example.com"}`), &back); err != nil {
		t.Fatal(err)
	}
	if s := back.SingleFilterSearchRequest; s == nil || s.Field != "email" || s.Value.String != String("a@example.com") {
		t.Errorf("single filter decoded to %+v", back)
	}
}
