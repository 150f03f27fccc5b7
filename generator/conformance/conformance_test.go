// Package conformance checks the generated client against Intercom's description, independently
// of the generator's own tests: every operation is called through the client against a loopback
// server that validates each request with kin-openapi's openapi3filter and answers with the
// description's examples (operations_test.go), and every request and response example of the
// description decodes into its Go type and encodes back to the same JSON (examples_test.go).
//
// The package has tests only. It reads the downloaded description (`make spec`), or the one
// -spec names, with the overlays spec/overlays/versions.yaml lists for its version, as the
// generator does; `make versions` runs it against the client of every version.
package conformance

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/lower"
	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/spec"
	"github.com/gointercom/intercom/generator/validate"
)

var specPath = flag.String("spec", "../../spec/api.intercom.io.yaml",
	"the description to check the client against, read with its version's overlays")

const manifestPath = "../../" + overlay.ManifestFile

// What the tests checked, for the summary TestMain prints.
var (
	defectsPath       string       // the list of spec defects of the description's version, once loaded
	checkedOperations atomic.Int64 // operations called through the client
	checkedCalls      atomic.Int64 // calls made to do so
	checkedExamples   atomic.Int64 // request and response examples decoded and encoded back
	listedDefects     atomic.Int64 // spec defects found in the examples, all listed in the version's testdata/defects file
)

// TestMain prints what the suite checked. `make test` shows this line (go test prints a passing
// package's output only with -v, so the Makefile runs the suite once more with -v for it).
func TestMain(m *testing.M) {
	code := m.Run()
	if ops, ex := checkedOperations.Load(), checkedExamples.Load(); ops > 0 || ex > 0 {
		fmt.Printf("conformance: %d operations (%d calls) and %d examples checked; %d spec defects listed in %s\n",
			ops, checkedCalls.Load(), ex, listedDefects.Load(), defectsPath)
	}
	os.Exit(code)
}

// suite is the description and the client, read once for every test.
type suite struct {
	doc *openapi3.T // the overlaid description, as kin-openapi loads it
	api *ir.API     // the generator's model: which Go method and type each operation has
	ops []*operation
	// types maps the name of every type reachable from the client's methods to the type.
	types map[string]reflect.Type
}

// operation is one operation of the description and the client method that calls it.
type operation struct {
	key     string // "GET /contacts/{id}"
	method  string
	path    string
	pointer string // JSON pointer of the operation in the description
	op      *openapi3.Operation
	item    *openapi3.PathItem // the operation's path, which may declare parameters for all its operations
	ir      *ir.Operation
	service string // field of intercom.Client
}

var (
	loadOnce   sync.Once
	loadedS    *suite
	loadedErr  error
	httpMethod = []string{"get", "put", "post", "delete", "patch"}
)

// load reads the description and the model once.
func load(t *testing.T) *suite {
	t.Helper()
	loadOnce.Do(func() { loadedS, loadedErr = readSuite(*specPath, manifestPath) })
	if loadedErr != nil {
		t.Fatal(loadedErr)
	}
	return loadedS
}

