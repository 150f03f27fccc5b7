package changes

import (
	"reflect"
	"sync"
	"testing"
)

// TestCacheTypeCheck: the same sources are type-checked once, also when asked for at once; other
// sources get their own package; a nil cache type-checks every time.
func TestCacheTypeCheck(t *testing.T) {
	t.Parallel()
	const pkgPath = "example.com/shop"
	a := map[string][]byte{"a_gen.go": []byte("package shop\n\nfunc A() {}\n")}
	b := map[string][]byte{"a_gen.go": []byte("package shop\n\nfunc B() {}\n")}
	var c Cache
	var wg sync.WaitGroup
	got := make([]any, 4)
	for i := range got {
		wg.Go(func() {
			src := a
			if i == 3 {
				src = b
			}
			pkg, err := c.typeCheck(t.Context(), src, nil, pkgPath)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = pkg
		})
	}
	wg.Wait()
	if got[0] == nil || got[0] != got[1] || got[1] != got[2] {
		t.Errorf("the same sources gave %p, %p, %p: want one package", got[0], got[1], got[2])
	}
	if got[3] == got[0] {
		t.Error("other sources gave the same package")
	}
	var none *Cache
	p1, err1 := none.typeCheck(t.Context(), a, nil, pkgPath)
	p2, err2 := none.typeCheck(t.Context(), a, nil, pkgPath)
	if err1 != nil || err2 != nil || p1 == p2 || p1.Scope().Lookup("A") == nil {
		t.Errorf("a nil cache: %v, %v, same package %v", err1, err2, p1 == p2)
	}
}

// TestCacheGenerate: a side is generated once, also when asked for at once; another side gets
// its own client; a nil cache generates every time.
func TestCacheGenerate(t *testing.T) {
	t.Parallel()
	const pkgPath = "example.com/shop"
	from := Side{Spec: "testdata/shop/from.yaml", Webhooks: "testdata/shop/webhooks.yaml"}
	to := Side{Spec: "testdata/shop/to.yaml", Webhooks: "testdata/shop/webhooks.yaml"}
	var c Cache
	var wg sync.WaitGroup
	got := make([]any, 4)
	for i := range got {
		wg.Go(func() {
			side := from
			if i == 3 {
				side = to
			}
			res, err := c.generate(t.Context(), side, pkgPath)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = res
		})
	}
	wg.Wait()
	if got[0] == nil || got[0] != got[1] || got[1] != got[2] {
		t.Errorf("the same side gave %p, %p, %p: want one client", got[0], got[1], got[2])
	}
	if got[3] == got[0] {
		t.Error("another side gave the same client")
	}
	var none *Cache
	r1, err1 := none.generate(t.Context(), from, pkgPath)
	r2, err2 := none.generate(t.Context(), from, pkgPath)
	if err1 != nil || err2 != nil || r1 == r2 || len(r1.Files) == 0 {
		t.Errorf("a nil cache: %v, %v, same client %v", err1, err2, r1 == r2)
	}
}

// TestCacheExportData: the export data of one set of imports is listed once (go list runs per
// listing) and shared by the packages that import it; another set gets its own listing.
func TestCacheExportData(t *testing.T) {
	t.Parallel()
	var c Cache
	a, err := c.exportData(t.Context(), []string{"fmt"})
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.exportData(t.Context(), []string{"fmt"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := c.exportData(t.Context(), []string{"strings"})
	if err != nil {
		t.Fatal(err)
	}
	if a["fmt"] == "" || other["strings"] == "" {
		t.Fatalf("export data of fmt %q, of strings %q", a["fmt"], other["strings"])
	}
	if reflect.ValueOf(a).UnsafePointer() != reflect.ValueOf(again).UnsafePointer() {
		t.Error("the same imports were listed twice")
	}
	if _, ok := other["fmt"]; ok {
		t.Error("strings' listing has fmt's packages: the two sets share a listing")
	}
}
