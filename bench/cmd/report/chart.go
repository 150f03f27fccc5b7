package main

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// The chart that opens BENCHMARKS.md: for the figures that matter most, the ratio ours ÷ peer
// as a bar from ×1 on a log scale, so that ×0.5 and ×2 are as far from ×1, one bar per peer.
// Every figure charted is a cost (time, size, allocations): left of ×1, ours is better. It is
// an SVG written by hand, so that the report needs no plotting tool.

// chartFigure is one figure of the chart: its label and the ratio ours ÷ each peer (NaN when
// not measured).
type chartFigure struct {
	Label  string
	Ratios []float64
}

// chartSpec names the figures charted: their table, their row in it, and their label.
var chartSpec = []struct {
	table func(*Report) []Row
	row   string
	label string
}{
	{func(r *Report) []Row { return r.Generation }, "whole description, wall time", "generation, wall time"},
	{func(r *Report) []Row { return r.Code }, "lines", "generated lines"},
	{func(r *Report) []Row { return r.Compile }, "cold: standard library cached", "compile, cold"},
	{func(r *Report) []Row { return r.Compile }, "warm: dependencies cached", "compile, warm"},
	{func(r *Report) []Row { return r.Binary }, "one call, stripped", "binary size"},
	{func(r *Report) []Row { return r.Decode }, "contact list (50 contacts): time", "decode 50 contacts: time"},
	{func(r *Report) []Row { return r.Decode }, "contact list (50 contacts): allocations", "decode 50 contacts: allocs"},
	{func(r *Report) []Row { return r.Decode }, "conversation (100 parts): time", "decode a conversation: time"},
	{func(r *Report) []Row { return r.Decode }, "conversation (100 parts): allocations", "decode a conversation: allocs"},
	{func(r *Report) []Row { return r.Call }, "time", "one call: time"},
	{func(r *Report) []Row { return r.Call }, "allocations", "one call: allocs"},
}

// chartFigures picks the charted figures of r, in chartSpec's order, with the ratios to ogen
// and oapi-codegen; a figure not measured is left out.
func chartFigures(r *Report) []chartFigure {
	var out []chartFigure
	for _, c := range chartSpec {
		x, ok := find(c.table(r), c.row)
		if !ok {
			continue
		}
		out = append(out, chartFigure{Label: c.label, Ratios: []float64{ratio(x.Ours, x.Ogen), ratio(x.Ours, x.Oapi)}})
	}
	return out
}

func ratio(a, b float64) float64 {
	if math.IsNaN(a) || math.IsNaN(b) || b <= 0 || a <= 0 {
		return math.NaN()
	}
	return a / b
}

// Layout of the chart, in pixels.
const (
	chartWidth  = 760
	labelWidth  = 210 // figure labels, right-aligned at its end
	plotLeft    = labelWidth + 20
	plotRight   = chartWidth - 70 // room for a value label past the last tick
	chartTop    = 62              // title and legend above
	rowHeight   = 30
	barHeight   = 10
	chartBottom = 34 // tick labels below
)

// seriesColors are the bars' colours, one per peer, told apart also by lightness.
var seriesColors = []string{"#3b6fb6", "#e08a2c"}

