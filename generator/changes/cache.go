package changes

import (
	"context"
	"crypto/sha256"
	"go/types"
	"maps"
	"slices"
	"sync"
)

// PackageCache keeps the packages compareGo type-checks, by their sources, so that comparisons
// run side by side (the reports of every step, where each version is the new side of one step
// and the old side of the next) type-check each version once. Type-checking a generated client
// is most of a comparison's time. A PackageCache is safe for concurrent use; its zero value is
// ready, and a nil one caches nothing.
type PackageCache struct {
	mu   sync.Mutex
	pkgs map[[sha256.Size]byte]*cachedPackage
}

// cachedPackage is one package, type-checked once however many comparisons ask for it at once.
type cachedPackage struct {
	once sync.Once
	pkg  *types.Package
	err  error
}

// typeCheck returns the package of the sources, type-checked by the first caller that asks for
// them; the package is only read afterwards (apidiff), which go/types allows concurrently.
func (c *PackageCache) typeCheck(ctx context.Context, generated, runtimeFiles map[string][]byte, pkgPath string) (*types.Package, error) {
	if c == nil {
		return typeCheck(ctx, generated, runtimeFiles, pkgPath)
	}
	key := sourcesKey(pkgPath, generated, runtimeFiles)
	c.mu.Lock()
	if c.pkgs == nil {
		c.pkgs = map[[sha256.Size]byte]*cachedPackage{}
	}
	e := c.pkgs[key]
	if e == nil {
		e = &cachedPackage{}
		c.pkgs[key] = e
	}
	c.mu.Unlock()
	e.once.Do(func() { e.pkg, e.err = typeCheck(ctx, generated, runtimeFiles, pkgPath) })
	return e.pkg, e.err
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
