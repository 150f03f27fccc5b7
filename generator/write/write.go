// Package write puts generated files on disk. It owns exactly the files whose names end in one of
// the generator's suffixes (*_gen.go for the Go source, *_gen.md for the API reference): it
// replaces them, deletes the stale ones, and never touches any other file, so hand-written runtime
// code and documentation can live in the same directory.
package write

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gointercom/intercom/generator/atomicfile"
)

// Change is what Dir did, or would do, to one file.
type Change struct {
	Name string
	Op   string // "create", "update" or "delete"
}

// Plan compares the generated files with those in dir and returns what differs, sorted. Like
// Dir, it refuses names that the generator does not own: names that end in none of suffixes, or
// that are not in dir itself.
func Plan(dir string, suffixes []string, files map[string][]byte) ([]Change, error) {
	for name := range files {
		if !ownedName(name, suffixes) || filepath.Base(name) != name {
			return nil, fmt.Errorf("refusing to write %q: generated files are named *%s, in %s itself",
				name, strings.Join(suffixes, " or *"), dir)
		}
	}
	var changes []Change
	existing, err := owned(dir, suffixes)
	if err != nil {
		return nil, err
	}
	for _, name := range existing {
		if _, ok := files[name]; !ok {
			changes = append(changes, Change{name, "delete"})
		}
	}
	for name, data := range files {
		old, err := os.ReadFile(filepath.Join(dir, name))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			changes = append(changes, Change{name, "create"})
		case err != nil:
			return nil, err
		case !bytes.Equal(old, data):
			changes = append(changes, Change{name, "update"})
		}
	}
	slices.SortFunc(changes, func(a, b Change) int { return strings.Compare(a.Name, b.Name) })
	return changes, nil
}

// Dir makes dir hold exactly files among its generator-owned files: each file is written
// atomically (a reader sees the old or the new content), then stale owned files are removed.
func Dir(dir string, suffixes []string, files map[string][]byte) ([]Change, error) {
	changes, err := Plan(dir, suffixes, files)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, c := range changes {
		path := filepath.Join(dir, c.Name)
		if c.Op == "delete" {
			if err := os.Remove(path); err != nil {
				return nil, err
			}
			continue
		}
		if err := atomicfile.Write(path, files[c.Name]); err != nil {
			return nil, fmt.Errorf("write %s: %w", path, err)
		}
	}
	return changes, nil
}

// ownedName reports whether a file name ends in one of the generator's suffixes.
func ownedName(name string, suffixes []string) bool {
	for _, s := range suffixes {
		if s != "" && strings.HasSuffix(name, s) {
			return true
		}
	}
	return false
}

// owned lists the generator's files in dir.
func owned(dir string, suffixes []string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && ownedName(e.Name(), suffixes) {
			names = append(names, e.Name())
		}
	}
	return names, nil
}
