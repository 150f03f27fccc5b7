package write

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// suffixes are the generator's: Go source and the Markdown reference.
var suffixes = []string{"_gen.go", "_gen.md"}

// snapshot is a directory's regular files and their contents, plus the names of its
// subdirectories (as name + "/").
type snapshot map[string]string

func snap(t *testing.T, dir string) snapshot {
	t.Helper()
	s := snapshot{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			s[e.Name()+"/"] = ""
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		s[e.Name()] = string(data)
	}
	return s
}

// fill creates files in dir.
func fill(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if strings.HasSuffix(name, "/") {
			if err := os.MkdirAll(path, 0o755); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func changesString(cs []Change) string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Op+" "+c.Name)
	}
	return strings.Join(out, ", ")
}

// existing is an output directory as a previous run and a maintainer left it.
var existing = map[string]string{
	"client_gen.go":    "package x // unchanged\n",
	"models_gen.go":    "package x // old models\n",
	"stale_gen.go":     "package x // no longer generated\n",
	"client.go":        "package x // hand-written runtime\n",
	"client_test.go":   "package x // hand-written test\n",
	"notes_gen.go.txt": "not Go, not ours\n",
	"README.md":        "# hand-written\n",
	"notes.md":         "hand-written notes\n",
	"gen.md":           "no suffix, not ours\n",
	"old_gen.md":       "# a reference no longer generated\n",
	"sub_gen.go/":      "", // a directory with the suffix is not a file we own
}

// generated is what the generator makes now.
var generated = map[string][]byte{
	"client_gen.go":   []byte("package x // unchanged\n"),
	"models_gen.go":   []byte("package x // new models\n"),
	"services_gen.go": []byte("package x // new file\n"),
	"api_gen.md":      []byte("# new reference\n"),
}

func TestDir(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, existing)
	unchanged, err := os.Stat(filepath.Join(dir, "client_gen.go"))
	if err != nil {
		t.Fatal(err)
	}

	changes, err := Tree{Root: dir, Suffixes: suffixes}.Write(generated)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := changesString(changes), "create api_gen.md, update models_gen.go, delete old_gen.md, create services_gen.go, delete stale_gen.go"; got != want {
		t.Errorf("changes: got %s, want %s", got, want)
	}

	want := snapshot{}
	maps.Copy(want, existing)
	delete(want, "stale_gen.go")
	delete(want, "old_gen.md")
	for name, data := range generated {
		want[name] = string(data)
	}
	if got := snap(t, dir); !maps.Equal(got, want) {
		t.Errorf("directory after Dir:\n got %v\nwant %v", got, want)
	}
	// An unchanged file is not rewritten, so its mtime and inode stay (tools watching the
	// directory see no change).
	after, err := os.Stat(filepath.Join(dir, "client_gen.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(unchanged, after) || !after.ModTime().Equal(unchanged.ModTime()) {
		t.Error("the unchanged client_gen.go was rewritten")
	}

	// A second run has nothing to do.
	changes, err = Tree{Root: dir, Suffixes: suffixes}.Write(generated)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 0 {
		t.Errorf("second run: %s", changesString(changes))
	}
	if got := snap(t, dir); !maps.Equal(got, want) {
		t.Errorf("directory after second Dir:\n got %v\nwant %v", got, want)
	}
}

func TestDirCreatesTheDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gen", "intercom")
	changes, err := Tree{Root: dir, Suffixes: suffixes}.Write(generated)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := changesString(changes), "create api_gen.md, create client_gen.go, create models_gen.go, create services_gen.go"; got != want {
		t.Errorf("changes: got %s, want %s", got, want)
	}
	if got := snap(t, dir); len(got) != 4 || got["models_gen.go"] != "package x // new models\n" {
		t.Errorf("directory: %v", got)
	}
}

