package intercom

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The reader in jsondecode.go promises to read every input as encoding/json does. The fuzz
// targets below hold it to that, with encoding/json as the oracle: the same inputs are valid,
// valid inputs give the same values, and values of the wrong kind fail in both.

// jdSeeds are inputs that sit on the edges of the JSON grammar and of encoding/json's decoding:
// escapes, surrogates, invalid UTF-8, number forms, nesting, and near misses of each.
func jdSeeds() []string {
	seeds := []string{
		// Literals and near misses.
		``, ` `, "\t\r\n", `null`, `true`, `false`, `nul`, `nulll`, `tru`, `truex`, `True`, `fals`,
		`n`, `t`, `f`, `x`,
		// Numbers.
		`0`, `-0`, `1`, `-1`, `0.5e-3`, `1E+2`, `1e2`, `1.0`, `1.5`, `-1.5`, `0.0`, `1e-400`,
		`1e400`, `-1e400`, `[1,1e400,-2e999]`, `{"a":{"b":1e400},"c":3e400}`, `1E400`, `01`, `-01`, `00`, `1.`, `.5`, `-`, `-.5`, `1e`, `1e+`, `1E-`,
		`+1`, `1.e5`, `0x10`, `Infinity`, `NaN`, `-Infinity`,
		`9223372036854775807`, `9223372036854775808`, `-9223372036854775808`, `-9223372036854775809`,
		`999999999999999999`, `1000000000000000000`, `-999999999999999999`,
		`123456789012345678901234567890`, `1.7976931348623157e308`, `1.7976931348623159e308`,
		`4.9e-324`, `2e-324`,
		// Strings: escapes, surrogates, invalid UTF-8, control characters.
		`""`, `"a"`, `"\" \\ \/ \b \f \n \r \t \u00e9"`, `"\ud83d\ude00"`, `"\uD83D\uDE00"`,
		`"\ud800"`, `"\ud800\u0041"`, `"\udc00"`, `"\udc00\ud800"`, `"\ud800\ud800\udc00"`,
		`"\ud800\\u0041"`, `"\ud800x"`, `"\ud800\n"`, `"\uffff"`, `"\ufffd"`, `"\u0000"`,
		`"\u00"`, `"\u00g0"`, `"\x"`, `"\'"`, `"\`, `"\"`, `"abc`, `"`, `"\U00e9"`,
		"\"\xff\"", "\"a\xffb\"", "\"\xe2\x82\"", "\"\xe2\x82\xac\"", "\"\xed\xa0\x80\"",
		"\"\xed\xbf\xbf\"", "\"\xef\xbf\xbd\"", "\"\xf4\x90\x80\x80\"", "\"\xc0\xaf\"",
		"\"\xf0\x9f\x98\x80\"", "\"\xf0\x9f\x98\"", "\"\x80\"",
		"\"a\tb\"", "\"\x00\"", "\"\x01\"", "\"\x1f\"", "\"\x7f\"", "\"a\nb\"",
		"\"\\u00e9\xff\"", "\"\xff\\n\"",
		// Arrays and objects.
		`[]`, `{}`, `[ ]`, `{ }`, `[1,2,[3,{"a":[]}]]`, `{"a":{"b":{"c":null}}}`,
		`[1,]`, `[,1]`, `[,]`, `{"a":1,}`, `{,}`, `{"a" 1}`, `{"a":}`, `{a:1}`, `{'a':1}`,
		`{"a":1 "b":2}`, `[1 2]`, `[`, `]`, `{`, `}`, `[}`, `{]`, `{"a"}`, `{"a":1`, `[1`,
		`{"a":1,"a":2}`, `{"a":{"x":1},"a":{"y":2}}`, `{"\u0061":1,"a\u0000":2,"\ud800":3}`,
		"{\"\xff\":1}", `{"":""}`, `[[],[[]],{}]`, `[null,true,false,"",0,-0,{}]`,
		// Whitespace: only space, tab, newline and carriage return are JSON whitespace.
		" \t\r\n[ 1 , 2 ]\n ", " {\n\t\"a\" :\r\n1 } ", "\f1", "\v1", "1\f", "\u00a01",
		// NUL bytes and trailing data.
		"\x00", "1\x00", "[1]\x00", "[1\x00]", "{\"a\":1}\x00", "\x001",
		`1 2`, `{} x`, `{}{}`, `[][]`, `"a""b"`, `null null`, `1,`, `[1]]`, `{"a":1}}`,
	}
	// Nesting, shallow enough to keep the fuzzer quick (it minimizes every input it finds
	// interesting, and a 20 kB input takes it minutes); TestReaderDepth checks the limit itself.
	seeds = append(seeds, jdDeep(100), `{"a":`+jdDeep(50)+`}`, strings.Repeat(`{"a":[`, 50)+strings.Repeat(`]}`, 50))
	return seeds
}

// jdDeep returns n arrays nested in each other.
func jdDeep(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }

func jdAddSeeds(f *testing.F, more ...string) {
	for _, s := range append(jdSeeds(), more...) {
		f.Add([]byte(s))
	}
}

