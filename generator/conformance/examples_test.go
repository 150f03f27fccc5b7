package conformance

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gointercom/intercom/gen/intercom"
)

// defectsFile is the list of the spec defects the examples of a version's description are
// known to have, one a line; the test fails when the examples have one it does not list, or it
// lists one they no longer have.
func defectsFile(version string) string { return "testdata/defects/" + version + ".txt" }

var update = flag.Bool("update", false, "rewrite the list of spec defects (testdata/defects/VERSION.txt) with the defects found")

// example is one request or response example of the description.
type example struct {
	op      *operation
	request bool
	status  int    // of a response
	key     string // the example's name
	value   any    // as kin-openapi read it
	schema  *openapi3.SchemaRef
	goType  reflect.Type
}

// where names the example in reports and in the defects file:
// `POST /contacts request "successful"` or `GET /contacts response 200 "successful"`.
func (e *example) where() string {
	if e.request {
		return fmt.Sprintf("%s request %q", e.op.key, e.key)
	}
	return fmt.Sprintf("%s response %d %q", e.op.key, e.status, e.key)
}

// pointer is the JSON pointer of the example's value in the description.
func (e *example) pointer() string {
	if e.request {
		return e.op.pointer + "/requestBody/content/application~1json/examples/" + escape(e.key) + "/value"
	}
	return e.op.pointer + "/responses/" + strconv.Itoa(e.status) + "/content/application~1json/examples/" + escape(e.key) + "/value"
}

func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// defect is a place where an example disagrees with its schema: a property the schema does not
// declare, or a value the schema forbids.
type defect struct {
	at   []string // path in the example's value
	what string
	// constant says the value is not the one value its schema allows: a constant such as a
	// type or kind, which tells the alternatives of a oneOf apart.
	constant bool
}

func (d defect) line(e *example) string { return e.where() + " " + joinPath(d.at) + ": " + d.what }

func joinPath(at []string) string {
	if len(at) == 0 {
		return "/"
	}
	var b strings.Builder
	for _, tok := range at {
		b.WriteString("/" + escape(tok))
	}
	return b.String()
}

// checked is what checking one example found.
type checked struct {
	ex      *example
	defects []defect // against the schema: spec defects
	// problems are the client's: an example that does not decode into its Go type, or that
	// encodes back to different JSON, other than where a defect explains it.
	problems []string
}

var (
	examplesOnce sync.Once
	examplesAll  []*checked
	examplesErr  error
)

// allExamples returns every example of the description, checked, once for all tests.
func allExamples(t *testing.T, s *suite) []*checked {
	t.Helper()
	examplesOnce.Do(func() {
		exs, err := s.examples()
		if err != nil {
			examplesErr = err
			return
		}
		for _, e := range exs {
			examplesAll = append(examplesAll, check(e))
		}
	})
	if examplesErr != nil {
		t.Fatal(examplesErr)
	}
	return examplesAll
}

// examples lists the request and response examples of every operation, in order, with the Go
// type each decodes into: the method's request type for a request, its result for a 2xx
// response, and the type of the response's component schema (the error list) otherwise.
func (s *suite) examples() ([]*example, error) {
	var out []*example
	for _, o := range s.ops {
		if rb := o.op.RequestBody; rb != nil {
			if mt := rb.Value.Content.Get("application/json"); mt != nil && len(mt.Examples) > 0 {
				if o.ir.Body == nil {
					return nil, fmt.Errorf("%s has request examples but its method takes no body", o.key)
				}
				ty, err := s.goType(o.ir.Body.Type)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", o.key, err)
				}
				for k, ex := range sortedValues(mt.Examples) {
					out = append(out, &example{op: o, request: true, key: k, value: ex.Value.Value, schema: mt.Schema, goType: ty})
				}
			}
		}
		for _, code := range slices.Sorted(maps.Keys(o.op.Responses.Map())) {
			if code == "default" {
				continue // a default response (of any other status) has no status to check it with
			}
			status, err := strconv.Atoi(code)
			if err != nil {
				return nil, fmt.Errorf("%s: response %s is not a status", o.key, code)
			}
			mt := o.op.Responses.Value(code).Value.Content.Get("application/json")
			if mt == nil || len(mt.Examples) == 0 {
				continue
			}
			var ty reflect.Type
			switch {
			case status/100 != 2 && (mt.Schema == nil || mt.Schema.Ref == ""):
				// No schema, or one of its own that no Go type has: the client answers with an
				// *APIError, which the operations test checks.
			case status/100 == 2 && o.ir.Result != nil:
				ty, err = s.goType(*o.ir.Result)
			case mt.Schema != nil && mt.Schema.Ref != "":
				ty, err = s.schemaType(mt.Schema.Ref)
			default:
				err = fmt.Errorf("response %d has no Go type", status)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: %w", o.key, err)
			}
			for k, ex := range sortedValues(mt.Examples) {
				out = append(out, &example{op: o, status: status, key: k, value: ex.Value.Value, schema: mt.Schema, goType: ty})
			}
		}
	}
	return out, nil
}

