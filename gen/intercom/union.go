package intercom

import (
	"bytes"
	"slices"
	"strings"
)

// jsonKind is the kind of a JSON value, which is the first thing that tells the variants of a
// union apart.
type jsonKind uint8

const (
	jsonInvalid jsonKind = iota
	jsonNull
	jsonObject
	jsonArray
	jsonString
	jsonNumber
	jsonBool
)

// kindOf returns the kind of the JSON value data, by its first byte.
func kindOf(data []byte) jsonKind {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 {
		return jsonInvalid
	}
	switch c := data[0]; {
	case c == '{':
		return jsonObject
	case c == '[':
		return jsonArray
	case c == '"':
		return jsonString
	case c == 't' || c == 'f':
		return jsonBool
	case c == 'n':
		return jsonNull
	case c == '-' || (c >= '0' && c <= '9'):
		return jsonNumber
	}
	return jsonInvalid
}

// isInteger reports whether the JSON number data has no fraction or exponent.
func isInteger(data []byte) bool {
	return !bytes.ContainsAny(bytes.TrimSpace(data), ".eE")
}

// decodeVariant decodes data into a new value and sets *dst to it.
func decodeVariant[T any](data []byte, dst **T) error {
	v := new(T)
	if err := unmarshal(data, v); err != nil {
		return err
	}
	*dst = v
	return nil
}

// stringProperty returns the string value of property name of a JSON object, or "".
func stringProperty(data []byte, name string) string {
	d := &decoder{data: data}
	if d.peek() != '{' {
		return ""
	}
	d.open()
	for n := 0; d.more('}', n); n++ {
		if string(d.key()) != name {
			d.skip()
			continue
		}
		var s string
		if readString(d, &s) != nil || d.failed {
			return ""
		}
		return s
	}
	return ""
}

// objectKeys returns the property names of a JSON object, sorted; with deep, also those one
// level below, as a shape names them: "p.q" for a property q of the object p, "p[].q" for one
// of an object in the array p.
func objectKeys(data []byte, deep bool) []string {
	d := &decoder{data: data}
	if d.peek() != '{' {
		return nil
	}
	d.open()
	keys := []string{}
	for n := 0; d.more('}', n); n++ {
		k := string(d.key())
		keys = append(keys, k)
		switch c := d.peek(); {
		case deep && c == '{':
			keys = d.innerKeys(keys, k+".")
		case deep && c == '[':
			d.open()
			for i := 0; d.more(']', i); i++ {
				if d.peek() == '{' {
					keys = d.innerKeys(keys, k+"[].")
				} else {
					d.skip()
				}
			}
		default:
			d.skip()
		}
	}
	if d.failed {
		return nil
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// innerKeys reads the object at the decoder's position, appending its property names to keys
// with prefix.
func (d *decoder) innerKeys(keys []string, prefix string) []string {
	d.open()
	for n := 0; d.more('}', n); n++ {
		keys = append(keys, prefix+string(d.key()))
		d.skip()
	}
	return keys
}

// shape is what an object variant of a union looks like: the properties it requires and the
// properties it declares. When two variants look alike at the top, the generator adds those one
// level below ("companies[].untag"), so that the extra property tells them apart.
type shape struct {
	required, props []string
}

// matchShape returns the index of the shape that fits the JSON object data best, or -1 if none
// does. A shape fits when all its required properties are present; among those that fit, the one
// with the fewest properties it does not declare wins, then the one that declares the most of
// them, then the first. Properties below the top count only when some shape names them.
func matchShape(data []byte, shapes []shape) int {
	deep := slices.ContainsFunc(shapes, func(s shape) bool {
		return slices.ContainsFunc(s.props, func(p string) bool { return strings.Contains(p, ".") })
	})
	keys := objectKeys(data, deep)
	best, bestExtra, bestKnown := -1, 0, 0
	for i, s := range shapes {
		if !hasAll(keys, s.required) {
			continue
		}
		known := 0
		for _, k := range keys {
			if slices.Contains(s.props, k) {
				known++
			}
		}
		extra := len(keys) - known
		if best < 0 || extra < bestExtra || (extra == bestExtra && known > bestKnown) {
			best, bestExtra, bestKnown = i, extra, known
		}
	}
	return best
}

// firstElemKind returns the kind of the first element of a JSON array, or jsonInvalid for an
// empty array (or one that is not an array).
func firstElemKind(data []byte) jsonKind {
	data = bytes.TrimLeft(data, " \t\r\n")
	if len(data) == 0 || data[0] != '[' {
		return jsonInvalid
	}
	return kindOf(data[1:])
}

// hasAll reports whether every name is among the sorted keys.
func hasAll(keys []string, names []string) bool {
	for _, n := range names {
		if _, ok := slices.BinarySearch(keys, n); !ok {
			return false
		}
	}
	return true
}

// hasAny reports whether some name is among the sorted keys.
func hasAny(keys []string, names []string) bool {
	for _, n := range names {
		if _, ok := slices.BinarySearch(keys, n); ok {
			return true
		}
	}
	return false
}

// decodeOptVariant decodes data into a new value and sets *dst to it.
func decodeOptVariant[T any](data []byte, dst *Opt[T]) error {
	var v T
	if err := unmarshal(data, &v); err != nil {
		return err
	}
	*dst = Some(v)
	return nil
}
