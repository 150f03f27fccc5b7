package lower

import (
	"regexp"
	"strings"
)

var (
	liquidTag  = regexp.MustCompile(`\{%.*?%\}`)
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdEmphasis = regexp.MustCompile(`\*\*|__`)
	mdHeading  = regexp.MustCompile(`(?m)^[ \t]*#{1,6}[ \t]+`)
	htmlTag    = regexp.MustCompile(`</?[a-zA-Z][^>]*>`)
	admonition = regexp.MustCompile(`(?m)^[ \t]*>[ \t]?`)
	nonText    = regexp.MustCompile(`[\x{1F000}-\x{1FFFF}\x{2600}-\x{27BF}\x{FE0F}]`)
	spaces     = regexp.MustCompile(`[ \t]+`)
	blankLines = regexp.MustCompile(`\n{3,}`)
	lineLimit  = 96
)

// cleanDoc turns a summary and a Markdown description into Go doc text: Markdown noise removed,
// paragraphs kept and wrapped. The summary leads unless the description already starts with it.
func cleanDoc(summary, description string) string {
	s := clean(summary)
	d := clean(description)
	var text string
	switch {
	case s == "":
		text = d
	case d == "":
		text = sentence(s)
	case d == "" || strings.HasPrefix(strings.ToLower(d), strings.ToLower(strings.TrimSuffix(s, "."))):
		text = firstNonEmpty(d, s)
	default:
		text = sentence(s) + "\n\n" + d
	}
	return wrap(text)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func sentence(s string) string {
	if strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	// Most descriptions hold none of the Markdown below: each expression runs only when the text
	// has what it must match, which keeps lowering the real description quick.
	s = replaceIf(s, "{%", liquidTag, "")
	s = replaceIf(s, "](", mdLink, "$1 ($2)")
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = mdEmphasis.ReplaceAllString(s, "")
	}
	s = replaceIf(s, "#", mdHeading, "")
	s = replaceIf(s, "<", htmlTag, "")
	s = replaceIf(s, ">", admonition, "")
	if hasNonASCII(s) {
		s = nonText.ReplaceAllString(s, "")
	}
	s = strings.ReplaceAll(s, "`", "")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.Contains(l, "\t") || strings.Contains(l, "  ") {
			l = spaces.ReplaceAllString(l, " ")
		}
		lines[i] = strings.TrimSpace(l)
	}
	s = strings.Join(lines, "\n")
	s = replaceIf(s, "\n\n\n", blankLines, "\n\n")
	return strings.TrimSpace(s)
}

// replaceIf replaces the matches of re in s, which has none unless it contains trigger.
func replaceIf(s, trigger string, re *regexp.Regexp, repl string) string {
	if !strings.Contains(s, trigger) {
		return s
	}
	return re.ReplaceAllString(s, repl)
}

func hasNonASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// wrap re-flows each paragraph to lineLimit columns; list items keep their own lines.
func wrap(s string) string {
	if s == "" {
		return ""
	}
	var out []string
	for _, para := range strings.Split(s, "\n\n") {
		var lines []string
		var cur strings.Builder
		flush := func() {
			if cur.Len() > 0 {
				lines = append(lines, cur.String())
				cur.Reset()
			}
		}
		for _, line := range strings.Split(para, "\n") {
			if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "* ") || strings.HasPrefix(line, "|") {
				flush()
			}
			for _, w := range strings.Fields(line) {
				if cur.Len() > 0 && cur.Len()+1+len(w) > lineLimit {
					flush()
				}
				if cur.Len() > 0 {
					cur.WriteByte(' ')
				}
				cur.WriteString(w)
			}
			if strings.HasPrefix(line, "|") {
				flush()
			}
		}
		flush()
		out = append(out, strings.Join(lines, "\n"))
	}
	return strings.Join(out, "\n\n")
}
