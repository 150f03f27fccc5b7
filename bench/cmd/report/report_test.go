package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const templatePath = "../../../templates/benchmarks.md.tmpl"

// sampleBench is go test -bench output with every benchmark the report reads, as fill expects.
func sampleBench() []byte {
	var b strings.Builder
	b.WriteString("goos: linux\ngoarch: amd64\npkg: github.com/gointercom/intercom/bench/decode\ncpu: AMD EPYC\n")
	for _, p := range []string{"contact_list", "contact_list_distinct", "conversation"} {
		for i, c := range []string{"ours", "ogen", "ogen+validate", "oapi-codegen"} {
			for range 3 {
				b.WriteString("BenchmarkDecode/" + p + "/" + c + "-2   \t 1000\t " +
					[]string{"2000000", "400000", "450000", "1100000"}[i] + " ns/op\t  41.49 MB/s\t  160625 B/op\t    " +
					[]string{"3000", "2800", "2800", "6300"}[i] + " allocs/op\n")
			}
		}
	}
	for i, c := range []string{"plain", "ours", "ogen", "oapi-codegen"} {
		b.WriteString("BenchmarkCall/" + c + "-2 \t 10000\t " + []string{"100000", "104000", "70000", "90000"}[i] +
			" ns/op\t 15000 B/op\t 160 allocs/op\n")
	}
	for _, n := range []string{"10000", "100000"} {
		for _, c := range []string{"client", "plain"} {
			b.WriteString("BenchmarkContactsListAll/N=" + n + "/" + c + "-2 \t 2\t 500000000 ns/op\t 3.4 peak-heap-MB\t 0.8 live-heap-MB\t 23000 items/s\t 90000000 B/op\t 580000 allocs/op\n")
		}
	}
	b.WriteString("PASS\nok  \tgithub.com/gointercom/intercom/bench/decode\t9.452s\n")
	return []byte(b.String())
}

// sampleReport is a Report as measure fills it.
func sampleReport(t *testing.T) *Report {
	t.Helper()
	r := &Report{
		Date: "2026-01-02", Duration: "6m1s", Go: "go1.26.8", Count: 5, Runs: 3, GenRuns: 9, Benchtime: "1s",
		Load:           "at the start 0.50 0.40 0.30, at the end 1.00 0.80 0.50",
		Machine:        Machine{CPU: "AMD EPYC", Cores: 2, Memory: "24 GiB", OS: "linux/amd64"},
		Ours:           Tool{Name: "ours (intercomgen)", Module: "github.com/gointercom/intercom", Version: "abc1234"},
		OursOperations: 108, Operations: 108,
		Generated:   codeStats{Files: 77, Lines: 12304, Untyped: []string{"Contact.CustomAttributes"}},
		HandWritten: codeStats{Files: 13, Lines: 2364},
		Peers: []Peer{
			{Tool: Tool{Name: "ogen", Module: "github.com/ogen-go/ogen", Version: "v1.24.0"}, Config: "bench/peers/ogen/ogen.yml",
				Patch: "bench/peers/ogen/patch.yaml", Actions: []Action{{Target: "$.components.schemas.ticket", Description: "a name clash"}},
				Operations: 94, Skipped: []Skip{{Operation: "createTag", Route: "POST /tags", Reason: "complex anyOf not implemented"}},
				NullableRefs: []string{"conversation_part.assigned_to"}, Dropped: []string{"Contact.CustomAttributes"}, Untyped: []string{"Error.Errors"}},
			{Tool: Tool{Name: "oapi-codegen", Module: "github.com/oapi-codegen/oapi-codegen/v2", Version: "v2.8.2"},
				Config: "bench/peers/oapicodegen/config.yaml", Patch: "bench/peers/oapicodegen/patch.yaml", Operations: 108},
		},
		ThirdParty: ThirdParty{Ogen: 57, Oapi: 5},
		Chart:      "bench/ratios.svg",
	}
	gen := row("whole description, wall time", "s", 0.34)
	gen.Ogen, gen.Oapi = 0.62, 0.5
	r.Generation = []Row{gen}
	code := row("lines", "", 12304)
	code.Ogen, code.Oapi = 102854, 36985
	r.Code = []Row{code}
	comp := row("cold: standard library cached", "s", 1.5)
	comp.Ogen, comp.Oapi = 11.7, 2.1
	r.Compile = []Row{comp}
	bin := row("one call, stripped", "bytes", 6365346)
	bin.Plain, bin.Ogen, bin.Oapi = 6131874, 6525090, 6357154
	r.Binary = []Row{bin}
	if err := fill(r, parseBench(sampleBench())); err != nil {
		t.Fatal(err)
	}
	if err := fillRateLimit(r, parseBench([]byte(sampleRateLimit))); err != nil {
		t.Fatal(err)
	}
	r.Goals = goals(r)
	return r
}

