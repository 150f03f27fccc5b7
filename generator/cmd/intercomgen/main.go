// Command intercomgen fetches Intercom's pinned OpenAPI description, generates the Go client
// from it, pins a new version of it, and reports what changes between two versions.
//
//	intercomgen spec [-source spec/SOURCE] [-from PATH] [-out spec/api.intercom.io.yaml]
//	intercomgen bump -version V [-commit SHA] [-from PATH] [-source spec/SOURCE] [-out spec/api.intercom.io.yaml]
//	intercomgen generate [-spec ...] [-overlay ...]... [-out gen/intercom] [-check]
//	intercomgen changes [-from FILE|REV] [-to FILE|REV] [-from-overlay ...]... [-to-overlay ...]... [-out FILE]
//	intercomgen overlaid [-spec ...] [-overlay ...]... -out FILE
//	intercomgen versions [-descriptions DIR] [-only V,...] [-skip V,...] [-skip-pinned] [-parallel N] [-update] [-runtime-tests|-skip-runtime-tests]
//
// generate builds every file in memory first; on any problem it prints them all and leaves the
// output directory untouched. With -check it writes nothing and fails if the output is stale.
// bump rewrites spec/SOURCE to pin the description of version V (same repository, at -commit or
// the pinned commit) and writes the description; see spec/README.md for the rest of a bump.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gointercom/intercom/generator/atomicfile"
	"github.com/gointercom/intercom/generator/changes"
	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/pipeline"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/versions"
	"github.com/gointercom/intercom/generator/write"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: intercomgen spec|bump|generate|changes|overlaid|versions [flags]")
		return 2
	}
	var err error
	switch args[0] {
	case "spec":
		err = fetchSpec(ctx, args[1:], stdout, stderr)
	case "bump":
		err = bump(ctx, args[1:], stdout, stderr)
	case "generate":
		err = generate(ctx, args[1:], stdout, stderr)
	case "changes":
		err = reportChanges(ctx, args[1:], stdout, stderr)
	case "overlaid":
		err = overlaid(args[1:], stdout, stderr)
	case "versions":
		err = checkVersions(ctx, args[1:], stdout, stderr)
	default:
		err = fmt.Errorf("unknown command %q (want spec, bump, generate, changes, overlaid or versions)", args[0])
	}
	switch {
	case errors.Is(err, flag.ErrHelp): // -h: the flag package printed the usage
		return 0
	case err != nil:
		fmt.Fprintln(stderr, "intercomgen:", err)
		return 1
	}
	return 0
}

// parse parses a command's flags, printing problems and usage to stderr, and refuses arguments
// that are not flags (so that "generate check" is not taken for "generate").
func parse(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%s: unexpected arguments %q (flags only)", fs.Name(), fs.Args())
	}
	return nil
}

func fetchSpec(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("spec", flag.ContinueOnError)
	source := fs.String("source", "spec/SOURCE", "file pinning the upstream description")
	from := fs.String("from", os.Getenv("SPEC_SOURCE"), "copy this local file instead of downloading (default $SPEC_SOURCE)")
	out := fs.String("out", "spec/api.intercom.io.yaml", "where to write the description")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	src, err := spec.ReadSource(*source)
	if err != nil {
		return err
	}
	if err := spec.Fetch(ctx, nil, src, *from, *out); err != nil {
		return err
	}
	origin := *from
	if origin == "" {
		origin = src.URL()
	}
	fmt.Fprintf(stdout, "spec: %s (Intercom API %s, sha256 %s) from %s\n", *out, src.Version, src.SHA256[:12], origin)
	return nil
}