// check checks one example against its schema and its Go type.
//
// Against the schema (see validator): types, enums, required properties, nullability, bounds,
// lengths, patterns and alternatives (formats are not checked: the overlay gives integer
// timestamps format date-time), and every property of an object must be one its schema
// declares, unless the schema allows any (additionalProperties, or an object without
// properties). Each finding is a spec defect.
//
// Against the Go type: the example must decode into the type with no DecodeIssues, and encode
// back to the same JSON, key order aside, except where a defect is at or above the difference
// (a value the Go type cannot hold is dropped), and except for three rules. An optional property
// whose example value is a zero value (false, 0, "", null, [] or {}) may be left out, since the
// client omits unset optional fields of requests; a required one must be encoded back. A
// response may come back with more properties, at their zero values, since a received type
// encodes every property it declares. And a null may come back as the zero value of its type,
// since the client tells null from zero only for the optional request fields it types Opt[T]
// and for nullable array items. (TestConformanceRoundTrip checks, defects or not, that no
// property is lost.)
func check(e *example) *checked {
	c := &checked{ex: e}
	c.defects = schemaDefects(e)
	if e.goType == nil {
		return c
	}
	data, err := json.Marshal(e.value)
	if err != nil {
		c.problems = append(c.problems, fmt.Sprintf("encode the example: %v", err))
		return c
	}
	v := reflect.New(e.goType)
	if err := json.Unmarshal(data, v.Interface()); err != nil {
		at := decodeErrorPath(err)
		if !c.covered(at, true) {
			c.problems = append(c.problems, fmt.Sprintf("does not decode into %s: %v", e.goType, err))
		}
		return c
	}
	for _, issue := range intercom.DecodeIssues(v.Interface()) {
		if at := issuePath(issue.Path); !c.covered(at, false) {
			c.problems = append(c.problems, fmt.Sprintf("%s does not decode into %s: %v", joinPath(at), e.goType, issue.Err))
		}
	}
	back, err := json.Marshal(v.Interface())
	if err != nil {
		c.problems = append(c.problems, fmt.Sprintf("encode %s: %v", e.goType, err))
		return c
	}
	var want, got any
	if err := unmarshalNumbers(data, &want); err != nil {
		c.problems = append(c.problems, err.Error())
		return c
	}
	if err := unmarshalNumbers(back, &got); err != nil {
		c.problems = append(c.problems, err.Error())
		return c
	}
	c.compare(e.schema, want, got, nil)
	return c
}

func unmarshalNumbers(data []byte, v *any) error {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	return d.Decode(v)
}

// covered reports whether a defect is at or above the path at (or, for a decoding error,
// whose path has no array indexes, at any index).
func (c *checked) covered(at []string, anyIndex bool) bool {
	for _, d := range c.defects {
		if len(d.at) > len(at) && !anyIndex {
			continue
		}
		i, j := 0, 0
		for i < len(d.at) && j < len(at) {
			if d.at[i] == at[j] {
				i, j = i+1, j+1
				continue
			}
			if anyIndex && isIndex(d.at[i]) {
				i++
				continue
			}
			break
		}
		for anyIndex && i < len(d.at) && isIndex(d.at[i]) {
			i++
		}
		if i == len(d.at) {
			return true
		}
	}
	return false
}

func isIndex(tok string) bool {
	_, err := strconv.Atoi(tok)
	return err == nil
}

// decodeErrorPath is where a decoding error happened, as far as encoding/json says: the
// property names, without array indexes.
func decodeErrorPath(err error) []string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return strings.Split(te.Field, ".")
	}
	return nil
}

