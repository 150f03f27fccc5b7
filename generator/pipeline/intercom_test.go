package pipeline

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const (
	intercomSpec    = "../../spec/api.intercom.io.yaml"
	intercomOverlay = "../../spec/overlay.yaml"
	intercomHooks   = "../../spec/webhooks.yaml"
	intercomOut     = "../../gen/intercom"
)

// generateIntercom runs the generator on the real description, which must have been fetched.
func generateIntercom(t *testing.T) *Result {
	t.Helper()
	if _, err := os.Stat(intercomSpec); errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%s is missing: run `make spec` (or `make test`, which fetches it)", intercomSpec)
	}
	res, err := Run(context.Background(), Config{Spec: intercomSpec, Overlay: intercomOverlay, Webhooks: intercomHooks,
		PkgPath: "github.com/gointercom/intercom/gen/intercom", PkgName: "intercom"})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestIntercomCoverage checks the generated client against the description read independently
// as plain YAML: every operation is a method, every component schema a named type.
func TestIntercomCoverage(t *testing.T) {
	res := generateIntercom(t)
	raw, err := os.ReadFile(intercomSpec)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths      map[string]map[string]any `yaml:"paths"`
		Components struct {
			Schemas map[string]any `yaml:"schemas"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var want []string
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "patch":
				want = append(want, strings.ToUpper(method)+" "+path)
			}
		}
	}
	slices.Sort(want)
	var got []string
	for _, s := range res.API.Services {
		for _, o := range s.Operations {
			got = append(got, o.Method+" "+o.Path)
		}
	}
	slices.Sort(got)
	if len(want) != 108 {
		t.Errorf("the 2.9 description has %d operations, want 108: has the pinned file changed?", len(want))
	}
	if !slices.Equal(got, want) {
		t.Errorf("operations differ from the description:\n got %d: %v\nwant %d: %v", len(got), got, len(want), want)
	}

	pointers := map[string]bool{}
	for _, ty := range res.API.Types {
		pointers[ty.Pointer] = true
	}
	if len(doc.Components.Schemas) != 168 {
		t.Errorf("the 2.9 description has %d component schemas, want 168", len(doc.Components.Schemas))
	}
	for name := range doc.Components.Schemas {
		if !pointers["#/components/schemas/"+name] {
			t.Errorf("component schema %s has no Go type", name)
		}
	}
	if !pointers["#/components/schemas/custom_attributes"] {
		t.Error("the overlay's custom_attributes schema has no Go type")
	}

	c := res.API.Count()
	t.Logf("generated %d operations in %d services; %d types: %d structs, %d enums, %d unions, %d maps, %d query option structs",
		c.Operations, c.Services, c.Types, c.Structs, c.Enums, c.Unions, c.Maps, c.Opts)
	// A change to these numbers is a change to the client: update them with the README.
	if c.Services != 20 || c.Types != 290 || c.Structs != 204 || c.Enums != 40 || c.Unions != 15 || c.Maps != 9 || c.Opts != 22 {
		t.Errorf("counts changed: %+v", c)
	}
}

// TestIntercomFreeForm keeps README's list of free-form (any) values true: every value typed as
// any in the client must be listed there, with its reason, and nothing else.
func TestIntercomFreeForm(t *testing.T) {
	res := generateIntercom(t)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "## Free-form values")
	if !ok {
		t.Fatal(`README.md has no "## Free-form values" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Za-z.]+)` \\|").FindAllStringSubmatch(section, -1) {
		listed = append(listed, m[1])
	}
	slices.Sort(listed)
	got := res.API.Count().AnyFields
	slices.Sort(got)
	if !slices.Equal(listed, got) {
		t.Errorf("README lists free-form values %v, the client has %v", listed, got)
	}
}

// TestIntercomUpToDate regenerates the client twice: the two runs agree byte for byte, and both
// equal what is committed in gen/intercom.
func TestIntercomUpToDate(t *testing.T) {
	a := generateIntercom(t)
	b := generateIntercom(t)
	if !maps.EqualFunc(a.Files, b.Files, bytes.Equal) {
		t.Fatal("two runs on the same description generated different files")
	}
	onDisk, err := filepath.Glob(filepath.Join(intercomOut, "*_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if len(onDisk) != len(a.Files) {
		t.Errorf("gen/intercom has %d generated files, the generator makes %d: run make generate", len(onDisk), len(a.Files))
	}
	for name, data := range a.Files {
		disk, err := os.ReadFile(filepath.Join(intercomOut, name))
		if err != nil || !bytes.Equal(disk, data) {
			t.Errorf("gen/intercom/%s is stale: run make generate", name)
		}
		for _, bad := range [][]byte{[]byte("/work/"), []byte("/home/"), []byte("/tmp/")} {
			if bytes.Contains(data, bad) {
				t.Errorf("%s contains an absolute path (%s)", name, bad)
			}
		}
	}
}