func readSuite(specPath, manifestPath string) (*suite, error) {
	if _, err := os.Stat(specPath); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is missing: run `make spec` (or `make test`, which fetches it)", specPath)
	}
	doc, err := spec.Load(specPath)
	if err != nil {
		return nil, err
	}
	m, err := overlay.ReadManifest(manifestPath)
	if err != nil {
		return nil, err
	}
	stack, err := m.Stack(doc.Version())
	if err != nil {
		return nil, err
	}
	for _, o := range stack {
		if err := overlay.Apply(doc, o); err != nil {
			return nil, err
		}
	}
	defectsPath = defectsFile(doc.Version())
	t, err := validate.Load(context.Background(), doc)
	if err != nil {
		return nil, err
	}
	api, err := lower.Lower(doc, t)
	if err != nil {
		return nil, err
	}
	s := &suite{doc: t, api: api, types: map[string]reflect.Type{}}
	byRoute := map[string]*operation{}
	for _, svc := range api.Services {
		for _, o := range svc.Operations {
			byRoute[o.Method+" "+o.Path] = &operation{ir: o, service: svc.Name}
		}
	}
	for _, path := range t.Paths.InMatchingOrder() {
		item := t.Paths.Value(path)
		for _, m := range httpMethod {
			op := item.GetOperation(strings.ToUpper(m))
			if op == nil {
				continue
			}
			key := strings.ToUpper(m) + " " + path
			o := byRoute[key]
			if o == nil {
				return nil, fmt.Errorf("%s has no method in the generator's model", key)
			}
			o.key, o.method, o.path, o.op, o.item = key, strings.ToUpper(m), path, op, item
			o.pointer = spec.JoinPointer("paths", path, m)
			s.ops = append(s.ops, o)
			delete(byRoute, key)
		}
	}
	if len(byRoute) > 0 {
		return nil, fmt.Errorf("the model has operations the description does not: %v", slices.Sorted(maps.Keys(byRoute)))
	}
	slices.SortFunc(s.ops, func(a, b *operation) int { return strings.Compare(a.key, b.key) })
	collectTypes(reflect.TypeFor[intercom.Client](), s.types)
	collectTypes(reflect.TypeFor[intercom.Error](), s.types) // the errors' schema, in no method
	return s, nil
}

// collectTypes records every named type reachable from t: fields, elements, and the
// parameters and results of methods of the Client's services.
func collectTypes(t reflect.Type, seen map[string]reflect.Type) {
	if t.Name() != "" && t.PkgPath() != "" {
		if _, ok := seen[t.Name()]; ok {
			return
		}
		seen[t.Name()] = t
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
		collectTypes(t.Elem(), seen)
	case reflect.Struct:
		if t.PkgPath() != reflect.TypeFor[intercom.Client]().PkgPath() {
			return
		}
		for f := range t.Fields() {
			if f.IsExported() {
				collectTypes(f.Type, seen)
			}
		}
		if strings.HasSuffix(t.Name(), "Service") || t.Name() == "Client" {
			pt := reflect.PointerTo(t)
			for m := range pt.Methods() {
				for in := range m.Type.Ins() {
					collectTypes(in, seen)
				}
				for out := range m.Type.Outs() {
					collectTypes(out, seen)
				}
			}
		}
	}
}

// goType returns the Go type of an ir.Ref.
func (s *suite) goType(r ir.Ref) (reflect.Type, error) {
	switch r.Kind {
	case ir.Named:
		t, ok := s.types[r.Name]
		if !ok {
			// An alias (type A = B) has no name of its own at run time: it is its target.
			for _, ty := range s.api.Types {
				if ty.Name == r.Name && ty.Kind == ir.Alias && ty.Elem != nil {
					return s.goType(*ty.Elem)
				}
			}
			return nil, fmt.Errorf("type %s is not reachable from the client", r.Name)
		}
		return t, nil
	case ir.String:
		return reflect.TypeFor[string](), nil
	case ir.Int:
		return reflect.TypeFor[int64](), nil
	case ir.Float:
		return reflect.TypeFor[float64](), nil
	case ir.Bool:
		return reflect.TypeFor[bool](), nil
	case ir.Timestamp:
		return reflect.TypeFor[intercom.Timestamp](), nil
	case ir.Any:
		return reflect.TypeFor[any](), nil
	case ir.Slice:
		e, err := s.goType(*r.Elem)
		if err != nil {
			return nil, err
		}
		return reflect.SliceOf(e), nil
	case ir.MapOf:
		e, err := s.goType(*r.Elem)
		if err != nil {
			return nil, err
		}
		return reflect.MapOf(reflect.TypeFor[string](), e), nil
	}
	return nil, fmt.Errorf("unknown kind of type %v", r)
}

// schemaType returns the Go type of a component schema, by its $ref.
func (s *suite) schemaType(ref string) (reflect.Type, error) {
	for _, ty := range s.api.Types {
		if ty.Pointer == ref {
			return s.goType(ir.Ref{Kind: ir.Named, Name: ty.Name})
		}
	}
	return nil, fmt.Errorf("schema %s has no Go type", ref)
}