// issuePath turns a DecodeIssue path ("data[3].location", `map["key"]`) into tokens.
func issuePath(p string) []string {
	var out []string
	for p != "" {
		switch {
		case strings.HasPrefix(p, "["):
			end := strings.Index(p, "]")
			if end < 0 {
				return append(out, p)
			}
			tok := p[1:end]
			if u, err := strconv.Unquote(tok); err == nil {
				tok = u
			}
			out = append(out, tok)
			p = p[end+1:]
		case strings.HasPrefix(p, "."):
			p = p[1:]
		default:
			end := strings.IndexAny(p, ".[")
			if end < 0 {
				end = len(p)
			}
			out = append(out, p[:end])
			p = p[end:]
		}
	}
	return out
}

// compare walks the example (want) and what its Go value encodes to (got) together, recording
// every difference that neither a defect nor the zero-value rule explains.
func (c *checked) compare(sr *openapi3.SchemaRef, want, got any, at []string) {
	if c.covered(at, false) {
		return
	}
	diff := func(format string, args ...any) {
		c.problems = append(c.problems, fmt.Sprintf("%s: encodes back as %s", joinPath(at), fmt.Sprintf(format, args...)))
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			diff("%s, not an object", show(got))
			return
		}
		shape := objectShape(sr, w, &validator{request: c.ex.request})
		for _, k := range slices.Sorted(maps.Keys(w)) {
			sub := append(slices.Clone(at), k)
			gv, ok := g[k]
			switch {
			case ok:
				sub := shape.props[k]
				if sub == nil {
					sub = shape.extra
				}
				c.compare(sub, w[k], gv, append(slices.Clone(at), k))
			case c.covered(sub, false):
			case isZero(w[k]) && !shape.required[k]:
			default:
				c.problems = append(c.problems, fmt.Sprintf("%s: %s is lost when encoding back", joinPath(sub), show(w[k])))
			}
		}
		for _, k := range slices.Sorted(maps.Keys(g)) {
			// A received type encodes every property it declares, those absent at their zero
			// value: a decoded answer then loses none of the ones it had.
			if _, ok := w[k]; !ok && !c.covered(append(slices.Clone(at), k), false) && (c.ex.request || !isZero(g[k])) {
				c.problems = append(c.problems, fmt.Sprintf("%s: encoding back adds %s", joinPath(append(slices.Clone(at), k)), show(g[k])))
			}
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			diff("%s, not an array", show(got))
			return
		}
		if len(g) != len(w) {
			diff("%d items, not %d", len(g), len(w))
			return
		}
		var items *openapi3.SchemaRef
		if sr != nil && sr.Value != nil {
			items = sr.Value.Items
		}
		for i := range w {
			c.compare(items, w[i], g[i], append(slices.Clone(at), strconv.Itoa(i)))
		}
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			diff("%s, not the number %s", show(got), w)
			return
		}
		wf, err1 := w.Float64()
		gf, err2 := g.Float64()
		if w != g && (err1 != nil || err2 != nil || wf != gf) {
			diff("%s, not %s", g, w)
		}
	case nil:
		if !isZero(got) {
			diff("%s, not null", show(got))
		}
	default:
		if !reflect.DeepEqual(want, got) {
			diff("%s, not %s", show(got), show(want))
		}
	}
}

func show(v any) string {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(data) > 80 {
		return string(data[:77]) + "..."
	}
	return string(data)
}

func isZero(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case bool:
		return !v
	case string:
		return v == ""
	case json.Number:
		f, err := v.Float64()
		return err == nil && f == 0
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	}
	return false
}

// shape is what a schema says of an object value: its properties, the required ones, and what
// it says of the others.
type shape struct {
	name     string // the component schema, for messages; "" if inline
	props    map[string]*openapi3.SchemaRef
	required map[string]bool
	extra    *openapi3.SchemaRef // the schema of other properties, if any
	free     bool                // any other property is allowed
}