func bump(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bump", flag.ContinueOnError)
	version := fs.String("version", "", "the Intercom API version to pin, like 2.10 (required)")
	commit := fs.String("commit", "", "commit of the upstream repository to pin (default: the one pinned now)")
	source := fs.String("source", "spec/SOURCE", "file pinning the upstream description; rewritten")
	from := fs.String("from", os.Getenv("SPEC_SOURCE"), "copy this local file instead of downloading (default $SPEC_SOURCE)")
	out := fs.String("out", "spec/api.intercom.io.yaml", "where to write the description")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	if *version == "" {
		return errors.New("bump: -version is required (make spec VERSION=2.10)")
	}
	cur, err := spec.ReadSource(*source)
	if err != nil {
		return err
	}
	next, data, err := spec.Bump(ctx, nil, cur, *version, *commit, *from)
	if err != nil {
		return err
	}
	// The pin first, then the description, so that the description is never older than its pin
	// (make would fetch it again).
	if err := atomicfile.Write(*source, next.Format()); err != nil {
		return err
	}
	if err := atomicfile.Write(*out, data); err != nil {
		return err
	}
	origin := *from
	if origin == "" {
		origin = next.URL()
	}
	fmt.Fprintf(stdout, "bump: %s pins Intercom API %s (was %s): %s at %s, sha256 %s\n", *source, next.Version, cur.Version, next.Path, next.Commit[:12], next.SHA256[:12])
	fmt.Fprintf(stdout, "bump: %s from %s\n", *out, origin)
	fmt.Fprintf(stdout, "next: make generate reads the description with the overlays spec/overlays/versions.yaml lists for %s; fix every problem it reports there; make changes; make test (spec/README.md)\n", next.Version)
	return nil
}

// overlays is a repeatable -overlay flag: the first use replaces the default, and an empty
// value adds nothing, so -overlay "" means no overlay at all.
type overlays struct {
	list []string
	set  bool
}

// String lists the overlays, for the flag package.
func (o *overlays) String() string { return strings.Join(o.list, ",") }

// given returns the overlays the flag was given, or nil if it was not used.
func (o *overlays) given() []string {
	if !o.set {
		return nil
	}
	return append([]string{}, o.list...)
}

// Set adds an overlay; the first call drops the default.
func (o *overlays) Set(v string) error {
	if !o.set {
		o.list, o.set = nil, true
	}
	if v != "" {
		o.list = append(o.list, v)
	}
	return nil
}

func generate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	cfg := pipeline.Config{}
	ov := &overlays{}
	fs.StringVar(&cfg.Spec, "spec", "spec/api.intercom.io.yaml", "the OpenAPI description")
	fs.Var(ov, "overlay", "an overlay to apply; repeat to apply several in order (\"\" for none; default: the description's version's stack in -manifest)")
	manifest := fs.String("manifest", overlay.ManifestFile, "the overlay manifest, which lists the overlays of each version")
	fs.StringVar(&cfg.Webhooks, "webhooks", "spec/webhooks.yaml", "the webhook topics file (empty for none)")
	fs.StringVar(&cfg.PkgPath, "pkg", "github.com/gointercom/intercom/gen/intercom", "import path of the generated package")
	out := fs.String("out", "gen/intercom", "directory of the generated package")
	check := fs.Bool("check", false, "write nothing; fail if the files on disk differ from what would be generated")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	cfg.PkgName = cfg.PkgPath[strings.LastIndex(cfg.PkgPath, "/")+1:]
	doc, err := spec.Load(cfg.Spec)
	if err != nil {
		return err
	}
	if cfg.Overlays, err = stack(ov, *manifest, doc); err != nil {
		return err
	}
	if !ov.set {
		if m, err := overlay.ReadManifest(*manifest); err == nil {
			cfg.PartialWebhooks = m.PartialWebhooks(doc.Version())
		}
	}
	res, err := pipeline.FromDocument(ctx, doc, cfg)
	if err != nil {
		return err
	}
	tree := write.Tree{Root: *out, Suffixes: pipeline.Suffixes(), Subdirs: pipeline.Subdirs()}
	if *check {
		stale, err := tree.Plan(res.Files)
		if err != nil {
			return err
		}
		if len(stale) > 0 {
			var lines []string
			for _, c := range stale {
				lines = append(lines, "  "+c.Op+" "+c.Name)
			}
			return fmt.Errorf("%s is stale; run `make generate`:\n%s", *out, strings.Join(lines, "\n"))
		}
		fmt.Fprintf(stdout, "generate: %s is up to date\n", *out)
		return nil
	}
	done, err := tree.Write(res.Files)
	if err != nil {
		return err
	}
	c := res.API.Count()
	fmt.Fprintf(stdout, "generate: %d operations in %d services; %d types (%d structs, %d enums, %d unions, %d maps, %d aliases, %d query option structs); %d files, %d changed\n",
		c.Operations, c.Services, c.Types, c.Structs, c.Enums, c.Unions, c.Maps, c.Aliases, c.Opts, len(res.Files), len(done))
	return nil
}

