// Package write puts generated files on disk. It owns exactly the files whose names end in one of
// the generator's suffixes (*_gen.go for the Go source, *_gen.md for the API reference), in the
// output directory and in the subdirectories the generator declares (the package of the fake
// server, say): it replaces them, deletes the stale ones, and never touches any other file, so
// hand-written runtime code and documentation can live in the same directories.
package write

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gointercom/intercom/generator/atomicfile"
)

// Change is what Dir did, or would do, to one file.
type Change struct {
	Name string // slash-separated, relative to the output directory
	Op   string // "create", "update" or "delete"
}

// Tree is what the generator owns under an output directory: the files named with one of
// Suffixes, in Root itself and in each of Subdirs, and no other file.
type Tree struct {
	Root     string
	Suffixes []string
	// Subdirs are the subdirectories of Root the generator writes into, slash-separated and
	// relative to Root ("intercomtest"). Stale files are deleted there even when nothing is
	// generated into them any more.
	Subdirs []string
}

// Plan compares the generated files with those in dir and returns what differs, sorted. Like
// Dir, it refuses names that the generator does not own: names that end in none of suffixes, or
// that are not in dir itself.
func Plan(dir string, suffixes []string, files map[string][]byte) ([]Change, error) {
	return Tree{Root: dir, Suffixes: suffixes}.Plan(files)
}

// Dir makes dir hold exactly files among its generator-owned files: each file is written
// atomically (a reader sees the old or the new content), then stale owned files are removed.
func Dir(dir string, suffixes []string, files map[string][]byte) ([]Change, error) {
	return Tree{Root: dir, Suffixes: suffixes}.Write(files)
}

// Plan compares the generated files, named by slash-separated paths relative to t.Root, with
// those on disk and returns what differs, sorted. Like Write, it refuses names the generator does
// not own: names that end in none of the suffixes, or that are not in t.Root or one of t.Subdirs.
func (t Tree) Plan(files map[string][]byte) ([]Change, error) {
	if err := t.check(); err != nil {
		return nil, err
	}
	for name := range files {
		if !t.owns(name) {
			where := t.Root
			if len(t.Subdirs) > 0 {
				where += " or its subdirectories " + strings.Join(t.Subdirs, ", ")
			}
			return nil, fmt.Errorf("refusing to write %q: generated files are named *%s, in %s itself",
				name, strings.Join(t.Suffixes, " or *"), where)
		}
	}
	var changes []Change
	existing, err := t.owned()
	if err != nil {
		return nil, err
	}
	for _, name := range existing {
		if _, ok := files[name]; !ok {
			changes = append(changes, Change{name, "delete"})
		}
	}
	for name, data := range files {
		old, err := os.ReadFile(filepath.Join(t.Root, filepath.FromSlash(name)))
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

// Write makes t hold exactly files among its generator-owned files: each file is written
// atomically (a reader sees the old or the new content), creating its directory if needed, then
// stale owned files are removed.
func (t Tree) Write(files map[string][]byte) ([]Change, error) {
	changes, err := t.Plan(files)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(t.Root, 0o755); err != nil {
		return nil, err
	}
	for _, c := range changes {
		path := filepath.Join(t.Root, filepath.FromSlash(c.Name))
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

// check refuses subdirectories that are not plain relative paths below the root.
func (t Tree) check() error {
	for _, d := range t.Subdirs {
		if d == "" || d == "." || path.Clean(d) != d || !filepath.IsLocal(filepath.FromSlash(d)) || strings.Contains(d, `\`) {
			return fmt.Errorf("subdirectory %q of %s is not a relative path below it", d, t.Root)
		}
	}
	return nil
}

// owns reports whether name is a file the generator owns: a name with one of its suffixes, in
// the root or directly in one of the subdirectories.
func (t Tree) owns(name string) bool {
	dir, base := path.Split(name)
	if !ownedName(base, t.Suffixes) || strings.Contains(base, `\`) {
		return false
	}
	return dir == "" || slices.Contains(t.Subdirs, strings.TrimSuffix(dir, "/"))
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

// owned lists the generator's files in the root and its subdirectories, as slash-separated
// paths relative to the root.
func (t Tree) owned() ([]string, error) {
	var names []string
	for _, d := range append([]string{""}, t.Subdirs...) {
		entries, err := os.ReadDir(filepath.Join(t.Root, filepath.FromSlash(d)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if e.Type().IsRegular() && ownedName(e.Name(), t.Suffixes) {
				names = append(names, path.Join(d, e.Name()))
			}
		}
	}
	return names, nil
}
