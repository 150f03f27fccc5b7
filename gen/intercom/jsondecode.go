package intercom

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// The generated structs decode themselves with the reader below rather than with encoding/json:
// encoding/json validates a whole value before handing it to a type's UnmarshalJSON, so a
// struct that decodes itself tolerantly, inside another that does, had its bytes scanned again
// at every level. The reader goes through a body once, decodes each property as it comes into
// the field that wants it (one generated switch per struct), and keeps a property of the wrong
// shape as a DecodeIssue on the spot. What it produces is what encoding/json would: the same
// strings (escapes, surrogate pairs, invalid UTF-8 replaced), numbers, free-form values, and the
// same *json.SyntaxError for a body that is not JSON. Property names match exactly, as the API
// sends them, not in any case as encoding/json allows.

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
	// seen keeps short strings already read, by a cheap hash: bodies repeat them (object types,
	// roles, authors, part types, devices), and each repeat then costs no allocation.
	seen [256]string
}

// maxSeen is the length of the longest string kept in decoder.seen.
const maxSeen = 32

// intern returns b as a string, the one already read if b was read before and is short.
func (d *decoder) intern(b []byte) string {
	n := len(b)
	if n == 0 || n > maxSeen {
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

// unmarshalObject decodes data, a JSON object or null, into v, a generated struct: the
// UnmarshalJSON of the types callers decode. JSON that is not JSON fails with encoding/json's
// *json.SyntaxError and leaves v zero; a value that is not an object fails with a
// *json.UnmarshalTypeError and leaves v alone.
func unmarshalObject[T any, P interface {
	*T
	decodeJSON(*decoder)
}](data []byte, v P) error {
	d := &decoder{data: data}
	switch d.peek() {
	case '{':
		d.open()
		v.decodeJSON(d)
	case 'n':
		d.literal("null")
	default:
		start := d.pos
		kind := d.kindName()
		d.skip()
		if d.end() {
			return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeFor[T](), Offset: int64(start)}
		}
	}
	if !d.end() {
		*v = *new(T)
		return syntaxError(data)
	}
	return nil
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
	k := d.str()
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

// begin starts reading an object or array, whichever open opens, into a value of Go type t: it
// consumes the bracket and returns true, or consumes null and returns false, or skips a value of
// another kind and returns false and the type error.
func (d *decoder) begin(open byte, t reflect.Type) (bool, error) {
	switch d.peek() {
	case open:
		d.open()
		return true, nil
	case 'n':
		d.literal("null")
		return false, nil
	}
	return false, d.mismatch(t)
}

// mismatch skips the next value, which is not of Go type t, and returns the type error.
func (d *decoder) mismatch(t reflect.Type) error {
	start := d.pos
	kind := d.kindName()
	d.skip()
	return &json.UnmarshalTypeError{Value: kind, Type: t, Offset: int64(start)}
}

// The readers below each read one value into *p, with the signature func(*decoder, *T) error.
// null leaves *p as it is (nil for pointers, slices and maps), as in encoding/json. A value of
// the wrong kind is skipped and returned as an error, leaving *p as it is; the caller records
// it as a DecodeIssue. A syntax error stops the decoder, which reports it at the end.

// field reads the value of the property name into *p with read, and records what did not fit,
// in the value or below it, under name.
func field[T any](d *decoder, p *T, name string, read func(*decoder, *T) error) {
	start, mark := d.next()
	err := read(d, p)
	if err != nil || len(d.issues) > mark {
		d.settle(err, start, mark, name)
	}
}

// next returns where the next value starts and how many issues are recorded before it, for
// settle.
func (d *decoder) next() (start, mark int) {
	d.peek()
	return d.pos, len(d.issues)
}

// settle records err, for the value that started at start, as an issue at path, or prefixes
// with path the issues found below the value since mark.
func (d *decoder) settle(err error, start, mark int, path string) {
	if d.failed {
		return
	}
	if err != nil {
		d.issues = append(d.issues[:mark], DecodeIssue{Path: path, Raw: slices.Clone(d.data[start:d.pos]), Err: err})
		return
	}
	for i := mark; i < len(d.issues); i++ {
		d.issues[i].Path = prefix(path, d.issues[i].Path)
	}
}

// prefix puts path in front of rest, a path below it.
func prefix(path, rest string) string {
	if rest == "" || rest[0] == '[' {
		return path + rest
	}
	return path + "." + rest
}

// take returns the issues found since mark, for the struct that holds them, or nil.
func (d *decoder) take(mark int) *[]DecodeIssue {
	if len(d.issues) == mark {
		return nil
	}
	issues := slices.Clone(d.issues[mark:])
	d.issues = d.issues[:mark]
	return &issues
}

func readString[S ~string](d *decoder, p *S) error {
	switch d.peek() {
	case '"':
		*p = S(d.intern(d.str()))
		return nil
	case 'n':
		d.literal("null")
		return nil
	}
	return d.mismatch(reflect.TypeFor[S]())
}

func readInt(d *decoder, p *int64) error {
	switch c := d.peek(); {
	case c == '-' || isDigit(c):
		start := d.pos
		b := d.number()
		if d.failed {
			return nil
		}
		n, ok := parseInt(b)
		if !ok {
			return &json.UnmarshalTypeError{Value: "number " + string(b), Type: reflect.TypeFor[int64](), Offset: int64(start)}
		}
		*p = n
		return nil
	case c == 'n':
		d.literal("null")
		return nil
	}
	return d.mismatch(reflect.TypeFor[int64]())
}

// parseInt parses a JSON number as an int64, refusing fractions, exponents and overflow as
// encoding/json does.
func parseInt(b []byte) (int64, bool) {
	neg := len(b) > 0 && b[0] == '-'
	digits := b
	if neg {
		digits = b[1:]
	}
	if len(digits) == 0 || len(digits) > 18 {
		n, err := strconv.ParseInt(string(b), 10, 64)
		return n, err == nil
	}
	var n int64
	for _, c := range digits {
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

func readFloat(d *decoder, p *float64) error {
	switch c := d.peek(); {
	case c == '-' || isDigit(c):
		start := d.pos
		b := d.number()
		if d.failed {
			return nil
		}
		f, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return &json.UnmarshalTypeError{Value: "number " + string(b), Type: reflect.TypeFor[float64](), Offset: int64(start)}
		}
		*p = f
		return nil
	case c == 'n':
		d.literal("null")
		return nil
	}
	return d.mismatch(reflect.TypeFor[float64]())
}

func readBool(d *decoder, p *bool) error {
	switch d.peek() {
	case 't':
		d.literal("true")
		*p = true
		return nil
	case 'f':
		d.literal("false")
		*p = false
		return nil
	case 'n':
		d.literal("null")
		return nil
	}
	return d.mismatch(reflect.TypeFor[bool]())
}

// readTimestamp reads the integer Intercom sends for a time; anything else goes to
// Timestamp's UnmarshalJSON, which knows the other forms.
func readTimestamp(d *decoder, p *Timestamp) error {
	c := d.peek()
	if c == 'n' {
		d.literal("null")
		return nil
	}
	start := d.pos
	if c == '-' || isDigit(c) {
		if n, ok := parseInt(d.number()); ok && !d.failed {
			*p = Timestamp(n)
			return nil
		}
	} else {
		d.skip()
	}
	if d.failed {
		return nil
	}
	return p.UnmarshalJSON(d.data[start:d.pos])
}

// readAny reads a free-form value as encoding/json does into an any: map[string]any, []any,
// string, float64, bool or nil. A number out of float64's range fails the whole value.
func readAny(d *decoder, p *any) error {
	start := d.pos
	v, ok := d.anyValue()
	if d.failed {
		return nil
	}
	if !ok {
		return &json.UnmarshalTypeError{Value: "number", Type: reflect.TypeFor[float64](), Offset: int64(start)}
	}
	*p = v
	return nil
}

// anyValue reads a free-form value; ok is false when a number in it is out of range.
func (d *decoder) anyValue() (v any, ok bool) {
	ok = true
	switch c := d.peek(); c {
	case '{':
		d.open()
		m := map[string]any{}
		for n := 0; d.more('}', n); n++ {
			k := d.intern(d.key())
			e, eok := d.anyValue()
			m[k] = e
			ok = ok && eok
		}
		return m, ok
	case '[':
		d.open()
		s := []any{}
		for n := 0; d.more(']', n); n++ {
			e, eok := d.anyValue()
			s = append(s, e)
			ok = ok && eok
		}
		return s, ok
	case '"':
		return d.intern(d.str()), true
	case 't':
		d.literal("true")
		return true, true
	case 'f':
		d.literal("false")
		return false, true
	case 'n':
		d.literal("null")
		return nil, true
	}
	b := d.number()
	if d.failed {
		return nil, true
	}
	f, err := strconv.ParseFloat(string(b), 64)
	return f, err == nil
}

// readObject reads an object into a generated struct.
func readObject[T any, P interface {
	*T
	decodeJSON(*decoder)
}](d *decoder, p *T) error {
	if ok, err := d.begin('{', reflect.TypeFor[T]()); !ok {
		return err
	}
	P(p).decodeJSON(d)
	return nil
}

// readObjectPtr reads an object into a new generated struct.
func readObjectPtr[T any, P interface {
	*T
	decodeJSON(*decoder)
}](d *decoder, p **T) error {
	if ok, err := d.begin('{', reflect.TypeFor[T]()); !ok {
		if err == nil {
			*p = nil
		}
		return err
	}
	v := P(new(T))
	v.decodeJSON(d)
	*p = (*T)(v)
	return nil
}

// readPtr reads a value with read into a new T.
func readPtr[T any](d *decoder, p **T, read func(*decoder, *T) error) error {
	if d.peek() == 'n' {
		d.literal("null")
		*p = nil
		return nil
	}
	v := new(T)
	if err := read(d, v); err != nil {
		return err
	}
	*p = v
	return nil
}

// readOpt reads a value with read into an Opt, an explicit null as Null.
func readOpt[T any](d *decoder, p *Opt[T], read func(*decoder, *T) error) error {
	if d.peek() == 'n' {
		d.literal("null")
		*p = Null[T]()
		return nil
	}
	var v T
	if err := read(d, &v); err != nil {
		return err
	}
	*p = Some(v)
	return nil
}

// readSlice reads an array, each element with read. An element that does not fit is left zero
// and recorded at its index; the others are kept.
func readSlice[S ~[]E, E any](d *decoder, p *S, read func(*decoder, *E) error) error {
	if ok, err := d.begin('[', reflect.TypeFor[S]()); !ok {
		if err == nil {
			*p = nil
		}
		return err
	}
	s := S{}
	var zero E
	for n := 0; d.more(']', n); n++ {
		s = append(s, zero)
		start, mark := d.next()
		err := read(d, &s[n])
		if err != nil || len(d.issues) > mark {
			d.settle(err, start, mark, "["+strconv.Itoa(n)+"]")
		}
	}
	*p = s
	return nil
}

// readMap reads an object with arbitrary keys, each value with read. A value that does not fit
// is left zero and recorded at its key; the others are kept.
func readMap[M ~map[string]E, E any](d *decoder, p *M, read func(*decoder, *E) error) error {
	if ok, err := d.begin('{', reflect.TypeFor[M]()); !ok {
		if err == nil {
			*p = nil
		}
		return err
	}
	m := M{}
	for n := 0; d.more('}', n); n++ {
		k := d.intern(d.key())
		var e E
		start, mark := d.next()
		err := read(d, &e)
		if err != nil || len(d.issues) > mark {
			d.settle(err, start, mark, "["+strconv.Quote(k)+"]")
		}
		m[k] = e
	}
	*p = m
	return nil
}

// readUnmarshaler hands the next value to T's own UnmarshalJSON: unions, which look at a value
// whole before they decide which variant it is, and Opt.
func readUnmarshaler[T any, P interface {
	*T
	json.Unmarshaler
}](d *decoder, p *T) error {
	d.peek()
	start := d.pos
	d.skip()
	if d.failed {
		return nil
	}
	// A fresh value, so that one which fails halfway (a union's list variant) is not kept.
	var v T
	if err := P(&v).UnmarshalJSON(d.data[start:d.pos]); err != nil {
		return err
	}
	*p = v
	return nil
}
