package validate_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/gointercom/intercom/generator/pipeline"
	"github.com/gointercom/intercom/generator/spec"
)

const (
	intercomSpec    = "../../spec/api.intercom.io.yaml"
	intercomOverlay = "../../spec/overlay.yaml"
)

// withoutAction returns the overlay at path without the actions drop selects, and how many it
// dropped.
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
	actions.Content = kept
	out, err := yaml.Marshal(&root)
	if err != nil {
		t.Fatal(err)
	}
	return out, dropped
}

// TestIntercomWithoutCustomAttributes runs the generator on the real description with the
// overlay's fix for the undefined custom_attributes schema taken out: it must fail, naming the
// missing schema at each line of the upstream file that references it.
func TestIntercomWithoutCustomAttributes(t *testing.T) {
	if _, err := os.Stat(intercomSpec); errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%s is missing: run make spec (or make test, which fetches it)", intercomSpec)
	}
	o, dropped := withoutAction(t, intercomOverlay, func(a *yaml.Node) bool {
		target := spec.Child(a, "target")
		return target != nil && target.Value == "$.components.schemas" && spec.Child(spec.Child(a, "update"), "custom_attributes") != nil
	})
	if dropped != 1 {
		t.Fatalf("dropped %d actions that add custom_attributes, want 1", dropped)
	}
	path := filepath.Join(t.TempDir(), "overlay.yaml")
	if err := os.WriteFile(path, o, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := pipeline.Run(context.Background(), pipeline.Config{Spec: intercomSpec, Overlays: []string{path},
		PkgPath: "github.com/gointercom/intercom/gen/intercom", PkgName: "intercom"})
	if err == nil {
		t.Fatal("the description loaded without the custom_attributes schema")
	}
	msg := err.Error()
	for line, where := range map[string]string{
		"13460": "#/components/schemas/create_phone_switch_request/properties/custom_attributes",
		"16261": "#/components/schemas/update_conversation_request/properties/custom_attributes",
	} {
		want := intercomSpec + ":" + line + ": " + where + ": "
		i := strings.Index(msg, want)
		if i < 0 {
			t.Errorf("error does not place a reference at %s:\n%s", want, msg)
			continue
		}
		rest, _, _ := strings.Cut(msg[i:], "\n")
		if !strings.Contains(rest, `$ref "#/components/schemas/custom_attributes" does not resolve: nothing is defined at #/components/schemas/custom_attributes`) {
			t.Errorf("problem at line %s is not about custom_attributes: %s", line, rest)
		}
	}
	if !strings.Contains(msg, "2 problems:") {
		t.Errorf("want exactly the two references reported:\n%s", msg)
	}
}
