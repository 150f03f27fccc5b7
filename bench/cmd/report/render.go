package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
)

// Report is everything BENCHMARKS.md shows.
type Report struct {
	Date     string // day of the run, UTC
	Duration string // how long the run took
	Load     string // the load averages at the start and end of the run
	Machine  Machine
	Go       string // go version
	Ours     Tool
	Peers    []Peer // ogen, then oapi-codegen
	// Count is go test -count, Runs the runs of each compile, GenRuns of each generator,
	// Benchtime go test's.
	Count, Runs, GenRuns int
	Benchtime            string

	// The tables. Every Row has Ours and, where measured, Plain, Ogen and Oapi (NaN otherwise).
	Generation, Code, Compile, Binary, Decode, Call, Paginate []Row
	// RateLimit holds the runs of the rate-limit benchmark.
	RateLimit []RateLimitRun

	// OursOperations is how many operations our client has, of Operations in the description.
	OursOperations, Operations int
	// Generated is the size of our generated code (gen/intercom/*_gen.go), HandWritten that of
	// our hand-written runtime (the rest of gen/intercom, without tests).
	Generated, HandWritten codeStats
	ThirdParty             ThirdParty
	Goals                  []Goal
	// Chart is the path of the chart of the ratios (chart.go), relative to the report.
	Chart string
}

// Machine is what the figures were measured on.
type Machine struct {
	CPU    string
	Cores  int
	Memory string
	OS     string
}

// Tool is a generator, with the version measured.
type Tool struct {
	Name, Module, Version string
}

// Peer is another generator and what it needed and could not do.
type Peer struct {
	Tool
	Config, Patch string   // their paths, relative to the repository's root
	Actions       []Action // the patch's actions
	Operations    int      // operations its client has
	Skipped       []Skip   // operations it did not generate
	// NullableRefs lists the properties whose null the peer cannot decode (ogen only).
	NullableRefs []string
	// Untyped and Dropped list the fields it types as untyped JSON, and as an empty struct.
	Untyped, Dropped []string
}

// Action is one action of a peer's patch.
type Action struct {
	Target, Description string
}

// Skip is an operation a peer did not generate.
type Skip struct {
	Operation, Route, Reason string
}

// ThirdParty lists the packages outside the standard library that each client's package
// imports, directly or not.
type ThirdParty struct {
	Ours       []string
	Ogen, Oapi int
}

// Row is one figure of a table.
type Row struct {
	Name, Unit              string
	Ours, Plain, Ogen, Oapi float64
}

// row returns a Row measured for ours only so far.
func row(name, unit string, ours float64) Row {
	return Row{Name: name, Unit: unit, Ours: ours, Plain: math.NaN(), Ogen: math.NaN(), Oapi: math.NaN()}
}

// Goal is one goal of the issue, checked against this run.
type Goal struct {
	Name     string // what is wanted
	Measured string // the ratios that decide it
	Met      bool
	Why      string // what the run measured that explains a goal not met
}

func (g Goal) verdict() string {
	if g.Met {
		return "met"
	}
	return "NOT met"
}

// funcs are the template's helpers.
var funcs = template.FuncMap{
	"v":       formatValue,
	"ratio":   formatRatio,
	"verdict": Goal.verdict,
	"join":    strings.Join,
	"code":    func(s string) string { return "`" + s + "`" },
	"n":       func(n int) string { return thousands(int64(n)) },
	"percent": percent,
}

// render executes the template at path on r.
func render(path string, r *Report) ([]byte, error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, err := template.New(filepath.Base(path)).Funcs(funcs).Option("missingkey=error").Parse(string(text))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, r); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// formatValue writes a figure in its unit: "–" when it was not measured.
func formatValue(v float64, unit string) string {
	if math.IsNaN(v) {
		return "–"
	}
	switch unit {
	case "s":
		return strconv.FormatFloat(v, 'f', 2, 64) + " s"
	case "MB/s", "MB":
		return strconv.FormatFloat(v, 'f', 1, 64) + " " + unit
	case "bytes":
		return thousands(int64(math.Round(v))) + " B"
	case "":
		return thousands(int64(math.Round(v)))
	}
	return thousands(int64(math.Round(v))) + " " + unit
}

