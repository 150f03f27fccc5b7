package pipeline

import (
	"bytes"
	"context"
	"flag"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/*/golden")

// runtimeDir holds the hand-written runtime the generated code calls.
const runtimeDir = "../../gen/intercom"

// TestGolden generates every small spec under generator/testdata and compares the output with
// its golden files, so that any change to the generated code is seen in review.
func TestGolden(t *testing.T) {
	for _, dir := range testSpecs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res := generateTestSpec(t, dir)
			golden := filepath.Join(dir, "golden")
			if *update {
				if err := os.RemoveAll(golden); err != nil {
					t.Fatal(err)
				}
				if err := os.MkdirAll(golden, 0o755); err != nil {
					t.Fatal(err)
				}
				for name, data := range res.Files {
					if err := os.WriteFile(filepath.Join(golden, name), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			entries, err := os.ReadDir(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./generator/pipeline -update to create the golden files)", err)
			}
			var want []string
			for _, e := range entries {
				want = append(want, e.Name())
				data, err := os.ReadFile(filepath.Join(golden, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if got, ok := res.Files[e.Name()]; !ok {
					t.Errorf("%s: not generated any more", e.Name())
				} else if !bytes.Equal(got, data) {
					t.Errorf("%s differs from its golden file (run with -update and review the diff):\n%s", e.Name(), firstDiff(string(data), string(got)))
				}
			}
			if got := slices.Sorted(maps.Keys(res.Files)); !slices.Equal(got, want) {
				t.Errorf("generated files %v, golden files %v", got, want)
			}
		})
	}
}

// TestCompiles builds and vets each small spec's client together with the hand-written runtime,
// in a module of its own.
func TestCompiles(t *testing.T) {
	for _, dir := range testSpecs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			compiles(t, "example.com/"+filepath.Base(dir), generateTestSpec(t, dir).Files)
		})
	}
}

// compiles writes generated files and the hand-written runtime as package intercom of a module of
// its own, in a temporary directory, and fails unless go build and go vet accept it.
func compiles(t *testing.T, module string, files map[string][]byte) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed to compile generated code: ", err)
	}
	mod := t.TempDir()
	pkg := filepath.Join(mod, "intercom")
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(path string, data []byte) {
		t.Helper()
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(mod, "go.mod"), []byte("module "+module+"\n\ngo 1.25\n"))
	for name, data := range files {
		write(filepath.Join(pkg, name), data)
	}
	runtime, err := filepath.Glob(filepath.Join(runtimeDir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range runtime {
		if strings.HasSuffix(f, "_gen.go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		write(filepath.Join(pkg, filepath.Base(f)), data)
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestDeterministic generates each small spec twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	for _, dir := range testSpecs(t) {
		a := generateTestSpec(t, dir)
		b := generateTestSpec(t, dir)
		if !maps.EqualFunc(a.Files, b.Files, bytes.Equal) {
			t.Errorf("%s: two runs generated different files", dir)
		}
	}
}

func testSpecs(t *testing.T) []string {
	t.Helper()
	dirs, err := filepath.Glob("../testdata/*/openapi.yaml")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no test specs under generator/testdata: %v", err)
	}
	for i, d := range dirs {
		dirs[i] = filepath.Dir(d)
	}
	return dirs
}

func generateTestSpec(t *testing.T, dir string) *Result {
	t.Helper()
	cfg := Config{Spec: filepath.Join(dir, "openapi.yaml"), PkgPath: "example.com/" + filepath.Base(dir) + "/intercom", PkgName: "intercom"}
	if _, err := os.Stat(filepath.Join(dir, "overlay.yaml")); err == nil {
		cfg.Overlays = []string{filepath.Join(dir, "overlay.yaml")}
	}
	if _, err := os.Stat(filepath.Join(dir, "webhooks.yaml")); err == nil {
		cfg.Webhooks = filepath.Join(dir, "webhooks.yaml")
	}
	res, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("generate %s: %v", dir, err)
	}
	return res
}

// firstDiff shows the first differing line of two texts, with its line number.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines)"
}