// objectShape merges what sr says of the object v: its own properties, those of every allOf
// part, and those of the oneOf or anyOf alternative that v matches (the first, if several do;
// the closest if none does).
func objectShape(sr *openapi3.SchemaRef, v map[string]any, val *validator) *shape {
	sh := &shape{props: map[string]*openapi3.SchemaRef{}, required: map[string]bool{}}
	if sr == nil || sr.Value == nil {
		sh.free = true
		return sh
	}
	sh.name = refName(sr)
	var merge func(sr *openapi3.SchemaRef, depth int)
	merge = func(sr *openapi3.SchemaRef, depth int) {
		if sr == nil || sr.Value == nil || depth > 16 {
			return
		}
		s := sr.Value
		maps.Copy(sh.props, s.Properties)
		for _, r := range s.Required {
			sh.required[r] = true
		}
		ap := s.AdditionalProperties
		switch {
		case ap.Schema != nil:
			sh.extra = ap.Schema
		case ap.Has != nil && *ap.Has:
			sh.free = true
		case depth == 0 && ap.Has == nil && len(s.Properties) == 0 && len(s.AllOf) == 0 && len(s.OneOf) == 0 && len(s.AnyOf) == 0 &&
			(s.Type == nil || s.Type.Is(openapi3.TypeObject)):
			sh.free = true // a free-form object (not a part or alternative that only lists required properties)
		}
		for _, part := range s.AllOf {
			merge(part, depth+1)
		}
		for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
			if len(alts) == 0 {
				continue
			}
			// The first alternative v matches, else the one it comes closest to.
			closest, fewest := 0, -1
			for i, alt := range alts {
				n := distance(val.value(alt, v, nil, true))
				if fewest < 0 || n < fewest {
					closest, fewest = i, n
				}
			}
			merge(alts[closest], depth+1)
		}
	}
	merge(sr, 0)
	return sh
}

func refName(sr *openapi3.SchemaRef) string {
	if sr == nil {
		return ""
	}
	return strings.TrimPrefix(sr.Ref, "#/components/schemas/")
}

// schemaDefects validates the example against its schema.
func schemaDefects(e *example) []defect {
	if e.schema == nil || e.schema.Value == nil {
		return []defect{{what: "the response declares no schema"}}
	}
	v := &validator{request: e.request}
	out := v.value(e.schema, e.value, nil, false)
	slices.SortFunc(out, func(a, b defect) int {
		return strings.Compare(joinPath(a.at)+": "+a.what, joinPath(b.at)+": "+b.what)
	})
	return slices.CompactFunc(out, func(a, b defect) bool { return slices.Equal(a.at, b.at) && a.what == b.what })
}

// validator checks a value against a schema. kin-openapi checks each value's own constraints
// (type, enum, bounds, length, pattern); objects, arrays and alternatives are walked here, so
// that every property the schema does not declare is found, and a value that matches none of
// a oneOf's alternatives is reported by the alternative it comes closest to (the fewest
// defects), not by all of them.
type validator struct {
	request bool
}

// value returns the defects of v against sr, at path at. part says sr is a part (allOf) or an
// alternative (oneOf, anyOf) of the schema of v, which looks for undeclared properties.
func (val *validator) value(sr *openapi3.SchemaRef, v any, at []string, part bool) []defect {
	if sr == nil || sr.Value == nil {
		return nil
	}
	s := sr.Value
	if v == nil {
		if s.Nullable || !part && nullableAlternative(s) {
			return nil
		}
		return []defect{{at: at, what: "null where the schema does not allow it"}}
	}
	var out []defect
	own := *s // the schema's own constraints, without what is walked here
	own.AllOf, own.OneOf, own.AnyOf, own.Not, own.Discriminator = nil, nil, nil, nil, nil
	own.Properties, own.Required, own.Items, own.AdditionalProperties = nil, nil, nil, openapi3.AdditionalProperties{}
	opts := []openapi3.SchemaValidationOption{openapi3.MultiErrors(), openapi3.VisitAsResponse()}
	if val.request {
		opts[1] = openapi3.VisitAsRequest()
	}
	if err := own.VisitJSON(v, opts...); err != nil {
		for _, err := range flattenErrors(err) {
			var se *openapi3.SchemaError
			if errors.As(err, &se) {
				out = append(out, defect{at: slices.Concat(at, se.JSONPointer()), what: describe(se),
					constant: se.SchemaField == "enum" && len(se.Schema.Enum) == 1})
			} else {
				out = append(out, defect{at: at, what: err.Error()})
			}
		}
		return out // a value of the wrong type is not walked further
	}
	for _, p := range s.AllOf {
		out = append(out, val.value(p, v, at, true)...)
	}
	for _, alts := range []struct {
		kind string
		refs openapi3.SchemaRefs
	}{{"oneOf", s.OneOf}, {"anyOf", s.AnyOf}} {
		if len(alts.refs) == 0 {
			continue
		}
		matched, best := val.choose(alts.refs, v, at)
		switch {
		case len(matched) == 0:
			out = append(out, best...)
		case alts.kind == "oneOf" && len(matched) > 1:
			out = append(out, defect{at: at, what: fmt.Sprintf("matches %d of the oneOf alternatives (%v), not one", len(matched), matched)})
		}
	}
	switch v := v.(type) {
	case map[string]any:
		for _, r := range s.Required {
			if _, ok := v[r]; !ok {
				out = append(out, defect{at: append(slices.Clone(at), r), what: "a required property is missing"})
			}
		}
		for _, k := range slices.Sorted(maps.Keys(v)) {
			sub := append(slices.Clone(at), k)
			switch {
			case s.Properties[k] != nil:
				out = append(out, val.value(s.Properties[k], v[k], sub, false)...)
			case s.AdditionalProperties.Schema != nil:
				out = append(out, val.value(s.AdditionalProperties.Schema, v[k], sub, false)...)
			}
		}
		if !part {
			out = append(out, val.undeclared(sr, v, at)...)
		}
	case []any:
		for i, item := range v {
			out = append(out, val.value(s.Items, item, append(slices.Clone(at), strconv.Itoa(i)), false)...)
		}
	}
	return out
}