func TestDirDeletesEveryOwnedFileWhenNothingIsGenerated(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, existing)
	changes, err := Tree{Root: dir, Suffixes: suffixes}.Write(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := changesString(changes), "delete client_gen.go, delete models_gen.go, delete old_gen.md, delete stale_gen.go"; got != want {
		t.Errorf("changes: got %s, want %s", got, want)
	}
	got := snap(t, dir)
	for name := range got {
		if ownedName(name, suffixes) && !strings.HasSuffix(name, "/") {
			t.Errorf("%s survived", name)
		}
	}
	for _, kept := range []string{"client.go", "client_test.go", "notes_gen.go.txt", "README.md", "notes.md", "gen.md", "sub_gen.go/"} {
		if got[kept] != existing[kept] {
			t.Errorf("%s changed or vanished", kept)
		}
	}
}

func TestDirRefusesForeignNames(t *testing.T) {
	for _, bad := range []string{
		"client.go",
		"client_gen.go.bak",
		"reference.md",
		"reference_gen.md.orig",
		"sub/reference_gen.md",
		"sub/client_gen.go",
		"../client_gen.go",
		"/tmp/client_gen.go",
		"",
	} {
		t.Run(bad, func(t *testing.T) {
			dir := t.TempDir()
			fill(t, dir, existing)
			before := snap(t, dir)
			files := map[string][]byte{"models_gen.go": []byte("package x // would change\n"), bad: []byte("package x\n")}
			changes, err := Tree{Root: dir, Suffixes: suffixes}.Write(files)
			if err == nil {
				t.Fatalf("Dir wrote %q: %s", bad, changesString(changes))
			}
			if !strings.Contains(err.Error(), "refusing to write") || !strings.Contains(err.Error(), "*_gen.go or *_gen.md") {
				t.Errorf("error: %v", err)
			}
			if changes != nil {
				t.Errorf("changes with the error: %v", changes)
			}
			if got := snap(t, dir); !maps.Equal(got, before) {
				t.Errorf("a refused Dir changed the directory:\n got %v\nwant %v", got, before)
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "client_gen.go")); err == nil {
				t.Error("a file was written outside the directory")
			}
			if _, err := (Tree{Root: dir, Suffixes: suffixes}).Plan(files); err == nil {
				t.Errorf("Plan accepted %q", bad)
			}
		})
	}
}

func TestPlan(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, existing)
	before := snap(t, dir)
	changes, err := Tree{Root: dir, Suffixes: suffixes}.Plan(generated)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{"api_gen.md", "create"}, {"models_gen.go", "update"}, {"old_gen.md", "delete"}, {"services_gen.go", "create"}, {"stale_gen.go", "delete"}}
	if !slices.Equal(changes, want) {
		t.Errorf("got %v, want %v", changes, want)
	}
	if got := snap(t, dir); !maps.Equal(got, before) {
		t.Errorf("Plan changed the directory:\n got %v\nwant %v", got, before)
	}

	// Plan and Dir agree.
	done, err := Tree{Root: dir, Suffixes: suffixes}.Write(generated)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(done, changes) {
		t.Errorf("Dir did %v, Plan said %v", done, changes)
	}
	if changes, err := (Tree{Root: dir, Suffixes: suffixes}).Plan(generated); err != nil || len(changes) != 0 {
		t.Errorf("after Dir, Plan = %v, %v", changes, err)
	}
}

func TestPlanMissingDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing")
	changes, err := Tree{Root: dir, Suffixes: suffixes}.Plan(map[string][]byte{"a_gen.go": nil})
	if err != nil {
		t.Fatal(err)
	}
	if got := changesString(changes); got != "create a_gen.go" {
		t.Errorf("changes: %s", got)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("Plan created the directory")
	}
}

func TestPlanUnreadable(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, map[string]string{"a_gen.go/": ""})
	// A directory where a generated file should go cannot be compared or replaced.
	if _, err := (Tree{Root: dir, Suffixes: suffixes}).Plan(map[string][]byte{"a_gen.go": []byte("x")}); err == nil {
		t.Error("Plan compared a file with a directory")
	}
	if _, err := (Tree{Root: dir, Suffixes: suffixes}).Write(map[string][]byte{"a_gen.go": []byte("x")}); err == nil {
		t.Error("Dir replaced a directory")
	}
	// The directory itself is a file.
	file := filepath.Join(dir, "file")
	fill(t, dir, map[string]string{"file": "x"})
	if _, err := (Tree{Root: file, Suffixes: suffixes}).Plan(nil); err == nil {
		t.Error("Plan read a file as a directory")
	}
}

