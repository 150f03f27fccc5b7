package intercom

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"unicode/utf16"
	"unicode/utf8"
)

// The syntax half of the JSON reader the generated decoders use (jsondecode.go has the typed
// half): a decoder walks one document front to back, checking its syntax as encoding/json does.

// maxDepth is how deeply arrays and objects may nest, as in encoding/json.
const maxDepth = 10000

// decoder reads one JSON document from data, front to back.
type decoder struct {
	data   []byte
	pos    int
	depth  int
	failed bool          // the document is not JSON; every read after that is a no-op
	issues []DecodeIssue // issues found and not yet taken by the struct they belong to
	buf    []byte        // scratch for unescaping strings
	// keyAt and keyEnd delimit the last property name read, quotes included, as it is in data:
	// a property no field declares is kept as it came (see keep).
	keyAt, keyEnd int
	// extra collects, as `,"name":value` pairs, the undeclared properties of the objects being
	// read, each object's after those of the objects that hold it (see takeExtra).
	extra []byte
	// seen keeps short strings already read, by a cheap hash: large bodies repeat them (object
	// types, roles, authors, part types, devices), and each repeat then costs no allocation.
	// nil for a small body, where the table would cost more than it saves.
	seen *[256]string
}

// internFrom is the size of the smallest body whose strings are interned.
const internFrom = 4 << 10

// newDecoder returns a decoder of data.
func newDecoder(data []byte) *decoder {
	d := &decoder{data: data}
	if len(data) >= internFrom {
		d.seen = new([256]string)
	}
	return d
}

// maxSeen is the length of the longest string kept in decoder.seen.
const maxSeen = 32

// intern returns b as a string, the one already read if b was read before and is short.
func (d *decoder) intern(b []byte) string {
	n := len(b)
	if d.seen == nil || n == 0 || n > maxSeen {
		return string(b)
	}
	h := (uint(n)*31 + uint(b[0])*7 + uint(b[n-1])*131 + uint(b[n/2])*17 + uint(b[n/3])) % uint(len(d.seen))
	if s := d.seen[h]; s == string(b) {
		return s
	}
	s := string(b)
	d.seen[h] = s
	return s
}

// end reports whether the document was JSON and is read to its end.
func (d *decoder) end() bool {
	if !d.failed && d.peek() == 0 && d.pos < len(d.data) {
		d.fail() // a NUL byte is not whitespace
	}
	return !d.failed && d.pos == len(d.data)
}

// syntaxError returns encoding/json's error for data, which is not JSON: the same message and
// offset a caller would have had from json.Unmarshal.
func syntaxError(data []byte) error {
	var raw json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	// Not reached while the reader agrees with encoding/json, which the fuzz tests check.
	return errors.New("intercom: the JSON reader refused a document encoding/json accepts")
}

// fail records that the document is not JSON and stops reading it.
func (d *decoder) fail() {
	d.failed = true
	d.pos = len(d.data)
}

// peek skips whitespace and returns the next byte, or 0 at the end.
func (d *decoder) peek() byte {
	for d.pos < len(d.data) {
		switch c := d.data[d.pos]; c {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return c
		}
	}
	return 0
}

// open consumes the bracket that opens an object or array.
func (d *decoder) open() {
	d.pos++
	d.depth++
	if d.depth > maxDepth {
		d.fail()
	}
}

// more reports whether the object or array being read, whose opening bracket is consumed and
// of which n members are read, has another member. It consumes the comma before that member,
// or the closing bracket end after the last one.
func (d *decoder) more(end byte, n int) bool {
	c := d.peek()
	switch {
	case d.failed:
		return false
	case c == end:
		d.pos++
		d.depth--
		return false
	case n == 0:
		return true
	case c == ',':
		d.pos++
		return true
	}
	d.fail()
	return false
}

// key reads the name of an object's property and the colon after it. The name is only valid
// until the next read.
func (d *decoder) key() []byte {
	if d.peek() != '"' {
		d.fail()
		return nil
	}
	d.keyAt = d.pos
	k := d.str()
	d.keyEnd = d.pos
	if d.peek() != ':' {
		d.fail()
		return nil
	}
	d.pos++
	return k
}

// literal consumes the literal s (true, false, null).
func (d *decoder) literal(s string) {
	if len(d.data)-d.pos < len(s) || string(d.data[d.pos:d.pos+len(s)]) != s {
		d.fail()
		return
	}
	d.pos += len(s)
}

