package changes

import (
	"context"
	"crypto/sha256"
	"go/types"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/gointercom/intercom/generator/pipeline"
)

// Cache keeps what comparisons run side by side share (the reports of every step, where each
// version is the new side of one step and the old side of the next), so that each version is
// generated and type-checked once: the client generated from each side, by the side's files
// (which must not change while the cache is in use), each package compareGo type-checks, by
// its sources, and the export data of the standard library packages they import. A Cache is
// safe for concurrent use; its zero value is ready, and a nil one caches nothing.
type Cache struct {
	mu        sync.Mutex
	generated map[string]*cached[*pipeline.Result]
	pkgs      map[[sha256.Size]byte]*cached[*types.Package]
	exports   map[string]*cached[map[string]string] // by the import paths, joined
}

// cached is one value, made once however many comparisons ask for it at once, and only read
// afterwards (the generated model and files by compareModels, a package by apidiff, which
// go/types allows concurrently).
type cached[T any] struct {
	once sync.Once
	v    T
	err  error
}

// lookup returns the entry of key in *m, adding it (and the map) if missing.
func lookup[K comparable, T any](c *Cache, m *map[K]*cached[T], key K) *cached[T] {
	c.mu.Lock()
	defer c.mu.Unlock()
	if *m == nil {
		*m = map[K]*cached[T]{}
	}
	e := (*m)[key]
	if e == nil {
		e = &cached[T]{}
		(*m)[key] = e
	}
	return e
}

// generate returns the client generated from s, by the first caller that asks for it.
func (c *Cache) generate(ctx context.Context, s Side, pkgPath string) (*pipeline.Result, error) {
	if c == nil {
		return generate(ctx, s, pkgPath)
	}
	key := strings.Join(append([]string{pkgPath, s.Spec, s.Webhooks}, s.Overlays...), "\x00")
	e := lookup(c, &c.generated, key)
	e.once.Do(func() { e.v, e.err = generate(ctx, s, pkgPath) })
	return e.v, e.err
}

// typeCheck returns the package of the sources, type-checked by the first caller that asks for
// them.
func (c *Cache) typeCheck(ctx context.Context, generated, runtimeFiles map[string][]byte, pkgPath string) (*types.Package, error) {
	if c == nil {
		return typeCheck(ctx, generated, runtimeFiles, pkgPath, exportData)
	}
	e := lookup(c, &c.pkgs, sourcesKey(pkgPath, generated, runtimeFiles))
	e.once.Do(func() { e.v, e.err = typeCheck(ctx, generated, runtimeFiles, pkgPath, c.exportData) })
	return e.v, e.err
}

// exportData returns the export data files of paths and what they import, listed by the go
// command once for every version that imports the same packages (each call runs go list).
func (c *Cache) exportData(ctx context.Context, paths []string) (map[string]string, error) {
	e := lookup(c, &c.exports, strings.Join(paths, "\x00"))
	e.once.Do(func() { e.v, e.err = exportData(ctx, paths) })
	return e.v, e.err
}

// sourcesKey is the hash of an import path and every file of the package, names and bytes.
func sourcesKey(pkgPath string, sets ...map[string][]byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(pkgPath))
	for _, files := range sets {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			h.Write([]byte{0})
			h.Write([]byte(name))
			h.Write([]byte{0})
			h.Write(files[name])
		}
		h.Write([]byte{1})
	}
	return [sha256.Size]byte(h.Sum(nil))
}