// TestOwnership: the generator owns a name by one of its suffixes, and only then; without
// suffixes (or with an empty one) it owns nothing.
func TestOwnership(t *testing.T) {
	for name, want := range map[string]bool{
		"client_gen.go": true, "reference_gen.md": true, "client.go": false, "reference.md": false,
		"reference_gen.md.orig": false, "_gen.md": true, "README.md": false,
	} {
		if got := ownedName(name, suffixes); got != want {
			t.Errorf("ownedName(%q) = %v, want %v", name, got, want)
		}
	}
	if ownedName("client_gen.go", nil) || ownedName("client_gen.go", []string{""}) {
		t.Error("no suffix owns a name")
	}
	if _, err := (Tree{Root: t.TempDir()}).Plan(map[string][]byte{"client_gen.go": nil}); err == nil {
		t.Error("Plan without suffixes accepted a file")
	}
}

// TestTreeSubdirectories: the generator also owns its files in the subdirectories it declares
// (the fake server's package), and only there: it creates, updates and deletes them, and leaves
// the hand-written files beside them, and every other subdirectory, alone.
func TestTreeSubdirectories(t *testing.T) {
	dir := t.TempDir()
	fill(t, dir, existing)
	fill(t, dir, map[string]string{"fake/": "", "other/": "", "fake/deeper/": ""})
	fill(t, dir, map[string]string{
		"fake/server.go":          "package fake // hand-written\n",
		"fake/server_test.go":     "package fake // hand-written test\n",
		"fake/routes_gen.go":      "package fake // old routes\n",
		"fake/stale_gen.go":       "package fake // no longer generated\n",
		"other/foreign_gen.go":    "package other // not in a declared subdirectory\n",
		"fake/deeper/deep_gen.go": "package deeper // below a declared subdirectory\n",
	})
	tree := Tree{Root: dir, Suffixes: suffixes, Subdirs: []string{"fake"}}
	files := map[string][]byte{
		"client_gen.go":         []byte("package x // unchanged\n"),
		"fake/routes_gen.go":    []byte("package fake // new routes\n"),
		"fake/facts_gen.go":     []byte("package fake // new file\n"),
		"fake/reference_gen.md": []byte("# fake\n"),
	}
	plan, err := tree.Plan(files)
	if err != nil {
		t.Fatal(err)
	}
	const want = "create fake/facts_gen.go, create fake/reference_gen.md, update fake/routes_gen.go, delete fake/stale_gen.go, " +
		"delete models_gen.go, delete old_gen.md, delete stale_gen.go"
	if got := changesString(plan); got != want {
		t.Errorf("plan: got %s, want %s", got, want)
	}
	done, err := tree.Write(files)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(done, plan) {
		t.Errorf("Write did %v, Plan said %v", done, plan)
	}
	sub := snap(t, filepath.Join(dir, "fake"))
	wantSub := snapshot{
		"server.go":        "package fake // hand-written\n",
		"server_test.go":   "package fake // hand-written test\n",
		"routes_gen.go":    "package fake // new routes\n",
		"facts_gen.go":     "package fake // new file\n",
		"reference_gen.md": "# fake\n",
		"deeper/":          "",
	}
	if !maps.Equal(sub, wantSub) {
		t.Errorf("fake/ after Write:\n got %v\nwant %v", sub, wantSub)
	}
	for _, kept := range []string{"other/foreign_gen.go", "fake/deeper/deep_gen.go"} {
		if _, err := os.Stat(filepath.Join(dir, kept)); err != nil {
			t.Errorf("%s: %v", kept, err)
		}
	}
	if changes, err := tree.Plan(files); err != nil || len(changes) != 0 {
		t.Errorf("after Write, Plan = %v, %v", changes, err)
	}

	// Nothing generated into a declared subdirectory any more: its files are stale.
	if done, err := tree.Write(map[string][]byte{"client_gen.go": []byte("package x // unchanged\n")}); err != nil {
		t.Fatal(err)
	} else if got, want := changesString(done), "delete fake/facts_gen.go, delete fake/reference_gen.md, delete fake/routes_gen.go"; got != want {
		t.Errorf("changes: got %s, want %s", got, want)
	}
	if got := snap(t, filepath.Join(dir, "fake")); len(got) != 3 || got["server.go"] == "" || got["server_test.go"] == "" {
		t.Errorf("fake/ after deleting the generated files: %v", got)
	}
}

