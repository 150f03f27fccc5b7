package overlay

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/spec"
)

// ManifestFile is where the repository keeps its Manifest.
const ManifestFile = "spec/overlays/versions.yaml"

// Manifest says which overlays the description of each Intercom API version is read with: a
// shared base plus the files of the fixes only some versions need, applied in the order listed.
// It is the file spec/overlays/versions.yaml, a mapping from the version (the description's
// info.version) to the overlay files, relative to the manifest's directory; or, for a version
// older than some item models of the webhook topics (spec/webhooks.yaml names schemas it lacks),
// to {overlays: [...], webhooks: partial}.
type Manifest struct {
	// Versions lists the versions in the file's order.
	Versions []string
	file     string
	stacks   map[string][]string
	partial  map[string]bool
}

// entry is a version's value in the manifest, in its long form.
type entry struct {
	Overlays []string `yaml:"overlays"`
	Webhooks string   `yaml:"webhooks"`
}

// ReadManifest reads the manifest at path.
func ReadManifest(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read overlay manifest: %w", err)
	}
	return ParseManifest(path, data)
}

// ParseManifest parses the manifest bytes of the file path (which also places the overlays).
func ParseManifest(path string, data []byte) (*Manifest, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := &Manifest{file: path, stacks: map[string][]string{}, partial: map[string]bool{}}
	if len(root.Content) == 0 {
		return nil, fmt.Errorf("%s: empty overlay manifest", path)
	}
	top := root.Content[0]
	if top.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: want a mapping from each version to its list of overlays", path, top.Line)
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		var e entry
		err := v.Decode(&e.Overlays)
		if v.Kind == yaml.MappingNode {
			err = v.Decode(&e)
		}
		files := e.Overlays
		if err != nil || len(files) == 0 {
			return nil, fmt.Errorf("%s:%d: version %s: want a non-empty list of overlay files, or {overlays: [...], webhooks: partial}", path, v.Line, k.Value)
		}
		switch e.Webhooks {
		case "":
		case "partial":
			m.partial[k.Value] = true
		default:
			return nil, fmt.Errorf("%s:%d: version %s: webhooks: %q, want partial or nothing", path, v.Line, k.Value, e.Webhooks)
		}
		if _, dup := m.stacks[k.Value]; dup {
			return nil, fmt.Errorf("%s:%d: version %s is listed twice", path, k.Line, k.Value)
		}
		for _, f := range files {
			if f == "" || filepath.IsAbs(f) || strings.Contains(f, "..") {
				return nil, fmt.Errorf("%s:%d: version %s: overlay %q is not a file of the manifest's directory", path, v.Line, k.Value, f)
			}
		}
		m.Versions = append(m.Versions, k.Value)
		m.stacks[k.Value] = files
	}
	return m, nil
}

// Files returns the overlay files version is read with, relative to the manifest's directory.
func (m *Manifest) Files(version string) ([]string, error) {
	files, ok := m.stacks[version]
	if !ok {
		return nil, fmt.Errorf("%s lists no overlays for Intercom API version %q (it has %s): add the version's stack (spec/README.md)",
			m.file, version, strings.Join(m.Versions, ", "))
	}
	return slices.Clone(files), nil
}

// PartialWebhooks reports whether version lacks some of the item models the webhook topics name,
// so that those items go without a model (pipeline.Config.PartialWebhooks).
func (m *Manifest) PartialWebhooks(version string) bool { return m.partial[version] }

// Stack returns the paths of the overlays version is read with, in the order to apply them.
func (m *Manifest) Stack(version string) ([]string, error) {
	files, err := m.Files(version)
	if err != nil {
		return nil, err
	}
	for i, f := range files {
		files[i] = filepath.Join(filepath.Dir(m.file), f)
	}
	return files, nil
}

// Pinned returns the overlay stack of the version that spec/SOURCE pins, in the repository
// whose root directory is root: what `make generate` reads the fetched description with.
func Pinned(root string) ([]string, error) {
	src, err := spec.ReadSource(filepath.Join(root, "spec", "SOURCE"))
	if err != nil {
		return nil, err
	}
	m, err := ReadManifest(filepath.Join(root, ManifestFile))
	if err != nil {
		return nil, err
	}
	return m.Stack(src.Version)
}
