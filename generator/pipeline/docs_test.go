package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/spec"
)

// docLinkDef is a Go doc link definition, whose URL cannot be broken.
var docLinkDef = regexp.MustCompile(`^\s*// \[[^\[\]]+\]: \S+$`)

// goldenVersion is the version whose description the golden doc comments of testdata/docs are
// made from: a fixed one, so that a bump of the pinned version changes no test file.
const goldenVersion = "2.9"

// goldenRun is the generator's run on the copy of goldenVersion's description in
// ../shared/intercom-openapi with its overlays, or the shared run when that is the pinned one.
var goldenRun = sync.OnceValues(func() (*Result, error) {
	src, err := spec.ReadSource("../../spec/SOURCE")
	if err != nil {
		return nil, err
	}
	if src.Version == goldenVersion {
		return intercom()
	}
	m, err := overlay.ReadManifest(filepath.Join("../..", overlay.ManifestFile))
	if err != nil {
		return nil, err
	}
	stack, err := m.Stack(goldenVersion)
	if err != nil {
		return nil, err
	}
	desc := filepath.Join(openAPIDir, goldenVersion, "api.intercom.io.yaml")
	if _, err := os.Stat(desc); err != nil {
		return nil, fmt.Errorf("%w: the copies of Intercom's descriptions must be in ../shared/intercom-openapi beside the repository (as in CI)", err)
	}
	return Run(context.Background(), Config{Spec: desc, Overlays: stack, Webhooks: intercomHooks,
		PkgPath: "github.com/gointercom/intercom/gen/intercom", PkgName: "intercom"})
})

// openAPIDir holds the copies of every description Intercom publishes, as CI keeps them.
const openAPIDir = "../../../shared/intercom-openapi"

// TestIntercomDocs checks the doc comments made from the real description: the trickiest
// descriptions (lists, tables, headings, admonitions, links) of goldenVersion against golden
// files, and every comment line of every file generated from the pinned description within 100
// columns, a tab counting 4, but for what cannot be broken: link definitions, a line of one
// word (a long identifier), and preformatted lines (code and tables of the description).
func TestIntercomDocs(t *testing.T) {
	t.Parallel()
	golden, err := goldenRun()
	if err != nil {
		t.Fatal(err)
	}
	res := generateIntercom(t)
	for _, c := range []struct{ file, method, golden string }{
		{"service_contacts_gen.go", "func (s *ContactsService) Search(", "contacts_search.golden"},
		{"service_conversations_gen.go", "func (s *ConversationsService) Manage(", "conversations_manage.golden"},
		{"service_data_events_gen.go", "func (s *DataEventsService) Create(", "data_events_create.golden"},
	} {
		got := docBefore(t, golden.Files[c.file], c.method)
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
			text, ok := strings.CutPrefix(strings.TrimLeft(line, "\t"), "//")
			if !ok || docLinkDef.MatchString(line) || strings.HasPrefix(text, "\t") || !strings.Contains(strings.TrimSpace(text), " ") {
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
