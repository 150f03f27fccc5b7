package intercom

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strconv"
	"testing"
	"time"
)

// attrsOf decodes data, an object, as a generated decoder decodes custom attributes.
func attrsOf(t *testing.T, data string) CustomAttributes {
	t.Helper()
	var a CustomAttributes
	d := newDecoder([]byte(data))
	if err := a.readJSON(d); err != nil || !d.end() {
		t.Fatalf("%s: %v (read to the end: %v)", data, err, d.end())
	}
	return a
}

func TestCustomAttributesGetters(t *testing.T) {
	t.Parallel()
	a := attrsOf(t, `{"plan":"pro","seats":12,"mrr":99.5,"enterprise":true,"signed_up":1700000000,
		"big":12345678901234567890,"tiny":0.1000000000000000055511151231257827,"none":null,"tags":["a"],"neg":-3}`)
	for _, c := range []struct {
		name string
		get  func() (any, error)
		want any
		err  error // nil, ErrAttributeMissing or ErrAttributeKind
	}{
		{"string", func() (any, error) { return a.String("plan") }, "pro", nil},
		{"int64", func() (any, error) { return a.Int64("seats") }, int64(12), nil},
		{"negative int64", func() (any, error) { return a.Int64("neg") }, int64(-3), nil},
		{"float64", func() (any, error) { return a.Float64("mrr") }, 99.5, nil},
		{"int as float64", func() (any, error) { return a.Float64("seats") }, 12.0, nil},
		{"bool", func() (any, error) { return a.Bool("enterprise") }, true, nil},
		{"time", func() (any, error) { return a.Time("signed_up") }, time.Unix(1700000000, 0).UTC(), nil},
		{"number beyond int64, exact", func() (any, error) { return a.Number("big") }, json.Number("12345678901234567890"), nil},
		{"number beyond float64, exact", func() (any, error) { return a.Number("tiny") }, json.Number("0.1000000000000000055511151231257827"), nil},
		{"int64 out of range", func() (any, error) { return a.Int64("big") }, int64(0), ErrAttributeKind},
		{"fraction is no int64", func() (any, error) { return a.Int64("mrr") }, int64(0), ErrAttributeKind},
		{"string is no int64", func() (any, error) { return a.Int64("plan") }, int64(0), ErrAttributeKind},
		{"number is no string", func() (any, error) { return a.String("seats") }, "", ErrAttributeKind},
		{"null is no string", func() (any, error) { return a.String("none") }, "", ErrAttributeKind},
		{"null is no time", func() (any, error) { return a.Time("none") }, time.Time{}, ErrAttributeKind},
		{"list is no bool", func() (any, error) { return a.Bool("tags") }, false, ErrAttributeKind},
		{"missing", func() (any, error) { return a.String("nope") }, "", ErrAttributeMissing},
		{"missing number", func() (any, error) { return a.Float64("nope") }, 0.0, ErrAttributeMissing},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := c.get()
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %#v, want %#v", got, c.want)
			}
			if c.err == nil {
				if err != nil {
					t.Errorf("error %v", err)
				}
				return
			}
			var ae *AttributeError
			if !errors.Is(err, c.err) || !errors.As(err, &ae) || ae.Key == "" || ae.Want == "" {
				t.Errorf("error %#v, want an *AttributeError wrapping %v", err, c.err)
			}
		})
	}
	if !a.IsNull("none") || a.IsNull("plan") || a.IsNull("nope") {
		t.Error("IsNull")
	}
	var tags []string
	if err := a.Decode("tags", &tags); err != nil || !reflect.DeepEqual(tags, []string{"a"}) {
		t.Errorf("Decode tags: %v, %v", tags, err)
	}
	if err := a.Decode("plan", &tags); !errors.Is(err, ErrAttributeKind) {
		t.Errorf("Decode a string into a slice: %v", err)
	}
}

