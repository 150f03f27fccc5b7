package intercom

import (
	"bytes"
	"encoding/json"
	"slices"
)

// extraFields are the properties of a decoded object that its struct does not declare, in the
// order they came: Intercom adds properties before it documents them, and a decode -> encode
// round trip must not drop them. A struct holds them by pointer, nil when there are none, so
// that they cost nothing when absent and the struct stays comparable.
type extraFields struct {
	names []string
	raws  []json.RawMessage
}

// keep reads the value of the undeclared property name into *x, a copy of its JSON (the body
// is the caller's). A property that comes twice keeps its last value, as a declared one does.
func (d *decoder) keep(x **extraFields, name []byte) {
	k := string(name) // name is only valid until the next read
	d.peek()
	start := d.pos
	d.skip()
	if d.failed {
		return
	}
	raw := json.RawMessage(bytes.Clone(d.data[start:d.pos]))
	if *x == nil {
		*x = &extraFields{}
	}
	if i := slices.Index((*x).names, k); i >= 0 {
		(*x).raws[i] = raw
		return
	}
	(*x).names = append((*x).names, k)
	(*x).raws = append((*x).raws, raw)
}

// fields returns the properties by name, or nil.
func (x *extraFields) fields() map[string]json.RawMessage {
	if x == nil {
		return nil
	}
	m := make(map[string]json.RawMessage, len(x.names))
	for i, k := range x.names {
		m[k] = x.raws[i]
	}
	return m
}

// marshal adds the properties to b, a struct's JSON object as json.Marshal wrote it with err, in
// the order they came, after the declared ones (whose names they never have: a declared
// property decodes into its field).
func (x *extraFields) marshal(b []byte, err error) ([]byte, error) {
	if x == nil || err != nil || len(b) < 2 || b[len(b)-1] != '}' {
		return b, err
	}
	out := slices.Clone(b[:len(b)-1])
	for i, k := range x.names {
		if len(out) > 1 {
			out = append(out, ',')
		}
		name, _ := json.Marshal(k) // a string always encodes
		out = append(out, name...)
		out = append(out, ':')
		out = append(out, x.raws[i]...)
	}
	return append(out, '}'), nil
}
