// Command intercomgen fetches Intercom's pinned OpenAPI description and generates the Go client
// from it.
//
//	intercomgen spec [-source spec/SOURCE] [-from PATH] [-out spec/api.intercom.io.yaml]
//	intercomgen generate [-spec ...] [-overlay ...] [-out gen/intercom] [-check]
//
// generate builds every file in memory first; on any problem it prints them all and leaves the
// output directory untouched. With -check it writes nothing and fails if the output is stale.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gointercom/intercom/generator/emit"
	"github.com/gointercom/intercom/generator/pipeline"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/write"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: intercomgen spec|generate [flags]")
		return 2
	}
	var err error
	switch args[0] {
	case "spec":
		err = fetchSpec(ctx, args[1:], stdout, stderr)
	case "generate":
		err = generate(ctx, args[1:], stdout, stderr)
	default:
		err = fmt.Errorf("unknown command %q (want spec or generate)", args[0])
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

func generate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	cfg := pipeline.Config{}
	fs.StringVar(&cfg.Spec, "spec", "spec/api.intercom.io.yaml", "the OpenAPI description")
	fs.StringVar(&cfg.Overlay, "overlay", "spec/overlay.yaml", "the overlay to apply first")
	fs.StringVar(&cfg.Webhooks, "webhooks", "spec/webhooks.yaml", "the webhook topics file (empty for none)")
	fs.StringVar(&cfg.PkgPath, "pkg", "github.com/gointercom/intercom/gen/intercom", "import path of the generated package")
	out := fs.String("out", "gen/intercom", "directory of the generated package")
	check := fs.Bool("check", false, "write nothing; fail if the files on disk differ from what would be generated")
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	cfg.PkgName = cfg.PkgPath[strings.LastIndex(cfg.PkgPath, "/")+1:]
	res, err := pipeline.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if *check {
		changes, err := write.Plan(*out, emit.Suffix, res.Files)
		if err != nil {
			return err
		}
		if len(changes) > 0 {
			var lines []string
			for _, c := range changes {
				lines = append(lines, "  "+c.Op+" "+c.Name)
			}
			return fmt.Errorf("%s is stale; run `make generate`:\n%s", *out, strings.Join(lines, "\n"))
		}
		fmt.Fprintf(stdout, "generate: %s is up to date\n", *out)
		return nil
	}
	changes, err := write.Dir(*out, emit.Suffix, res.Files)
	if err != nil {
		return err
	}
	c := res.API.Count()
	fmt.Fprintf(stdout, "generate: %d operations in %d services; %d types (%d structs, %d enums, %d unions, %d maps, %d aliases, %d query option structs); %d files, %d changed\n",
		c.Operations, c.Services, c.Types, c.Structs, c.Enums, c.Unions, c.Maps, c.Aliases, c.Opts, len(res.Files), len(changes))
	return nil
}
