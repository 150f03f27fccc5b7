package changes

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/spec"
)

func TestResolveFile(t *testing.T) {
	tree := DefaultTree()
	file := "testdata/shop/from.yaml"
	s, err := Resolve(context.Background(), file, nil, tree, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if s.Label != file || s.Spec != file || !slices.Equal(s.Overlays, []string{"spec/overlay.yaml"}) || s.Webhooks != "spec/webhooks.yaml" {
		t.Errorf("default overlays: %+v", s)
	}
	s, err = Resolve(context.Background(), file, []string{}, tree, t.TempDir())
	if err != nil || len(s.Overlays) != 0 {
		t.Errorf("no overlays: %+v, %v", s, err)
	}
	s, err = Resolve(context.Background(), file, []string{"a.yaml", "b.yaml"}, tree, t.TempDir())
	if err != nil || !slices.Equal(s.Overlays, []string{"a.yaml", "b.yaml"}) {
		t.Errorf("given overlays: %+v, %v", s, err)
	}
	if _, err := Resolve(context.Background(), "", nil, tree, t.TempDir()); err == nil {
		t.Error("an empty argument resolved")
	}
}

// TestResolveRevision resolves revisions of a scratch repository: the description its
// spec/SOURCE pins is found by sha256 in the fetched copy or at $SPEC_SOURCE, and its overlay
// and webhook topics are those of the revision, not of the working tree.
func TestResolveRevision(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed to resolve revisions: ", err)
	}
	repo := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(path, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(repo, path)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(repo, path), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	v1 := "openapi: 3.0.1\ninfo: {title: Shop, version: '1.0'}\npaths: {}\n"
	v2 := "openapi: 3.0.1\ninfo: {title: Shop, version: '2.0'}\npaths: {}\n"
	pin := func(desc, version string) string {
		return string(spec.Source{Repository: "example/shop", Commit: strings.Repeat("a", 40), Path: "descriptions/" + version + "/api.yaml",
			SHA256: spec.Sum([]byte(desc)), Version: version}.Format())
	}
	run("init", "-q", "-b", "main")
	write("spec/SOURCE", pin(v1, "1.0"))
	write("spec/overlay.yaml", "the overlay of 1.0\n")
	write("spec/webhooks.yaml", "the topics of 1.0\n")
	run("add", ".")
	run("commit", "-q", "-m", "1.0")
	run("tag", "v1")
	// The working tree moves on: a bump to 2.0 with its own overlay, and no webhooks file.
	write("spec/SOURCE", pin(v2, "2.0"))
	write("spec/overlay.yaml", "the overlay of 2.0\n")
	write("spec/api.intercom.io.yaml", v2)
	if err := os.Remove(filepath.Join(repo, "spec/webhooks.yaml")); err != nil {
		t.Fatal(err)
	}
	run("add", "-A")
	run("commit", "-q", "-m", "2.0")
	t.Chdir(repo)
	t.Setenv("SPEC_SOURCE", "")
	tree := DefaultTree()
	read := func(path string) string {
		t.Helper()
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}

	// HEAD pins 2.0, whose bytes are the fetched copy; it has no webhooks file.
	s, err := Resolve(context.Background(), "HEAD", nil, tree, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if s.Spec != tree.Description || len(s.Overlays) != 1 || read(s.Overlays[0]) != "the overlay of 2.0\n" || s.Webhooks != "" {
		t.Errorf("HEAD: %+v", s)
	}
	if !strings.HasPrefix(s.Label, "HEAD (") || !strings.HasSuffix(s.Label, ", API version 2.0)") {
		t.Errorf("HEAD label %q", s.Label)
	}

	// v1 pins 1.0, whose bytes only $SPEC_SOURCE has; its overlay and topics are v1's.
	old := filepath.Join(t.TempDir(), "1.0.yaml")
	if err := os.WriteFile(old, []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SPEC_SOURCE", old)
	s, err = Resolve(context.Background(), "v1", nil, tree, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if s.Spec != old || read(s.Overlays[0]) != "the overlay of 1.0\n" || read(s.Webhooks) != "the topics of 1.0\n" {
		t.Errorf("v1: %+v", s)
	}
	// Overlays given replace the revision's.
	s, err = Resolve(context.Background(), "v1", []string{"mine.yaml"}, tree, t.TempDir())
	if err != nil || !slices.Equal(s.Overlays, []string{"mine.yaml"}) {
		t.Errorf("v1 with overlays: %+v, %v", s, err)
	}
	// A file wins over a revision of the same name.
	if err := os.WriteFile("v1", []byte(v2), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Resolve(context.Background(), "v1", nil, tree, t.TempDir()); err != nil || s.Spec != "v1" {
		t.Errorf("file v1: %+v, %v", s, err)
	}
	if _, err := Resolve(context.Background(), "no-such-rev", nil, tree, t.TempDir()); err == nil ||
		!strings.Contains(err.Error(), "neither a description file nor a git revision") {
		t.Errorf("unknown revision: %v", err)
	}
}