func TestTreeCreatesSubdirectories(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "gen", "intercom")
	tree := Tree{Root: dir, Suffixes: suffixes, Subdirs: []string{"fake", "a/b"}}
	done, err := tree.Write(map[string][]byte{"fake/x_gen.go": []byte("x"), "a/b/y_gen.md": []byte("y")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := changesString(done), "create a/b/y_gen.md, create fake/x_gen.go"; got != want {
		t.Errorf("changes: got %s, want %s", got, want)
	}
	for _, p := range []string{"fake/x_gen.go", "a/b/y_gen.md"} {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			t.Error(err)
		}
	}
}

func TestTreeRefusesForeignNames(t *testing.T) {
	for _, bad := range []string{
		"fake/server.go",
		"fake/routes_gen.go.bak",
		"other/routes_gen.go",
		"fake/deeper/routes_gen.go",
		"fake/../routes_gen.go",
		"fake//routes_gen.go",
		"./fake/routes_gen.go",
		"/fake/routes_gen.go",
		`fake\routes_gen.go`,
		"fake/",
	} {
		t.Run(bad, func(t *testing.T) {
			dir := t.TempDir()
			fill(t, dir, existing)
			before := snap(t, dir)
			tree := Tree{Root: dir, Suffixes: suffixes, Subdirs: []string{"fake"}}
			if changes, err := tree.Write(map[string][]byte{bad: []byte("x")}); err == nil || !strings.Contains(err.Error(), "refusing to write") {
				t.Errorf("Write(%q) = %v, %v", bad, changesString(changes), err)
			}
			if got := snap(t, dir); !maps.Equal(got, before) {
				t.Errorf("a refused Write changed the directory:\n got %v\nwant %v", got, before)
			}
		})
	}
	for _, sub := range []string{"", ".", "..", "../x", "/abs", "a/../b", "a/", `a\b`} {
		tree := Tree{Root: t.TempDir(), Suffixes: suffixes, Subdirs: []string{sub}}
		if _, err := tree.Plan(nil); err == nil {
			t.Errorf("Plan accepted the subdirectory %q", sub)
		}
	}
}

// interruptible is a test tree: the existing directory plus a declared subdirectory with hand-written
// and generated files, so that an interrupted Write has both kinds to keep.
func interruptible(t *testing.T) (Tree, map[string]string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "intercom")
	fill(t, filepath.Dir(dir), map[string]string{"intercom/": "", "intercom/fake/": ""})
	fill(t, dir, existing)
	fill(t, dir, map[string]string{"fake/server.go": "package fake // hand-written\n", "fake/routes_gen.go": "package fake // old\n"})
	return Tree{Root: dir, Suffixes: suffixes, Subdirs: []string{"fake"}}, tree(t, dir)
}

