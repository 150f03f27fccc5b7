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
	s = liquidTag.ReplaceAllString(s, "")
	s = mdLink.ReplaceAllString(s, "$1 ($2)")
	s = mdEmphasis.ReplaceAllString(s, "")
	s = mdHeading.ReplaceAllString(s, "")
	s = htmlTag.ReplaceAllString(s, "")
	s = admonition.ReplaceAllString(s, "")
	s = nonText.ReplaceAllString(s, "")
	s = strings.ReplaceAll(s, "`", "")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(spaces.ReplaceAllString(l, " "))
	}
	s = strings.Join(lines, "\n")
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
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
