package intercom

import (
	"encoding/json"
	"reflect"
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

// A scalar union: a string or an integer, and anything else kept raw.
func TestConversationStatisticsLastClosedByID(t *testing.T) {
	t.Parallel()
	t.Run("integer", func(t *testing.T) {
		t.Parallel()
		var u ConversationStatisticsLastClosedByID
		if err := json.Unmarshal([]byte(`42`), &u); err != nil {
			t.Fatal(err)
		}
		if want := (ConversationStatisticsLastClosedByID{Number: Int64(42)}); !reflect.DeepEqual(u, want) {
			t.Fatalf("decoded %+v, want %+v", u, want)
		}
		roundTrip(t, u, `42`)
	})
	t.Run("string", func(t *testing.T) {
		t.Parallel()
		var u ConversationStatisticsLastClosedByID
		if err := json.Unmarshal([]byte(`"abc"`), &u); err != nil {
			t.Fatal(err)
		}
		if want := (ConversationStatisticsLastClosedByID{ID: String("abc")}); !reflect.DeepEqual(u, want) {
			t.Fatalf("decoded %+v, want %+v", u, want)
		}
		roundTrip(t, u, `"abc"`)
	})
	for _, in := range []string{`true`, `1.5`, `{"id":7}`, `[1,2]`} {
		t.Run("unexpected "+in, func(t *testing.T) {
			t.Parallel()
			var u ConversationStatisticsLastClosedByID
			if err := json.Unmarshal([]byte(in), &u); err != nil {
				t.Fatalf("unexpected value: %v, want it kept without error", err)
			}
			if !u.Number.IsZero() || !u.ID.IsZero() {
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
		t.Parallel()
		var s ConversationStatistics
		if err := json.Unmarshal([]byte(`{"type":"conversation_statistics","last_closed_by_id":null}`), &s); err != nil {
			t.Fatal(err)
		}
		if !s.LastClosedByID.IsZero() {
			t.Errorf("last_closed_by_id null decoded to %+v", s.LastClosedByID)
		}
		// A decoded answer encodes every property it declares: last_closed_by_id stays, null.
		b, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		assertJSON(t, "statistics without closer", property(t, b, "last_closed_by_id"), `null`)

		s.LastClosedByID = ConversationStatisticsLastClosedByID{Number: Int64(18)}
		b, _ = json.Marshal(s)
		assertJSON(t, "statistics with closer", property(t, b, "last_closed_by_id"), `18`)
	})
	t.Run("raw survives the enclosing struct", func(t *testing.T) {
		t.Parallel()
		var s ConversationStatistics
		if err := json.Unmarshal([]byte(`{"type":"conversation_statistics","last_closed_by_id":{"id":"7","kind":"new"}}`), &s); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(s)
		assertJSON(t, "statistics", property(t, b, "last_closed_by_id"), `{"id":"7","kind":"new"}`)
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

// A list whose items are told apart by "type": each item decodes into its variant, an unknown
// one is kept raw, and the list encodes back as it came.
func TestUnionListItems(t *testing.T) {
	t.Parallel()
	in := `[{"type":"conversation_part","conversation_id":"1","conversation_part_id":"29"},
		{"type":"source","conversation_id":"1","source_id":"12"},
		{"type":"poll","id":"3"}]`
	var items []RedactConversationRequest
	if err := json.Unmarshal([]byte(in), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 3 {
		t.Fatalf("%d items", len(items))
	}
	if p := items[0].RedactConversationPartRequest; p == nil || p.ConversationPartID != "29" || items[0].RedactConversationSourceRequest != nil {
		t.Errorf("item 0 = %+v", items[0])
	}
	if s := items[1].RedactConversationSourceRequest; s == nil || s.SourceID != "12" || items[1].RedactConversationPartRequest != nil {
		t.Errorf("item 1 = %+v", items[1])
	}
	if items[2].RedactConversationPartRequest != nil || items[2].RedactConversationSourceRequest != nil || string(items[2].Raw()) != `{"type":"poll","id":"3"}` {
		t.Errorf("item 2 = %+v", items[2])
	}
	roundTrip(t, items, in)
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

// A request built from Go values encodes the variant of each union that is set, recursively
// (a union inside a variant of another), and decodes back into the same variants.
func TestUnionEncodesTheSetVariant(t *testing.T) {
	t.Parallel()
	req := AttachContactToConversationRequest{
		AdminID: String("12"),
		Customer: AttachContactToConversationRequestCustomer{Email: &AttachContactToConversationRequestCustomerEmail{
			Email:    "winstonsmith@truth.org",
			Customer: CustomerRequest{IntercomUserID: &CustomerRequestIntercomUserID{IntercomUserID: "6329bd9ffe4e2e91dac76188"}},
		}},
	}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"admin_id":"12","customer":{"email":"winstonsmith@truth.org","customer":{"intercom_user_id":"6329bd9ffe4e2e91dac76188"}}}`
	assertJSON(t, "attach request", b, want)

	var back AttachContactToConversationRequest
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	e := back.Customer.Email
	if e == nil || e.Email != "winstonsmith@truth.org" || back.Customer.IntercomUserID != nil || back.Customer.UserID != nil ||
		e.Customer.IntercomUserID == nil || e.Customer.IntercomUserID.IntercomUserID != "6329bd9ffe4e2e91dac76188" || e.Customer.Email != nil {
		t.Errorf("decoded back to %+v", back)
	}
	roundTrip(t, back, want)
}