// formatRatio writes a/b as "×0.42", with one more digit when two digits would make unequal
// figures look equal; "–" when either was not measured or b is 0.
func formatRatio(a, b float64) string {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return "–"
	}
	r := a / b
	s := strconv.FormatFloat(r, 'f', 2, 64)
	if s == "1.00" && a != b {
		s = strconv.FormatFloat(r, 'f', 3, 64)
	}
	return "×" + s
}

// thousands writes n with commas between groups of three digits.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// find returns the row of a table by name.
func find(rows []Row, name string) (Row, bool) {
	for _, r := range rows {
		if r.Name == name {
			return r, true
		}
	}
	return Row{}, false
}

// The goals whose failure the report explains from further measurements (why.go).
const (
	goalDecode = "decode at least as fast as ogen, with no more allocations"
	goalBinary = "binary no larger than the smaller peer's"
)

// goals checks the goals against the measured tables.
func goals(r *Report) []Goal {
	var out []Goal
	get := func(rows []Row, name string) Row {
		x, ok := find(rows, name)
		if !ok {
			return row(name, "", math.NaN())
		}
		return x
	}

	gen := get(r.Generation, "whole description, wall time")
	faster := math.Min(gen.Ogen, gen.Oapi)
	out = append(out, Goal{
		Name:     "generation faster than the faster peer",
		Measured: fmt.Sprintf("ours ÷ ogen %s, ours ÷ oapi-codegen %s", formatRatio(gen.Ours, gen.Ogen), formatRatio(gen.Ours, gen.Oapi)),
		Met:      gen.Ours < faster,
	})

	decodeMet := true
	var decodeRatios []string
	for _, p := range []string{"contact list (50 contacts)", "contact list, no string twice (50 contacts)", "conversation (100 parts)"} {
		t := get(r.Decode, p+": time")
		a := get(r.Decode, p+": allocations")
		decodeMet = decodeMet && t.Ours <= t.Ogen && a.Ours <= a.Ogen
		decodeRatios = append(decodeRatios, fmt.Sprintf("%s: time %s, allocs %s", p, formatRatio(t.Ours, t.Ogen), formatRatio(a.Ours, a.Ogen)))
	}
	out = append(out, Goal{
		Name:     goalDecode,
		Measured: "ours ÷ ogen: " + strings.Join(decodeRatios, "; "),
		Met:      decodeMet,
	})

	call := get(r.Call, "time")
	out = append(out, Goal{
		Name:     "per-call overhead within 10% of plain net/http",
		Measured: "ours ÷ plain " + formatRatio(call.Ours, call.Plain),
		Met:      call.Ours <= 1.10*call.Plain,
	})

	pageMet := true
	var pageRatios []string
	for _, p := range r.Paginate {
		if p.Unit != "items/s" {
			continue
		}
		pageMet = pageMet && p.Ours >= p.Plain/1.10
		pageRatios = append(pageRatios, p.Name+" "+formatRatio(p.Ours, p.Plain))
	}
	out = append(out, Goal{
		Name:     "pagination within 10% of the plain loop",
		Measured: "items/s, ours ÷ plain: " + strings.Join(pageRatios, ", "),
		Met:      pageMet && len(pageRatios) > 0,
	})

	bin := get(r.Binary, "one call, stripped")
	smaller := math.Min(bin.Ogen, bin.Oapi)
	out = append(out, Goal{
		Name:     goalBinary,
		Measured: fmt.Sprintf("ours ÷ ogen %s, ours ÷ oapi-codegen %s", formatRatio(bin.Ours, bin.Ogen), formatRatio(bin.Ours, bin.Oapi)),
		Met:      bin.Ours <= smaller,
	})

	out = append(out, Goal{
		Name:     "client imports the standard library only",
		Measured: fmt.Sprintf("%d third-party packages", len(r.ThirdParty.Ours)),
		Met:      len(r.ThirdParty.Ours) == 0,
	})
	out = append(out, rateLimitGoal(r))
	return out
}