func reportChanges(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("changes", flag.ContinueOnError)
	from := fs.String("from", "HEAD", "the old description: a file, or a git revision whose spec/SOURCE pins it")
	to := fs.String("to", "spec/api.intercom.io.yaml", "the new description: a file, or a git revision")
	fromOverlays := &overlays{}
	toOverlays := &overlays{}
	fs.Var(fromOverlays, "from-overlay", "an overlay for the old description; repeat for several (default: spec/overlay.yaml, or the revision's)")
	fs.Var(toOverlays, "to-overlay", "an overlay for the new description; repeat for several (default: spec/overlay.yaml, or the revision's)")
	fromLabel := fs.String("from-label", "", "how the report names the old description (default: -from as given)")
	toLabel := fs.String("to-label", "", "how the report names the new description (default: -to as given)")
	hooks := fs.String("webhooks", "spec/webhooks.yaml", "the webhook topics file of a description file (a revision's own otherwise; empty for none)")
	runtime := fs.String("runtime", "gen/intercom", "directory of the hand-written runtime the generated code compiles with")
	pkg := fs.String("pkg", "github.com/gointercom/intercom/gen/intercom", "import path of the generated package")
	out := fs.String("out", "", "write the Markdown report to this file (default: standard output)")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "intercomgen-changes-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	tree := changes.DefaultTree()
	tree.Webhooks = *hooks
	a, err := changes.Resolve(ctx, *from, fromOverlays.given(), tree, filepath.Join(tmp, "from"))
	if err != nil {
		return fmt.Errorf("changes: -from: %w", err)
	}
	b, err := changes.Resolve(ctx, *to, toOverlays.given(), tree, filepath.Join(tmp, "to"))
	if err != nil {
		return fmt.Errorf("changes: -to: %w", err)
	}
	if *fromLabel != "" {
		a.Label = *fromLabel
	}
	if *toLabel != "" {
		b.Label = *toLabel
	}
	r, err := changes.Compare(ctx, changes.Options{From: a, To: b, PkgPath: *pkg, Runtime: *runtime})
	if err != nil {
		return fmt.Errorf("changes: %w", err)
	}
	md, err := r.Markdown()
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(md)
		return err
	}
	if err := atomicfile.Write(*out, md); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "changes: %s: %d operations added, %d removed, %d changed; %d breaking HTTP changes, %d incompatible Go changes\n",
		*out, len(r.OperationsAdded), len(r.OperationsRemoved), len(r.OperationsChanged), len(r.HTTP.Breaking), len(r.Go.Incompatible))
	return nil
}

// overlaid writes the description as the generator reads it, after the overlays, as YAML: the
// input other generators are given in bench/, so that every peer is measured on the same
// description as ours.
func overlaid(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("overlaid", flag.ContinueOnError)
	in := fs.String("spec", "spec/api.intercom.io.yaml", "the OpenAPI description")
	ov := &overlays{}
	fs.Var(ov, "overlay", "an overlay to apply; repeat to apply several in order (\"\" for none; default: the description's version's stack in -manifest)")
	manifest := fs.String("manifest", overlay.ManifestFile, "the overlay manifest, which lists the overlays of each version")
	out := fs.String("out", "", "where to write the overlaid description, as YAML (required)")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("overlaid: -out is required")
	}
	doc, err := spec.Load(*in)
	if err != nil {
		return err
	}
	list, err := stack(ov, *manifest, doc)
	if err != nil {
		return err
	}
	if err := pipeline.ApplyOverlays(doc, list); err != nil {
		return err
	}
	data, err := doc.Bytes()
	if err != nil {
		return err
	}
	if err := atomicfile.Write(*out, data); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "overlaid: %s (%s with %d overlays)\n", *out, *in, len(list))
	return nil
}

