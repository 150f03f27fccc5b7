package intercom

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// CustomAttributes are the workspace's own key-value pairs of a contact, company, visitor or
// conversation. Intercom documents string values, but sends and accepts any JSON value (numbers,
// booleans, null, objects, lists), so each value is kept as the JSON it arrived as: a number
// keeps its digits (no float64 rounding), and encoding writes back exactly what was decoded.
// Read a value with the typed getters (String, Int64, Float64, Bool, Time), which report a
// missing key or a value of another kind as an *AttributeError; build a request with the setters.
type CustomAttributes map[string]json.RawMessage

// IsZero reports whether a is nil: no attributes given, which a request leaves out (an empty
// map is sent, as {}).
func (a CustomAttributes) IsZero() bool { return a == nil }

// Raw returns the value of key as received, and whether the key is present.
func (a CustomAttributes) Raw(key string) (json.RawMessage, bool) {
	raw, ok := a[key]
	return raw, ok
}

// IsNull reports whether key is present with the value null.
func (a CustomAttributes) IsNull(key string) bool {
	raw, ok := a[key]
	return ok && (raw == nil || string(raw) == "null")
}

// String returns the string value of key.
func (a CustomAttributes) String(key string) (string, error) {
	return attr(a, key, "string", func(raw json.RawMessage) (string, bool) {
		var s string
		return s, raw[0] == '"' && json.Unmarshal(raw, &s) == nil
	})
}

// Int64 returns the value of key, a number without a fraction that fits an int64.
func (a CustomAttributes) Int64(key string) (int64, error) {
	return attr(a, key, "int64", func(raw json.RawMessage) (int64, bool) {
		if !isNumber(raw) {
			return 0, false
		}
		return parseInt(raw)
	})
}

// Float64 returns the numeric value of key, rounded to the nearest float64.
func (a CustomAttributes) Float64(key string) (float64, error) {
	return attr(a, key, "float64", func(raw json.RawMessage) (float64, bool) {
		if !isNumber(raw) {
			return 0, false
		}
		return parseFloat(raw)
	})
}

// Number returns the numeric value of key as its exact JSON text, for values a float64 or an
// int64 cannot hold.
func (a CustomAttributes) Number(key string) (json.Number, error) {
	return attr(a, key, "number", func(raw json.RawMessage) (json.Number, bool) {
		return json.Number(raw), isNumber(raw)
	})
}

// Bool returns the boolean value of key.
func (a CustomAttributes) Bool(key string) (bool, error) {
	return attr(a, key, "bool", func(raw json.RawMessage) (bool, bool) {
		s := string(raw)
		return s == "true", s == "true" || s == "false"
	})
}

// Time returns the value of key, a date attribute: seconds since the Unix epoch (also as a quoted
// integer or RFC 3339 text, as Timestamp accepts), in UTC.
func (a CustomAttributes) Time(key string) (time.Time, error) {
	return attr(a, key, "time", func(raw json.RawMessage) (time.Time, bool) {
		var ts Timestamp
		if string(raw) == "null" || ts.UnmarshalJSON(raw) != nil {
			return time.Time{}, false
		}
		return time.Unix(int64(ts), 0).UTC(), true
	})
}

// Decode decodes the value of key into v with encoding/json, for values of other shapes.
func (a CustomAttributes) Decode(key string, v any) error {
	raw, ok := a[key]
	if !ok {
		return &AttributeError{Key: key, Want: "value", Err: ErrAttributeMissing}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return &AttributeError{Key: key, Want: fmt.Sprintf("value of %T", v), Raw: raw, Err: errors.Join(ErrAttributeKind, err)}
	}
	return nil
}

// attr reads the value of key with parse, which reports whether the value is of its kind.
func attr[T any](a map[string]json.RawMessage, key, want string, parse func(json.RawMessage) (T, bool)) (T, error) {
	raw, ok := a[key]
	if !ok {
		var zero T
		return zero, &AttributeError{Key: key, Want: want, Err: ErrAttributeMissing}
	}
	if len(raw) > 0 {
		if v, ok := parse(raw); ok {
			return v, nil
		}
	}
	var zero T
	return zero, &AttributeError{Key: key, Want: want, Raw: raw, Err: ErrAttributeKind}
}

