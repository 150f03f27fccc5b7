package lower

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gointercom/intercom/generator/ir"
)

// The description's Markdown becomes Go doc (go.dev/doc/comment), block by block: paragraphs,
// "# " headings, lists ("  - item", " 1. item"), preformatted blocks (a tab, then code or a
// table laid out in columns), and doc links, whose "[text]: url" definitions come last.
// Paragraphs and list items are left on one line each: the emitter wraps them to ir.DocWidth
// where it places the comment.

var (
	liquidTag   = regexp.MustCompile(`\{%.*?%\}`)
	mdLink      = regexp.MustCompile(`\[([^\[\]]+)\]\(([^)\s]+)\)`)
	mdStrong    = regexp.MustCompile(`\*\*|__`)
	mdEmphasis  = regexp.MustCompile(`(^|[\s(])\*([^\s*](?:[^*]*[^\s*])?)\*`)
	mdHeading   = regexp.MustCompile(`^#{1,6}[ \t]+(.*?)[ \t#]*$`)
	mdListItem  = regexp.MustCompile(`^([-*+]|[0-9]+[.)])[ \t]+(.*)$`)
	mdFence     = regexp.MustCompile("^(```+|~~~+)")
	mdTableRule = regexp.MustCompile(`^:?-+:?$`)
	mdBoldLine  = regexp.MustCompile(`^(?:\*\*|__)([^*_]+)(?:\*\*|__):?$`)
	htmlBreak   = regexp.MustCompile(`(?i)<br\s*/?>`)
	// htmlTag matches the HTML the descriptions use, and not the placeholders they write in
	// angle brackets, such as https://api.intercom.io/collections/<id>.
	htmlTag = regexp.MustCompile(`(?i)</?(?:a|b|br|code|div|em|h[1-6]|hr|i|img|li|ol|p|pre|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul)\b[^>]*>`)
	nonText = regexp.MustCompile(`[\x{1F000}-\x{1FFFF}\x{2600}-\x{27BF}\x{FE0F}]`)
	spaces  = regexp.MustCompile(`\s+`)
)

// tableWidth is the widest a table's row may be: a preformatted line is indented by a tab,
// which counts 4 columns where "// " counts 3 (4 + 3 + ir.DocWidth = 100, the tab counted 4).
const tableWidth = ir.DocWidth - 3

// minColumn is the narrowest a table's column is made to fit tableWidth.
const minColumn = 16

// cleanDoc turns a summary and a Markdown description into Go doc text. The summary leads
// unless the description already starts with it.
func cleanDoc(summary, description string) string {
	// A summary is one line, without room for link definitions: its links keep their text.
	s := strings.Join(strings.Fields(newDocWriter().inline(mdLink.ReplaceAllString(summary, "$1"))), " ")
	d := markdownDoc(description)
	switch {
	case s == "":
		return d
	case d == "":
		return sentence(s)
	case strings.HasPrefix(strings.ToLower(d), strings.ToLower(strings.TrimSuffix(s, "."))):
		return d
	}
	return sentence(s) + "\n\n" + d
}

func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, ":") {
		return s
	}
	return s + "."
}

// docWriter collects the Go doc blocks of one description.
type docWriter struct {
	blocks []string
	para   []string // lines of the paragraph being read
	items  []string // items of the list being read, each "  - text" or " 1. text"
	links  []string // link definitions, in order of first use
	urls   map[string]string
}

func newDocWriter() *docWriter { return &docWriter{urls: map[string]string{}} }