// jdSame compares decoded free-form values more strictly than reflect.DeepEqual: it tells -0
// from 0, and an empty slice or map from a nil one.
// jdAttrs decodes custom attributes as encoding/json decodes a free-form object.
func jdAttrs(t *testing.T, c CustomAttributes) map[string]any {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func jdSame(a, b any) bool {
	switch a := a.(type) {
	case nil:
		return b == nil
	case float64:
		b, ok := b.(float64)
		return ok && math.Float64bits(a) == math.Float64bits(b)
	case string:
		b, ok := b.(string)
		return ok && a == b
	case bool:
		b, ok := b.(bool)
		return ok && a == b
	case []any:
		b, ok := b.([]any)
		if !ok || (a == nil) != (b == nil) || len(a) != len(b) {
			return false
		}
		for i := range a {
			if !jdSame(a[i], b[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || (a == nil) != (b == nil) || len(a) != len(b) {
			return false
		}
		for k, v := range a {
			w, ok := b[k]
			if !ok || !jdSame(v, w) {
				return false
			}
		}
		return true
	}
	return false
}

// jdShort shortens an input for a failure message: the deep seeds are 20 kB.
func jdShort(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}

// jdCheckSyntax checks that the reader and encoding/json agree on whether b is JSON, and that a
// refusal is encoding/json's own *json.SyntaxError. It reports whether b is JSON.
func jdCheckSyntax(t *testing.T, b []byte, d *decoder) bool {
	t.Helper()
	ours := d.end()
	if d.failed && ours {
		t.Fatalf("%q: decoder failed but says it read to the end", jdShort(b))
	}
	if valid := json.Valid(b); valid != ours {
		t.Fatalf("%q: json.Valid %v, reader read it to the end without a syntax error %v (failed %v, pos %d of %d)",
			jdShort(b), valid, ours, d.failed, d.pos, len(d.data))
	}
	if ours {
		return true
	}
	err := syntaxError(b)
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("%q: syntaxError returned %T %v, want *json.SyntaxError", jdShort(b), err, err)
	}
	return false
}

// jdCheckTypeErrors checks that ours and want, the errors of the reader and of json.Unmarshal
// for a valid input, agree: both nil, or both *json.UnmarshalTypeError about the same JSON
// value and Go type. Offsets are not compared: encoding/json reports an offset that depends on
// the value's kind (after a literal, after an opening bracket), and a DecodeIssue keeps the
// value's bytes instead.
func jdCheckTypeErrors(t *testing.T, b []byte, ours, want error) {
	t.Helper()
	if (ours == nil) != (want == nil) {
		t.Fatalf("%q: reader error %v, encoding/json error %v", jdShort(b), ours, want)
	}
	if want == nil {
		return
	}
	var o, w *json.UnmarshalTypeError
	if !errors.As(want, &w) {
		t.Fatalf("%q: encoding/json returned %T %v on valid JSON", jdShort(b), want, want)
	}
	if !errors.As(ours, &o) {
		t.Fatalf("%q: reader returned %T %v, want *json.UnmarshalTypeError", jdShort(b), ours, ours)
	}
	if o.Value != w.Value || o.Type != w.Type {
		t.Fatalf("%q: reader error %q, encoding/json error %q", jdShort(b), ours, want)
	}
}

func FuzzReadAny(f *testing.F) {
	jdAddSeeds(f)
	f.Fuzz(jdCheckReadAny)
}

func jdCheckReadAny(t *testing.T, b []byte) {
	t.Helper()
	d := &decoder{data: b, seen: new([256]string)} // strings interned, as in a large body
	var v any
	err := readAny(d, &v)
	var w any
	werr := json.Unmarshal(b, &w)
	if !jdCheckSyntax(t, b, d) {
		var se *json.SyntaxError
		if !errors.As(werr, &se) || werr.Error() != syntaxError(b).Error() {
			t.Fatalf("%q: json.Unmarshal into any returned %v, syntaxError %v", jdShort(b), werr, syntaxError(b))
		}
		return
	}
	if werr != nil {
		// Only a number out of float64's range fails on valid JSON; both name the first one.
		var o, we *json.UnmarshalTypeError
		if !errors.As(werr, &we) || !strings.HasPrefix(we.Value, "number ") {
			t.Fatalf("%q: encoding/json returned %T %v on valid JSON", jdShort(b), werr, werr)
		}
		if !errors.As(err, &o) || o.Type != we.Type || o.Value != we.Value {
			t.Fatalf("%q: reader returned %v (value %#v), encoding/json %v", jdShort(b), err, v, werr)
		}
		if v != nil {
			t.Fatalf("%q: reader set %#v on error", jdShort(b), v)
		}
		return
	}
	if err != nil {
		t.Fatalf("%q: reader error %v, encoding/json decoded %#v", jdShort(b), err, w)
	}
	if !jdSame(v, w) {
		t.Fatalf("%q: reader decoded %#v, encoding/json %#v", jdShort(b), v, w)
	}
}

func FuzzReadString(f *testing.F) {
	jdAddSeeds(f)
	f.Fuzz(jdCheckReadString)
}

func jdCheckReadString(t *testing.T, b []byte) {
	t.Helper()
	// Both start from the same value, so that null (which leaves it) and a type error
	// (which leaves it too) are checked like any other outcome.
	const before = "before"
	d := &decoder{data: b, seen: new([256]string)}
	s := before
	err := readString(d, &s)
	w := before
	werr := json.Unmarshal(b, &w)
	if !jdCheckSyntax(t, b, d) {
		return
	}
	jdCheckTypeErrors(t, b, err, werr)
	if s != w {
		t.Fatalf("%q: reader decoded %q, encoding/json %q", jdShort(b), s, w)
	}
}

func FuzzReadNumbers(f *testing.F) {
	jdAddSeeds(f, `"1700000000"`, `"2024-05-29T12:00:00Z"`, `""`, `1700000000.9`, `-1.5`, `1e18`,
		`9.3e18`, `-9.3e18`)
	f.Fuzz(jdCheckReadNumbers)
}

// jdWantInt is what readInt must read from b: what encoding/json reads into an int64, and also
// an integer written as a string whose whole text is the integer (`"42"`), as encoding/json reads
// a number into an int64 (its ",string" option would also accept "42.0" or " 42": it is not the
// reference).
var jdInteger = regexp.MustCompile(`^-?(0|[1-9][0-9]*)$`)

func jdWantInt(b []byte) (int64, error) {
	w := int64(-7)
	werr := json.Unmarshal(b, &w)
	var s string
	if werr == nil || json.Unmarshal(b, &s) != nil {
		return w, werr
	}
	if !jdInteger.MatchString(s) {
		return w, &json.UnmarshalTypeError{Value: "string " + string(bytes.TrimSpace(b)), Type: reflect.TypeFor[int64]()}
	}
	if err := json.Unmarshal([]byte(s), &w); err != nil {
		return -7, &json.UnmarshalTypeError{Value: "string " + string(bytes.TrimSpace(b)), Type: reflect.TypeFor[int64]()}
	}
	return w, nil
}

func jdCheckReadNumbers(t *testing.T, b []byte) {
	t.Helper()
	// Each reader starts from a value that no input decodes to by accident, on both sides.
	{
		d := &decoder{data: b}
		n := int64(-7)
		err := readInt(d, &n)
		w, werr := jdWantInt(b)
		if jdCheckSyntax(t, b, d) {
			jdCheckTypeErrors(t, b, err, werr)
			if n != w {
				t.Fatalf("%q: readInt %d, encoding/json %d", jdShort(b), n, w)
			}
		}
	}
	{
		d := &decoder{data: b}
		x := 7.25
		err := readFloat(d, &x)
		w := 7.25
		werr := json.Unmarshal(b, &w)
		if jdCheckSyntax(t, b, d) {
			jdCheckTypeErrors(t, b, err, werr)
			if math.Float64bits(x) != math.Float64bits(w) {
				t.Fatalf("%q: readFloat %v, encoding/json %v", jdShort(b), x, w)
			}
		}
	}
	for _, start := range []bool{false, true} {
		d := &decoder{data: b}
		x := start
		err := readBool(d, &x)
		w := start
		werr := json.Unmarshal(b, &w)
		if jdCheckSyntax(t, b, d) {
			jdCheckTypeErrors(t, b, err, werr)
			if x != w {
				t.Fatalf("%q: readBool from %v: %v, encoding/json %v", jdShort(b), start, x, w)
			}
		}
	}
	{
		// A Timestamp goes through its UnmarshalJSON in encoding/json; the reader reads the
		// common integer itself and must end where that method would.
		d := &decoder{data: b}
		ts := Timestamp(-7)
		err := readTimestamp(d, &ts)
		w := Timestamp(-7)
		werr := json.Unmarshal(b, &w)
		if jdCheckSyntax(t, b, d) {
			if (err == nil) != (werr == nil) || (err != nil && err.Error() != werr.Error()) {
				t.Fatalf("%q: readTimestamp error %v, encoding/json error %v", jdShort(b), err, werr)
			}
			if ts != w {
				t.Fatalf("%q: readTimestamp %d, encoding/json %d", jdShort(b), ts, w)
			}
		}
	}
}

// encoding/json allows 10000 levels of nesting and refuses the 10001st, whatever the kinds of
// the levels; so must the reader, in every reader and through a generated struct. These inputs
// are too large to seed the fuzzers with (see jdSeeds), so they are checked here.
func TestReaderDepth(t *testing.T) {
	objects := func(n int) string { return strings.Repeat(`{"a":`, n) + `1` + strings.Repeat(`}`, n) }
	for _, c := range []struct {
		name  string
		data  string
		valid bool
	}{
		{"arrays 10000", jdDeep(10000), true},
		{"arrays 10001", jdDeep(10001), false},
		{"objects 10000", objects(10000), true},
		{"objects 10001", objects(10001), false},
		{"array in object 10000", `{"a":` + jdDeep(9999) + `}`, true},
		{"array in object 10001", `{"a":` + jdDeep(10000) + `}`, false},
		{"in a contact 10000", `{"data":[{"custom_attributes":{"x":` + jdDeep(9996) + `}}]}`, true},
		{"in a contact 10001", `{"data":[{"custom_attributes":{"x":` + jdDeep(9997) + `}}]}`, false},
		{"unknown property 10001", `{"data":[{"unknown":` + jdDeep(9998) + `}]}`, false},
		{"never closed", strings.Repeat("[", 10001), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := []byte(c.data)
			if json.Valid(b) != c.valid {
				t.Fatalf("json.Valid = %v, want %v", !c.valid, c.valid)
			}
			if !c.valid {
				if err := syntaxError(b); !strings.Contains(err.Error(), "exceeded max depth") {
					t.Errorf("syntax error %v, want the depth error", err)
				}
			}
			jdCheckReadAny(t, b)
			jdCheckReadString(t, b)
			jdCheckReadNumbers(t, b)
			jdCheckContactList(t, b)
		})
	}
}

// jdContactList is a small page of contacts in the shape the API sends, with the kinds of
// value a contact carries: nested objects, lists of objects, free-form attributes, times.
const jdContactList = `{"type":"list","data":[
 {"type":"contact","id":"6657ab0000000000002a0000","workspace_id":"ws1","external_id":"ext-1","role":"user",
  "email":"joe@example.com","email_domain":"example.com","phone":"+353871234567","name":"Jo\u00e9 \"JB\" Bloggs",
  "owner_id":null,"has_hard_bounced":false,"marked_email_as_spam":false,"unsubscribed_from_emails":true,
  "created_at":1717022024,"updated_at":1717022024,"signed_up_at":1571672154,"last_seen_at":null,
  "browser":"Chrome","browser_version":"80.0","os":"macOS",
  "custom_attributes":{"plan":"pro","seats":3,"beta":true,"tags":["a","b"],"meta":{"a":null},"ratio":0.5},
  "avatar":{"type":"avatar","image_url":"https://example.org/a.jpg"},
  "tags":{"type":"list","data":[{"type":"tag","id":"1","url":"/tags/1"}],"url":"/contacts/x/tags","total_count":1,"has_more":false},
  "notes":{"type":"list","data":[],"url":"/contacts/x/notes","total_count":0,"has_more":false},
  "companies":{"type":"list","data":[{"type":"company","id":"c1","url":"/companies/c1"}],"total_count":1,"has_more":false},
  "location":{"type":"location","country":"Ireland","region":"Dublin","city":"Dublin","country_code":null},
  "social_profiles":{"type":"list","data":[]}},
 {"type":"contact","id":"b","email":"b@example.com","custom_attributes":{}}],
 "total_count":2,
 "pages":{"type":"pages","page":1,"per_page":2,"total_pages":1,"next":{"per_page":2,"starting_after":"WzE3MTcwMjIwMjQwMDAsImIiXQ=="}}}`

func FuzzUnmarshalContactList(f *testing.F) {
	jdAddSeeds(f,
		jdContactList,
		`{"type":"list","data":[{"id":"a","location":"Dublin","owner_id":"x"},"not a contact",null,7],"total_count":1.5}`,
		`{"data":[{"custom_attributes":{"big":1e400,"ok":1}}],"pages":{"next":{"starting_after":5,"per_page":"2"}}}`,
		`{"data":[{"tags":{"data":[{"id":"1"},{"id":2},3]},"companies":{"data":"none"}}]}`,
		`{"type":"list","data":[{"id":"a"`,
		`{"type":"list"} x`,
		`{"type":"a","type":"b","total_count":1,"total_count":2}`,
		`{"TYPE":"list","Data":[]}`,
		`{"data":[{"created_at":"2024-05-29T12:00:00Z","updated_at":1.5,"signed_up_at":"x","last_seen_at":{}}]}`,
		`{"data":[{"name":"\ud800","email":"\xff"}]}`,
		"{\"data\":[{\"name\":\"\xff\"}]}",
	)
	f.Fuzz(jdCheckContactList)
}

func jdCheckContactList(t *testing.T, b []byte) {
	t.Helper()
	var l ContactList
	err := l.UnmarshalJSON(b)
	trimmed := strings.TrimLeft(string(b), " \t\r\n")
	switch {
	case !json.Valid(b):
		var se *json.SyntaxError
		if !errors.As(err, &se) {
			t.Fatalf("%q: invalid JSON gave %T %v, want *json.SyntaxError", jdShort(b), err, err)
		}
		if want := json.Unmarshal(b, new(any)); err.Error() != want.Error() || se.Offset != want.(*json.SyntaxError).Offset {
			t.Fatalf("%q: error %v at %d, json.Unmarshal: %v", jdShort(b), err, se.Offset, want)
		}
		if !reflect.DeepEqual(l, ContactList{}) {
			t.Fatalf("%q: a syntax error left %+v, want the zero value", jdShort(b), l)
		}
		return
	case strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "null"):
		if err != nil {
			t.Fatalf("%q: valid object gave %v", jdShort(b), err)
		}
	default:
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			t.Fatalf("%q: a value that is not an object gave %T %v, want *json.UnmarshalTypeError", jdShort(b), err, err)
		}
		if !reflect.DeepEqual(l, ContactList{}) {
			t.Fatalf("%q: a type error set %+v", jdShort(b), l)
		}
		return
	}
	var again ContactList
	if err := again.UnmarshalJSON(b); err != nil || !reflect.DeepEqual(l, again) {
		t.Fatalf("%q: decoding again gave %v and a different value", jdShort(b), err)
	}
	for _, is := range DecodeIssues(&l) {
		if is.Path == "" || is.Err == nil || !json.Valid(is.Raw) {
			t.Fatalf("%q: issue %q with raw %q, err %v", jdShort(b), is.Path, is.Raw, is.Err)
		}
		var te *json.UnmarshalTypeError
		if !errors.As(is.Err, &te) {
			t.Fatalf("%q: issue %s: %T %v, want *json.UnmarshalTypeError", jdShort(b), is.Path, is.Err, is.Err)
		}
	}
}