// scanString finds the end of the string that starts at d.pos, checking its syntax, and
// returns the index of its closing quote; plain says its bytes are its value (no escapes, valid
// UTF-8).
func (d *decoder) scanString() (end int, plain bool) {
	data := d.data
	i := d.pos + 1
	// Eight bytes at a time while none of them is a quote, a backslash, a control character or
	// the start of a multi-byte character: the plain ASCII of most strings.
	for i+8 <= len(data) && plainASCII(binary.LittleEndian.Uint64(data[i:])) {
		i += 8
	}
	for i < len(data) {
		c := data[i]
		if c == '"' {
			return i, true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			break
		}
		i++
	}
	plain = true
	for i < len(data) {
		switch c := data[i]; {
		case c == '"':
			return i, plain
		case c == '\\':
			plain = false
			if i+1 >= len(data) {
				return -1, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) || hex4(data[i+2:i+6]) < 0 {
					return -1, false
				}
				i += 6
			default:
				return -1, false
			}
		case c < 0x20:
			return -1, false
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				plain = false
			}
			i += size
		}
	}
	return -1, false
}

// plainASCII reports whether none of the eight bytes of w is '"', '\\', below 0x20 or above 0x7F.
func plainASCII(w uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	hasZero := func(v uint64) uint64 { return (v - ones) & ^v & highs }
	special := hasZero(w^(ones*'"')) | hasZero(w^(ones*'\\')) | (w-ones*0x20)&^w&highs | w&highs
	return special == 0
}

// str reads a string and returns its value, only valid until the next read.
func (d *decoder) str() []byte {
	end, plain := d.scanString()
	if end < 0 {
		d.fail()
		return nil
	}
	s := d.data[d.pos+1 : end]
	d.pos = end + 1
	if plain {
		return s
	}
	return d.unquote(s)
}

// unquote returns the value of the body s of a well-formed string as encoding/json decodes it:
// escapes resolved, a surrogate pair joined, a lone surrogate and each byte of invalid UTF-8
// replaced with U+FFFD.
func (d *decoder) unquote(s []byte) []byte {
	b := d.buf[:0]
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '\\':
			e := s[i+1]
			if e != 'u' {
				b = append(b, unescape(e))
				i += 2
				continue
			}
			r := rune(hex4(s[i+2 : i+6]))
			i += 6
			if utf16.IsSurrogate(r) {
				r2 := rune(-1)
				if i+6 <= len(s) && s[i] == '\\' && s[i+1] == 'u' {
					r2 = rune(hex4(s[i+2 : i+6]))
				}
				if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
					b = utf8.AppendRune(b, pair)
					i += 6
					continue
				}
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		case c < utf8.RuneSelf:
			b = append(b, c)
			i++
		default:
			r, size := utf8.DecodeRune(s[i:])
			b = utf8.AppendRune(b, r)
			i += size
		}
	}
	d.buf = b
	return b
}

// unescape returns the byte a one-letter escape stands for.
func unescape(e byte) byte {
	switch e {
	case 'b':
		return '\b'
	case 'f':
		return '\f'
	case 'n':
		return '\n'
	case 'r':
		return '\r'
	case 't':
		return '\t'
	}
	return e // '"', '\\', '/'
}

// hex4 returns the value of four hex digits, or -1.
func hex4(b []byte) int {
	n := 0
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return -1
		}
		n = n<<4 | int(c)
	}
	return n
}

// number reads a number and returns its bytes.
func (d *decoder) number() []byte {
	data, start := d.data, d.pos
	i := start
	if i < len(data) && data[i] == '-' {
		i++
	}
	switch {
	case i < len(data) && data[i] == '0':
		i++
	case i < len(data) && isDigit(data[i]):
		i = digits(data, i)
	default:
		d.fail()
		return nil
	}
	if i < len(data) && data[i] == '.' {
		if i++; i >= len(data) || !isDigit(data[i]) {
			d.fail()
			return nil
		}
		i = digits(data, i)
	}
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		if i++; i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= len(data) || !isDigit(data[i]) {
			d.fail()
			return nil
		}
		i = digits(data, i)
	}
	d.pos = i
	return data[start:i]
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digits(data []byte, i int) int {
	for i < len(data) && isDigit(data[i]) {
		i++
	}
	return i
}

// skip reads one value of any kind, checking its syntax.
func (d *decoder) skip() {
	switch c := d.peek(); c {
	case '{':
		d.open()
		for n := 0; d.more('}', n); n++ {
			d.key()
			d.skip()
		}
	case '[':
		d.open()
		for n := 0; d.more(']', n); n++ {
			d.skip()
		}
	case '"':
		end, _ := d.scanString()
		if end < 0 {
			d.fail()
			return
		}
		d.pos = end + 1
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		d.number()
	}
}

// kindName names the kind of the next value as encoding/json's type errors do.
func (d *decoder) kindName() string {
	switch d.peek() {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	}
	return "number"
}