func TestCustomAttributesSetters(t *testing.T) {
	t.Parallel()
	var a CustomAttributes // the setters make the map
	a.SetString("plan", `pro "max"`)
	a.SetInt64("seats", 12)
	a.SetFloat64("mrr", 99.5)
	a.SetNumber("big", "12345678901234567890")
	a.SetBool("enterprise", true)
	a.SetTime("signed_up", time.Unix(1700000000, 0))
	a.SetNull("churned")
	if err := a.Set("tags", []string{"a", "b"}); err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(UpdateVisitorRequest{ID: Some("v1"), CustomAttributes: a})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"v1","custom_attributes":{"big":12345678901234567890,"churned":null,"enterprise":true,"mrr":99.5,` +
		`"plan":"pro \"max\"","seats":12,"signed_up":1700000000,"tags":["a","b"]}}`
	if string(got) != want {
		t.Errorf("request\n got %s\nwant %s", got, want)
	}
	var bad CustomAttributes
	bad.SetFloat64("x", math.NaN())
	if _, err := json.Marshal(bad); err == nil {
		t.Error("NaN encoded")
	}
	if err := bad.Set("f", func() {}); err == nil {
		t.Error("Set a func")
	}
}

func TestEventMetadata(t *testing.T) {
	t.Parallel()
	var e DataEvent
	body := `{"event_name":"ordered","created_at":1700000000,"metadata":{"order":{"url":"https://shop.example/o/7","value":"Order 7"},
		"price":{"amount":34999,"currency":"eur"},"items":3,"gift":false,"coupon":"X1","at":1700000001}}`
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatal(err)
	}
	m := e.Metadata
	if l, err := m.RichLink("order"); err != nil || l != (RichLink{URL: "https://shop.example/o/7", Value: "Order 7"}) {
		t.Errorf("rich link %+v, %v", l, err)
	}
	if p, err := m.Money("price"); err != nil || p != (Money{Amount: 34999, Currency: "eur"}) {
		t.Errorf("money %+v, %v", p, err)
	}
	if _, err := m.Money("order"); !errors.Is(err, ErrAttributeKind) {
		t.Errorf("a link read as money: %v", err)
	}
	if _, err := m.RichLink("price"); !errors.Is(err, ErrAttributeKind) {
		t.Errorf("money read as a link: %v", err)
	}
	if n, err := m.Int64("items"); err != nil || n != 3 {
		t.Errorf("items %v, %v", n, err)
	}
	if b, err := m.Bool("gift"); err != nil || b {
		t.Errorf("gift %v, %v", b, err)
	}
	if s, err := m.String("coupon"); err != nil || s != "X1" {
		t.Errorf("coupon %v, %v", s, err)
	}
	if at, err := m.Time("at"); err != nil || at.Unix() != 1700000001 {
		t.Errorf("at %v, %v", at, err)
	}

	var req EventMetadata
	req.SetRichLink("order", RichLink{URL: "https://shop.example/o/8", Value: "Order 8"})
	req.SetMoney("price", Money{Amount: 1999, Currency: "usd"})
	req.SetInt64("items", 2)
	req.SetFloat64("weight", 1.25)
	req.SetString("coupon", "Y2")
	req.SetBool("gift", true)
	req.SetTime("at", time.Unix(1700000002, 0))
	got, err := json.Marshal(CreateDataEventRequest{EventName: Some("ordered"), Metadata: req})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"event_name":"ordered","metadata":{"at":1700000002,"coupon":"Y2","gift":true,"items":2,` +
		`"order":{"url":"https://shop.example/o/8","value":"Order 8"},"price":{"amount":1999,"currency":"usd"},"weight":1.25}}`
	if string(got) != want {
		t.Errorf("request\n got %s\nwant %s", got, want)
	}
}

// FuzzCustomAttributes checks the reader of custom attributes against encoding/json decoding a
// map[string]json.RawMessage: the same keys with the same bytes, numbers to the digit; the
// getters agree with strconv on numbers; and encoding writes every value back exactly.
func FuzzCustomAttributes(f *testing.F) {
	for _, s := range []string{
		`{"a":1}`, `{"big":12345678901234567890,"tiny":1e-400,"huge":1e400}`, `{"x": -0.0 , "y" : [1, {"z":2.50}]}`,
		`{"a":"\u00e9\ud800","a":2}`, `{}`, `null`, `{"n":null,"t":true,"f":false}`, `{"a":1,}`, `[1]`, `"s"`,
		`{"n":0.1000000000000000055511151231257827,"m":-9223372036854775808,"o":9223372036854775808}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var want map[string]json.RawMessage
		werr := json.Unmarshal(b, &want)
		var got CustomAttributes
		d := newDecoder(b)
		err := got.readJSON(d)
		valid := d.end()
		if json.Valid(b) != valid {
			t.Fatalf("%q: the reader says valid %v, encoding/json %v", b, valid, json.Valid(b))
		}
		if !valid {
			return
		}
		if (err == nil) != (werr == nil) {
			t.Fatalf("%q: reader error %v, encoding/json error %v", b, err, werr)
		}
		if err != nil {
			return
		}
		if len(got) != len(want) || (got == nil) != (want == nil) {
			t.Fatalf("%q: reader %q, encoding/json %q", b, got, want)
		}
		for k, w := range want {
			g, ok := got[k]
			if !ok || !bytes.Equal(g, w) {
				t.Fatalf("%q: key %q: reader %q, encoding/json %q", b, k, g, w)
			}
			if w[0] == '-' || isDigit(w[0]) {
				if n, err := got.Number(k); err != nil || string(n) != string(w) {
					t.Fatalf("%q: Number(%q) = %q, %v", b, k, n, err)
				}
				i, ierr := got.Int64(k)
				si, serr := strconv.ParseInt(string(w), 10, 64)
				if (ierr == nil) != (serr == nil) || (ierr == nil && i != si) {
					t.Fatalf("%q: Int64(%q) = %d, %v; strconv %d, %v", b, k, i, ierr, si, serr)
				}
				x, ferr := got.Float64(k)
				sx, sferr := strconv.ParseFloat(string(w), 64)
				if (ferr == nil) != (sferr == nil) || (ferr == nil && math.Float64bits(x) != math.Float64bits(sx)) {
					t.Fatalf("%q: Float64(%q) = %v, %v; strconv %v, %v", b, k, x, ferr, sx, sferr)
				}
			}
		}
		// Encoding writes each value back as it came: the same JSON value, numbers to the digit
		// (encoding/json compacts raw values and escapes <, > and & in their strings).
		out, err := json.Marshal(got)
		if err != nil {
			t.Fatalf("%q: encode: %v", b, err)
		}
		var again map[string]json.RawMessage
		if err := json.Unmarshal(out, &again); err != nil {
			t.Fatalf("%q: %s does not decode: %v", b, out, err)
		}
		for k, w := range want {
			if g, w := exactValue(t, again[k]), exactValue(t, w); !reflect.DeepEqual(g, w) {
				t.Fatalf("%q: key %q encodes as %#v, want %#v", b, k, g, w)
			}
		}
	})
}

// exactValue decodes raw with numbers kept as their text.
func exactValue(t *testing.T, raw []byte) any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	return v
}
