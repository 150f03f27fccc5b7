package validate_test

import (
	"bytes"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/lower"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/validate"
)

var writeCorpus = flag.Bool("write-corpus", false, "rewrite testdata/fuzz/FuzzLoad from the seeds in fuzz_test.go")

// head is the start of a description that loads; the seeds add broken parts to it.
const head = "openapi: 3.0.1\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://x.example', x-go-name: X}]\n"

// op is a valid operation whose response schema is the seed's component "a".
const op = `paths:
  /x/{id}:
    get:
      operationId: getX
      tags: [Xs]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/a'}}}
`

// seeds are broken (and a few valid) descriptions; each is both an f.Add seed and a file of
// testdata/fuzz/FuzzLoad, named by its key.
var seeds = map[string]string{
	"empty":                 "",
	"empty_object":          "{}",
	"list":                  "- a\n- b\n",
	"scalar":                "openapi",
	"not_yaml":              "openapi: [3.0.1\n",
	"tab_indent":            "openapi: 3.0.1\n\tinfo: x\n",
	"json":                  `{"openapi": "3.0.1", "info": {"title": "T", "version": "1"}, "paths": {}}`,
	"minimal":               head + "paths: {}\n",
	"no_paths":              head,
	"no_info":               "openapi: 3.0.1\npaths: {}\n",
	"wrong_version":         "openapi: 2.0\ninfo: {title: T, version: '1'}\npaths: {}\n",
	"openapi_31":            "openapi: 3.1.0\ninfo: {title: T, version: '1'}\n" + op + "components: {schemas: {a: {type: [string, 'null']}}}\n",
	"valid_op":              head + op + "components: {schemas: {a: {type: object, properties: {id: {type: string}}}}}\n",
	"dangling_ref":          head + op + "components: {schemas: {b: {type: string}}}\n",
	"external_ref":          head + op + "components: {schemas: {a: {$ref: 'other.yaml#/a'}}}\n",
	"url_ref":               head + op + "components: {schemas: {a: {$ref: 'https://example.com/a.json'}}}\n",
	"ref_to_root":           head + op + "components: {schemas: {a: {$ref: '#'}}}\n",
	"ref_to_info":           head + op + "components: {schemas: {a: {$ref: '#/info'}}}\n",
	"ref_to_path":           head + op + "components: {schemas: {a: {$ref: '#/paths/~1x~1{id}'}}}\n",
	"ref_into_list":         head + op + "components: {schemas: {a: {$ref: '#/paths/~1x~1{id}/get/parameters/0'}}}\n",
	"ref_not_scalar":        head + op + "components: {schemas: {a: {$ref: {b: c}}}}\n",
	"ref_empty":             head + op + "components: {schemas: {a: {$ref: ''}}}\n",
	"ref_self":              head + op + "components: {schemas: {a: {$ref: '#/components/schemas/a'}}}\n",
	"ref_cycle":             head + op + "components: {schemas: {a: {$ref: '#/components/schemas/b'}, b: {$ref: '#/components/schemas/a'}}}\n",
	"ref_cycle_items":       head + op + "components: {schemas: {a: {type: array, items: {$ref: '#/components/schemas/a'}}}}\n",
	"ref_cycle_allof":       head + op + "components: {schemas: {a: {allOf: [{$ref: '#/components/schemas/a'}]}}}\n",
	"ref_cycle_oneof":       head + op + "components: {schemas: {a: {oneOf: [{$ref: '#/components/schemas/b'}, {type: string}]}, b: {oneOf: [{$ref: '#/components/schemas/a'}]}}}\n",
	"ref_cycle_map":         head + op + "components: {schemas: {a: {type: object, additionalProperties: {$ref: '#/components/schemas/a'}}}}\n",
	"recursive_prop":        head + op + "components: {schemas: {a: {type: object, properties: {next: {$ref: '#/components/schemas/a'}}}}}\n",
	"array_no_items":        head + op + "components: {schemas: {a: {type: array}}}\n",
	"bad_type":              head + op + "components: {schemas: {a: {type: strin}}}\n",
	"alias":                 head + op + "components: {schemas: {s: &s {type: string}, a: {type: object, properties: {x: *s, y: *s}}}}\n",
	"alias_loop":            head + "paths: &p {x: *p}\n",
	"merge_key":             head + op + "components: {schemas: {s: &s {type: string}, a: {<<: *s, description: merged}}}\n",
	"null_values":           head + "paths:\n  /x:\n    get:\n      tags: [X]\n      parameters: [null]\n      responses: null\n",
	"paths_scalar":          head + "paths: {/x: 1}\n",
	"paths_list":            head + "paths: [1]\n",
	"path_no_slash":         head + "paths: {x: {get: {tags: [X], responses: {'200': {description: ok}}}}}\n",
	"path_param_undeclared": head + "paths: {'/x/{id}': {get: {tags: [X], responses: {'200': {description: ok}}}}}\n",
	"duplicate_opid":        head + "paths: {/a: {get: {operationId: g, tags: [X], responses: {'204': {description: ok}}}}, /b: {get: {operationId: g, tags: [X], responses: {'204': {description: ok}}}}}\n",
	"no_responses":          head + "paths: {/x: {get: {tags: [X], responses: {}}}}\n",
	"response_ref":          head + "paths: {/x: {get: {tags: [X], responses: {'200': {$ref: '#/components/responses/gone'}}}}}\n",
	"body_ref":              head + "paths: {/x: {post: {tags: [X], requestBody: {$ref: '#/components/requestBodies/b'}, responses: {'204': {description: ok}}}}}\ncomponents: {requestBodies: {b: {content: {application/json: {schema: {type: object}}}}}}\n",
	"form_body":             head + "paths: {/x: {post: {tags: [X], requestBody: {content: {multipart/form-data: {schema: {type: object}}}}, responses: {'204': {description: ok}}}}}\n",
	"enum_symbols":          head + op + "components: {schemas: {a: {type: string, enum: ['=', '!=', '', null, 1]}}}\n",
	"enum_mixed":            head + op + "components: {schemas: {a: {enum: [1, a, true, {x: 1}]}}}\n",
	"discriminator":         head + op + "components: {schemas: {a: {oneOf: [{$ref: '#/components/schemas/b'}], discriminator: {propertyName: t, mapping: {x: '#/components/schemas/gone'}}}, b: {type: object}}}\n",
	"empty_oneof":           head + op + "components: {schemas: {a: {oneOf: []}}}\n",
	"huge_numbers":          head + op + "components: {schemas: {a: {type: string, maxLength: 1e400, minimum: -1e400, multipleOf: 0}}}\n",
	"weird_names":           head + op + "components: {schemas: {a: {type: object, properties: {'': {type: string}, '1x': {type: string}, 'a b': {type: string}, 'ü': {type: string}, '__': {type: string}}}, '': {type: string}, '/': {type: string}, '~': {type: string}}}\n",
	"server_vars":           "openapi: 3.0.1\ninfo: {title: T, version: '1'}\nservers: [{url: 'https://{region}.example.com', variables: {region: {default: eu, enum: [us]}}}]\npaths: {}\n",
	"trace_method":          head + "paths: {/x: {trace: {tags: [X], responses: {'200': {description: ok}}}}}\n",
	"cookie_param":          head + "paths: {/x: {get: {tags: [X], parameters: [{name: c, in: cookie, schema: {type: string}}], responses: {'204': {description: ok}}}}}\n",
	"deep_object":           head + "paths: {/x: {get: {tags: [X], parameters: [{name: q, in: query, style: deepObject, schema: {type: object}}], responses: {'204': {description: ok}}}}}\n",
	"x_go_names":            head + "paths: {/x: {get: {tags: [X], x-go-name: '', x-go-service: 1, responses: {'204': {description: ok}}}}}\n",
}

