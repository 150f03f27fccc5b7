package validate_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/pipeline"
	"github.com/gointercom/intercom/generator/spec"
)

const (
	intercomSpec = "../../spec/api.intercom.io.yaml"
	customRef    = "#/components/schemas/custom_attributes"
)

// withoutAction returns the overlay at path without the actions drop selects (nil if that is
// all of them), and how many it dropped.
func withoutAction(t *testing.T, path string, drop func(action *yaml.Node) bool) ([]byte, int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	actions := spec.Child(root.Content[0], "actions")
	if actions == nil || actions.Kind != yaml.SequenceNode {
		t.Fatalf("%s has no list of actions", path)
	}
	kept := actions.Content[:0:0]
	for _, a := range actions.Content {
		if !drop(a) {
			kept = append(kept, a)
		}
	}
	dropped := len(actions.Content) - len(kept)
	if len(kept) == 0 {
		return nil, dropped
	}
	actions.Content = kept
	out, err := yaml.Marshal(&root)
	if err != nil {
		t.Fatal(err)
	}
	return out, dropped
}

// refsTo returns the JSON pointers of the values under n that are a $ref to ref.
func refsTo(n *yaml.Node, at []string, ref string) []string {
	var out []string
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Value == "$ref" && v.Value == ref {
				out = append(out, spec.JoinPointer(at...))
			}
			out = append(out, refsTo(v, append(at[:len(at):len(at)], k.Value), ref)...)
		}
	case yaml.SequenceNode:
		for i, v := range n.Content {
			out = append(out, refsTo(v, append(at[:len(at):len(at)], strconv.Itoa(i)), ref)...)
		}
	}
	return out
}

// customSchemaTarget matches an overlay target that is the custom_attributes schema itself (or
// inside it), not a property of that name.
var customSchemaTarget = regexp.MustCompile(`schemas\.custom_attributes($|[.\[])`)

// TestIntercomWithoutCustomAttributes runs the generator on the real description without a
// custom_attributes schema (the description references one that older versions never define,
// and the overlay adds): it must fail, naming the missing schema at the line of each place of
// the upstream file that references it.
func TestIntercomWithoutCustomAttributes(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(intercomSpec); errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%s is missing: run make spec (or make test, which fetches it)", intercomSpec)
	}
	stack, err := overlay.Pinned("../..")
	if err != nil {
		t.Fatal(err)
	}
	var overlays []string
	for i, path := range stack {
		o, _ := withoutAction(t, path, func(a *yaml.Node) bool {
			// The action that adds the schema, and one that changes it where the description
			// defines it itself (from 2.12), which would find nothing once it is gone.
			target := spec.Child(a, "target")
			return spec.Child(spec.Child(a, "update"), "custom_attributes") != nil ||
				target != nil && customSchemaTarget.MatchString(target.Value)
		})
		if o == nil {
			continue
		}
		path = filepath.Join(t.TempDir(), strconv.Itoa(i)+filepath.Base(path))
		if err := os.WriteFile(path, o, 0o644); err != nil {
			t.Fatal(err)
		}
		overlays = append(overlays, path)
	}
	doc, err := spec.Load(intercomSpec)
	if err != nil {
		t.Fatal(err)
	}
	refs := refsTo(doc.Root, nil, customRef)
	if len(refs) == 0 {
		t.Fatalf("the description references no %s", customRef)
	}
	want := map[string]int{}
	for _, p := range refs {
		want[p] = doc.Line(p + "/$ref") // the validator places a reference at its $ref
	}
	if schemas := spec.Child(spec.Child(doc.Root, "components"), "schemas"); schemas != nil {
		for i := 0; i+1 < len(schemas.Content); i += 2 {
			if schemas.Content[i].Value == "custom_attributes" {
				schemas.Content = append(schemas.Content[:i:i], schemas.Content[i+2:]...)
				break
			}
		}
	}
	_, err = pipeline.FromDocument(t.Context(), doc, pipeline.Config{Spec: intercomSpec, Overlays: overlays,
		PkgPath: "github.com/gointercom/intercom/gen/intercom", PkgName: "intercom"})
	if err == nil {
		t.Fatal("the description loaded without the custom_attributes schema")
	}
	msg := err.Error()
	for where, line := range want {
		at := intercomSpec + ":" + strconv.Itoa(line) + ": " + where + ": "
		i := strings.Index(msg, at)
		if i < 0 {
			t.Errorf("error does not place a reference at %s:\n%s", at, msg)
			continue
		}
		rest, _, _ := strings.Cut(msg[i:], "\n")
		if !strings.Contains(rest, `$ref "`+customRef+`" does not resolve: nothing is defined at `+customRef) {
			t.Errorf("problem at line %d is not about custom_attributes: %s", line, rest)
		}
	}
	if n := strconv.Itoa(len(want)) + " problems:"; !strings.Contains(msg, n) {
		t.Errorf("want exactly the %d references reported:\n%s", len(want), msg)
	}
}