// choose returns the indexes of the alternatives v matches, and if it matches none, the defects
// of the alternative it comes closest to: the fewest defects, a wrong constant (another kind of
// value) counting as many.
func (val *validator) choose(alts openapi3.SchemaRefs, v any, at []string) (matched []int, best []defect) {
	bestScore := -1
	for i, alt := range alts {
		d := val.value(alt, v, at, true)
		if len(d) == 0 {
			matched = append(matched, i)
		} else if score := distance(d); bestScore < 0 || score < bestScore {
			best, bestScore = d, score
		}
	}
	return matched, best
}

func distance(ds []defect) int {
	n := 0
	for _, d := range ds {
		n++
		if d.constant {
			n += 100
		}
	}
	return n
}

func nullableAlternative(s *openapi3.Schema) bool {
	for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf} {
		for _, a := range alts {
			if a.Value != nil && a.Value.Nullable {
				return true
			}
		}
	}
	return false
}

// undeclared returns a defect for every property of the object v that its schema declares
// nowhere: not itself, nor in an allOf part, nor in the oneOf or anyOf alternative v matches
// (or comes closest to), unless the schema allows other properties.
func (val *validator) undeclared(sr *openapi3.SchemaRef, v map[string]any, at []string) []defect {
	sh := objectShape(sr, v, val)
	var out []defect
	for _, k := range slices.Sorted(maps.Keys(v)) {
		if sh.props[k] == nil && sh.extra == nil && !sh.free {
			what := "undeclared property"
			if sh.name != "" {
				what += " of " + sh.name
			}
			out = append(out, defect{at: append(slices.Clone(at), k), what: what})
		}
	}
	return out
}

// describe says what a schema error is about, briefly and without kin-openapi's dump of the
// schema and value.
func describe(se *openapi3.SchemaError) string {
	switch se.SchemaField {
	case "type":
		return fmt.Sprintf("%s where the schema says %s", jsonKind(se.Value), strings.Join(se.Schema.Type.Slice(), " or "))
	case "enum":
		return fmt.Sprintf("%s is not one of the schema's values %s", show(se.Value), show(se.Schema.Enum))
	case "nullable":
		return "null where the schema does not allow it"
	}
	return se.SchemaField + ": " + se.Reason
}

