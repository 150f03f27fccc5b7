package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/spec"
)

// TestOverlaid writes the description after the overlays, as YAML that loads again and carries
// what every overlay did, in order.
func TestOverlaid(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.yaml")
	second := filepath.Join(dir, "second.yaml")
	header := "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n"
	writeFile(t, first, header+"  - target: $.paths['/pets'].get\n    description: first name\n    update: {x-go-name: Browse}\n")
	writeFile(t, second, header+"  - target: $.paths['/pets'].get[?(@.x-go-name == 'Browse')]\n    description: renamed again, after the first\n    update: {x-go-name: Catalogue}\n")
	out := filepath.Join(dir, "out", "overlaid.yaml")
	code, stdout, stderr := call(t, "overlaid", "-spec", tinySpec, "-overlay", first, "-overlay", second, "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, out) {
		t.Errorf("stdout %q does not name %s", stdout, out)
	}
	doc, err := spec.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	get := spec.Child(spec.Child(spec.Child(doc.Root, "paths"), "/pets"), "get")
	if name := spec.Child(get, "x-go-name"); name == nil || name.Value != "Catalogue" {
		t.Errorf("x-go-name of GET /pets = %v, want Catalogue (both overlays, in order)", name)
	}
	if spec.Child(get, "operationId").Value != "listPets" {
		t.Error("the rest of the description was not kept")
	}
}

// TestOverlaidErrors: -out is required, and a failing overlay writes nothing.
func TestOverlaidErrors(t *testing.T) {
	if code, _, stderr := call(t, "overlaid", "-spec", tinySpec, "-overlay", ""); code != 1 || !strings.Contains(stderr, "-out is required") {
		t.Errorf("without -out: exit %d, stderr %q", code, stderr)
	}
	dir := t.TempDir()
	gone := filepath.Join(dir, "gone.yaml")
	writeFile(t, gone, "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n  - target: $.paths['/nowhere'].get\n    description: gone\n    update: {x-go-name: X}\n")
	out := filepath.Join(dir, "overlaid.yaml")
	code, _, stderr := call(t, "overlaid", "-spec", tinySpec, "-overlay", gone, "-out", out)
	if code != 1 || !strings.Contains(stderr, "matches nothing") {
		t.Errorf("an action that matches nothing: exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("%s was written despite the error (stat: %v)", out, err)
	}
}