// chartSVG draws figures for the peers named series.
func chartSVG(figures []chartFigure, series []string) []byte {
	lo, hi := 1.0, 1.0
	for _, f := range figures {
		for _, r := range f.Ratios {
			if !math.IsNaN(r) {
				lo, hi = math.Min(lo, r), math.Max(hi, r)
			}
		}
	}
	// The axis runs between powers of two around every ratio, from ×1/64 to ×64 at most;
	// bars beyond are clipped, their label saying the true ratio.
	minExp := max(int(math.Floor(math.Log2(lo))), -6)
	maxExp := min(int(math.Ceil(math.Log2(hi))), 6)
	if minExp == maxExp {
		minExp, maxExp = minExp-1, maxExp+1
	}
	x := func(r float64) float64 {
		e := math.Max(float64(minExp), math.Min(float64(maxExp), math.Log2(r)))
		return plotLeft + (e-float64(minExp))/float64(maxExp-minExp)*(plotRight-plotLeft)
	}
	height := chartTop + rowHeight*len(figures) + chartBottom
	plotBottom := chartTop + rowHeight*len(figures)

	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n",
		chartWidth, height, chartWidth, height)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#ffffff"/>`+"\n", chartWidth, height)
	text(&b, 12, 20, "start", "bold", 14, "Ours ÷ peer, log scale: left of ×1, ours is smaller or faster")
	// The better half, shaded.
	fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%.1f" height="%d" fill="#eaf5ea"/>`+"\n", plotLeft, chartTop-6, x(1)-plotLeft, plotBottom-chartTop+6)
	text(&b, plotLeft+4, chartTop-10, "start", "", 11, "ours better")
	text(&b, plotRight-4, chartTop-10, "end", "", 11, "ours worse")
	// Legend.
	lx := 12.0
	for i, s := range series {
		fmt.Fprintf(&b, `<rect x="%.1f" y="32" width="12" height="12" fill="%s"/>`+"\n", lx, seriesColors[i%len(seriesColors)])
		text(&b, lx+16, 42, "start", "", 12, "ours ÷ "+s)
		lx += 28 + 7*float64(len("ours ÷ "+s))
	}
	// Ticks at the powers of two.
	for e := minExp; e <= maxExp; e++ {
		tx := x(math.Exp2(float64(e)))
		stroke, width := "#d0d0d0", 1
		if e == 0 {
			stroke, width = "#333333", 2
		}
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="%s" stroke-width="%d"/>`+"\n", tx, chartTop-6, tx, plotBottom, stroke, width)
		text(&b, tx, float64(plotBottom+16), "middle", "", 11, tickLabel(e))
	}
	for i, f := range figures {
		top := float64(chartTop + i*rowHeight)
		text(&b, labelWidth, top+rowHeight/2, "end", "", 12, f.Label)
		for j, r := range f.Ratios {
			if math.IsNaN(r) {
				continue
			}
			y := top + 4 + float64(j)*(barHeight+2)
			x0, x1 := x(1), x(r)
			left, w := math.Min(x0, x1), math.Abs(x1-x0)
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%d" fill="%s"><title>%s</title></rect>`+"\n",
				left, y, math.Max(w, 1), barHeight, seriesColors[j%len(seriesColors)], escape(f.Label+", ours ÷ "+series[j]+" "+formatRatio(r, 1)))
			anchor, tx, fill := "start", math.Max(x0, x1)+4, "#222222"
			if r < 1 {
				anchor, tx = "end", math.Min(x0, x1)-4
				if tx < plotLeft+30 { // no room left of the bar: inside it, in white
					anchor, tx, fill = "start", math.Min(x0, x1)+4, "#ffffff"
				}
			}
			textFill(&b, tx, y+barHeight-1, anchor, "", 10, fill, formatRatio(r, 1))
		}
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

// tickLabel writes 2^e as a ratio: ×1/4, ×1, ×8.
func tickLabel(e int) string {
	if e < 0 {
		return "×1/" + strconv.Itoa(1<<-e)
	}
	return "×" + strconv.Itoa(1<<e)
}

func text(b *bytes.Buffer, x, y float64, anchor, weight string, size int, s string) {
	textFill(b, x, y, anchor, weight, size, "#222222", s)
}

func textFill(b *bytes.Buffer, x, y float64, anchor, weight string, size int, fill, s string) {
	w := ""
	if weight != "" {
		w = ` font-weight="` + weight + `"`
	}
	fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="%d"%s fill="%s">%s</text>`+"\n", x, y, anchor, size, w, fill, escape(s))
}

func escape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// chartFiguresFromMarkdown reads the charted figures back from a report already written: the
// ratio cells of the rows chartSpec names, in the tables whose header has "ours ÷ <peer>"
// columns. It lets the chart be redrawn (report -chart-only) without measuring again.
func chartFiguresFromMarkdown(md []byte, series []string) []chartFigure {
	rows := map[string][]float64{}
	var cols []int // per series, the column of its ratio in the current table; -1 if none
	for _, line := range strings.Split(string(md), "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = nil
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		if cols == nil {
			cols = make([]int, len(series))
			for j, s := range series {
				cols[j] = -1
				for i, c := range cells {
					if c == "ours ÷ "+s {
						cols[j] = i
					}
				}
			}
			continue
		}
		if _, seen := rows[cells[0]]; seen {
			continue
		}
		ratios := make([]float64, len(series))
		found := false
		for j, c := range cols {
			ratios[j] = math.NaN()
			if c >= 0 && c < len(cells) {
				if v, err := strconv.ParseFloat(strings.TrimPrefix(cells[c], "×"), 64); err == nil {
					ratios[j], found = v, true
				}
			}
		}
		if found {
			rows[cells[0]] = ratios
		}
	}
	var out []chartFigure
	for _, c := range chartSpec {
		if r, ok := rows[c.row]; ok {
			out = append(out, chartFigure{Label: c.label, Ratios: r})
		}
	}
	return out
}
