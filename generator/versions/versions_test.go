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

// TestReplacements checks the file of go build's -overlay flag: generated files replace their
// namesakes, and the generator-owned files the version lacks are left out; the runtime's tests
// tests too with Options.SkipRuntimeTests; hand-written files stay.
func TestReplacements(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	gen := filepath.Join(root, genDir)
	for _, f := range []string{"client.go", "client_test.go", "find.go", "old_gen.go", "models_gen.go", "reference_gen.md", "intercomtest/server.go", "intercomtest/routes_gen.go"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(gen, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(gen, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	generated := map[string]string{"models_gen.go": "models_gen.go", "intercomtest/routes_gen.go": "intercomtest/routes_gen.go", "old_gen.go": "", "reference_gen.md": ""}
	for _, skip := range []bool{false, true} {
		want := maps.Clone(generated)
		if skip {
			want["client_test.go"] = ""
		}
		c := &checker{root: root, tmp: t.TempDir(), opts: Options{SkipRuntimeTests: skip}}
		path, err := c.replacements(map[string][]byte{"models_gen.go": []byte("package intercom\n"), "intercomtest/routes_gen.go": []byte("package intercomtest\n")})
		if err != nil {
			t.Fatal(err)
		}
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
		if !maps.Equal(got, want) {
			t.Errorf("SkipRuntimeTests %v: replacements %v, want %v", skip, got, want)
		}
	}
}
