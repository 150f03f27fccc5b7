package reference_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/ir"
	"github.com/gointercom/intercom/generator/pipeline"
	"github.com/gointercom/intercom/generator/reference"
)

// sourceSignatures parses Go files and returns the signature of every exported method of a
// *<Name>Service type, as "<Service>.<Method>" -> "Method(params) results".
func sourceSignatures(t *testing.T, files map[string][]byte) map[string]string {
	t.Helper()
	fset := token.NewFileSet()
	sigs := map[string]string{}
	for name, data := range files {
		if !strings.HasSuffix(name, ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			recv, ok := star.X.(*ast.Ident)
			if !ok || !strings.HasSuffix(recv.Name, "Service") {
				continue
			}
			var buf bytes.Buffer
			if err := printer.Fprint(&buf, fset, &ast.FuncDecl{Name: fn.Name, Type: fn.Type}); err != nil {
				t.Fatal(err)
			}
			sig := strings.Join(strings.Fields(strings.TrimPrefix(buf.String(), "func ")), " ")
			sigs[strings.TrimSuffix(recv.Name, "Service")+"."+fn.Name.Name] = sig
		}
	}
	return sigs
}

// referenceSignatures returns the signature of every row of a reference, by service.
func referenceSignatures(ref reference.Reference) map[string]string {
	sigs := map[string]string{}
	for _, s := range ref.Services {
		for _, m := range s.Methods {
			sigs[s.Name+"."+m.Name] = m.Signature
		}
	}
	return sigs
}

