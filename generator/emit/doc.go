package emit

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dave/jennifer/jen"

	"github.com/gointercom/intercom/generator/ir"
)

var (
	docListItem = regexp.MustCompile(`^(  - | ?[0-9]+\. )`)
	docLinkDef  = regexp.MustCompile(`^\[[^\[\]]+\]: \S+$`)
)

// comment renders Go doc text as // lines, or nothing when text is empty: paragraphs and list
// items wrapped to ir.DocWidth, preformatted lines and headings as they are, and the link
// definitions moved to the end, where gofmt keeps them.
func comment(text string) *jen.Statement {
	lines := wrapDoc(strings.TrimSpace(text), ir.DocWidth)
	if len(lines) == 0 {
		return jen.Null()
	}
	s := jen.Comment(lines[0])
	for _, l := range lines[1:] {
		s = s.Line().Comment(l)
	}
	return s
}

// wrapDoc lays out Go doc text (see lower's cleanDoc) in lines of at most width columns where
// it can: a word longer than width, a preformatted line or a link definition is kept whole.
func wrapDoc(text string, width int) []string {
	if text == "" {
		return nil
	}
	var out, links, para []string
	endPara := func() {
		if len(para) > 0 {
			out = append(out, wrapLine(strings.Join(para, " "), "", "", width)...)
			para = nil
		}
	}
	for _, l := range strings.Split(text, "\n") {
		switch {
		case docLinkDef.MatchString(l):
			endPara()
			links = append(links, l)
		case l == "" || strings.HasPrefix(l, "\t") || strings.HasPrefix(l, "# "):
			endPara()
			out = append(out, strings.TrimRight(l, " "))
		case docListItem.MatchString(l):
			endPara()
			marker := docListItem.FindString(l)
			out = append(out, wrapLine(l[len(marker):], marker, "    ", width)...)
		default:
			para = append(para, strings.TrimSpace(l))
		}
	}
	endPara()
	if len(links) > 0 {
		for len(out) > 0 && out[len(out)-1] == "" {
			out = out[:len(out)-1]
		}
		out = append(append(out, ""), links...)
	}
	// Blank lines left by moved link definitions come in runs; one is enough.
	var kept []string
	for i, l := range out {
		if l == "" && (i == 0 || out[i-1] == "") {
			continue
		}
		kept = append(kept, l)
	}
	// go doc takes a one-line paragraph that starts with a capital and ends in a letter or a
	// digit, between blank lines and before a paragraph, for a heading (gofmt rewrites it
	// "# ..."): a full stop keeps it a sentence. Headings are only those the text asks for.
	for i := 1; i+2 < len(kept); i++ {
		l := kept[i]
		if kept[i-1] != "" || kept[i+1] != "" || l == "" || kept[i+2] == "" || !paragraphLine(kept[i+2]) || !paragraphLine(l) {
			continue
		}
		first, _ := utf8.DecodeRuneInString(l)
		last, _ := utf8.DecodeLastRuneInString(l)
		if unicode.IsUpper(first) && (unicode.IsLetter(last) || unicode.IsDigit(last)) {
			kept[i] = l + "."
		}
	}
	return kept
}

// paragraphLine reports whether a laid-out line is paragraph text: not a heading, a list item,
// a preformatted line or a link definition.
func paragraphLine(l string) bool {
	return !strings.HasPrefix(l, "# ") && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\t") && !docLinkDef.MatchString(l)
}

// wrapLine re-flows s into lines of at most width columns, the first starting with first and
// the others with rest.
func wrapLine(s, first, rest string, width int) []string {
	var lines []string
	cur := first
	n, empty := utf8.RuneCountInString(first), true
	for _, w := range strings.Fields(s) {
		wn := utf8.RuneCountInString(w)
		if !empty && n+1+wn > width {
			lines = append(lines, cur)
			cur, n, empty = rest, utf8.RuneCountInString(rest), true
		}
		if !empty {
			cur += " "
			n++
		}
		cur += w
		n += wn
		empty = false
	}
	if !empty {
		lines = append(lines, cur)
	}
	return lines
}