// jdIssues returns the issues of v by path, failing the test on a path seen twice.
func jdIssues(t *testing.T, v any) map[string]DecodeIssue {
	t.Helper()
	m := map[string]DecodeIssue{}
	for _, is := range DecodeIssues(v) {
		if _, dup := m[is.Path]; dup {
			t.Errorf("issue %s reported twice", is.Path)
		}
		m[is.Path] = is
	}
	return m
}

// jdCheckIssues checks that v has exactly the issues want, path to raw JSON, each a type error.
func jdCheckIssues(t *testing.T, v any, want map[string]string) {
	t.Helper()
	got := jdIssues(t, v)
	for path, raw := range want {
		is, ok := got[path]
		if !ok {
			t.Errorf("no issue at %s", path)
			continue
		}
		if string(is.Raw) != raw {
			t.Errorf("issue %s: raw %s, want %s", path, is.Raw, raw)
		}
		var te *json.UnmarshalTypeError
		if !errors.As(is.Err, &te) {
			t.Errorf("issue %s: %T %v, want *json.UnmarshalTypeError", path, is.Err, is.Err)
		}
	}
	for path, is := range got {
		if _, ok := want[path]; !ok {
			t.Errorf("unexpected issue %s: %s (%v)", path, is.Raw, is.Err)
		}
	}
}

