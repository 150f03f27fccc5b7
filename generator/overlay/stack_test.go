package overlay

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestManifest(t *testing.T) {
	t.Parallel()
	m, err := ParseManifest("spec/overlays/versions.yaml", []byte(`# versions
"2.7": {webhooks: partial, overlays: [base.yaml, old.yaml]}
"2.9": [base.yaml, 2.9.yaml]
Preview: [base.yaml]
`))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2.7", "2.9", "Preview"}; !slices.Equal(m.Versions, want) {
		t.Errorf("versions %v, want %v", m.Versions, want)
	}
	stack, err := m.Stack("2.9")
	if want := []string{filepath.Join("spec", "overlays", "base.yaml"), filepath.Join("spec", "overlays", "2.9.yaml")}; err != nil || !slices.Equal(stack, want) {
		t.Errorf("stack of 2.9: %v, %v; want %v", stack, err, want)
	}
	if files, err := m.Files("2.7"); err != nil || !slices.Equal(files, []string{"base.yaml", "old.yaml"}) {
		t.Errorf("files of 2.7: %v, %v", files, err)
	}
	if !m.PartialWebhooks("2.7") || m.PartialWebhooks("2.9") {
		t.Errorf("partial webhooks: 2.7 %v, 2.9 %v", m.PartialWebhooks("2.7"), m.PartialWebhooks("2.9"))
	}
	if _, err := m.Stack("2.16"); err == nil || !strings.Contains(err.Error(), `no overlays for Intercom API version "2.16" (it has 2.7, 2.9, Preview)`) {
		t.Errorf("unknown version: %v", err)
	}
}

func TestManifestErrors(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct{ data, want string }{
		"not a mapping": {"- base.yaml\n", "v.yaml:1: want a mapping"},
		"empty list":    {"'2.9': []\n", "v.yaml:1: version 2.9: want a non-empty list"},
		"twice":         {"'2.9': [a.yaml]\n'2.9': [b.yaml]\n", "v.yaml:2: version 2.9 is listed twice"},
		"outside":       {"'2.9': [../a.yaml]\n", `overlay "../a.yaml" is not a file of the manifest's directory`},
		"webhooks":      {"'2.9': {overlays: [a.yaml], webhooks: none}\n", `webhooks: "none", want partial`},
		"empty":         {"", "empty overlay manifest"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseManifest("v.yaml", []byte(c.data))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}
