package changes

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/spec"
)

func TestResolveFile(t *testing.T) {
	t.Parallel()
	tree := DefaultTree()
	dir := t.TempDir()
	tree.Manifest = filepath.Join(dir, "versions.yaml")
	if err := os.WriteFile(tree.Manifest, []byte("'1.0': [base.yaml, 1.0.yaml]\n'2.0': [base.yaml]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := "testdata/shop/from.yaml"
	s, err := Resolve(t.Context(), file, nil, tree, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "base.yaml"), filepath.Join(dir, "1.0.yaml")}
	if s.Label != file || s.Spec != file || !slices.Equal(s.Overlays, want) || s.Webhooks != "spec/webhooks.yaml" {
		t.Errorf("default overlays: %+v, want the stack of version 1.0 %v", s, want)
	}
	s, err = Resolve(t.Context(), file, []string{}, tree, t.TempDir())
	if err != nil || len(s.Overlays) != 0 {
		t.Errorf("no overlays: %+v, %v", s, err)
	}
	s, err = Resolve(t.Context(), file, []string{"a.yaml", "b.yaml"}, tree, t.TempDir())
	if err != nil || !slices.Equal(s.Overlays, []string{"a.yaml", "b.yaml"}) {
		t.Errorf("given overlays: %+v, %v", s, err)
	}
	if _, err := Resolve(t.Context(), "", nil, tree, t.TempDir()); err == nil {
		t.Error("an empty argument resolved")
	}
}

// TestResolveRevision resolves revisions of a scratch repository: the description its
// spec/SOURCE pins is found by sha256 in the fetched copy or at $SPEC_SOURCE, and its overlay
// and webhook topics are those of the revision, not of the working tree.
func TestResolveRevision(t *testing.T) {
	// Not parallel: it changes the working directory and the environment.
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
	// The working tree moves on: a bump to 2.0 with a manifest of overlays in place of the one
	// overlay of 1.0, and no webhooks file.
	write("spec/SOURCE", pin(v2, "2.0"))
	write("spec/overlays/versions.yaml", "'1.0': [base.yaml]\n'2.0': [base.yaml, 2.0.yaml]\n")
	write("spec/overlays/base.yaml", "the base overlay\n")
	write("spec/overlays/2.0.yaml", "the overlay of 2.0\n")
	if err := os.Remove(filepath.Join(repo, "spec/overlay.yaml")); err != nil {
		t.Fatal(err)
	}
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
	s, err := Resolve(t.Context(), "HEAD", nil, tree, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if s.Spec != tree.Description || len(s.Overlays) != 2 || read(s.Overlays[0]) != "the base overlay\n" ||
		read(s.Overlays[1]) != "the overlay of 2.0\n" || s.Webhooks != "" {
		t.Errorf("HEAD: %+v", s)
	}
	if !strings.HasPrefix(s.Label, "HEAD (") || !strings.HasSuffix(s.Label, ", API version 2.0)") {
		t.Errorf("HEAD label %q", s.Label)
	}

	// v1 pins 1.0, whose bytes only $SPEC_SOURCE has; its overlay (older than the manifest) and
	// topics are v1's.
	old := filepath.Join(t.TempDir(), "1.0.yaml")
	if err := os.WriteFile(old, []byte(v1), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SPEC_SOURCE", old)
	s, err = Resolve(t.Context(), "v1", nil, tree, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if s.Spec != old || read(s.Overlays[0]) != "the overlay of 1.0\n" || read(s.Webhooks) != "the topics of 1.0\n" {
		t.Errorf("v1: %+v", s)
	}
	// Overlays given replace the revision's.
	s, err = Resolve(t.Context(), "v1", []string{"mine.yaml"}, tree, t.TempDir())
	if err != nil || !slices.Equal(s.Overlays, []string{"mine.yaml"}) {
		t.Errorf("v1 with overlays: %+v, %v", s, err)
	}
	// A file wins over a revision of the same name.
	if err := os.WriteFile("v1", []byte(v2), 0o644); err != nil {
		t.Fatal(err)
	}
	if s, err := Resolve(t.Context(), "v1", nil, tree, t.TempDir()); err != nil || s.Spec != "v1" {
		t.Errorf("file v1: %+v, %v", s, err)
	}
	// v1's description, once no local copy has it, is downloaded from the URL its SOURCE pins,
	// checked against its sha256 and kept under tmp; bytes that do not match are refused.
	t.Setenv("SPEC_SOURCE", "")
	if err := os.Remove("v1"); err != nil {
		t.Fatal(err)
	}
	var asked []string
	serve := func(body string, status int) *http.Client {
		return &http.Client{Transport: roundTrip(func(r *http.Request) (*http.Response, error) {
			asked = append(asked, r.URL.String())
			return &http.Response{StatusCode: status, Status: strconv.Itoa(status) + " " + http.StatusText(status), Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
		})}
	}
	pinV1, err := spec.ParseSource("SOURCE", []byte(pin(v1, "1.0")))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	withHTTP := tree
	withHTTP.HTTP = serve(v1, http.StatusOK)
	s, err = Resolve(t.Context(), "v1", nil, withHTTP, tmp)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s.Spec, tmp) || read(s.Spec) != v1 || !slices.Equal(asked, []string{pinV1.URL()}) {
		t.Errorf("downloaded v1: %+v from %v, want %s", s, asked, pinV1.URL())
	}
	for _, c := range []struct {
		body   string
		status int
		want   string
	}{
		{v2, http.StatusOK, "sha256"},
		{"", http.StatusNotFound, "404"},
	} {
		withHTTP.HTTP = serve(c.body, c.status)
		_, err := Resolve(t.Context(), "v1", nil, withHTTP, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "give its file instead") {
			t.Errorf("download answered %d: %v, want an error naming %q", c.status, err, c.want)
		}
	}

	if _, err := Resolve(t.Context(), "no-such-rev", nil, tree, t.TempDir()); err == nil ||
		!strings.Contains(err.Error(), "neither a description file nor a git revision") {
		t.Errorf("unknown revision: %v", err)
	}
}

// roundTrip is an http.RoundTripper of a function: a download answered without a network.
type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
