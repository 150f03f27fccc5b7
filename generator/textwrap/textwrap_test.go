package textwrap

import "testing"

func TestWrap(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, in string
		width    int
		want     string
	}{
		{"empty", "", 10, ""},
		{"fits", "one two", 10, "one two"},
		{"breaks at the width", "one two three four", 9, "one two\nthree\nfour"},
		{"exactly the width", "abcd efgh", 9, "abcd efgh"},
		{"long word alone", "a verylongword b", 5, "a\nverylongword\nb"},
		{"lines of a paragraph joined", "one\ntwo\nthree", 20, "one two three"},
		{"paragraphs kept", "one two\n\nthree   four", 20, "one two\n\nthree four"},
		{"list items start a line", "items:\n- one\n- two\n* three", 40, "items:\n- one\n- two\n* three"},
		{"table rows are lines", "| a | b |\n| c | d |\nafter", 40, "| a | b |\n| c | d |\nafter"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Wrap(tt.in, tt.width); got != tt.want {
				t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
			}
		})
	}
}
