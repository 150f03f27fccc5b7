package changes

import (
	"bytes"
	"context"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/exp/apidiff"
)

// GoChanges are the changes apidiff finds between the two generated packages.
type GoChanges struct {
	Incompatible []string // break code that imports the package
	Compatible   []string // additions
}

// compareGo type-checks both generated packages, each completed by the hand-written runtime in
// runtimeDir, and compares their exported API with apidiff.
func compareGo(ctx context.Context, from, to map[string][]byte, runtimeDir, pkgPath string, cache *Cache) (GoChanges, error) {
	runtimeFiles, err := runtimeSources(runtimeDir)
	if err != nil {
		return GoChanges{}, err
	}
	a, err := cache.typeCheck(ctx, from, runtimeFiles, pkgPath)
	if err != nil {
		return GoChanges{}, fmt.Errorf("from: %w", err)
	}
	b, err := cache.typeCheck(ctx, to, runtimeFiles, pkgPath)
	if err != nil {
		return GoChanges{}, fmt.Errorf("to: %w", err)
	}
	var out GoChanges
	for _, c := range apidiff.Changes(a, b).Changes {
		if c.Compatible {
			out.Compatible = append(out.Compatible, c.Message)
		} else {
			out.Incompatible = append(out.Incompatible, c.Message)
		}
	}
	slices.Sort(out.Compatible)
	slices.Sort(out.Incompatible)
	return out, nil
}

// runtimeSources reads the hand-written Go files of the runtime: not tests, not generated.
func runtimeSources(dir string) (map[string][]byte, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, p := range paths {
		name := filepath.Base(p)
		if strings.HasSuffix(name, "_test.go") || strings.HasSuffix(name, "_gen.go") {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		files[name] = data
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no hand-written runtime in %s: the generated package does not compile without it", dir)
	}
	return files, nil
}

// typeCheck type-checks a package (generated files and runtime) from source with go/types,
// reading the standard library it imports from the export data the go command keeps in its
// build cache. Type-checking is all apidiff needs: compiling the package (code generation, as
// the go command's -export does) would cost several times as much, and it could not be cached,
// the sources being new files in a temporary module each time. The package imports the standard
// library only (a client that imported more would fail here with "not in std"). exports finds
// the export data of what the package imports (exportData, or a Cache's memo of it).
func typeCheck(ctx context.Context, generated, runtimeFiles map[string][]byte, pkgPath string,
	exports func(context.Context, []string) (map[string]string, error)) (*types.Package, error) {
	fset := token.NewFileSet()
	var files []*ast.File
	imports := map[string]bool{}
	for _, set := range []map[string][]byte{generated, runtimeFiles} {
		for _, name := range slices.Sorted(maps.Keys(set)) {
			// Only the client's own package: not the fake server's, in a subdirectory.
			if !strings.HasSuffix(name, ".go") || strings.Contains(name, "/") {
				continue
			}
			f, err := parser.ParseFile(fset, name, set[name], parser.SkipObjectResolution)
			if err != nil {
				return nil, fmt.Errorf("the generated package does not parse: %w", err)
			}
			files = append(files, f)
			for _, spec := range f.Imports {
				path, err := strconv.Unquote(spec.Path.Value)
				if err != nil {
					return nil, fmt.Errorf("%s: import %s: %w", name, spec.Path.Value, err)
				}
				imports[path] = true
			}
		}
	}
	exportFiles, err := exports(ctx, slices.Sorted(maps.Keys(imports)))
	if err != nil {
		return nil, err
	}
	var errs []string
	conf := types.Config{
		GoVersion: "go" + goVersion(),
		Importer: importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
			if exportFiles[path] == "" {
				return nil, fmt.Errorf("no export data for %s", path)
			}
			return os.Open(exportFiles[path])
		}),
		Error: func(err error) { errs = append(errs, err.Error()) },
	}
	pkg, _ := conf.Check(pkgPath, fset, files, nil)
	if len(errs) > 0 {
		return nil, fmt.Errorf("the generated package does not compile:\n  %s", strings.Join(errs, "\n  "))
	}
	return pkg, nil
}

// exportData returns the export data file of each package the paths import, directly or not,
// by its import path, as the go command lists it (compiling what its build cache lacks). It runs
// in an empty directory, outside any module, so that only the standard library resolves.
func exportData(ctx context.Context, paths []string) (map[string]string, error) {
	out := map[string]string{}
	if len(paths) == 0 {
		return out, nil
	}
	dir, err := os.MkdirTemp("", "intercom-changes-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.CommandContext(ctx, "go", append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", "--"}, paths...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	list, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("the generated package imports %s: go list: %w\n%s", strings.Join(paths, ", "), err, strings.TrimSpace(stderr.String()))
	}
	for line := range strings.Lines(string(list)) {
		path, file, _ := strings.Cut(strings.TrimSpace(line), "\t")
		out[path] = file
	}
	return out, nil
}

var goVersionRE = regexp.MustCompile(`^go(\d+)\.(\d+)`)

// goVersion is the language version of the temporary module: that of the toolchain running.
func goVersion() string {
	m := goVersionRE.FindStringSubmatch(runtime.Version())
	if m == nil {
		return "1.26"
	}
	return m[1] + "." + m[2]
}
