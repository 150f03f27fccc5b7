package versions

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/pipeline"
)

// Where the repository keeps what a check reads and replaces, relative to its root.
const (
	genDir         = "gen/intercom"
	conformanceDir = "./generator/conformance"
	pkgPath        = "github.com/gointercom/intercom/gen/intercom"
	webhooksFile   = "spec/webhooks.yaml"
	readmeFile     = "README.md"
)

// Options says what to check.
type Options struct {
	Root         string   // the repository's root directory
	Descriptions string   // the copies of Intercom's descriptions, one directory per version (Path)
	Versions     []string // the versions to check; every version the manifest lists when empty
	Skip         []string // versions not to check, of those
	Parallel     int      // how many versions to check at once; 2 when zero
	// Update rewrites each version's list of spec defects with what the examples have, instead
	// of failing on a difference (the conformance suite's -update).
	Update bool
	// Progress receives a line as each step of each version starts and ends; nil for none.
	Progress io.Writer
	// SkipRuntimeTests leaves the hand-written runtime's own tests out of each version's vet.
	// By default they are vetted with every version's client: they use only what every version
	// has, so that a bump needs no edit to them, and a version they do not fit fails.
	SkipRuntimeTests bool
	// RunRuntimeTests also runs the runtime's own tests with every version's client (go test,
	// without -race), which make test does only with the pinned one.
	RunRuntimeTests bool
}

// Result is what the check of one version found.
type Result struct {
	Version    string
	Operations int // operations of the generated client
	Types      int // its named types
	Paged      int // operations with an iterator (x-pagination of a kind other than none)
	Examples   int // request and response examples the conformance suite checked
	Defects    int // spec defects the version's list holds
	Elapsed    time.Duration
	Err        error // nil if the version passed
}

// Check generates, builds, vets and checks every version of opts, several at once, and returns
// a result per version in the manifest's order. It fails only when it cannot start (no
// manifest, an unknown version, no version left once those skipped are left out); the failure
// of a version is in its result.
func Check(ctx context.Context, opts Options) ([]Result, error) {
	root, err := filepath.Abs(opts.Root)
	if err != nil {
		return nil, err
	}
	m, err := overlay.ReadManifest(filepath.Join(root, overlay.ManifestFile))
	if err != nil {
		return nil, err
	}
	list := opts.Versions
	if len(list) == 0 {
		list = m.Versions
	}
	for _, v := range slices.Concat(list, opts.Skip) {
		if _, err := m.Files(v); err != nil {
			return nil, err
		}
	}
	list = slices.DeleteFunc(slices.Clone(list), func(v string) bool { return slices.Contains(opts.Skip, v) })
	if len(list) == 0 {
		return nil, errors.New("versions: no version left to check once those skipped are left out")
	}
	tmp, err := os.MkdirTemp("", "intercom-versions-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	p := &progress{w: opts.Progress}
	results := make([]Result, len(list))
	sem := make(chan struct{}, max(opts.Parallel, 1))
	if opts.Parallel == 0 {
		sem = make(chan struct{}, 2)
	}
	var wg sync.WaitGroup
	for i, v := range list {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			start := time.Now()
			c := &checker{root: root, tmp: filepath.Join(tmp, strconv.Itoa(i)), manifest: m, opts: opts, progress: p}
			results[i] = c.check(ctx, v)
			results[i].Version, results[i].Elapsed = v, time.Since(start).Round(100*time.Millisecond)
			if err := results[i].Err; err != nil {
				p.printf("%s: FAIL after %s\n", v, results[i].Elapsed)
			} else {
				p.printf("%s: ok in %s\n", v, results[i].Elapsed)
			}
		})
	}
	wg.Wait()
	return results, nil
}

// progress serialises the lines of versions checked at once.
type progress struct {
	mu sync.Mutex
	w  io.Writer
}

func (p *progress) printf(format string, args ...any) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "versions: "+format, args...)
}

// checker checks one version.
type checker struct {
	root, tmp string
	manifest  *overlay.Manifest
	opts      Options
	progress  *progress
}