// A property of the wrong kind, at any depth and in any container, costs that property only,
// and is reported at its path with its JSON as it came.
func TestReaderWrongKindAtDepth(t *testing.T) {
	t.Parallel()
	t.Run("contact list", func(t *testing.T) {
		data := `{"type":"list","total_count":1.5,"data":[
			{"type":"contact","id":"a","email":{"a":1},"signed_up_at":9223372036854775808,"created_at":1700000000,
			 "custom_attributes":{"x":1e400,"plan":"pro"},
			 "tags":{"type":"list","data":[{"id":"1"},{"id":"2"},"three",{"id":true}],"total_count":"two","has_more":true}},
			{"type":"contact","id":"b","location":"Dublin","name":"B",
			 "companies":{"data":[{"id":"c1"}],"total_count":1,"has_more":[]}},
			"not a contact",
			{"type":"contact","id":"d","signed_up_at":-9223372036854775808}],
			"pages":{"type":"pages","page":1,"next":{"starting_after":false,"per_page":10}}}`
		var l ContactList
		if err := l.UnmarshalJSON([]byte(data)); err != nil {
			t.Fatal(err)
		}
		jdCheckIssues(t, &l, map[string]string{
			"total_count":                `1.5`,
			"data[0].email":              `{"a":1}`,
			"data[0].signed_up_at":       `9223372036854775808`,
			"data[0].tags.data[2]":       `"three"`,
			"data[0].tags.data[3].id":    `true`,
			"data[0].tags.total_count":   `"two"`,
			"data[1].location":           `"Dublin"`,
			"data[1].companies.has_more": `[]`,
			"data[2]":                    `"not a contact"`,
			"pages.next.starting_after":  `false`,
		})
		if l.Type != "list" || l.TotalCount != 0 || len(l.Data) != 4 {
			t.Fatalf("list: type %q, total %d, %d contacts", l.Type, l.TotalCount, len(l.Data))
		}
		a := l.Data[0]
		if a.ID != "a" || a.Email != "" || a.SignedUpAt != 0 || a.CreatedAt != 1700000000 {
			t.Errorf("contact a: %+v", a)
		}
		// Custom attributes keep any value, as it came.
		if v, ok := a.CustomAttributes["x"]; !ok || string(v) != "1e400" || string(a.CustomAttributes["plan"]) != `"pro"` {
			t.Errorf("custom attributes %#v", a.CustomAttributes)
		}
		if a.Tags == nil || len(a.Tags.Data) != 4 || a.Tags.Data[1].ID != "2" || a.Tags.Data[2] != (AddressableList{}) ||
			a.Tags.Data[3] != (AddressableList{}) || !a.Tags.HasMore || a.Tags.TotalCount != 0 {
			t.Errorf("tags %+v", a.Tags)
		}
		b := l.Data[1]
		if b.ID != "b" || b.Name != "B" || b.Location != nil || b.Companies == nil || b.Companies.TotalCount != 1 ||
			len(b.Companies.Data) != 1 || b.Companies.Data[0].ID != "c1" || b.Companies.HasMore {
			t.Errorf("contact b: %+v, companies %+v", b, b.Companies)
		}
		if !reflect.DeepEqual(l.Data[2], Contact{}) {
			t.Errorf("the element that is not a contact: %+v", l.Data[2])
		}
		if l.Data[3].ID != "d" || int64(l.Data[3].SignedUpAt) != math.MinInt64 {
			t.Errorf("contact d: %+v", l.Data[3])
		}
		if p := l.Pages; p == nil || p.Page != 1 || p.Next == nil || fmt.Sprint(p.Next.PerPage) != "10" || !p.Next.StartingAfter.IsZero() {
			t.Errorf("pages %+v", l.Pages)
		}
	})
	t.Run("company custom attributes", func(t *testing.T) {
		// CustomAttributes inside a tolerant struct inside a list keep every value as it came.
		data := `{"type":"list","data":[{"type":"company","id":"c1","name":"Acme",
			"custom_attributes":{"a":"1","x":{"nested":true},"b":"2","n":3,"z":null},"size":10}]}`
		var l ContactAttachedCompanies
		if err := l.UnmarshalJSON([]byte(data)); err != nil {
			t.Fatal(err)
		}
		jdCheckIssues(t, &l, nil)
		c := l.Data[0]
		want := CustomAttributes{"a": json.RawMessage(`"1"`), "b": json.RawMessage(`"2"`),
			"x": json.RawMessage(`{"nested":true}`), "n": json.RawMessage(`3`), "z": json.RawMessage(`null`)}
		if c.ID != "c1" || c.Name != "Acme" || c.Size != 10 || !reflect.DeepEqual(c.CustomAttributes, want) {
			t.Errorf("company %+v", c)
		}
	})
	t.Run("slice of strings", func(t *testing.T) {
		// A news item's labels are nullable strings: an element of another kind costs that
		// element only, at its index.
		data := `{"type":"news-item","id":"n1","title":"T","labels":["a",true,"c",null],"reactions":"none","sender_id":"me"}`
		var n NewsItem
		if err := n.UnmarshalJSON([]byte(data)); err != nil {
			t.Fatal(err)
		}
		jdCheckIssues(t, &n, map[string]string{
			"labels[1]": `true`,
			"reactions": `"none"`,
			"sender_id": `"me"`,
		})
		if n.ID != "n1" || n.Title != "T" || !slices.Equal(n.Labels, []Opt[string]{Some("a"), {}, Some("c"), Null[string]()}) || n.Reactions != nil {
			t.Errorf("news item %+v", n)
		}
	})
	t.Run("slice of strings through a union", func(t *testing.T) {
		// A union's variant decodes itself; its issues are reported at the union's path.
		data := `{"message_type":"comment","type":"admin","admin_id":"12","attachment_urls":["https://example.com/a.png",false]}`
		var r ReplyConversationRequest
		if err := r.UnmarshalJSON([]byte(data)); err != nil {
			t.Fatal(err)
		}
		jdCheckIssues(t, &r, map[string]string{"attachment_urls[1]": `false`})
		if a := r.AdminReplyConversationRequest; a == nil || a.AdminID != "12" || !slices.Equal(a.AttachmentUrls, []string{"https://example.com/a.png", ""}) {
			t.Errorf("reply %+v", r)
		}
	})
	t.Run("custom attributes", func(t *testing.T) {
		data := `{"type":"conversation","id":"t1","custom_attributes":{"title":"Help","n":2,"big":1e400,"list":[1,"a"],
			"bad_list":[1e400],"file":{"type":"file","name":"a.txt","filesize":"big"}},"read":true}`
		var cv Conversation
		if err := cv.UnmarshalJSON([]byte(data)); err != nil {
			t.Fatal(err)
		}
		// Custom attributes keep every value as it came, a number beyond float64 included, and
		// nothing is an issue.
		jdCheckIssues(t, &cv, nil)
		a := cv.CustomAttributes
		title, err := a.String("title")
		var file FileAttribute
		if cv.ID != "t1" || !cv.Read || err != nil || title != "Help" || string(a["n"]) != "2" || string(a["big"]) != "1e400" ||
			string(a["list"]) != `[1,"a"]` || string(a["bad_list"]) != "[1e400]" {
			t.Errorf("conversation %+v", cv)
		}
		// A file whose size is not a number is a value of another kind, read as far as it goes.
		if err := a.Decode("file", &file); !errors.Is(err, ErrAttributeKind) || file.Name != "a.txt" {
			t.Errorf("file %+v, %v", file, err)
		}
	})
	t.Run("union field", func(t *testing.T) {
		// last_closed_by_id is a string-or-integer union; an integer too large for int64 fits
		// neither.
		var cv Conversation
		data := `{"type":"conversation","id":"c1","statistics":{"type":"conversation_statistics","last_closed_by_id":99999999999999999999,"count_reopens":2}}`
		if err := cv.UnmarshalJSON([]byte(data)); err != nil {
			t.Fatal(err)
		}
		jdCheckIssues(t, &cv, map[string]string{"statistics.last_closed_by_id": `99999999999999999999`})
		if s := cv.Statistics; cv.ID != "c1" || s == nil || s.CountReopens != 2 || !s.LastClosedByID.IsZero() {
			t.Errorf("conversation %+v, statistics %+v", cv, cv.Statistics)
		}
	})
}