// markdownDoc converts a Markdown description to Go doc text.
func markdownDoc(md string) string {
	w := newDocWriter()
	md = strings.ReplaceAll(md, "\r\n", "\n")
	if strings.Contains(md, "{%") {
		md = liquidTag.ReplaceAllString(md, "")
	}
	lines := strings.Split(md, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], " \t")
		trimmed := strings.TrimSpace(line)
		for strings.HasPrefix(trimmed, ">") { // a quote (admonition) reads as plain text
			trimmed = strings.TrimSpace(trimmed[1:])
		}
		switch {
		case trimmed == "":
			w.flush()
		case mdFence.MatchString(trimmed):
			w.flush()
			fence := mdFence.FindString(trimmed)
			var code []string
			for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), fence); i++ {
				code = append(code, strings.TrimRight(lines[i], " \t"))
			}
			w.preformatted(dedent(code))
		case strings.HasPrefix(trimmed, "|"):
			w.flush()
			var rows []string
			for ; i < len(lines) && strings.HasPrefix(strings.TrimSpace(lines[i]), "|"); i++ {
				rows = append(rows, strings.TrimSpace(lines[i]))
			}
			i--
			w.table(rows)
		case mdHeading.MatchString(trimmed):
			w.flush()
			if h := w.text(mdHeading.FindStringSubmatch(trimmed)[1]); h != "" {
				w.blocks = append(w.blocks, "# "+h)
			}
		case mdListItem.MatchString(trimmed):
			m := mdListItem.FindStringSubmatch(trimmed)
			w.endParagraph()
			marker := "  -"
			if m[1][0] >= '0' && m[1][0] <= '9' {
				marker = fmt.Sprintf("%2s.", strings.TrimRight(m[1], ".)"))
			}
			w.items = append(w.items, marker+" "+m[2])
		case len(w.items) > 0:
			// A line under a list item continues it, indented or not (Markdown's lazy
			// continuation); a blank line ends the list.
			w.items[len(w.items)-1] += " " + trimmed
		default:
			w.para = append(w.para, trimmed)
		}
	}
	w.flush()
	if len(w.links) > 0 {
		w.blocks = append(w.blocks, strings.Join(w.links, "\n"))
	}
	return strings.Join(w.blocks, "\n\n")
}

// flush ends the paragraph or list being read.
func (w *docWriter) flush() {
	w.endParagraph()
	if len(w.items) == 0 {
		return
	}
	var items []string
	for _, it := range w.items {
		// The marker is the first four bytes ("  - " or " 1. "); the rest is Markdown.
		if t := w.text(it[4:]); t != "" {
			items = append(items, it[:4]+t)
		}
	}
	if len(items) > 0 {
		w.blocks = append(w.blocks, strings.Join(items, "\n"))
	}
	w.items = nil
}

func (w *docWriter) endParagraph() {
	if len(w.para) == 0 {
		return
	}
	// A short line in bold on its own, not a sentence, is the descriptions' other way to write
	// a heading.
	if m := mdBoldLine.FindStringSubmatch(w.para[0]); len(w.para) == 1 && m != nil && len(m[1]) <= 60 && !strings.HasSuffix(m[1], ".") {
		if h := w.text(m[1]); h != "" {
			w.blocks = append(w.blocks, "# "+h)
		}
		w.para = nil
		return
	}
	if t := w.text(strings.Join(w.para, " ")); t != "" {
		w.blocks = append(w.blocks, t)
	}
	w.para = nil
}

// text is inline Markdown as one line of Go doc text.
func (w *docWriter) text(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(w.inline(s), " "))
}

// inline removes inline Markdown and HTML, and turns links into doc links.
func (w *docWriter) inline(s string) string {
	if strings.Contains(s, "](") {
		s = mdLink.ReplaceAllStringFunc(s, func(m string) string {
			sub := mdLink.FindStringSubmatch(m)
			return w.link(sub[1], sub[2])
		})
	}
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = mdStrong.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "*") {
		s = mdEmphasis.ReplaceAllString(s, "$1$2")
	}
	if strings.Contains(s, "<") {
		s = htmlBreak.ReplaceAllString(s, " ")
		s = htmlTag.ReplaceAllString(s, "")
	}
	if hasNonASCII(s) {
		s = nonText.ReplaceAllString(s, "")
	}
	return strings.ReplaceAll(s, "`", "")
}

// link renders a Markdown link as a doc link, "[text]", whose definition ends the comment.
// A link elsewhere than the web keeps its text only; text that is the URL stays a URL, which
// go doc links by itself.
func (w *docWriter) link(text, url string) string {
	text = strings.TrimSpace(strings.ReplaceAll(w.inline(text), "`", ""))
	switch {
	case !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://"):
		return text
	case text == url || text == "":
		return url
	}
	if prev, ok := w.urls[text]; ok {
		if prev == url {
			return "[" + text + "]"
		}
		return text + " (" + url + ")" // one text, two targets: the second is spelled out
	}
	w.urls[text] = url
	w.links = append(w.links, "["+text+"]: "+url)
	return "[" + text + "]"
}

