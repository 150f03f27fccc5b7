package intercom

import (
	"bytes"
	"slices"
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

// objectKeys returns the property names of a JSON object, sorted.
func objectKeys(data []byte) []string {
	d := &decoder{data: data}
	if d.peek() != '{' {
		return nil
	}
	d.open()
	keys := []string{}
	for n := 0; d.more('}', n); n++ {
		keys = append(keys, string(d.key()))
		d.skip()
	}
	if d.failed {
		return nil
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// shape is what an object variant of a union looks like: the properties it requires and the
// properties it declares.
type shape struct {
	required, props []string
}

// matchShape returns the index of the shape that fits the JSON object data best, or -1 if none
// does. A shape fits when all its required properties are present; among those that fit, the one
// with the fewest properties it does not declare wins, then the one that declares the most of
// them, then the first.
func matchShape(data []byte, shapes []shape) int {
	keys := objectKeys(data)
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
