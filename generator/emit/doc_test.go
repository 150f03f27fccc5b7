package emit

import (
	"slices"
	"strings"
	"testing"
)

func TestWrapDoc(t *testing.T) {
	text := "Search sends POST /search: Search things by the value of their attributes, in order to fetch exactly what you want.\n" +
		"\n" +
		"[guide]: https://example.com/a/link/definition/that/is/long/and/cannot/be/broken\n" +
		"\n" +
		"# Heading\n" +
		"\n" +
		"  - an item long enough to wrap onto a second line under its own text, indented\n" +
		" 1. a numbered item\n" +
		"\n" +
		"\tpreformatted lines are kept whole, however long they are, since breaking them would change them\n" +
		"\n" +
		"Deprecated: see the [guide]."
	want := []string{
		"Search sends POST /search: Search things by the value of their",
		"attributes, in order to fetch exactly what you want.",
		"",
		"# Heading",
		"",
		"  - an item long enough to wrap onto a second line under its own",
		"    text, indented",
		" 1. a numbered item",
		"",
		"\tpreformatted lines are kept whole, however long they are, since breaking them would change them",
		"",
		"Deprecated: see the [guide].",
		"",
		"[guide]: https://example.com/a/link/definition/that/is/long/and/cannot/be/broken",
	}
	if got := wrapDoc(text, 64); !slices.Equal(got, want) {
		t.Errorf("wrapDoc:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A one-line paragraph before another would read as a heading to go doc: it gets a full stop.
	got := wrapDoc("Get sends GET /x: Get a thing.\n\nYou can fetch the details of a thing\n\nSee the reference.\n\n# Heading\n\nText", 64)
	want = []string{"Get sends GET /x: Get a thing.", "", "You can fetch the details of a thing.", "", "See the reference.", "", "# Heading", "", "Text"}
	if !slices.Equal(got, want) {
		t.Errorf("wrapDoc:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := wrapDoc("", 64); got != nil {
		t.Errorf("wrapDoc of nothing = %q, want nil", got)
	}
}