func jsonKind(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string " + show(v)
	case float64:
		if v == float64(int64(v)) {
			return "integer " + strconv.FormatInt(int64(v), 10)
		}
		return "number " + strconv.FormatFloat(v, 'g', -1, 64)
	case json.Number:
		return "number " + v.String()
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// TestConformanceExamples checks every request and response example of the description: the
// spec defects it has against its schema must be exactly those listed in
// testdata/defects/VERSION.txt (`go test -update` rewrites the list), and it must decode into its
// Go type and encode back to the same JSON, as check says.
func TestConformanceExamples(t *testing.T) {
	t.Parallel()
	s := load(t)
	all := allExamples(t, s)
	var found []string
	requests := 0
	for _, c := range all {
		if c.ex.request {
			requests++
		}
		for _, d := range c.defects {
			found = append(found, d.line(c.ex))
		}
		for _, p := range c.problems {
			t.Errorf("%s (%s, %s): %s", c.ex.where(), c.ex.pointer(), c.ex.goType, p)
		}
	}
	slices.Sort(found)
	if *update {
		writeDefects(t, s.doc.Info.Version, found)
	}
	listed := readDefects(t)
	for _, d := range found {
		if !slices.Contains(listed, d) {
			t.Errorf("spec defect not listed in %s (fix it in the overlays if the API behaves as the example says, else list it):\n%s", defectsPath, d)
		}
	}
	for _, d := range listed {
		if !slices.Contains(found, d) {
			t.Errorf("%s lists a spec defect that the examples no longer have; delete the line:\n%s", defectsPath, d)
		}
	}
	checkedExamples.Store(int64(len(all)))
	listedDefects.Store(int64(len(listed)))
	t.Logf("conformance: %d examples checked (%d requests, %d responses); %d spec defects, as %s lists",
		len(all), requests, len(all)-requests, len(found), defectsPath)
}

const defectsHeader = `# Spec defects in the examples of Intercom's %s description: where an example has a property its
# schema does not declare, or a value its schema forbids. TestConformanceExamples fails when the
# examples have a defect this file does not list, and when it lists one they no longer have, so
# the list only changes on purpose. A defect that is the API's real behaviour is fixed in
# spec/overlays instead, with its reason; request examples of error responses are often
# invalid on purpose. One defect a line: operation, example, path in the example, what.
# Regenerate with: go test ./generator/conformance -run Examples -update [-args -spec FILE]
`

func readDefects(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(defectsPath)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for line := range strings.Lines(string(data)) {
		line = strings.TrimRight(line, "\r\n")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

func writeDefects(t *testing.T, version string, lines []string) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, defectsHeader, version)
	for _, l := range lines {
		b.WriteString(l + "\n")
	}
	if err := os.WriteFile(defectsPath, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// exampleDefects returns the defects of o's request (or response) example key, for the
// operations test.
func exampleDefects(t *testing.T, s *suite, o *operation, request bool, key string) []defect {
	for _, c := range allExamples(t, s) {
		if c.ex.op == o && c.ex.request == request && c.ex.key == key {
			return c.defects
		}
	}
	return nil
}

// plainErrorList is an error list as encoding/json decodes it, without a decoder of its own:
// what it does not declare is lost, which the check must report.
type plainErrorList struct {
	Type      string `json:"type"`
	RequestID string `json:"request_id"`
	Errors    []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

// TestCheckFindsProblems makes sure check is not vacuous: on a made-up schema, it finds an
// undeclared property and a forbidden value as spec defects, and a declared property that the
// Go type loses as the client's problem.
func TestCheckFindsProblems(t *testing.T) {
	t.Parallel()
	item := openapi3.NewObjectSchema().WithProperty("code", openapi3.NewStringSchema()).WithProperty("message", openapi3.NewStringSchema())
	sc := openapi3.NewObjectSchema().
		WithProperty("type", openapi3.NewStringSchema()).
		WithProperty("request_id", openapi3.NewStringSchema()).
		WithProperty("errors", openapi3.NewArraySchema().WithItems(item)).
		WithProperty("declared_not_in_go", openapi3.NewStringSchema())
	sc.Required = []string{"type", "errors"}
	e := &example{
		op: &operation{key: "GET /made-up"}, status: 404, key: "made up", schema: openapi3.NewSchemaRef("", sc),
		goType: reflect.TypeFor[plainErrorList](),
		value: map[string]any{
			"type": "error.list", "request_id": "", "errors": []any{map[string]any{"code": 7.0, "message": "m", "extra": true}},
			"declared_not_in_go": "lost", "undeclared": 1.0,
		},
	}
	c := check(e)
	var defects []string
	for _, d := range c.defects {
		defects = append(defects, d.line(e))
	}
	wantDefects := []string{
		`GET /made-up response 404 "made up" /errors/0/code: integer 7 where the schema says string`,
		`GET /made-up response 404 "made up" /errors/0/extra: undeclared property`,
		`GET /made-up response 404 "made up" /undeclared: undeclared property`,
	}
	if !slices.Equal(defects, wantDefects) {
		t.Errorf("defects:\n%s\nwant:\n%s", strings.Join(defects, "\n"), strings.Join(wantDefects, "\n"))
	}
	// The code of the wrong type does not decode (plainErrorList is not decoded tolerantly),
	// which the defect at /errors/0/code explains; so check the loss on a value without it.
	e.value.(map[string]any)["errors"] = []any{map[string]any{"code": "c", "message": "m"}}
	c = check(e)
	want := []string{`/declared_not_in_go: "lost" is lost when encoding back`}
	if !slices.Equal(c.problems, want) {
		t.Errorf("problems %q, want %q", c.problems, want)
	}
}
