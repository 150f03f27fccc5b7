package changes

import (
	"context"
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/exp/apidiff"
	"golang.org/x/tools/go/packages"
)

// GoChanges are the changes apidiff finds between the two generated packages.
type GoChanges struct {
	Incompatible []string // break code that imports the package
	Compatible   []string // additions
}

// compareGo type-checks both generated packages, each completed by the hand-written runtime in
// runtimeDir, and compares their exported API with apidiff.
func compareGo(ctx context.Context, from, to map[string][]byte, runtimeDir, pkgPath string, cache *PackageCache) (GoChanges, error) {
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

// typeCheck writes a package (generated files and runtime) as a module of its own in a
// temporary directory and type-checks it with the go command. The package imports the standard
// library only, so nothing is downloaded.
func typeCheck(ctx context.Context, generated, runtimeFiles map[string][]byte, pkgPath string) (*types.Package, error) {
	dir, err := os.MkdirTemp("", "intercom-changes-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	gomod := fmt.Sprintf("module %s\n\ngo %s\n", pkgPath, goVersion())
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return nil, err
	}
	for _, files := range []map[string][]byte{generated, runtimeFiles} {
		for name, data := range files {
			// Only the client's own package: not the fake server's, in a subdirectory.
			if !strings.HasSuffix(name, ".go") || strings.Contains(name, "/") {
				continue
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				return nil, err
			}
		}
	}
	cfg := &packages.Config{
		Context: ctx,
		Mode:    packages.NeedName | packages.NeedTypes,
		Dir:     dir,
		Env:     append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local"),
	}
	pkgs, err := packages.Load(cfg, ".")
	if err != nil {
		return nil, fmt.Errorf("load the generated package: %w", err)
	}
	if len(pkgs) != 1 {
		return nil, fmt.Errorf("load the generated package: got %d packages", len(pkgs))
	}
	if len(pkgs[0].Errors) > 0 {
		var msgs []string
		for _, e := range pkgs[0].Errors {
			msgs = append(msgs, strings.ReplaceAll(e.Error(), dir+string(filepath.Separator), ""))
		}
		return nil, fmt.Errorf("the generated package does not compile:\n  %s", strings.Join(msgs, "\n  "))
	}
	return pkgs[0].Types, nil
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