// What the reader does with a whole body, against what json.Unmarshal would have done.
func TestReaderWholeBody(t *testing.T) {
	full := ContactList{Type: "kept", TotalCount: 9}
	t.Run("null", func(t *testing.T) {
		for _, data := range []string{`null`, " null\n"} {
			l := full
			if err := l.UnmarshalJSON([]byte(data)); err != nil || !reflect.DeepEqual(l, full) {
				t.Errorf("%q: %v, %+v; want nil error and the value unchanged", data, err, l)
			}
		}
	})
	t.Run("not an object", func(t *testing.T) {
		for _, data := range []string{`[]`, `[{"type":"list"}]`, `"list"`, `1`, `true`, ` [1] `} {
			l := full
			err := l.UnmarshalJSON([]byte(data))
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) || te.Type != reflect.TypeFor[ContactList]() || !reflect.DeepEqual(l, full) {
				t.Errorf("%q: %v, %+v; want a *json.UnmarshalTypeError and the value unchanged", data, err, l)
			}
			var w struct{ Type string }
			var wte *json.UnmarshalTypeError
			if werr := json.Unmarshal([]byte(data), &w); !errors.As(werr, &wte) || wte.Value != te.Value {
				t.Errorf("%q: reader %v, encoding/json %v", data, err, werr)
			}
		}
	})
	t.Run("syntax errors", func(t *testing.T) {
		for _, data := range []string{
			``, ` `, `{`, `{"type":"list","data":[{"id":"a"`, `{"type":"list","data":[{"id":"a"}]`,
			`{"type":"list"} x`, `{"type":"list"}{}`, `{"type":"list"},`, "{}\x00", `{"type":"list",}`,
			`{"type":"list" "data":[]}`, `{"data":[{"id":"a"},]}`, `{"data":[{"email":"\x"}]}`,
			"{\"type\":\"li\nst\"}", `{"total_count":01}`, `{"type":tru}`, `nul`, `[1,]`,
			`{"a":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
		} {
			l := full
			err := l.UnmarshalJSON([]byte(data))
			want := json.Unmarshal([]byte(data), new(ContactList))
			var se, wse *json.SyntaxError
			if !errors.As(err, &se) || !errors.As(want, &wse) {
				t.Errorf("%q: reader %T %v, json.Unmarshal %T %v; want *json.SyntaxError from both", jdShort([]byte(data)), err, err, want, want)
				continue
			}
			if se.Error() != wse.Error() || se.Offset != wse.Offset {
				t.Errorf("%q: reader %q at %d, json.Unmarshal %q at %d", jdShort([]byte(data)), se, se.Offset, wse, wse.Offset)
			}
			if !reflect.DeepEqual(l, ContactList{}) {
				t.Errorf("%q: a syntax error left %+v, want the zero value", jdShort([]byte(data)), l)
			}
		}
	})
	t.Run("duplicate keys", func(t *testing.T) {
		data := `{"type":"a","total_count":1,"type":"b","total_count":"bad","total_count":3,
			"data":[{"id":"x"}],"data":[{"id":"y","id":"z"}]}`
		var l ContactList
		if err := l.UnmarshalJSON([]byte(data)); err != nil {
			t.Fatal(err)
		}
		if l.Type != "b" || l.TotalCount != 3 || len(l.Data) != 1 || l.Data[0].ID != "z" {
			t.Errorf("last should win: %+v", l)
		}
		// A value that did not fit is reported even when a later one with the same name did.
		jdCheckIssues(t, &l, map[string]string{"total_count": `"bad"`})
	})
	t.Run("decoded as encoding/json would", func(t *testing.T) {
		// Through json.Unmarshal, which validates first, and directly, the value is the same.
		var a, b ContactList
		if err := json.Unmarshal([]byte(jdContactList), &a); err != nil {
			t.Fatal(err)
		}
		if err := b.UnmarshalJSON([]byte(jdContactList)); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) || DecodeIssues(&a) != nil {
			t.Fatalf("json.Unmarshal and UnmarshalJSON differ, or issues %v", DecodeIssues(&a))
		}
		c := a.Data[0]
		if c.Name != `Joé "JB" Bloggs` || !reflect.ValueOf(c.OwnerID).IsZero() || !c.UnsubscribedFromEmails || c.CreatedAt != 1717022024 ||
			c.SignedUpAt != 1571672154 ||
			c.LastSeenAt != 0 || c.Location == nil || c.Location.City != "Dublin" || c.Tags == nil || c.Tags.Data[0].URL != "/tags/1" {
			t.Errorf("contact %+v", c)
		}
		var attrs map[string]any
		if err := json.Unmarshal([]byte(`{"plan":"pro","seats":3,"beta":true,"tags":["a","b"],"meta":{"a":null},"ratio":0.5}`), &attrs); err != nil {
			t.Fatal(err)
		}
		if got := jdAttrs(t, c.CustomAttributes); !jdSame(got, attrs) {
			t.Errorf("custom attributes %#v, want %#v", c.CustomAttributes, attrs)
		}
		if p := a.Pages; p == nil || p.Next == nil || p.Next.StartingAfter != Some("WzE3MTcwMjIwMjQwMDAsImIiXQ==") {
			t.Errorf("pages %+v", a.Pages)
		}
	})
}

// plainASCII must refuse a word with any byte that ends or complicates a string, wherever it is
// (a false refusal only costs speed, a false acceptance reads past a quote).
func TestPlainASCII(t *testing.T) {
	for pos := range 8 {
		for b := range 256 {
			w := []byte("aaaaaaaa")
			w[pos] = byte(b)
			want := b != '"' && b != '\\' && b >= 0x20 && b < 0x80
			if got := plainASCII(binary.LittleEndian.Uint64(w)); got != want {
				t.Errorf("byte %#x at %d: plainASCII = %v, want %v", b, pos, got, want)
			}
		}
	}
}

// Interned strings are each their own value: a large body full of short strings that share
// their length and the bytes the table hashes (so that they collide) decodes as encoding/json
// decodes it, and a small body is not interned at all.
func TestInternedStrings(t *testing.T) {
	var vals []string
	for i := range 2000 {
		vals = append(vals, fmt.Sprintf("a%03db", i%700), "type", "", strings.Repeat("x", maxSeen), strings.Repeat("y", maxSeen+1))
	}
	body, err := json.Marshal(map[string]any{"values": vals, "again": vals[:100]})
	if err != nil {
		t.Fatal(err)
	}
	if len(body) < internFrom {
		t.Fatalf("the body is %d bytes, too small to be interned", len(body))
	}
	d := newDecoder(body)
	var got any
	if err := readAny(d, &got); err != nil || !d.end() {
		t.Fatalf("readAny: %v", err)
	}
	var want any
	if err := json.Unmarshal(body, &want); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("interned strings differ from encoding/json's")
	}
	if newDecoder([]byte(`{"a":"b"}`)).seen != nil {
		t.Error("a small body has a string table")
	}
}

// The container readers on their own, with the values they leave and the issues they record:
// a pointer, an Opt (absent, null, a value), a slice and a map, each with an element that does
// not fit.
func TestContainerReaders(t *testing.T) {
	read := func(t *testing.T, data string, r func(d *decoder) error) ([]DecodeIssue, error) {
		t.Helper()
		d := newDecoder([]byte(data))
		err := r(d)
		if !d.end() {
			t.Fatalf("%s: not read to its end", data)
		}
		return d.issues, err
	}
	t.Run("pointer", func(t *testing.T) {
		var p *int64
		if _, err := read(t, `5`, func(d *decoder) error { return readPtr(d, &p, readInt) }); err != nil || p == nil || *p != 5 {
			t.Errorf("5: %v, %v", p, err)
		}
		if _, err := read(t, `null`, func(d *decoder) error { return readPtr(d, &p, readInt) }); err != nil || p != nil {
			t.Errorf("null: %v, %v", p, err)
		}
		if _, err := read(t, `"x"`, func(d *decoder) error { return readPtr(d, &p, readInt) }); err == nil || p != nil {
			t.Errorf(`"x": %v, %v`, p, err)
		}
	})
	t.Run("opt", func(t *testing.T) {
		var o Opt[string]
		if _, err := read(t, `"a"`, func(d *decoder) error { return readOpt(d, &o, readString[string]) }); err != nil || o != Some("a") {
			t.Errorf(`"a": %#v, %v`, o, err)
		}
		if _, err := read(t, `null`, func(d *decoder) error { return readOpt(d, &o, readString[string]) }); err != nil || !o.IsNull() {
			t.Errorf("null: %#v, %v", o, err)
		}
		o = Opt[string]{}
		if _, err := read(t, `1`, func(d *decoder) error { return readOpt(d, &o, readString[string]) }); err == nil || !o.IsZero() {
			t.Errorf("1: %#v, %v", o, err)
		}
	})
	t.Run("slice", func(t *testing.T) {
		var s []int64
		issues, err := read(t, `[1, "x", 3]`, func(d *decoder) error { return readSlice(d, &s, readInt) })
		if err != nil || !slices.Equal(s, []int64{1, 0, 3}) || len(issues) != 1 || issues[0].Path != "[1]" || string(issues[0].Raw) != `"x"` {
			t.Errorf("%v, %v, %v", s, issues, err)
		}
		if _, err := read(t, `{}`, func(d *decoder) error { return readSlice(d, &s, readInt) }); err == nil {
			t.Error("an object read as a slice")
		}
	})
	t.Run("map", func(t *testing.T) {
		var m map[string]int64
		issues, err := read(t, `{"a": 1, "b": "x"}`, func(d *decoder) error { return readMap(d, &m, readInt) })
		// The value that does not fit leaves its key out; its JSON is in the issue.
		if _, kept := m["b"]; err != nil || len(m) != 1 || m["a"] != 1 || kept || len(issues) != 1 || issues[0].Path != `["b"]` || string(issues[0].Raw) != `"x"` {
			t.Errorf("%v, %v, %v", m, issues, err)
		}
		if _, err := read(t, `null`, func(d *decoder) error { return readMap(d, &m, readInt) }); err != nil || m != nil {
			t.Errorf("null: %v, %v", m, err)
		}
	})
}

