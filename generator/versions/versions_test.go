package versions

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gointercom/intercom/generator/overlay"
)

func TestPath(t *testing.T) {
	t.Parallel()
	for version, want := range map[string]string{"2.16": "d/2.16/api.intercom.io.yaml", Preview: "d/0/api.intercom.io.yaml"} {
		if got := filepath.ToSlash(Path("d", version)); got != want {
			t.Errorf("Path(d, %s) = %s, want %s", version, got, want)
		}
	}
}

func TestTable(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	err := Table(&b, []Result{
		{Version: "2.9", Operations: 108, Types: 290, Paged: 16, Examples: 403, Defects: 201, Elapsed: 2 * time.Second},
		{Version: "Preview", Operations: 1, Err: errors.New("broken")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "  version  operations  types  paged  examples  defects  time  result\n" +
		"      2.9         108    290     16       403      201    2s      ok\n" +
		"  Preview           1      0      0         0        0    0s    FAIL\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestFailures(t *testing.T) {
	t.Parallel()
	out := "=== RUN   TestA\n--- PASS: TestA (0.00s)\n=== RUN   TestB\n    b_test.go:9: wrong\n--- FAIL: TestB (0.00s)\nFAIL\n"
	if got, want := failures(out), "b_test.go:9: wrong\n--- FAIL: TestB (0.00s)\nFAIL"; got != want {
		t.Errorf("failures:\n%q\nwant\n%q", got, want)
	}
}

// TestReplacements checks the files of go build's -overlay flag: generated files replace their
// namesakes, and the generator-owned files the version lacks are left out; hand-written files
// stay. The runtime's tests take two passes, the first without its internal tests, the second
// without its external ones; with Options.SkipRuntimeTests one pass has neither.
func TestReplacements(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	gen := filepath.Join(root, genDir)
	files := map[string]string{
		"client.go": "package intercom\n", "client_test.go": "package intercom\n", "example_test.go": "package intercom_test\n",
		"find.go": "package intercom\n", "old_gen.go": "", "models_gen.go": "", "reference_gen.md": "",
		"intercomtest/server.go": "", "intercomtest/routes_gen.go": "", "intercomtest/server_test.go": "// Package.\npackage intercomtest\n",
	}
	for f, text := range files {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(gen, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(gen, f), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	generated := map[string]string{"models_gen.go": "models_gen.go", "intercomtest/routes_gen.go": "intercomtest/routes_gen.go", "old_gen.go": "", "reference_gen.md": ""}
	internal := map[string]string{"client_test.go": "", "intercomtest/server_test.go": ""}
	external := map[string]string{"example_test.go": ""}
	for _, skip := range []bool{false, true} {
		var want []map[string]string
		if skip {
			want = append(want, union(generated, internal, external))
		} else {
			want = append(want, union(generated, internal), union(generated, external))
		}
		c := &checker{root: root, tmp: t.TempDir(), opts: Options{SkipRuntimeTests: skip}}
		paths, err := c.replacements(map[string][]byte{"models_gen.go": []byte("package intercom\n"), "intercomtest/routes_gen.go": []byte("package intercomtest\n")})
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) != len(want) {
			t.Fatalf("SkipRuntimeTests %v: %d passes, want %d", skip, len(paths), len(want))
		}
		for i, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var o struct{ Replace map[string]string }
			if err := json.Unmarshal(data, &o); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for k, v := range o.Replace {
				rel, _ := filepath.Rel(gen, k)
				got[filepath.ToSlash(rel)] = strings.TrimPrefix(filepath.ToSlash(v), filepath.ToSlash(c.tmp)+"/")
			}
			if !maps.Equal(got, want[i]) {
				t.Errorf("SkipRuntimeTests %v, pass %d: replacements %v, want %v", skip, i, got, want[i])
			}
		}
	}
}

// union returns the entries of every map.
func union(ms ...map[string]string) map[string]string {
	u := map[string]string{}
	for _, m := range ms {
		maps.Copy(u, m)
	}
	return u
}

// TestSkip checks that Options.Skip leaves versions out before anything is generated, that
// skipping them all is refused rather than a check of nothing, and that a version the manifest
// does not list is refused, skipped or not.
func TestSkip(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	manifest := filepath.Join(root, filepath.FromSlash(overlay.ManifestFile))
	if err := os.MkdirAll(filepath.Dir(manifest), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(manifest, []byte("\"2.9\": [base.yaml]\n\"2.10\": [base.yaml]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	results, err := Check(t.Context(), Options{Root: root, Skip: []string{"2.9", "2.10"}})
	if err == nil || results != nil {
		t.Errorf("Check skipping every version = %v, %v; want an error", results, err)
	}
	if _, err := Check(t.Context(), Options{Root: root, Skip: []string{"2.99"}}); err == nil || !strings.Contains(err.Error(), "2.99") {
		t.Errorf("Check skipping an unknown version: error %v, want one naming it", err)
	}
}

// TestModuleCopy checks the copy of the client's module the runtime's tests run in: the version's
// generated files, the hand-written ones (tests and test data too), none of the generated files
// the version lacks, and the README at the root, as in the repository.
func TestModuleCopy(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	gen := filepath.Join(root, genDir)
	for f, text := range map[string]string{
		"client.go": "hand", "client_test.go": "hand test", "testdata/a.json": "{}", "old_gen.go": "stale",
		"models_gen.go": "old", "reference_gen.md": "old", "intercomtest/server.go": "fake",
		"../../README.md": "readme",
	} {
		if err := writeFile(filepath.Join(gen, filepath.FromSlash(f)), []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	c := &checker{root: root, tmp: t.TempDir()}
	dir, err := c.moduleCopy(map[string][]byte{"models_gen.go": []byte("new"), "reference_gen.md": []byte("new"), "intercomtest/routes_gen.go": []byte("new")})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	err = filepath.WalkDir(filepath.Join(dir, "../.."), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"client.go": "hand", "client_test.go": "hand test", "testdata/a.json": "{}", "models_gen.go": "new",
		"reference_gen.md": "new", "intercomtest/server.go": "fake", "intercomtest/routes_gen.go": "new",
		"../../README.md": "readme",
	}
	if !maps.Equal(got, want) {
		t.Errorf("module copy %v, want %v", got, want)
	}
}
