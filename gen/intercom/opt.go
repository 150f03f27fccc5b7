package intercom

import (
	"bytes"
	"encoding/json"
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