// isNumber reports whether raw is a JSON number.
func isNumber(raw []byte) bool {
	return len(raw) > 0 && (raw[0] == '-' || isDigit(raw[0]))
}

// SetString sets key to the string s.
func (a *CustomAttributes) SetString(key, s string) {
	b, _ := json.Marshal(s) // a string always encodes
	a.SetRaw(key, b)
}

// SetInt64 sets key to the number n.
func (a *CustomAttributes) SetInt64(key string, n int64) {
	a.SetRaw(key, strconv.AppendInt(nil, n, 10))
}

// SetFloat64 sets key to the number f. NaN and infinities are not JSON: a request holding one
// fails to encode, saying so.
func (a *CustomAttributes) SetFloat64(key string, f float64) {
	b, err := json.Marshal(f)
	if err != nil {
		b = strconv.AppendFloat(nil, f, 'g', -1, 64)
	}
	a.SetRaw(key, b)
}

// SetNumber sets key to the number n, written as its text (which must be a JSON number).
func (a *CustomAttributes) SetNumber(key string, n json.Number) {
	a.SetRaw(key, json.RawMessage(n))
}

// SetBool sets key to b.
func (a *CustomAttributes) SetBool(key string, b bool) {
	a.SetRaw(key, strconv.AppendBool(nil, b))
}

// SetTime sets key to t as a date attribute: whole seconds since the Unix epoch.
func (a *CustomAttributes) SetTime(key string, t time.Time) {
	a.SetInt64(key, t.Unix())
}

// SetNull sets key to null, which clears the attribute in an update.
func (a *CustomAttributes) SetNull(key string) {
	a.SetRaw(key, json.RawMessage("null"))
}

// SetRaw sets key to the JSON value raw, kept as it is.
func (a *CustomAttributes) SetRaw(key string, raw json.RawMessage) {
	if *a == nil {
		*a = CustomAttributes{}
	}
	(*a)[key] = raw
}

// Set sets key to v encoded with encoding/json, for values of other shapes.
func (a *CustomAttributes) Set(key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	a.SetRaw(key, b)
	return nil
}

// readJSON reads an object of raw values, each kept as its exact JSON; null leaves *a as it is.
func (a *CustomAttributes) readJSON(d *decoder) error {
	return readRawObject(d, (*map[string]json.RawMessage)(a))
}

// readRawObject reads an object whose values are kept as the JSON they are, each a copy (the
// body is the caller's).
func readRawObject(d *decoder, p *map[string]json.RawMessage) error {
	if ok, err := d.begin('{', p); !ok {
		if err == nil {
			*p = nil
		}
		return err
	}
	m := map[string]json.RawMessage{}
	for n := 0; d.more('}', n); n++ {
		k := d.intern(d.key())
		d.peek()
		start := d.pos
		d.skip()
		if d.failed {
			return nil
		}
		m[k] = slices.Clone(d.data[start:d.pos])
	}
	*p = m
	return nil
}

// EventMetadata is the metadata of a data event: key-value pairs of any JSON value, kept exactly
// as CustomAttributes keeps them, whose values may also be a rich link ({"url", "value"}) or a
// monetary amount ({"amount", "currency"}), as Intercom's documentation of events lists.
type EventMetadata map[string]json.RawMessage

// RichLink is a link shown in an event's metadata: a URL and the text it is shown as.
type RichLink struct {
	URL   string `json:"url"`
	Value string `json:"value"`
}

// Money is a monetary amount in an event's metadata: an amount in cents and an ISO 4217
// currency code ("usd").
type Money struct {
	Amount   int64  `json:"amount"`
	Currency string `json:"currency"`
}

// attrs returns m as CustomAttributes, whose getters and setters it shares.
func (m EventMetadata) attrs() CustomAttributes { return CustomAttributes(m) }

