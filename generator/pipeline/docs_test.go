package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docLinkDef is a Go doc link definition, whose URL cannot be broken.
var docLinkDef = regexp.MustCompile(`^\s*// \[[^\[\]]+\]: \S+$`)

// TestIntercomDocs checks the doc comments made from the real description: the trickiest
// descriptions (lists, tables, headings, admonitions, links) against golden files, and every
// comment line of every generated file within 100 columns, a tab counting 4, but for link
// definitions, whose URL cannot be broken.
func TestIntercomDocs(t *testing.T) {
	t.Parallel()
	res := generateIntercom(t)
	for _, c := range []struct{ file, method, golden string }{
		{"service_contacts_gen.go", "func (s *ContactsService) Search(", "contacts_search.golden"},
		{"service_conversations_gen.go", "func (s *ConversationsService) Manage(", "conversations_manage.golden"},
		{"service_data_events_gen.go", "func (s *DataEventsService) Create(", "data_events_create.golden"},
	} {
		got := docBefore(t, res.Files[c.file], c.method)
		path := filepath.Join("testdata", "docs", c.golden)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./generator/pipeline -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("the doc of %s differs from %s (run with -update and review):\n%s", c.method, path, firstDiff(string(want), got))
		}
	}
	for name, data := range res.Files {
		for i, line := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(strings.TrimLeft(line, "\t"), "//") || docLinkDef.MatchString(line) {
				continue
			}
			if w := len([]rune(strings.ReplaceAll(line, "\t", "    "))); w > 100 {
				t.Errorf("%s:%d: comment line of %d columns: %q", name, i+1, w, line)
			}
		}
	}
}

// docBefore returns the doc comment above the line of src that starts with decl.
func docBefore(t *testing.T, src []byte, decl string) string {
	t.Helper()
	i := bytes.Index(src, []byte("\n"+decl))
	if i < 0 {
		t.Fatalf("no %q in the generated file", decl)
	}
	lines := strings.Split(string(src[:i]), "\n")
	start := len(lines)
	for start > 0 && strings.HasPrefix(lines[start-1], "//") {
		start--
	}
	return strings.Join(lines[start:], "\n") + "\n"
}