// stack returns the overlays to read doc with: those the -overlay flags give, or else the stack
// the manifest lists for the description's version.
func stack(ov *overlays, manifest string, doc *spec.Document) ([]string, error) {
	if ov.set {
		return ov.given(), nil
	}
	m, err := overlay.ReadManifest(manifest)
	if err != nil {
		return nil, err
	}
	return m.Stack(doc.Version())
}

// pinnedCopy returns the version the file source (spec/SOURCE) pins if its copy under dir is
// the pinned description (the same sha256), or "" after saying why not on stderr.
func pinnedCopy(source, dir string, stderr io.Writer) (string, error) {
	src, err := spec.ReadSource(source)
	if err != nil {
		return "", err
	}
	path := versions.Path(dir, src.Version)
	data, err := os.ReadFile(path)
	if err == nil && spec.Sum(data) == src.SHA256 {
		return src.Version, nil
	}
	why := "its sha256 is not the one spec/SOURCE pins"
	if err != nil {
		why = err.Error()
	}
	fmt.Fprintf(stderr, "versions: checking %s too, as %s is not the pinned description: %s\n", src.Version, path, why)
	return "", nil
}

// checkVersions generates the client of every version the manifest lists, builds and vets it
// with the runtime, runs the conformance suite against it, and prints a table.
func checkVersions(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("versions", flag.ContinueOnError)
	opts := versions.Options{Root: ".", Progress: stderr}
	fs.StringVar(&opts.Descriptions, "descriptions", "../shared/intercom-openapi", "the copies of Intercom's descriptions, a directory per version (Preview in 0)")
	only := fs.String("only", "", "comma-separated versions to check (default: every version of the manifest)")
	skip := fs.String("skip", "", "comma-separated versions not to check")
	skipPinned := fs.Bool("skip-pinned", false, "leave out the version spec/SOURCE pins when its copy in -descriptions is the pinned description (make test checks that one in its other steps)")
	fs.IntVar(&opts.Parallel, "parallel", 2, "how many versions to check at once")
	fs.BoolVar(&opts.Update, "update", false, "rewrite each version's list of spec defects (generator/conformance/testdata/defects) instead of failing on a difference")
	fs.BoolVar(&opts.RunRuntimeTests, "runtime-tests", false, "also run the hand-written runtime's own tests with every version's client (make test runs them with the pinned one)")
	fs.BoolVar(&opts.SkipRuntimeTests, "skip-runtime-tests", false, "leave the hand-written runtime's own tests out of each version's vet (by default they are vetted with every version's client)")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	if *only != "" {
		opts.Versions = strings.Split(*only, ",")
	}
	if *skip != "" {
		opts.Skip = strings.Split(*skip, ",")
	}
	if *skipPinned {
		v, err := pinnedCopy(filepath.Join(opts.Root, "spec", "SOURCE"), opts.Descriptions, stderr)
		if err != nil {
			return err
		}
		if v != "" {
			opts.Skip = append(opts.Skip, v)
		}
	}
	results, err := versions.Check(ctx, opts)
	if err != nil {
		return err
	}
	if err := versions.Table(stdout, results); err != nil {
		return err
	}
	var failed []string
	for _, r := range results {
		if r.Err != nil {
			fmt.Fprintf(stderr, "\n%s: %v\n", r.Version, r.Err)
			failed = append(failed, r.Version)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("versions: %d of %d failed: %s", len(failed), len(results), strings.Join(failed, ", "))
	}
	return nil
}