// sampleRateLimit is go test -bench output of BenchmarkRateLimit.
const sampleRateLimit = `pkg: github.com/gointercom/intercom/bench/ratelimit
BenchmarkRateLimit/goroutines=8/pacer-2         	       1	40512345678 ns/op	         0 429s	         0 failed	         0.9712 limit-fraction	        40.51 s
BenchmarkRateLimit/goroutines=8/retries-2       	       1	52512345678 ns/op	       611 429s	        37 failed	         0.7344 limit-fraction	        52.51 s
BenchmarkRateLimit/goroutines=64/pacer-2        	       1	40612345678 ns/op	         1 429s	         0 failed	         0.9688 limit-fraction	        40.61 s
BenchmarkRateLimit/goroutines=64/retries-2      	       1	60512345678 ns/op	      4523 429s	       412 failed	         0.5312 limit-fraction	        60.51 s
PASS
`

// TestTemplateRenders renders templates/benchmarks.md.tmpl on a full sample report: every
// section is there, no value is missing, and every table has as many cells in each row as in its
// header.
func TestTemplateRenders(t *testing.T) {
	r := sampleReport(t)
	md, err := render(templatePath, r)
	if err != nil {
		t.Fatal(err)
	}
	text := string(md)
	for _, want := range []string{
		"# Benchmarks", "## Goals", "## Generation", "## Generated code", "## Compile", "## Binary size",
		"## Decoding", "## Per-call overhead", "## Pagination", "## The client's imports", "### ogen v1.24.0",
		"### oapi-codegen v2.8.2", "| whole description, wall time | 0.34 s | 0.62 s | ×0.55 | 0.50 s | ×0.68 |",
		"| one call, stripped | 6,365,346 B | 6,525,090 B | ×0.98 | 6,357,154 B | ×1.001 |",
		"| time | 100,000 ns/op | 104,000 ns/op | ×1.04 |", "| createTag | POST /tags | complex anyOf not implemented |",
		"`conversation_part.assigned_to`", "`Contact.CustomAttributes`", "AMD EPYC, 2 cores", "-count 5",
		"\n\n![Ours ÷ peer for generation time", "on a log scale: left of ×1, ours is smaller or faster](bench/ratios.svg)\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	for _, g := range r.Goals {
		if !strings.Contains(text, "| "+g.Name+" | "+g.Measured+" | **"+g.verdict()+"** |") {
			t.Errorf("the goals table lacks %q", g.Name)
		}
	}
	for _, bad := range []string{"<no value>", "NaN", "%!"} {
		if strings.Contains(text, bad) {
			t.Errorf("the report contains %q", bad)
		}
	}
	checkTables(t, text)
}

// checkTables checks that every row of every Markdown table has its header's number of cells.
func checkTables(t *testing.T, text string) {
	t.Helper()
	header := 0
	for i, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "|") {
			header = 0
			continue
		}
		cells := strings.Count(line, "|")
		if header == 0 {
			header = cells
		} else if cells != header {
			t.Errorf("line %d has %d cells, its table %d: %s", i+1, cells-1, header-1, line)
		}
	}
}

func TestParseBench(t *testing.T) {
	res := parseBench(sampleBench())
	if got := res["Decode/contact_list/ogen+validate"]["ns/op"]; !slices.Equal(got, []float64{450000, 450000, 450000}) {
		t.Errorf("ogen+validate ns/op = %v", got)
	}
	if v, ok := res.median("ContactsListAll/N=100000/client", "items/s"); !ok || v != 23000 {
		t.Errorf("items/s = %v, %v", v, ok)
	}
	if _, ok := res.median("Call/ours", "MB/s"); ok {
		t.Error("a unit the benchmark did not report has a median")
	}
	if len(parseBench([]byte("BenchmarkX-2 \t FAIL\n--- FAIL: BenchmarkY\nok x 1s\n"))) != 0 {
		t.Error("lines that are not results were parsed")
	}
}

func TestFillReportsMissing(t *testing.T) {
	out := strings.ReplaceAll(string(sampleBench()), "BenchmarkCall/ours", "BenchmarkCall/other")
	err := fill(&Report{}, parseBench([]byte(out)))
	if err == nil || !strings.Contains(err.Error(), "Call/ours ns/op") {
		t.Errorf("fill without Call/ours: %v", err)
	}
}

