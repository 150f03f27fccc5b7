package atomicfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// names lists dir's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a", "b", "file.go")
	if err := Write(path, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != "one" {
		t.Fatalf("got %q, %v", got, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}

	// Replacing: new content, a new file (renamed into place), no temporary left.
	if err := Write(path, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path); err != nil || string(got) != "two" {
		t.Fatalf("got %q, %v", got, err)
	}
	if got := names(t, filepath.Dir(path)); !slices.Equal(got, []string{"file.go"}) {
		t.Errorf("directory holds %v", got)
	}

	// Empty content is content.
	if err := Write(path, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(path); err != nil || len(got) != 0 {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestWriteKeepsModeIndependentOfExisting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
}

func TestWriteFailureLeavesNothing(t *testing.T) {
	t.Run("path is a directory", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "target")
		if err := os.Mkdir(target, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(target, "inside"), []byte("kept"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Write(target, []byte("data")); err == nil {
			t.Fatal("writing over a non-empty directory succeeded")
		}
		if got := names(t, dir); !slices.Equal(got, []string{"target"}) {
			t.Errorf("a failed write left %v", got)
		}
		if got, err := os.ReadFile(filepath.Join(target, "inside")); err != nil || string(got) != "kept" {
			t.Errorf("the directory's content changed: %q, %v", got, err)
		}
	})
	t.Run("parent is a file", func(t *testing.T) {
		dir := t.TempDir()
		parent := filepath.Join(dir, "parent")
		if err := os.WriteFile(parent, []byte("file"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := Write(filepath.Join(parent, "x"), []byte("data")); err == nil {
			t.Fatal("writing under a file succeeded")
		}
		if got := names(t, dir); !slices.Equal(got, []string{"parent"}) {
			t.Errorf("a failed write left %v", got)
		}
	})
}

// TestWriteIsAtomic has readers race writers: every read sees one whole version, never a mix
// or a truncated file.
func TestWriteIsAtomic(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	versions := make([][]byte, 4)
	for i := range versions {
		versions[i] = bytes.Repeat([]byte{byte('a' + i)}, 256<<10)
	}
	if err := Write(path, versions[0]); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for w := range 2 {
		wg.Go(func() {
			for i := range 20 {
				if err := Write(path, versions[(w+i)%len(versions)]); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for range 4 {
		wg.Go(func() {
			for range 50 {
				got, err := os.ReadFile(path)
				if err != nil {
					errs <- err
					return
				}
				if !slices.ContainsFunc(versions, func(v []byte) bool { return bytes.Equal(v, got) }) {
					errs <- fmt.Errorf("read %d bytes that are no whole version", len(got))
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := names(t, filepath.Dir(path)); !slices.Equal(got, []string{"f"}) {
		t.Errorf("temporary files left: %v", got)
	}
}
