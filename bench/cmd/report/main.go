// Command report measures our client against the clients ogen and oapi-codegen generate from the
// same overlaid description, in one run on this machine, and writes BENCHMARKS.md from
// templates/benchmarks.md.tmpl. `make bench` runs it from bench/:
//
//	report [-root ..] [-out ../BENCHMARKS.md] [-count 5] [-runs 3] [-gen-runs 9] [-benchtime 1s]
//
// It builds the generators (ours from the main module, the peers at the versions bench/go.mod
// pins), writes the overlaid description (intercomgen overlaid) and each peer's input (the
// overlaid description plus the peer's patch in bench/peers/<peer>/patch.yaml), regenerates the
// benchmark payloads (cmd/payloads), then measures:
//
//   - generation: wall and CPU time of each generator on the whole description, -gen-runs times,
//     interleaved;
//     the last output of each peer is kept in bench/peers/<peer>/ for the rest (git-ignored);
//   - code: files, lines, operations generated, fields typed as an untyped JSON value;
//   - compile: go build of the generated package with a build cache that holds only the standard
//     library (cold), and with one that also holds the package's dependencies (warm), -runs times;
//   - binary: stripped size of bench/onecall/<client>, checked against a loopback server;
//   - go test -bench of bench/decode and bench/call (-tags peers), and of the main module's
//     BenchmarkContactsListAll (pagination), -count times each, medians compared.
//
// Only ratios from this one run are compared; absolute figures are this machine's. It prints the
// client's third-party import count and fails when it is not 0.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	var cfg config
	flag.StringVar(&cfg.root, "root", "..", "the repository's root (the main module)")
	flag.StringVar(&cfg.out, "out", "", "where to write the report (default ROOT/BENCHMARKS.md)")
	flag.StringVar(&cfg.template, "template", "", "the report's template (default ROOT/templates/benchmarks.md.tmpl)")
	flag.IntVar(&cfg.count, "count", 5, "go test -count of every benchmark: the median of that many runs is compared")
	flag.IntVar(&cfg.runs, "runs", 3, "runs of each compile: their median is compared")
	flag.IntVar(&cfg.genRuns, "gen-runs", 9, "runs of each generator (interleaved): their median is compared")
	flag.StringVar(&cfg.benchtime, "benchtime", "1s", "go test -benchtime of the decode and call benchmarks")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the scratch directory (generated code, build caches) and print its path")
	flag.StringVar(&cfg.chart, "chart", "", "where to write the chart of the ratios that opens the report (default ROOT/bench/ratios.svg)")
	flag.BoolVar(&cfg.chartOnly, "chart-only", false, "measure nothing: redraw the chart from the ratios of the report at -out")
	flag.Parse()
	if cfg.out == "" {
		cfg.out = filepath.Join(cfg.root, "BENCHMARKS.md")
	}
	if cfg.chart == "" {
		cfg.chart = filepath.Join(cfg.root, "bench", "ratios.svg")
	}
	if cfg.template == "" {
		cfg.template = filepath.Join(cfg.root, "templates", "benchmarks.md.tmpl")
	}
	if err := run(context.Background(), cfg); err != nil {
		fmt.Fprintln(os.Stderr, "report:", err)
		os.Exit(1)
	}
}

type config struct {
	root, out, template  string
	count, runs, genRuns int
	benchtime            string
	keep                 bool
	chart                string
	chartOnly            bool
}

// peerNames are the peers' names, in the order of Report.Peers, for redrawing the chart
// without measuring.
var peerNames = []string{"ogen", "oapi-codegen"}

func run(ctx context.Context, cfg config) error {
	if cfg.chartOnly {
		md, err := os.ReadFile(cfg.out)
		if err != nil {
			return err
		}
		figures := chartFiguresFromMarkdown(md, peerNames)
		if len(figures) == 0 {
			return fmt.Errorf("%s has none of the figures the chart shows", cfg.out)
		}
		if err := os.WriteFile(cfg.chart, chartSVG(figures, peerNames), 0o644); err != nil {
			return err
		}
		fmt.Printf("report: drew %s from the %d figures of %s\n", cfg.chart, len(figures), cfg.out)
		return nil
	}
	start := time.Now()
	root, err := filepath.Abs(cfg.root)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "intercom-bench-")
	if err != nil {
		return err
	}
	if cfg.keep {
		defer fmt.Fprintln(os.Stderr, "report: scratch kept in", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	m := &measurer{root: root, bench: filepath.Join(root, "bench"), tmp: tmp, cfg: cfg}
	r, err := m.measure(ctx)
	if err != nil {
		return err
	}
	r.Duration = time.Since(start).Round(time.Second).String()
	r.Load += ", at the end " + loadAverage()
	if r.Chart, err = filepath.Rel(filepath.Dir(cfg.out), cfg.chart); err != nil {
		return err
	}
	r.Chart = filepath.ToSlash(r.Chart)
	var series []string
	for _, p := range r.Peers {
		series = append(series, p.Name)
	}
	if err := os.WriteFile(cfg.chart, chartSVG(chartFigures(r), series), 0o644); err != nil {
		return err
	}
	md, err := render(cfg.template, r)
	if err != nil {
		return err
	}
	if err := os.WriteFile(cfg.out, md, 0o644); err != nil {
		return err
	}
	fmt.Printf("report: wrote %s in %s\n", cfg.out, r.Duration)
	for _, g := range r.Goals {
		fmt.Printf("goal %-55s %-8s %s\n", g.Name, g.verdict(), g.Measured)
	}
	fmt.Printf("third-party imports of gen/intercom: %d\n", len(r.ThirdParty.Ours))
	if n := len(r.ThirdParty.Ours); n != 0 {
		return fmt.Errorf("gen/intercom imports %d third-party packages (%v); it must import the standard library only", n, r.ThirdParty.Ours)
	}
	return nil
}
