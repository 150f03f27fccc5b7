package intercom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"
)

// Opt is an optional request field that can be absent (the zero Opt, left out of the JSON),
// null (Null, sent as JSON null where the API accepts it to clear a value), or a value (Some).
type Opt[T any] struct {
	value T
	state optState
}

type optState uint8

const (
	optAbsent optState = iota
	optNull
	optSet
)

// Some returns an Opt holding v.
func Some[T any](v T) Opt[T] { return Opt[T]{value: v, state: optSet} }

// Null returns an Opt that is sent as JSON null.
func Null[T any]() Opt[T] { return Opt[T]{state: optNull} }

// String returns an Opt holding s; like the other typed constructors below, it saves spelling
// out the type where Some would infer another (Some(50) is an Opt[int], not an Opt[int64]).
func String(s string) Opt[string] { return Some(s) }

// Int64 returns an Opt holding n, for the API's integers.
func Int64(n int64) Opt[int64] { return Some(n) }

// Float64 returns an Opt holding f, for the API's numbers.
func Float64(f float64) Opt[float64] { return Some(f) }

// Bool returns an Opt holding b.
func Bool(b bool) Opt[bool] { return Some(b) }

// Time returns an Opt holding t as a Timestamp (whole seconds), for the API's times.
func Time(t time.Time) Opt[Timestamp] { return Some(TimestampOf(t)) }

// Get returns the value and whether there is one.
func (o Opt[T]) Get() (T, bool) { return o.value, o.state == optSet }

// Or returns the value, or def when there is none.
func (o Opt[T]) Or(def T) T {
	if o.state == optSet {
		return o.value
	}
	return def
}

// IsZero reports whether o is absent; encoding/json's omitzero leaves absent fields out.
func (o Opt[T]) IsZero() bool { return o.state == optAbsent }

// IsNull reports whether o is an explicit null.
func (o Opt[T]) IsNull() bool { return o.state == optNull }

// String formats o as fmt's %v does: its value, null, or <absent>.
func (o Opt[T]) String() string { return fmt.Sprint(o) }

// Format prints the value as the verb and flags say (so that %v, %d or %q of an Opt print as
// they would of its value), or null, or <absent>; %#v prints Go syntax: Some[T](v), Null[T]()
// or Opt[T]{}.
func (o Opt[T]) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		typ := fmt.Sprintf("%T", o.value)
		switch o.state {
		case optSet:
			fmt.Fprintf(f, "intercom.Some[%s](%#v)", typ, o.value)
		case optNull:
			fmt.Fprintf(f, "intercom.Null[%s]()", typ)
		default:
			fmt.Fprintf(f, "intercom.Opt[%s]{}", typ)
		}
		return
	}
	switch o.state {
	case optSet:
		fmt.Fprintf(f, fmt.FormatString(f, verb), o.value)
	case optNull:
		fmt.Fprint(f, "null")
	default:
		fmt.Fprint(f, "<absent>")
	}
}

// MarshalJSON encodes the value, or null.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if o.state != optSet {
		return []byte("null"), nil
	}
	return json.Marshal(o.value)
}

// UnmarshalJSON decodes a value, or records an explicit null.
func (o *Opt[T]) UnmarshalJSON(data []byte) error {
	if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
		*o = Null[T]()
		return nil
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*o = Some(v)
	return nil
}
