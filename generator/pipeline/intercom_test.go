package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/overlay"
)

const (
	intercomSpec  = "../../spec/api.intercom.io.yaml"
	intercomHooks = "../../spec/webhooks.yaml"
	intercomOut   = "../../gen/intercom"
)

// intercom is the generator's run on the real description with the pinned version's overlays,
// made once for the tests that read it (none of them changes it): it is the package's most
// expensive fixture.
var intercom = sync.OnceValues(func() (*Result, error) {
	if _, err := os.Stat(intercomSpec); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is missing: run `make spec` (or `make test`, which fetches it)", intercomSpec)
	}
	overlays, err := overlay.Pinned("../..")
	if err != nil {
		return nil, err
	}
	return Run(context.Background(), Config{Spec: intercomSpec, Overlays: overlays, Webhooks: intercomHooks,
		PkgPath: "github.com/gointercom/intercom/gen/intercom", PkgName: "intercom"})
})

// generateIntercom returns the shared run on the real description.
func generateIntercom(t *testing.T) *Result {
	t.Helper()
	res, err := intercom()
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// pinnedOverlays returns the overlay stack of the version spec/SOURCE pins.
func pinnedOverlays(t *testing.T) []string {
	t.Helper()
	list, err := overlay.Pinned("../..")
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// TestIntercomCoverage checks the generated client against the description read independently
// as plain YAML: every operation is a method, every component schema a named type.
func TestIntercomCoverage(t *testing.T) {
	t.Parallel()
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
	if len(want) == 0 {
		t.Error("the description has no operations")
	}
	if !slices.Equal(got, want) {
		t.Errorf("operations differ from the description:\n got %d: %v\nwant %d: %v", len(got), got, len(want), want)
	}

	pointers := map[string]bool{}
	for _, ty := range res.API.Types {
		pointers[ty.Pointer] = true
	}
	// The overlay maps custom attributes (the workspace's, and a ticket type's) onto the
	// runtime's CustomAttributes (x-runtime-type); every other component is a generated type.
	runtime := []string{"custom_attributes", "ticket_custom_attributes", "ticket_request_custom_attributes"}
	for name := range doc.Components.Schemas {
		if !pointers["#/components/schemas/"+name] && !slices.Contains(runtime, name) {
			t.Errorf("component schema %s has no Go type", name)
		}
	}

	c := res.API.Count()
	t.Logf("generated %d operations in %d services; %d types: %d structs, %d enums, %d unions, %d maps, %d query option structs",
		c.Operations, c.Services, c.Types, c.Structs, c.Enums, c.Unions, c.Maps, c.Opts)
}

// TestIntercomFreeForm keeps the lists of free-form (any) values true: the API reference lists
// every value typed as any in the client, and nothing else; README points to that list, and the
// values it names as examples are free-form in the client.
func TestIntercomFreeForm(t *testing.T) {
	t.Parallel()
	res := generateIntercom(t)
	got := res.API.Count().AnyFields
	slices.Sort(got)
	if len(got) == 0 {
		t.Fatal("the client has no free-form value: README's section and this test are out of date")
	}

	ref := string(res.Files["reference_gen.md"])
	_, section, ok := strings.Cut(ref, "\n## Free-form values\n")
	if !ok {
		t.Fatal(`reference_gen.md has no "## Free-form values" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var listed []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([A-Za-z.]+)` \\|").FindAllStringSubmatch(section, -1) {
		listed = append(listed, m[1])
	}
	slices.Sort(listed)
	if !slices.Equal(listed, got) {
		t.Errorf("the reference lists free-form values %v, the client has %v", listed, got)
	}

	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok = strings.Cut(string(readme), "## Free-form values")
	if !ok {
		t.Fatal(`README.md has no "## Free-form values" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	if !strings.Contains(section, "(gen/intercom/reference_gen.md#free-form-values)") {
		t.Error("README's section does not link the reference's list, gen/intercom/reference_gen.md#free-form-values")
	}
	for _, m := range regexp.MustCompile("`([A-Z][A-Za-z]*\\.[A-Z][A-Za-z]*)`").FindAllStringSubmatch(section, -1) {
		if !slices.Contains(got, m[1]) {
			t.Errorf("README names %s as free-form; the client's free-form values are %v", m[1], got)
		}
	}
}

// TestIntercomUpToDate regenerates the client twice: the two runs agree byte for byte, and both
// equal what is committed in gen/intercom.
func TestIntercomUpToDate(t *testing.T) {
	t.Parallel()
	a := generateIntercom(t)
	b := generateIntercom(t)
	if !maps.EqualFunc(a.Files, b.Files, bytes.Equal) {
		t.Fatal("two runs on the same description generated different files")
	}
	var onDisk []string
	for _, dir := range append([]string{"."}, Subdirs()...) {
		for _, suffix := range Suffixes() {
			owned, err := filepath.Glob(filepath.Join(intercomOut, dir, "*"+suffix))
			if err != nil {
				t.Fatal(err)
			}
			onDisk = append(onDisk, owned...)
		}
	}
	if len(onDisk) != len(a.Files) {
		t.Errorf("gen/intercom has %d generated files, the generator makes %d: run make generate", len(onDisk), len(a.Files))
	}
	for name, data := range a.Files {
		disk, err := os.ReadFile(filepath.Join(intercomOut, filepath.FromSlash(name)))
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

// TestIntercomSmallChangeSmallDiff proves that regenerating after a small change to the
// description makes a small, local diff: one property added to one schema of a copy of the real
// description adds exactly its field (doc comment and declaration) and its case in the struct's
// decoder to the file of its model group, and leaves every other line of every generated file, the reference included, as it was.
func TestIntercomSmallChangeSmallDiff(t *testing.T) {
	t.Parallel()
	before := generateIntercom(t)
	raw, err := os.ReadFile(intercomSpec)
	if err != nil {
		t.Fatal(err)
	}
	// A new property of the tag schema, between name and applied_at.
	const schema = "\n    tag:\n      title: Tag\n"
	const name = "          description: The name of the tag\n          example: Test tag\n"
	const added = "        color:\n          type: string\n          description: The colour of the tag in the inbox\n"
	start := strings.Index(string(raw), schema)
	end := strings.Index(string(raw)[max(start, 0):], name)
	if strings.Count(string(raw), schema) != 1 || end < 0 {
		t.Fatal("the description has no single tag schema with a name property, where this test adds its field")
	}
	at := start + end + len(name)
	changed := filepath.Join(t.TempDir(), "api.intercom.io.yaml")
	if err := os.WriteFile(changed, []byte(string(raw[:at])+added+string(raw[at:])), 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := Run(t.Context(), Config{Spec: changed, Overlays: pinnedOverlays(t), Webhooks: intercomHooks,
		PkgPath: "github.com/gointercom/intercom/gen/intercom", PkgName: "intercom"})
	if err != nil {
		t.Fatal(err)
	}

	if got, want := slices.Sorted(maps.Keys(after.Files)), slices.Sorted(maps.Keys(before.Files)); !slices.Equal(got, want) {
		t.Fatalf("the set of files changed:\n got %v\nwant %v", got, want)
	}
	var touched []string
	for _, name := range slices.Sorted(maps.Keys(after.Files)) {
		if !bytes.Equal(before.Files[name], after.Files[name]) {
			touched = append(touched, name)
		}
	}
	if !slices.Equal(touched, []string{"models_tags_gen.go"}) {
		t.Fatalf("files changed: %v, want only models_tags_gen.go", touched)
	}
	old, nu := strings.Split(string(before.Files["models_tags_gen.go"]), "\n"), strings.Split(string(after.Files["models_tags_gen.go"]), "\n")
	inserted, ok := insertions(old, nu)
	if !ok {
		t.Fatalf("models_tags_gen.go: lines were removed or changed, not only inserted")
	}
	want := []insertion{
		{after: "\tName string `json:\"name\"`", lines: []string{
			"\t// The colour of the tag in the inbox",
			"\tColor string `json:\"color\"`",
		}},
		{after: "\t\t\tfield(d, &v.Name, \"name\", readText)", lines: []string{
			"\t\tcase \"color\":",
			"\t\t\tfield(d, &v.Color, \"color\", readText)",
		}},
	}
	if !slices.EqualFunc(inserted, want, func(a, b insertion) bool { return a.after == b.after && slices.Equal(a.lines, b.lines) }) {
		t.Fatalf("models_tags_gen.go: inserted %q, want the field after the tag's Name and its case in the decoder: %q", inserted, want)
	}
}

// insertion is a run of lines inserted into a text after a line of it.
type insertion struct {
	after string
	lines []string
}

// insertions returns the runs of lines b inserts into a, and false unless b is a with lines
// inserted (nothing removed or changed).
func insertions(a, b []string) ([]insertion, bool) {
	var out []insertion
	i, inRun := 0, false
	for j, line := range b {
		if i < len(a) && a[i] == line {
			i, inRun = i+1, false
			continue
		}
		if inRun {
			out[len(out)-1].lines = append(out[len(out)-1].lines, line)
			continue
		}
		prev := ""
		if j > 0 {
			prev = b[j-1]
		}
		out, inRun = append(out, insertion{after: prev, lines: []string{line}}), true
	}
	return out, i == len(a)
}

// TestClientImportsStandardLibraryOnly keeps package intercom free of the generator's
// dependencies (kin-openapi, jennifer, oasdiff, x/exp...): users import it, and only it.
func TestClientImportsStandardLibraryOnly(t *testing.T) {
	t.Parallel()
	cmd := exec.CommandContext(t.Context(), "go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".")
	cmd.Dir = intercomOut
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	if got := strings.Fields(string(out)); !slices.Equal(got, []string{"github.com/gointercom/intercom/gen/intercom"}) {
		t.Errorf("package intercom depends on more than the standard library: %v", got)
	}
}
