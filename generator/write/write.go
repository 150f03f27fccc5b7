// Package write puts generated files on disk. It owns exactly the files whose names end in one of
// the generator's suffixes (*_gen.go for the Go source, *_gen.md for the API reference), in the
// output directory and in the subdirectories the generator declares (the package of the fake
// server, say): it replaces them, deletes the stale ones, and never touches any other file, so
// hand-written runtime code and documentation can live in the same directories. It replaces the
// set as a whole: the new directory is built beside the old one and swapped in, so an
// interrupted run leaves the old package, which compiles, not half of each.
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
)

// Change is what Write did, or would do, to one file.
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

	// write and rename replace writeNew and os.Rename in tests, to interrupt a Write.
	write  func(path string, data []byte) error
	rename func(oldpath, newpath string) error
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

// Write makes t hold exactly files among its generator-owned files, as one set: it stages the
// whole new directory beside t.Root (the hand-written files hard-linked, so they stay the very
// same files, byte for byte; the generated ones written), then swaps it in with two renames.
// A run that fails or is interrupted before the swap leaves t.Root as it was; one interrupted
// between the two renames is rolled back by the next Write (see recoverInterrupted). Nothing is
// done when the files on disk are already the generated ones.
func (t Tree) Write(files map[string][]byte) ([]Change, error) {
	if err := t.recoverInterrupted(); err != nil {
		return nil, err
	}
	changes, err := t.Plan(files)
	if err != nil || len(changes) == 0 {
		return nil, err
	}
	staged := t.aside(stagedSuffix)
	if err := t.stage(staged, files, changes); err != nil {
		return nil, errors.Join(fmt.Errorf("stage %s: %w", t.Root, err), os.RemoveAll(staged))
	}
	if err := t.swap(staged); err != nil {
		return nil, errors.Join(err, os.RemoveAll(staged))
	}
	return changes, nil
}

// The names, beside the root, of the staged new directory and of the old one during the swap.
const (
	stagedSuffix = ".gen-new"
	oldSuffix    = ".gen-old"
)

// aside is the path beside t.Root, hidden from the go tool by its leading dot, that Write
// uses for the staged or the old directory.
func (t Tree) aside(suffix string) string {
	root := filepath.Clean(t.Root)
	return filepath.Join(filepath.Dir(root), "."+filepath.Base(root)+suffix)
}

// recoverInterrupted undoes what an interrupted Write left: the old directory moved aside
// without the new one in place is moved back; a staged directory, or an old one after a
// finished swap, is removed.
func (t Tree) recoverInterrupted() error {
	old := t.aside(oldSuffix)
	if _, err := os.Lstat(old); err == nil {
		if _, err := os.Lstat(t.Root); errors.Is(err, fs.ErrNotExist) {
			if err := os.Rename(old, t.Root); err != nil {
				return fmt.Errorf("restore %s from an interrupted generate: %w", t.Root, err)
			}
		} else if err := os.RemoveAll(old); err != nil {
			return err
		}
	}
	return os.RemoveAll(t.aside(stagedSuffix))
}

// stage builds at dir the directory t.Root will be: every file of t.Root, except the owned
// files that change, hard-linked (or copied where the file system cannot link), then the new
// and updated files written.
func (t Tree) stage(dir string, files map[string][]byte, changes []Change) error {
	replaced := map[string]bool{}
	for _, c := range changes {
		replaced[filepath.Join(t.Root, filepath.FromSlash(c.Name))] = true
	}
	if _, err := os.Stat(t.Root); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return err
		}
		if err := os.Mkdir(dir, 0o755); err != nil {
			return err
		}
	} else if err := mirror(t.Root, dir, replaced); err != nil {
		return err
	}
	write := t.write
	if write == nil {
		write = writeNew
	}
	for _, c := range changes {
		if c.Op == "delete" {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(c.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := write(path, files[c.Name]); err != nil {
			return fmt.Errorf("write %s: %w", c.Name, err)
		}
	}
	return nil
}

// swap puts the staged directory in place of t.Root: the root moves aside, the staged directory
// takes its name, the old one is removed. If the second rename fails, the root is moved back.
func (t Tree) swap(staged string) error {
	rename := t.rename
	if rename == nil {
		rename = os.Rename
	}
	if _, err := os.Lstat(t.Root); errors.Is(err, fs.ErrNotExist) {
		return rename(staged, t.Root)
	}
	old := t.aside(oldSuffix)
	if err := rename(t.Root, old); err != nil {
		return err
	}
	if err := rename(staged, t.Root); err != nil {
		if back := os.Rename(old, t.Root); back != nil {
			return fmt.Errorf("swap in the new %s: %w; the old one is at %s (%v), the next generate restores it", t.Root, err, old, back)
		}
		return fmt.Errorf("swap in the new %s: %w", t.Root, err)
	}
	return os.RemoveAll(old)
}

// mirror recreates the tree at src as dst, directories with their modes, symbolic links as
// links, regular files hard-linked (copied where linking fails), leaving out the files in skip.
func mirror(src, dst string, skip map[string]bool) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		switch {
		case skip[path]:
			return nil
		case d.IsDir():
			info, err := d.Info()
			if err != nil {
				return err
			}
			if err := os.Mkdir(target, 0o700); err != nil {
				return err
			}
			return os.Chmod(target, info.Mode().Perm())
		case d.Type()&fs.ModeSymlink != 0:
			link, err := os.Readlink(path)
			if err != nil {
				return err
			}
			return os.Symlink(link, target)
		case d.Type().IsRegular():
			if os.Link(path, target) == nil {
				return nil
			}
			return copyFile(path, target)
		default:
			return fmt.Errorf("%s is neither a file, a directory nor a symbolic link", path)
		}
	})
}

// copyFile copies a regular file with its mode and modification time.
func copyFile(src, dst string) error {
	info, err := os.Stat(src)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.WriteFile(dst, data, info.Mode().Perm()); err != nil {
		return err
	}
	return os.Chtimes(dst, info.ModTime(), info.ModTime())
}

// writeNew creates a file that must not exist yet: in the staged directory, a name that is there
// already would be a hard link to a file of the root, which writing must never change.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
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
