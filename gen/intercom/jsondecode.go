package intercom

import (
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
)

// The generated structs decode themselves with the reader below (its syntax half is in
// jsonscan.go) rather than with encoding/json: encoding/json validates a whole value before
// handing it to a type's UnmarshalJSON, so a struct that decodes itself tolerantly, inside
// another that does, had its bytes scanned again at every level. The reader goes through a body
// once, decodes each property as it comes into the field that wants it (one generated switch
// per struct), and keeps a property of the wrong shape as a DecodeIssue on the spot. What it
// produces is what encoding/json would: the same strings (escapes, surrogate pairs, invalid
// UTF-8 replaced), numbers, free-form values, and the same *json.SyntaxError for a body that is
// not JSON; but where encoding/json would lose a value the API sends in another form of the same
// thing, it keeps it: an integer field takes a string that is wholly an integer (readInt), a
// string field a number, as its text (readText). Property names match exactly, as the API sends them, not in any case as
// encoding/json allows.

// unmarshalObject decodes data, a JSON object or null, into v, a generated struct: the
// UnmarshalJSON of the types callers decode. JSON that is not JSON fails with encoding/json's
// *json.SyntaxError and leaves v zero; a value that is not an object fails with a
// *json.UnmarshalTypeError and leaves v alone.
func unmarshalObject(data []byte, v decodable) error {
	d := newDecoder(data)
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
			return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeOf(v).Elem(), Offset: int64(start)}
		}
	}
	if !d.end() {
		reflect.ValueOf(v).Elem().SetZero()
		return syntaxError(data)
	}
	return nil
}

// decodable is a generated struct, by pointer: it reads the properties of an object. The
// functions that take one are not generic, so that they are compiled once, not once for each
// of the generated types.
type decodable interface {
	decodeJSON(*decoder)
}

// begin starts reading an object or array, whichever open opens, into the value ptr points to
// (or would: a typed nil will do): it consumes the bracket and returns true, or consumes null and
// returns false, or skips a value of another kind and returns false and the type error.
func (d *decoder) begin(open byte, ptr any) (bool, error) {
	switch d.peek() {
	case open:
		d.open()
		return true, nil
	case 'n':
		d.literal("null")
		return false, nil
	}
	return false, d.mismatch(ptr)
}

// mismatch skips the next value, which does not fit the Go type ptr points to, and returns the
// type error. The type is looked up only here, off the path of values that fit: the readers are
// instantiated for every generated type, and a reflect.TypeFor in each would be one more
// instance to compile, and work done for every value.
func (d *decoder) mismatch(ptr any) error {
	start := d.pos
	kind := d.kindName()
	d.skip()
	return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeOf(ptr).Elem(), Offset: int64(start)}
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
	return d.mismatch(p)
}

// readText reads a string, also a number, kept as the text it was sent as ("42", "1.5"): some
// answers send as numbers ids a description types as strings (2.16 types a contact's owner_id
// as a string; the answers of every version before sent it as a number), and a number there was
// a DecodeIssue and an empty field. Enums and unions read strictly, with readString: a union
// tells its string variant from its number one by the kind of the value.
func readText(d *decoder, p *string) error {
	if c := d.peek(); c == '-' || isDigit(c) {
		b := d.number()
		if !d.failed {
			*p = d.intern(b)
		}
		return nil
	}
	return readString(d, p)
}

// readInt reads an integer, also one written as a string whose whole text is an integer ("42"),
// as some answers send ids and counts.
func readInt(d *decoder, p *int64) error {
	if d.peek() != '"' {
		return readNumber(d, p, parseInt)
	}
	start := d.pos
	b := d.str()
	if d.failed {
		return nil
	}
	if n, ok := parseInt(b); ok && isJSONInteger(b) {
		*p = n
		return nil
	}
	return &json.UnmarshalTypeError{Value: "string " + string(d.data[start:d.pos]), Type: reflect.TypeFor[int64](), Offset: int64(start)}
}

func readFloat(d *decoder, p *float64) error { return readNumber(d, p, parseFloat) }

