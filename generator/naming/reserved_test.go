package naming

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReservedCoversRuntime keeps Reserved equal to the exported names the hand-written runtime
// declares, so that no generated name can collide with one of them.
func TestReservedCoversRuntime(t *testing.T) {
	dir := "../../gen/intercom"
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	fset := token.NewFileSet()
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_gen.go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					declared = append(declared, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							declared = append(declared, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								declared = append(declared, n.Name)
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(declared)
	declared = slices.Compact(declared)
	reserved := Reserved()
	for _, n := range declared {
		if !slices.Contains(reserved, n) {
			t.Errorf("the runtime declares %s, which naming.Reserved does not list", n)
		}
	}
}
