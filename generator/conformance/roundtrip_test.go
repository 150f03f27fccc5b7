package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

// TestConformanceRoundTrip is the round-trip property over every response example of the
// description that decodes, spec defects or not: decode -> encode -> decode -> encode is a fixed point (the two
// encodings are the same bytes), and no property of the example is lost on the way, at any
// depth, but those a DecodeIssue holds (a map value that did not fit leaves its key out; its
// JSON is in the issue). Undeclared properties come back through ExtraFields.
func TestConformanceRoundTrip(t *testing.T) {
	t.Parallel()
	s := load(t)
	n, candidates := 0, 0
	for _, c := range allExamples(t, s) {
		e := c.ex
		if e.goType == nil || e.request {
			continue // a request's undeclared properties are the example's defects, not answers
		}
		candidates++
		data, err := json.Marshal(e.value)
		if err != nil {
			t.Fatal(err)
		}
		problems, ok := roundTrip(e.goType, data)
		if !ok {
			continue // check reports an example that does not decode at all
		}
		n++
		for _, p := range problems {
			t.Errorf("%s (%s, %s): %s", e.where(), e.pointer(), e.goType, p)
		}
	}
	// An example that does not decode at all is the examples test's to report; nearly all do.
	if n*10 < candidates*9 {
		t.Errorf("only %d of %d response examples went round, want every one that decodes", n, candidates)
	}
	t.Logf("conformance: %d examples went round (decode, encode, decode) losing nothing", n)
}

// roundTrip decodes data into a new value of typ, encodes it, and does both again; it returns
// what was lost or changed, and false if data does not decode at all.
func roundTrip(typ reflect.Type, data []byte) ([]string, bool) {
	v1 := reflect.New(typ)
	if err := json.Unmarshal(data, v1.Interface()); err != nil {
		return nil, false
	}
	issues := map[string]bool{}
	for _, is := range intercom.DecodeIssues(v1.Interface()) {
		issues[joinPath(issuePath(is.Path))] = true
	}
	b1, err := json.Marshal(v1.Interface())
	if err != nil {
		return []string{fmt.Sprintf("encode: %v", err)}, true
	}
	v2 := reflect.New(typ)
	if err := json.Unmarshal(b1, v2.Interface()); err != nil {
		return []string{fmt.Sprintf("what it encodes to does not decode: %v", err)}, true
	}
	b2, err := json.Marshal(v2.Interface())
	if err != nil {
		return []string{fmt.Sprintf("encode again: %v", err)}, true
	}
	var problems []string
	if !bytes.Equal(b1, b2) {
		problems = append(problems, fmt.Sprintf("not a fixed point:\n%s\n%s", b1, b2))
	}
	var want, got any
	if err := unmarshalNumbers(data, &want); err != nil {
		return []string{err.Error()}, true
	}
	if err := unmarshalNumbers(b1, &got); err != nil {
		return []string{err.Error()}, true
	}
	lost(want, got, nil, issues, &problems)
	return problems, true
}

// lost records every property of want, at any depth, that got does not have, except under the
// paths of DecodeIssues.
func lost(want, got any, at []string, issues map[string]bool, problems *[]string) {
	if issues[joinPath(at)] {
		return
	}
	switch w := want.(type) {
	case map[string]any:
		g, _ := got.(map[string]any)
		for _, k := range slices.Sorted(mapKeys(w)) {
			sub := append(slices.Clone(at), k)
			gv, ok := g[k]
			if !ok && !issues[joinPath(sub)] {
				*problems = append(*problems, fmt.Sprintf("%s: %s is lost", joinPath(sub), show(w[k])))
				continue
			}
			lost(w[k], gv, sub, issues, problems)
		}
	case []any:
		g, _ := got.([]any)
		if len(g) != len(w) {
			*problems = append(*problems, fmt.Sprintf("%s: %d items come back as %d", joinPath(at), len(w), len(g)))
			return
		}
		for i := range w {
			lost(w[i], g[i], append(slices.Clone(at), strconv.Itoa(i)), issues, problems)
		}
	}
}

func mapKeys(m map[string]any) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