func TestGoals(t *testing.T) {
	r := sampleReport(t)
	verdicts := map[string]bool{}
	for _, g := range r.Goals {
		verdicts[g.Name] = g.Met
	}
	want := map[string]bool{
		"generation faster than the faster peer":                    true,
		"decode at least as fast as ogen, with no more allocations": false,
		"per-call overhead within 10% of plain net/http":            true,
		"pagination within 10% of the plain loop":                   true,
		"binary no larger than the smaller peer's":                  false,
		"client imports the standard library only":                  true,
		goalRateLimit: true,
	}
	for name, met := range want {
		if got, ok := verdicts[name]; !ok || got != met {
			t.Errorf("goal %q: met %v (present %v), want %v", name, got, ok, met)
		}
	}
	r.ThirdParty.Ours = []string{"example.com/x"}
	if goals(r)[5].Met {
		t.Error("a third-party import met the standard-library goal")
	}
	r.RateLimit[2].Limited = 2
	if g := rateLimitGoal(r); g.Met || !strings.Contains(g.Measured, "64 goroutines: 0 failed, 2 429s, 96.9% of the limit") {
		t.Errorf("two 429s with the pacer: %+v", g)
	}
	if g := rateLimitGoal(&Report{}); g.Met {
		t.Error("no run met the rate-limit goal")
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{formatValue(1234567, "ns/op"), "1,234,567 ns/op"},
		{formatValue(0.345, "s"), "0.34 s"},
		{formatValue(41.49, "MB/s"), "41.5 MB/s"},
		{formatValue(math.NaN(), "s"), "–"},
		{formatValue(57, ""), "57"},
		{formatRatio(1, 2), "×0.50"},
		{formatRatio(1001, 1000), "×1.001"},
		{formatRatio(1, 1), "×1.00"},
		{formatRatio(1, 0), "–"},
		{formatRatio(math.NaN(), 1), "–"},
		{thousands(-1234), "-1,234"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

func TestCountFields(t *testing.T) {
	const src = `package p

import "encoding/json"

type OptRaw struct { Value Raw; Set bool }
type Raw json.RawMessage
type Attrs map[string]any
type Empty struct{}
type OptEmpty struct { Value Empty; Set bool }

type T struct {
	A any
	B *map[string]interface{}
	C OptRaw
	D Attrs
	E []string
	F Opt[any]
	G OptEmpty
	H *Empty
	I struct{ X int }
	J struct{}
	hidden any
}
`
	f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	files := []*ast.File{f}
	if got, want := countFields(files, isUntyped), []string{"T.A", "T.B", "T.C", "T.D", "T.F"}; !slices.Equal(got, want) {
		t.Errorf("untyped = %v, want %v", got, want)
	}
	if got, want := countFields(files, isEmptyStruct), []string{"T.G", "T.H"}; !slices.Equal(got, want) {
		t.Errorf("dropped = %v, want %v", got, want)
	}
}

func TestOperationsAndSkipped(t *testing.T) {
	dir := t.TempDir()
	desc := filepath.Join(dir, "d.yaml")
	err := os.WriteFile(desc, []byte(`openapi: 3.0.1
paths:
  /tags:
    post:
      operationId: createTag
      summary: Create
    get:
      operationId: listTags
components:
  schemas:
    reference: {type: object}
    maybe: {type: object, nullable: true}
    part:
      type: object
      properties:
        assigned_to: {$ref: '#/components/schemas/reference', nullable: true}
        other: {$ref: '#/components/schemas/maybe', nullable: true}
        plain: {$ref: '#/components/schemas/reference'}
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	ops, err := operations(desc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != 2 || ops[0].ID != "createTag" || ops[0].Method != "POST" || ops[0].Line != 5 {
		t.Fatalf("operations = %+v", ops)
	}
	log := []byte("INFO\tSkipping operation\t{\"at\": \"d.yaml:5:7\", \"reason_error\": \"complex anyOf not implemented\"}\n")
	got := skipped(ops, map[string]bool{"listtags": true}, log)
	if len(got) != 1 || got[0] != (Skip{Operation: "createTag", Route: "POST /tags", Reason: "complex anyOf not implemented"}) {
		t.Errorf("skipped = %+v", got)
	}
	refs, err := nullableRefs(desc)
	if err != nil || !slices.Equal(refs, []string{"part.assigned_to"}) {
		t.Errorf("nullableRefs = %v, %v", refs, err)
	}
}