// IsZero reports whether m is nil: no metadata given, which a request leaves out.
func (m EventMetadata) IsZero() bool { return m == nil }

// Raw returns the value of key as received, and whether the key is present.
func (m EventMetadata) Raw(key string) (json.RawMessage, bool) { return m.attrs().Raw(key) }

// String returns the string value of key.
func (m EventMetadata) String(key string) (string, error) { return m.attrs().String(key) }

// Int64 returns the value of key, a number without a fraction that fits an int64.
func (m EventMetadata) Int64(key string) (int64, error) { return m.attrs().Int64(key) }

// Float64 returns the numeric value of key, rounded to the nearest float64.
func (m EventMetadata) Float64(key string) (float64, error) { return m.attrs().Float64(key) }

// Number returns the numeric value of key as its exact JSON text.
func (m EventMetadata) Number(key string) (json.Number, error) { return m.attrs().Number(key) }

// Bool returns the boolean value of key.
func (m EventMetadata) Bool(key string) (bool, error) { return m.attrs().Bool(key) }

// Time returns the value of key, a date: seconds since the Unix epoch, in UTC.
func (m EventMetadata) Time(key string) (time.Time, error) { return m.attrs().Time(key) }

// RichLink returns the value of key, a rich link.
func (m EventMetadata) RichLink(key string) (RichLink, error) {
	return attr(m, key, "rich link", func(raw json.RawMessage) (RichLink, bool) {
		var l struct {
			URL, Value *string
		}
		ok := raw[0] == '{' && json.Unmarshal(raw, &l) == nil && l.URL != nil
		return RichLink{URL: deref(l.URL), Value: deref(l.Value)}, ok
	})
}

// Money returns the value of key, a monetary amount.
func (m EventMetadata) Money(key string) (Money, error) {
	return attr(m, key, "money", func(raw json.RawMessage) (Money, bool) {
		var v struct {
			Amount   *int64
			Currency *string
		}
		ok := raw[0] == '{' && json.Unmarshal(raw, &v) == nil && v.Amount != nil && v.Currency != nil
		return Money{Amount: deref(v.Amount), Currency: deref(v.Currency)}, ok
	})
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// Decode decodes the value of key into v with encoding/json, for values of other shapes.
func (m EventMetadata) Decode(key string, v any) error { return m.attrs().Decode(key, v) }

// SetString sets key to the string s.
func (m *EventMetadata) SetString(key, s string) { (*CustomAttributes)(m).SetString(key, s) }

// SetInt64 sets key to the number n.
func (m *EventMetadata) SetInt64(key string, n int64) { (*CustomAttributes)(m).SetInt64(key, n) }

// SetFloat64 sets key to the number f.
func (m *EventMetadata) SetFloat64(key string, f float64) { (*CustomAttributes)(m).SetFloat64(key, f) }

// SetBool sets key to b.
func (m *EventMetadata) SetBool(key string, b bool) { (*CustomAttributes)(m).SetBool(key, b) }

// SetTime sets key to t: whole seconds since the Unix epoch.
func (m *EventMetadata) SetTime(key string, t time.Time) { (*CustomAttributes)(m).SetTime(key, t) }

// SetRichLink sets key to a rich link.
func (m *EventMetadata) SetRichLink(key string, l RichLink) { _ = m.Set(key, l) }

// SetMoney sets key to a monetary amount.
func (m *EventMetadata) SetMoney(key string, v Money) { _ = m.Set(key, v) }

// SetRaw sets key to the JSON value raw, kept as it is.
func (m *EventMetadata) SetRaw(key string, raw json.RawMessage) {
	(*CustomAttributes)(m).SetRaw(key, raw)
}

// Set sets key to v encoded with encoding/json.
func (m *EventMetadata) Set(key string, v any) error { return (*CustomAttributes)(m).Set(key, v) }

// readJSON reads an object of raw values, as CustomAttributes does.
func (m *EventMetadata) readJSON(d *decoder) error {
	return readRawObject(d, (*map[string]json.RawMessage)(m))
}
