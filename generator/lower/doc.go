package lower

import (
	"regexp"
	"strings"

	"github.com/gointercom/intercom/generator/textwrap"
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
	case strings.HasPrefix(strings.ToLower(d), strings.ToLower(strings.TrimSuffix(s, "."))):
		text = d
	default:
		text = sentence(s) + "\n\n" + d
	}
	return textwrap.Wrap(text, textwrap.Width)
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
