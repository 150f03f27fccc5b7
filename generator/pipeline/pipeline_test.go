package pipeline

import (
	"bytes"
	"flag"
	"io/fs"
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
	t.Parallel()
	for _, dir := range testSpecs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
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
					path := filepath.Join(golden, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			want, err := goldenFiles(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./generator/pipeline -update to create the golden files)", err)
			}
			for _, name := range want {
				data, err := os.ReadFile(filepath.Join(golden, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				if got, ok := res.Files[name]; !ok {
					t.Errorf("%s: not generated any more", name)
				} else if !bytes.Equal(got, data) {
					t.Errorf("%s differs from its golden file (run with -update and review the diff):\n%s", name, firstDiff(string(data), string(got)))
				}
			}
			if got := slices.Sorted(maps.Keys(res.Files)); !slices.Equal(got, want) {
				t.Errorf("generated files %v, golden files %v", got, want)
			}
		})
	}
}

// goldenFiles lists the files under dir, as slash-separated paths relative to it, sorted.
func goldenFiles(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		names = append(names, filepath.ToSlash(rel))
		return err
	})
	slices.Sort(names)
	return names, err
}

// TestCompiles builds and vets each small spec's client together with the hand-written runtime,
// in a module of its own.
func TestCompiles(t *testing.T) {
	t.Parallel()
	for _, dir := range testSpecs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			compiles(t, "example.com/"+filepath.Base(dir), generateTestSpec(t, dir).Files)
		})
	}
}

// compiles writes generated files and the hand-written runtime as package intercom of a module of
// its own, in a temporary directory, with the fake server's package (its generated route table
// and hand-written code) beside it, and fails unless go build and go vet accept both.
func compiles(t *testing.T, module string, files map[string][]byte) {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed to compile generated code: ", err)
	}
	mod := t.TempDir()
	pkg := filepath.Join(mod, "intercom")
	write := func(path string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(mod, "go.mod"), []byte("module "+module+"\n\ngo 1.25\n"))
	for name, data := range files {
		write(filepath.Join(pkg, filepath.FromSlash(name)), data)
	}
	for _, sub := range append([]string{"."}, Subdirs()...) {
		runtime, err := filepath.Glob(filepath.Join(runtimeDir, sub, "*.go"))
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
			// The hand-written code imports the client by its path in this repository.
			data = bytes.ReplaceAll(data, []byte(`"github.com/gointercom/intercom/gen/intercom"`), []byte(strconv.Quote(module+"/intercom")))
			write(filepath.Join(pkg, sub, filepath.Base(f)), data)
		}
	}
	for _, args := range [][]string{{"build", "./..."}, {"vet", "./..."}} {
		cmd := exec.CommandContext(t.Context(), "go", args...)
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// TestDeterministic generates each small spec twice and compares the bytes.
func TestDeterministic(t *testing.T) {
	t.Parallel()
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
	res, err := Run(t.Context(), cfg)
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
