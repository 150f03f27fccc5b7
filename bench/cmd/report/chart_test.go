package main

import (
	"encoding/xml"
	"flag"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var chartOut = flag.String("chart-out", "", "also write the sample chart to this file, to look at")

// TestChartSVG draws the chart of the sample report: well-formed SVG, one bar per measured
// ratio, each from ×1 to its ratio on the log axis (left of ×1 for a ratio under 1), labelled
// with the ratio as the tables write it.
func TestChartSVG(t *testing.T) {
	r := sampleReport(t)
	figures := chartFigures(r)
	var labels []string
	for _, f := range figures {
		labels = append(labels, f.Label)
	}
	want := []string{"generation, wall time", "generated lines", "compile, cold", "binary size", "decode 50 contacts: time",
		"decode 50 contacts: allocs", "decode a conversation: time", "decode a conversation: allocs", "one call: time", "one call: allocs"}
	if !slices.Equal(labels, want) {
		t.Errorf("figures %q, want %q (the sample has no warm compile)", labels, want)
	}
	svg := chartSVG(figures, []string{"ogen", "oapi-codegen"})
	if *chartOut != "" {
		if err := os.WriteFile(*chartOut, svg, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dec := xml.NewDecoder(strings.NewReader(string(svg)))
	for {
		if _, err := dec.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("the chart is not well-formed XML: %v", err)
			}
			break
		}
	}
	// The ×1 line, and the bars: x, width and their title, which ends with the ratio.
	one := regexp.MustCompile(`<line x1="([0-9.]+)"[^>]*stroke="#333333"`).FindStringSubmatch(string(svg))
	if one == nil {
		t.Fatal("no ×1 line")
	}
	x1, _ := strconv.ParseFloat(one[1], 64)
	bars := regexp.MustCompile(`<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)" height="10" fill="#[0-9a-f]+"><title>([^<]*) ×([0-9.]+)</title>`).
		FindAllStringSubmatch(string(svg), -1)
	measured := 0
	for _, f := range figures {
		for _, r := range f.Ratios {
			if !math.IsNaN(r) {
				measured++
			}
		}
	}
	if len(bars) != measured || measured == 0 {
		t.Fatalf("%d bars, want one per measured ratio (%d)", len(bars), measured)
	}
	for _, b := range bars {
		x, _ := strconv.ParseFloat(b[1], 64)
		w, _ := strconv.ParseFloat(b[2], 64)
		ratio, _ := strconv.ParseFloat(b[4], 64)
		switch {
		case ratio < 1 && math.Abs(x+w-x1) > 0.1:
			t.Errorf("%s: a ratio under 1 should end at ×1 (x %.1f), ends at %.1f", b[3], x1, x+w)
		case ratio > 1 && math.Abs(x-x1) > 0.1:
			t.Errorf("%s: a ratio over 1 should start at ×1 (x %.1f), starts at %.1f", b[3], x1, x)
		}
	}
	if !strings.Contains(string(svg), "generation, wall time, ours ÷ ogen ×0.55") {
		t.Error("the generation bar for ogen is not labelled ×0.55")
	}
}

// TestChartFromMarkdown reads the figures back from the report the template writes: the same
// ratios, to the precision of the tables.
func TestChartFromMarkdown(t *testing.T) {
	r := sampleReport(t)
	md, err := render(templatePath, r)
	if err != nil {
		t.Fatal(err)
	}
	got := chartFiguresFromMarkdown(md, peerNames)
	want := chartFigures(r)
	if len(got) != len(want) {
		t.Fatalf("%d figures, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].Label != want[i].Label {
			t.Errorf("figure %d is %q, want %q", i, got[i].Label, want[i].Label)
		}
		for j, w := range want[i].Ratios {
			g := got[i].Ratios[j]
			if math.IsNaN(w) != math.IsNaN(g) || (!math.IsNaN(w) && math.Abs(g-w) > 0.006) {
				t.Errorf("%s: ratio %d is %v, want %v", want[i].Label, j, g, w)
			}
		}
	}
}
