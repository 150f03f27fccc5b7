// Package textwrap re-flows prose to a line width: the one wrapper behind the doc comments the
// model carries (lower) and those the emitter composes, so every generated comment breaks its
// lines the same way.
package textwrap

import "strings"

// Width is the line width of generated comments, before the "// " that starts each line.
const Width = 96

// Wrap re-flows each paragraph of s (paragraphs are separated by a blank line) to lines of at
// most width columns; a word longer than width has a line of its own. List items ("- ", "* ")
// and table rows ("|") start a line, and a table row ends one.
func Wrap(s string, width int) string {
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
				if cur.Len() > 0 && cur.Len()+1+len(w) > width {
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