func (c *checker) check(ctx context.Context, version string) (r Result) {
	spec, err := filepath.Abs(Path(c.opts.Descriptions, version))
	if err != nil {
		r.Err = err
		return r
	}
	stack, err := c.manifest.Stack(version)
	if err != nil {
		r.Err = err
		return r
	}
	cfg := pipeline.Config{Spec: spec, Overlays: stack, Webhooks: filepath.Join(c.root, webhooksFile),
		PartialWebhooks: c.manifest.PartialWebhooks(version), PkgPath: pkgPath, PkgName: "intercom"}
	c.progress.printf("%s: generate\n", version)
	res, err := pipeline.Run(ctx, cfg)
	if err != nil {
		r.Err = fmt.Errorf("generate: %w", err)
		return r
	}
	counts := res.API.Count()
	r.Operations, r.Types, r.Paged = counts.Operations, counts.Types, paged(res.API)
	passes, err := c.replacements(res.Files)
	if err != nil {
		r.Err = err
		return r
	}
	c.progress.printf("%s: build and vet %d operations, %d types\n", version, r.Operations, r.Types)
	if err := c.vet(ctx, passes); err != nil {
		r.Err = err
		return r
	}
	c.progress.printf("%s: conformance\n", version)
	if r.Examples, r.Defects, err = c.conformance(ctx, passes[0], spec); err != nil {
		r.Err = err
		return r
	}
	if c.opts.RunRuntimeTests && !c.opts.SkipRuntimeTests {
		c.progress.printf("%s: runtime tests\n", version)
		if err := c.runtimeTests(ctx, res.Files); err != nil {
			r.Err = fmt.Errorf("runtime tests: %w", err)
		}
	}
	return r
}

// vet vets the client, its runtime's tests and the conformance suite, a pass per file of
// go build's -overlay flag (replacements says why there are two). The conformance suite is
// vetted here with the version's client, so go test need not vet it (-vet=off): one vet, whose
// facts about the dependencies make vet has already cached. Every command compiles the client
// (the same build, cached between them) without optimisations: compiling it is most of a
// version's check, optimising it a third of that, and the check needs it to compile and
// behave, not to be fast or debugged.
func (c *checker) vet(ctx context.Context, passes []string) error {
	for i, replace := range passes {
		pkgs := []string{pkgPath + "/..."}
		if i == 0 {
			pkgs = append(pkgs, conformanceDir)
		}
		if _, err := c.goCmd(ctx, "vet", append([]string{"-overlay=" + replace, noOpt}, pkgs...)...); err != nil {
			return fmt.Errorf("vet: %w", err)
		}
	}
	return nil
}

// conformance runs the conformance suite with the client the -overlay file replace puts in
// place, against the description spec, and returns the examples it checked and the spec
// defects the version's list holds.
func (c *checker) conformance(ctx context.Context, replace, spec string) (examples, defects int, err error) {
	args := []string{"-overlay=" + replace, noOpt, "-vet=off", "-count=1", "-run", "^TestConformance(Operations|Examples|RoundTrip)$", "-v", conformanceDir, "-args", "-spec", spec}
	if c.opts.Update {
		args = append(args, "-update")
	}
	out, err := c.goCmd(ctx, "test", args...)
	if err != nil {
		return 0, 0, fmt.Errorf("conformance: %s", failures(out))
	}
	m := summaryRE.FindStringSubmatch(out)
	if m == nil {
		return 0, 0, fmt.Errorf("conformance printed no summary:\n%s", out)
	}
	examples, _ = strconv.Atoi(m[1])
	defects, _ = strconv.Atoi(m[2])
	return examples, defects, nil
}

// runtimeTests runs the runtime's own tests with the client of files, in a copy of the client's
// module (moduleCopy).
func (c *checker) runtimeTests(ctx context.Context, files map[string][]byte) error {
	dir, err := c.moduleCopy(files)
	if err != nil {
		return err
	}
	if out, err := goIn(ctx, dir, "test", noOpt, "-vet=off", "-count=1", "./..."); err != nil {
		return errors.New(failures(out))
	}
	return nil
}

// moduleCopy copies the client's module under c.tmp with the generated files of files in place
// of the repository's, and returns its directory. The runtime's tests run there, not through
// -overlay as the vet does, as some read generated files that are not Go (the API reference)
// themselves. The copy is placed as in the repository, beside a copy of its README, whose
// examples some tests check.
func (c *checker) moduleCopy(files map[string][]byte) (string, error) {
	copyRoot := filepath.Join(c.tmp, "repo")
	src, dir := filepath.Join(c.root, genDir), filepath.Join(copyRoot, genDir)
	readme, err := os.ReadFile(filepath.Join(c.root, readmeFile))
	if err != nil {
		return "", err
	}
	if err := writeFile(filepath.Join(copyRoot, readmeFile), readme); err != nil {
		return "", err
	}
	err = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || owned(d.Name()) {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dir, rel), data)
	})
	if err != nil {
		return "", err
	}
	for name, data := range files {
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), data); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// writeFile writes data to path, making its directory.
func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// noOpt compiles the client's packages without optimisations, inlining or debugging
// information (and nothing else: the dependencies keep the builds make test has cached).
const noOpt = "-gcflags=" + pkgPath + "/...=-N -l -dwarf=false"

// summaryRE reads the line the conformance suite's TestMain prints.
var summaryRE = regexp.MustCompile(`(?m)^conformance: \d+ operations \(\d+ calls\) and (\d+) examples checked; (\d+) spec defects listed`)