// isJSONInteger reports whether b is an integer as JSON writes one: an optional minus, then 0 or
// digits without a leading zero.
func isJSONInteger(b []byte) bool {
	if len(b) > 0 && b[0] == '-' {
		b = b[1:]
	}
	if len(b) == 0 || (b[0] == '0' && len(b) > 1) {
		return false
	}
	for _, c := range b {
		if !isDigit(c) {
			return false
		}
	}
	return true
}

// readNumber reads a number with parse, which refuses what does not fit N.
func readNumber[N int64 | float64](d *decoder, p *N, parse func([]byte) (N, bool)) error {
	switch c := d.peek(); {
	case c == '-' || isDigit(c):
		start := d.pos
		b := d.number()
		if d.failed {
			return nil
		}
		n, ok := parse(b)
		if !ok {
			return &json.UnmarshalTypeError{Value: "number " + string(b), Type: reflect.TypeOf(p).Elem(), Offset: int64(start)}
		}
		*p = n
		return nil
	case c == 'n':
		d.literal("null")
		return nil
	}
	return d.mismatch(p)
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

// parseFloat parses a JSON number as a float64, refusing what is out of its range.
func parseFloat(b []byte) (float64, bool) {
	f, err := strconv.ParseFloat(string(b), 64)
	return f, err == nil
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
	return d.mismatch(p)
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
	v, bad := d.anyValue()
	if d.failed {
		return nil
	}
	if bad != nil {
		return &json.UnmarshalTypeError{Value: "number " + string(bad), Type: reflect.TypeFor[float64](), Offset: int64(start)}
	}
	*p = v
	return nil
}

// anyValue reads a free-form value; bad is the first number in it out of float64's range, or nil.
func (d *decoder) anyValue() (v any, bad []byte) {
	switch c := d.peek(); c {
	case '{':
		d.open()
		m := map[string]any{}
		for n := 0; d.more('}', n); n++ {
			k := d.intern(d.key())
			e, ebad := d.anyValue()
			m[k] = e
			if bad == nil {
				bad = ebad
			}
		}
		return m, bad
	case '[':
		d.open()
		s := []any{}
		for n := 0; d.more(']', n); n++ {
			e, ebad := d.anyValue()
			s = append(s, e)
			if bad == nil {
				bad = ebad
			}
		}
		return s, bad
	case '"':
		return d.intern(d.str()), nil
	case 't':
		d.literal("true")
		return true, nil
	case 'f':
		d.literal("false")
		return false, nil
	case 'n':
		d.literal("null")
		return nil, nil
	}
	b := d.number()
	if d.failed {
		return nil, nil
	}
	f, ok := parseFloat(b)
	if !ok {
		return nil, b
	}
	return f, nil
}

// readObject reads an object into a generated struct.
func readObject[T any, P interface {
	*T
	decodeJSON(*decoder)
}](d *decoder, p *T) error {
	if ok, err := d.begin('{', (*T)(nil)); !ok {
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
	if ok, err := d.begin('{', (*T)(nil)); !ok {
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
	if ok, err := d.begin('[', p); !ok {
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
	if ok, err := d.begin('{', p); !ok {
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
		if err == nil {
			// A value that does not fit leaves its key out (its JSON is in the issue), rather
			// than in with a zero value that would be encoded back as if it were received.
			m[k] = e
		}
	}
	*p = m
	return nil
}

// readSelf reads a value of a hand-written runtime type (CustomAttributes, say) with its own
// reader.
func readSelf[T any, P interface {
	*T
	readJSON(*decoder) error
}](d *decoder, p *T) error {
	return P(p).readJSON(d)
}

// readOrSpread reads the next value with read into p or, if it is an object, hands each of its
// properties to spread, which reads the ones it knows into their fields (p's or a sibling's)
// and reports whether it did; the others are skipped. It serves the properties that a later
// API version sends as one object where this one sends its parts as separate properties
// (x-from-object): a ticket's state and its labels, say, as webhooks of an app set to a later
// version send them.
func readOrSpread[T any](d *decoder, p *T, read func(*decoder, *T) error, spread func(d *decoder, prop string) bool) error {
	if d.peek() != '{' {
		return read(d, p)
	}
	d.open()
	for n := 0; d.more('}', n); n++ {
		if !spread(d, string(d.key())) {
			d.skip()
		}
	}
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