// tree is every file under dir, by slash-separated relative path, with its content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// besides lists what is next to dir: after a Write, finished or not, only dir itself.
func besides(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// newFiles is a new generation for the interruptible tree: several files, so that a failure
// can come after some of them are written.
var newFiles = map[string][]byte{
	"client_gen.go":      []byte("package x // new client\n"),
	"models_gen.go":      []byte("package x // new models\n"),
	"services_gen.go":    []byte("package x // new services\n"),
	"fake/routes_gen.go": []byte("package fake // new\n"),
}

// TestWriteInterruptedWhileStaging: a write that fails half-way through the set (the disk is
// full, the run is stopped) leaves the directory exactly as it was, and nothing beside it.
func TestWriteInterruptedWhileStaging(t *testing.T) {
	t.Parallel()
	for fail := range 4 {
		t.Run(fmt.Sprint(fail), func(t *testing.T) {
			t.Parallel()
			tr, before := interruptible(t)
			n := 0
			tr.write = func(path string, data []byte) error {
				if n == fail {
					return errors.New("disk full")
				}
				n++
				return writeNew(path, data)
			}
			if _, err := tr.Write(newFiles); err == nil || !strings.Contains(err.Error(), "disk full") {
				t.Fatalf("Write = %v, want the write's error", err)
			}
			if got := tree(t, tr.Root); !maps.Equal(got, before) {
				t.Errorf("after an interrupted Write:\n got %v\nwant %v", got, before)
			}
			if got := besides(t, tr.Root); !slices.Equal(got, []string{"intercom"}) {
				t.Errorf("left beside the directory: %v", got)
			}
			// The next run writes the whole set.
			tr.write = nil
			if _, err := tr.Write(newFiles); err != nil {
				t.Fatal(err)
			}
			if got := tree(t, tr.Root); got["services_gen.go"] != "package x // new services\n" || got["fake/server.go"] != before["fake/server.go"] || got["stale_gen.go"] != "" {
				t.Errorf("after the next Write: %v", got)
			}
		})
	}
}

// TestWriteInterruptedWhileSwapping: when the staged directory cannot take the root's name, the
// root is moved back; when a run died between the two renames, the next one restores the old
// directory before it does anything else.
func TestWriteInterruptedWhileSwapping(t *testing.T) {
	t.Parallel()
	tr, before := interruptible(t)
	tr.rename = func(oldpath, newpath string) error {
		if strings.HasSuffix(oldpath, stagedSuffix) {
			return errors.New("interrupted")
		}
		return os.Rename(oldpath, newpath)
	}
	if _, err := tr.Write(newFiles); err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("Write = %v, want the rename's error", err)
	}
	if got := tree(t, tr.Root); !maps.Equal(got, before) {
		t.Errorf("after a failed swap:\n got %v\nwant %v", got, before)
	}
	if got := besides(t, tr.Root); !slices.Equal(got, []string{"intercom"}) {
		t.Errorf("left beside the directory: %v", got)
	}

	// A run killed between the renames: the root moved aside, a staged directory not yet in place.
	if err := os.Rename(tr.Root, tr.aside(oldSuffix)); err != nil {
		t.Fatal(err)
	}
	fill(t, filepath.Dir(tr.Root), map[string]string{filepath.Base(tr.aside(stagedSuffix)) + "/": ""})
	tr.rename = nil
	changes, err := tr.Write(newFiles)
	if err != nil {
		t.Fatal(err)
	}
	const want = "update client_gen.go, update fake/routes_gen.go, update models_gen.go, delete old_gen.md, create services_gen.go, delete stale_gen.go"
	if got := changesString(changes); got != want {
		t.Errorf("changes after recovery: got %s, want %s", got, want)
	}
	if got := besides(t, tr.Root); !slices.Equal(got, []string{"intercom"}) {
		t.Errorf("left beside the directory: %v", got)
	}
}

// TestWriteKeepsHandWrittenFiles: the swap keeps every hand-written file the same file (same
// inode, mode and modification time), not a copy, so editors and watchers see no change.
func TestWriteKeepsHandWrittenFiles(t *testing.T) {
	t.Parallel()
	tr, _ := interruptible(t)
	path := filepath.Join(tr.Root, "fake", "server.go")
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("client.go", filepath.Join(tr.Root, "link.go")); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tr.Write(newFiles); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) || after.Mode() != before.Mode() || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("fake/server.go: before %v %v, after %v %v", before.Mode(), before.ModTime(), after.Mode(), after.ModTime())
	}
	if link, err := os.Readlink(filepath.Join(tr.Root, "link.go")); err != nil || link != "client.go" {
		t.Errorf("link.go: %q, %v", link, err)
	}
}