// preformatted adds lines as a preformatted block.
func (w *docWriter) preformatted(lines []string) {
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if l != "" {
			out[i] = "\t" + strings.ReplaceAll(l, "\t", "    ")
		}
	}
	w.blocks = append(w.blocks, strings.Join(out, "\n"))
}

// table lays out a Markdown table as a preformatted block: columns aligned, the header ruled
// off, a cell's <br> breaks kept as lines, and the last column wrapped to fit tableWidth.
func (w *docWriter) table(rows []string) {
	var grid [][][]string // row, column, lines
	cols := 0
	for _, r := range rows {
		r = strings.TrimSuffix(strings.TrimPrefix(r, "|"), "|")
		cells := strings.Split(r, "|")
		if isRule(cells) {
			continue
		}
		var row [][]string
		for _, c := range cells {
			var ls []string
			for _, part := range htmlBreak.Split(c, -1) {
				if t := w.text(part); t != "" {
					ls = append(ls, t)
				}
			}
			row = append(row, ls)
		}
		cols = max(cols, len(row))
		grid = append(grid, row)
	}
	if len(grid) == 0 {
		return
	}
	width := make([]int, cols)
	for _, row := range grid {
		for c, ls := range row {
			for _, l := range ls {
				width[c] = max(width[c], utf8.RuneCountInString(l))
			}
		}
	}
	// Too wide, the widest column gives way a column at a time, down to a readable minimum, and
	// the cells of the columns narrowed are wrapped.
	total := 2 * (cols - 1)
	for _, wd := range width {
		total += wd
	}
	narrowed := make([]bool, cols)
	for total > tableWidth {
		c := 0
		for i, wd := range width {
			if wd > width[c] {
				c = i
			}
		}
		if width[c] <= minColumn {
			break
		}
		width[c]--
		total--
		narrowed[c] = true
	}
	for _, row := range grid {
		for c, ls := range row {
			if !narrowed[c] {
				continue
			}
			var wrapped []string
			for _, l := range ls {
				wrapped = append(wrapped, wrapWords(l, width[c])...)
			}
			row[c] = wrapped
		}
	}
	var out []string
	for r, row := range grid {
		height := 1
		for _, ls := range row {
			height = max(height, len(ls))
		}
		for i := range height {
			var b strings.Builder
			for c := range cols {
				cell := ""
				if c < len(row) && i < len(row[c]) {
					cell = row[c][i]
				}
				b.WriteString(cell)
				if c < cols-1 {
					b.WriteString(strings.Repeat(" ", max(width[c]-utf8.RuneCountInString(cell), 0)+2))
				}
			}
			out = append(out, strings.TrimRight(b.String(), " "))
		}
		if r == 0 && len(grid) > 1 {
			var b strings.Builder
			for c := range cols {
				b.WriteString(strings.Repeat("-", width[c]))
				if c < cols-1 {
					b.WriteString("  ")
				}
			}
			out = append(out, b.String())
		}
	}
	w.preformatted(out)
}

func isRule(cells []string) bool {
	for _, c := range cells {
		if !mdTableRule.MatchString(strings.TrimSpace(c)) {
			return false
		}
	}
	return len(cells) > 0
}

// wrapWords breaks s into lines of at most width runes, between words.
func wrapWords(s string, width int) []string {
	var lines []string
	var cur strings.Builder
	n := 0
	for _, word := range strings.Fields(s) {
		wn := utf8.RuneCountInString(word)
		if n > 0 && n+1+wn > width {
			lines = append(lines, cur.String())
			cur.Reset()
			n = 0
		}
		if n > 0 {
			cur.WriteByte(' ')
			n++
		}
		cur.WriteString(word)
		n += wn
	}
	if n > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// dedent removes the indentation all non-blank lines share.
func dedent(lines []string) []string {
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= common && common > 0 {
			l = l[common:]
		}
		out[i] = l
	}
	return out
}

func hasNonASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}