// corpusDir holds the seeds as files in Go's corpus format.
const corpusDir = "testdata/fuzz/FuzzLoad"

// tinySpec is the small description the pipeline's golden tests generate, a valid seed that
// reaches every part of lowering.
const tinySpec = "../testdata/tiny/openapi.yaml"

// allSeeds returns the seeds with the tiny description added as "tiny".
func allSeeds(tb testing.TB) map[string][]byte {
	tb.Helper()
	all := map[string][]byte{}
	for name, s := range seeds {
		all[name] = []byte(s)
	}
	tiny, err := os.ReadFile(tinySpec)
	if err != nil {
		tb.Fatal(err)
	}
	all["tiny"] = tiny
	return all
}

// FuzzLoad feeds arbitrary bytes through parsing, validation and lowering: every stage may
// refuse its input, but none may panic.
func FuzzLoad(f *testing.F) {
	all := allSeeds(f)
	for _, name := range slices.Sorted(maps.Keys(all)) {
		f.Add(all[name])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := spec.Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		api, err := validate.Load(t.Context(), doc)
		if err != nil {
			if api != nil {
				t.Errorf("Load returned a document with its error %v", err)
			}
			return
		}
		if api == nil {
			t.Fatal("Load returned neither a document nor an error")
		}
		if _, err := lower.Lower(doc, api); err != nil {
			return
		}
	})
}

// TestFuzzCorpus keeps testdata/fuzz/FuzzLoad in step with the seeds above, so that `go test
// -fuzz` starts from them too; run with -write-corpus after changing a seed.
func TestFuzzCorpus(t *testing.T) {
	all := allSeeds(t)
	if *writeCorpus {
		if err := os.MkdirAll(corpusDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range all {
			if err := os.WriteFile(filepath.Join(corpusDir, name), encodeCorpus(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, name := range slices.Sorted(maps.Keys(all)) {
		raw, err := os.ReadFile(filepath.Join(corpusDir, name))
		if err != nil {
			t.Errorf("%v (run go test ./generator/validate -run TestFuzzCorpus -write-corpus)", err)
			continue
		}
		got, err := decodeCorpus(raw)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, all[name]) {
			t.Errorf("%s differs from its seed (run with -write-corpus)", name)
		}
	}
	// Every file in the corpus (seeds and crashers the fuzzer found) must be readable.
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(corpusDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := decodeCorpus(raw); err != nil {
			t.Errorf("%s: %v", e.Name(), err)
		}
	}
}

// encodeCorpus renders one []byte input in the format of `go test -fuzz` corpus files.
func encodeCorpus(data []byte) []byte {
	return fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\n", data)
}

// decodeCorpus reads a corpus file holding one []byte input.
func decodeCorpus(raw []byte) ([]byte, error) {
	rest, ok := strings.CutPrefix(string(raw), "go test fuzz v1\n")
	if !ok {
		return nil, fmt.Errorf("not a corpus file")
	}
	rest = strings.TrimSpace(rest)
	lit, ok := strings.CutPrefix(rest, "[]byte(")
	if !ok || !strings.HasSuffix(lit, ")") {
		return nil, fmt.Errorf("want one []byte value, got %.40q", rest)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(lit, ")"))
	if err != nil {
		return nil, err
	}
	return []byte(s), nil
}
