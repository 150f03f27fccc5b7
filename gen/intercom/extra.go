package intercom

import (
	"encoding/json"
)

// extraFields are the properties of a decoded object that its struct does not declare:
// Intercom adds properties before it documents them, and a decode -> encode round trip must not
// drop them. They are kept as they came, name and value, as `"name":value` pairs separated by
// commas, in a string: one allocation for an object that has any, none (and a struct that stays
// comparable) for one that has none, and encoding them back is a copy.
type extraFields struct {
	raw string
}

// keep reads the value of the property whose name was just read, which the struct being read
// does not declare, and adds it to the decoder's pairs, for takeExtra.
func (d *decoder) keep() {
	name := d.data[d.keyAt:d.keyEnd]
	d.peek()
	start := d.pos
	d.skip()
	if d.failed {
		return
	}
	d.extra = append(append(append(append(d.extra, ','), name...), ':'), d.data[start:d.pos]...)
}

// takeExtra returns the pairs kept since mark, for the struct that does not declare them.
func (d *decoder) takeExtra(mark int) extraFields {
	if len(d.extra) == mark {
		return extraFields{}
	}
	x := extraFields{raw: string(d.extra[mark+1:])}
	d.extra = d.extra[:mark]
	return x
}

// fields returns the properties by name, or nil; a name that came twice has its last value.
func (x extraFields) fields() map[string]json.RawMessage {
	if x.raw == "" {
		return nil
	}
	obj := []byte("{" + x.raw + "}")
	d := newDecoder(obj)
	m := map[string]json.RawMessage{}
	d.open()
	for n := 0; d.more('}', n); n++ {
		k := string(d.key())
		d.peek()
		start := d.pos
		d.skip()
		m[k] = obj[start:d.pos:d.pos]
	}
	return m
}

// marshal adds the properties to b, a struct's JSON object as json.Marshal wrote it with err,
// after the declared ones (whose names they never have: a declared property decodes into its
// field).
func (x extraFields) marshal(b []byte, err error) ([]byte, error) {
	if x.raw == "" || err != nil || len(b) < 2 || b[len(b)-1] != '}' {
		return b, err
	}
	out := make([]byte, 0, len(b)+1+len(x.raw))
	out = append(out, b[:len(b)-1]...)
	if len(out) > 1 {
		out = append(out, ',')
	}
	out = append(out, x.raw...)
	return append(out, '}'), nil
}