// sameSignatures reports every method whose signature differs, or that only one side has.
func sameSignatures(t *testing.T, where string, source, ref map[string]string) {
	t.Helper()
	if len(source) == 0 {
		t.Fatalf("%s: no service methods in the source", where)
	}
	for _, k := range slices.Sorted(maps.Keys(source)) {
		switch r, ok := ref[k]; {
		case !ok:
			t.Errorf("%s: %s is not in the reference", where, k)
		case r != source[k]:
			t.Errorf("%s: %s:\n reference: %s\n source:    %s", where, k, r, source[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(ref)) {
		if _, ok := source[k]; !ok {
			t.Errorf("%s: the reference lists %s, which the source does not have", where, k)
		}
	}
}

// TestSignaturesMatchTheEmitter generates the small test spec and holds every signature of its
// reference equal to the method the emitter wrote, iterators included.
func TestSignaturesMatchTheEmitter(t *testing.T) {
	t.Parallel()
	res, err := pipeline.Run(t.Context(), pipeline.Config{Spec: "../testdata/tiny/openapi.yaml", Webhooks: "../testdata/tiny/webhooks.yaml",
		PkgPath: "example.com/tiny/intercom", PkgName: "intercom"})
	if err != nil {
		t.Fatal(err)
	}
	ref := reference.Build(res.API)
	sameSignatures(t, "tiny", sourceSignatures(t, res.Files), referenceSignatures(ref))
	if ref.Paged == 0 || ref.Iterators != 2*ref.Paged {
		t.Errorf("tiny: %d paged operations, %d iterators", ref.Paged, ref.Iterators)
	}
	if string(res.Files[reference.File]) == "" {
		t.Errorf("the pipeline wrote no %s", reference.File)
	}
}

// rowRE matches a method row of the rendered reference: its signature and HTTP call.
var rowRE = regexp.MustCompile("(?m)^\\| `([A-Za-z]+\\(.*\\).*)` \\| `([A-Z]+ /[^`]*)` \\|")

// TestCommittedReferenceMatchesTheClient reads the committed client in gen/intercom: every
// method of its services is in reference_gen.md with the signature it has in the code.
func TestCommittedReferenceMatchesTheClient(t *testing.T) {
	t.Parallel()
	const dir = "../../gen/intercom"
	paths, err := filepath.Glob(filepath.Join(dir, "service_*_gen.go"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no generated services in %s: %v", dir, err)
	}
	files := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = data
	}
	md, err := os.ReadFile(filepath.Join(dir, reference.File))
	if err != nil {
		t.Fatalf("%v (run make generate)", err)
	}
	source := sourceSignatures(t, files)
	// Rows are per service section; the section is the last "## Name" heading above the row.
	ref := map[string]string{}
	service := ""
	for _, line := range strings.Split(string(md), "\n") {
		if name, ok := strings.CutPrefix(line, "## "); ok {
			service = name
			continue
		}
		if m := rowRE.FindStringSubmatch(line); m != nil {
			method := m[1][:strings.IndexByte(m[1], '(')]
			ref[service+"."+method] = m[1]
		}
	}
	sameSignatures(t, "gen/intercom", source, ref)
}

func TestBuild(t *testing.T) {
	t.Parallel()
	str := ir.Ref{Kind: ir.String}
	id := &ir.Param{Name: "id", GoName: "id", Type: str}
	pet := ir.Ref{Kind: ir.Named, Name: "Pet"}
	list := ir.Ref{Kind: ir.Named, Name: "PetList"}
	opts := &ir.Type{Name: "PetsListOptions", Kind: ir.Options}
	api := &ir.API{Title: "Tiny | API", Version: "1.0", Services: []*ir.Service{{Name: "Pets", Type: "PetsService", Doc: "Everything\nabout pets.", Operations: []*ir.Operation{
		{Name: "Download", Method: "GET", Path: "/pets/{id}/photo", PathParams: []*ir.Param{id}, Binary: "image/png", Summary: "Download a photo"},
		{Name: "Delete", Method: "DELETE", Path: "/pets/{id}", PathParams: []*ir.Param{id}, Deprecated: true, Summary: "Delete | remove"},
		{Name: "List", Method: "GET", Path: "/pets", Query: opts, Result: &list, ResultByPointer: true, Summary: "List pets",
			Paging: &ir.Paging{Kind: ir.PageNumber, Pages: "ListPages", All: "ListAll", Item: pet}},
		{Name: "Rename", Method: "PUT", Path: "/pets/{id}/name", PathParams: []*ir.Param{id}, Body: &ir.Body{Type: str}, Result: &ir.Ref{Kind: ir.MapOf, Elem: &str}},
	}}}}
	ref := reference.Build(api)
	want := []reference.Method{
		{Name: "Download", Signature: "Download(ctx context.Context, id string, opts ...Option) (io.ReadCloser, error)", HTTP: "GET /pets/{id}/photo", Summary: "Download a photo"},
		{Name: "Delete", Signature: "Delete(ctx context.Context, id string, opts ...Option) error", HTTP: "DELETE /pets/{id}", Summary: `**Deprecated.** Delete \| remove`},
		{Name: "List", Signature: "List(ctx context.Context, params *PetsListOptions, opts ...Option) (*PetList, error)", HTTP: "GET /pets", Summary: "List pets", Paging: "page"},
		{Name: "ListPages", Signature: "ListPages(ctx context.Context, params *PetsListOptions, opts ...Option) iter.Seq2[*PetList, error]", HTTP: "GET /pets", Summary: "Iterates over the pages of List.", Paging: "page"},
		{Name: "ListAll", Signature: "ListAll(ctx context.Context, params *PetsListOptions, opts ...Option) iter.Seq2[Pet, error]", HTTP: "GET /pets", Summary: "Iterates over the items of every page of List.", Paging: "page"},
		{Name: "Rename", Signature: "Rename(ctx context.Context, id string, req string, opts ...Option) (map[string]string, error)", HTTP: "PUT /pets/{id}/name"},
	}
	if len(ref.Services) != 1 || !slices.Equal(ref.Services[0].Methods, want) {
		t.Errorf("methods:\n%+v\nwant\n%+v", ref.Services, want)
	}
	if s := ref.Services[0]; s.Type != "PetsService" || s.Anchor != "pets" || s.Doc != "Everything about pets." {
		t.Errorf("service %+v", s)
	}
	if ref.Title != `Tiny \| API` || ref.Operations != 4 || ref.Paged != 1 || ref.Iterators != 2 {
		t.Errorf("reference %+v", ref)
	}
	md, err := reference.Render(api)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"<!-- Code generated by intercomgen",
		"| [Pets](#pets) | `Pets` | 6 |",
		"## Pets",
		"| `ListAll(ctx context.Context, params *PetsListOptions, opts ...Option) iter.Seq2[Pet, error]` | `GET /pets` | Iterates over the items of every page of List. | page |",
	} {
		if !strings.Contains(string(md), line) {
			t.Errorf("the reference has no line %q:\n%s", line, md)
		}
	}
}

// TestBuildLookups: the FindBy and Upsert methods of a service are rows of the reference, after
// its operations, and counted.
func TestBuildLookups(t *testing.T) {
	t.Parallel()
	pet := ir.Ref{Kind: ir.Named, Name: "Pet"}
	list := ir.Ref{Kind: ir.Named, Name: "PetList"}
	search := &ir.Operation{Name: "Search", Method: "POST", Path: "/pets/search", Body: &ir.Body{Type: ir.Ref{Kind: ir.Named, Name: "SearchRequest"}, ByPointer: true},
		Result: &list, ResultByPointer: true, Paging: &ir.Paging{Kind: ir.PageSearch, Pages: "SearchPages", All: "SearchAll", Item: pet}}
	create := &ir.Operation{Name: "Create", Method: "POST", Path: "/pets", Body: &ir.Body{Type: ir.Ref{Kind: ir.Named, Name: "CreatePetRequest"}, ByPointer: true}, Result: &pet, ResultByPointer: true}
	update := &ir.Operation{Name: "Update", Method: "PUT", Path: "/pets/{id}", Result: &pet, ResultByPointer: true}
	byTag := &ir.FindBy{Name: "FindByTag", Arg: "tag", Field: &ir.SearchField{Name: "tag"}, Search: search, Noun: "pet"}
	api := &ir.API{Services: []*ir.Service{{Name: "Pets", Type: "PetsService", Operations: []*ir.Operation{create, search, update},
		Finds:   []*ir.FindBy{byTag},
		Upserts: []*ir.Upsert{{Name: "Upsert", Noun: "pet", Var: "pet", Create: create, Update: update, Keys: []ir.UpsertKey{{Find: byTag}}}}}}}
	ref := reference.Build(api)
	methods := ref.Services[0].Methods
	got := methods[len(methods)-2:]
	want := []reference.Method{
		{Name: "FindByTag", Signature: "FindByTag(ctx context.Context, tag string, opts ...Option) (*Pet, error)", HTTP: "POST /pets/search",
			Summary: "Finds the one pet whose tag is given, with Search."},
		{Name: "Upsert", Signature: "Upsert(ctx context.Context, req *CreatePetRequest, opts ...Option) (pet *Pet, created bool, err error)", HTTP: "POST /pets",
			Summary: "Updates the pet the request identifies (tag with FindByTag), with Update, or creates it with Create."},
	}
	if !slices.Equal(got, want) || ref.Lookups != 2 || ref.Operations != 3 {
		t.Errorf("lookups (%d of %d operations):\n%+v\nwant\n%+v", ref.Lookups, ref.Operations, got, want)
	}
}