// failures keeps what -v output says about failures: not the lines of tests that ran or passed.
func failures(out string) string {
	var b strings.Builder
	for line := range strings.Lines(out) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "=== RUN") || strings.HasPrefix(t, "--- PASS") || strings.HasPrefix(t, "=== NAME") ||
			strings.HasPrefix(t, "=== PAUSE") || strings.HasPrefix(t, "=== CONT") {
			continue
		}
		b.WriteString(line)
	}
	return strings.TrimSpace(b.String())
}

// paged counts the operations with an iterator.
func paged(api *ir.API) int {
	n := 0
	for _, s := range api.Services {
		for _, o := range s.Operations {
			if o.Paging != nil {
				n++
			}
		}
	}
	return n
}

// replacements writes the generated files under c.tmp and the files of go build's -overlay
// flag that put them in place of the repository's generated files, one per vet pass: each
// generated file replaces its namesake, and the generator-owned files the version does not have
// are left out. The hand-written runtime's own tests are vetted (type-checked against the
// version's client); make test runs them with the pinned version, Options.RunRuntimeTests with
// every one (runtimeTests), and the conformance suite exercises every version's client. They
// take two passes, as a package with both kinds of
// test would be compiled twice: its external tests (package x_test) import the package built
// with its internal tests, a second compilation of the whole client. The first pass leaves the
// internal tests out, so that the external ones import the client every other package imports;
// the second leaves the external tests out, so that the internal ones are only type-checked, as
// vet does, and nothing imports them. With Options.SkipRuntimeTests there is one pass, without
// any of them.
func (c *checker) replacements(files map[string][]byte) ([]string, error) {
	replace := map[string]string{}
	gen := filepath.Join(c.root, genDir)
	for name, data := range files {
		dest := filepath.Join(c.tmp, filepath.FromSlash(name))
		if err := writeFile(dest, data); err != nil {
			return nil, err
		}
		replace[filepath.Join(gen, filepath.FromSlash(name))] = dest
	}
	var internal, external []string
	dirs := append([]string{"."}, pipeline.Subdirs()...)
	for _, d := range dirs {
		entries, err := os.ReadDir(filepath.Join(gen, d))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		for _, e := range entries {
			path := filepath.Join(gen, d, e.Name())
			if _, ok := replace[path]; ok || e.IsDir() {
				continue
			}
			switch {
			case owned(e.Name()):
				replace[path] = ""
			case strings.HasSuffix(e.Name(), "_test.go"):
				ext, err := externalTest(path)
				if err != nil {
					return nil, err
				}
				if ext {
					external = append(external, path)
				} else {
					internal = append(internal, path)
				}
			}
		}
	}
	if c.opts.SkipRuntimeTests {
		path, err := c.writeOverlay("overlay.json", replace, internal, external)
		return []string{path}, err
	}
	first, err := c.writeOverlay("overlay-external.json", replace, internal)
	if err != nil {
		return nil, err
	}
	second, err := c.writeOverlay("overlay-internal.json", replace, external)
	return []string{first, second}, err
}

// writeOverlay writes a file of go build's -overlay flag under c.tmp: replace, and the files of
// leave left out.
func (c *checker) writeOverlay(name string, replace map[string]string, leave ...[]string) (string, error) {
	m := maps.Clone(replace)
	for _, paths := range leave {
		for _, p := range paths {
			m[p] = ""
		}
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{m})
	if err != nil {
		return "", err
	}
	path := filepath.Join(c.tmp, name)
	return path, os.WriteFile(path, data, 0o644)
}

// externalTest reports whether the test file at path is an external test (package x_test).
func externalTest(path string) (bool, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.PackageClauseOnly)
	if err != nil {
		return false, err
	}
	return strings.HasSuffix(f.Name.Name, "_test"), nil
}

// owned reports whether the generator owns a file of that name.
func owned(name string) bool {
	for _, s := range pipeline.Suffixes() {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// goCmd runs the go command in the repository's root and returns its output; on failure the
// error holds the output.
func (c *checker) goCmd(ctx context.Context, sub string, args ...string) (string, error) {
	return goIn(ctx, c.root, sub, args...)
}

// goIn runs the go command in dir, as goCmd does.
func goIn(ctx context.Context, dir, sub string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", append([]string{sub}, args...)...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("go %s: %w\n%s", sub, err, strings.TrimSpace(out.String()))
	}
	return out.String(), nil
}

// Table writes the results as a table, one row per version.
func Table(w io.Writer, results []Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "version\toperations\ttypes\tpaged\texamples\tdefects\ttime\tresult\t")
	for _, r := range results {
		result := "ok"
		if r.Err != nil {
			result = "FAIL"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%s\t%s\t\n", r.Version, r.Operations, r.Types, r.Paged, r.Examples, r.Defects, r.Elapsed, result)
	}
	return tw.Flush()
}