// spreadState is a struct whose state may come as its name, beside its label, or as an object
// holding both (x-from-object); its decodeJSON is written as the generator writes one.
type spreadState struct {
	State string `json:"state"`
	Label string `json:"state_label"`
	Seen  int64  `json:"seen"`
}

func (v *spreadState) decodeJSON(d *decoder) {
	for n := 0; d.more('}', n); n++ {
		switch string(d.key()) {
		case "state":
			field(d, &v.State, "state", func(d *decoder, p *string) error {
				return readOrSpread(d, p, readText, func(d *decoder, prop string) bool {
					switch prop {
					case "category":
						field(d, &v.State, "category", readText)
					case "label":
						field(d, &v.Label, "label", readText)
					default:
						return false
					}
					return true
				})
			})
		case "state_label":
			field(d, &v.Label, "state_label", readText)
		case "seen":
			field(d, &v.Seen, "seen", readInt)
		default:
			d.skip()
		}
	}
}

// TestReadOrSpread: a value is read as its field's type, or, as an object, into the fields its
// properties map to, skipping the others (nested ones too); what does not fit is an issue at
// its place inside the object, and the rest of the struct still decodes.
func TestReadOrSpread(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		body   string
		want   spreadState
		issues map[string]string
	}{
		{`{"state":"open","state_label":"Open","seen":1}`, spreadState{"open", "Open", 1}, nil},
		{`{"state":{"type":"s","category":"open","label":"Open","more":{"a":[1,{"b":2}]}},"seen":2}`, spreadState{"open", "Open", 2}, nil},
		{`{"state":{},"seen":3}`, spreadState{Seen: 3}, nil},
		{`{"state":null,"seen":4}`, spreadState{Seen: 4}, nil},
		{`{"state":{"category":["x"],"label":"L"},"seen":5}`, spreadState{Label: "L", Seen: 5}, map[string]string{"state.category": `["x"]`}},
		{`{"state":[1],"seen":6}`, spreadState{Seen: 6}, map[string]string{"state": "[1]"}},
	} {
		d := newDecoder([]byte(tt.body))
		var got spreadState
		if err := readObject(d, &got); err != nil || d.failed {
			t.Fatalf("%s: %v", tt.body, err)
		}
		issues := map[string]string{}
		for _, is := range d.issues {
			issues[is.Path] = string(is.Raw)
		}
		if got != tt.want || len(issues)+len(tt.issues) > 0 && !maps.Equal(issues, tt.issues) {
			t.Errorf("%s: %+v, issues %v; want %+v, issues %v", tt.body, got, issues, tt.want, tt.issues)
		}
	}
}
