package changes

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden reports (testdata/*.md and spec/changes/*.md)")

// runtimeDir is the hand-written runtime the generated packages compile with.
const runtimeDir = "../../gen/intercom"

// shops are the comparisons of the small shop description the tests read, each made once (a
// comparison generates and type-checks both sides): from.yaml to to.yaml, whose differences
// cover every section of the report, and from.yaml with itself.
var shops = map[[2]string]func() (*Report, error){
	{"from.yaml", "to.yaml"}:   sync.OnceValues(func() (*Report, error) { return compareShop("from.yaml", "to.yaml") }),
	{"from.yaml", "from.yaml"}: sync.OnceValues(func() (*Report, error) { return compareShop("from.yaml", "from.yaml") }),
}

func compareShop(from, to string) (*Report, error) {
	side := func(name string) Side {
		return Side{Label: "testdata/shop/" + name, Spec: filepath.Join("testdata", "shop", name), Webhooks: "testdata/shop/webhooks.yaml"}
	}
	return Compare(context.Background(), Options{From: side(from), To: side(to), PkgPath: "example.com/shop/intercom", Runtime: runtimeDir})
}

// shop returns the shared comparison of two versions of the shop description (see shops).
func shop(t *testing.T, from, to string) *Report {
	t.Helper()
	r, err := shops[[2]string{from, to}]()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// golden compares a rendered report with its golden file, or rewrites it with -update.
func golden(t *testing.T, path string, r *Report) {
	t.Helper()
	got, err := r.Markdown()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/changes -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the report (run go test ./generator/changes -update, or make changes-reports for those of spec/changes, and review the diff):\n%s",
			path, firstDiff(string(want), string(got)))
	}
}

func TestGoldenShop(t *testing.T) {
	t.Parallel()
	golden(t, "testdata/shop.md", shop(t, "from.yaml", "to.yaml"))
}

func TestGoldenNoChanges(t *testing.T) {
	t.Parallel()
	r := shop(t, "from.yaml", "from.yaml")
	if n := len(r.OperationsAdded) + len(r.OperationsRemoved) + len(r.OperationsChanged) + len(r.Parameters) + len(r.Fields) +
		len(r.Enums) + len(r.TypesAdded) + len(r.TypesRemoved) + len(r.HTTP.Breaking) + len(r.HTTP.Warnings) + r.HTTP.Info +
		len(r.Go.Incompatible) + len(r.Go.Compatible); n != 0 {
		t.Errorf("a description compared with itself has %d changes: %+v", n, r)
	}
	golden(t, "testdata/same.md", r)
}

// TestShopFacts checks the shop report's model, not only its rendering: each kind of change is
// found where it is, and each level of breaking change says what breaks.
func TestShopFacts(t *testing.T) {
	t.Parallel()
	r := shop(t, "from.yaml", "to.yaml")
	if r.From.Version != "1.0" || r.To.Version != "2.0" || r.From.Operations != 4 || r.To.Operations != 4 || len(r.To.SHA256) != 64 {
		t.Errorf("versions: %+v -> %+v", r.From, r.To)
	}
	ops := func(list []Operation) (out []string) {
		for _, o := range list {
			out = append(out, o.Go+" "+o.HTTP)
		}
		return out
	}
	if got := ops(r.OperationsAdded); !slices.Equal(got, []string{"Toys.List GET /toys"}) {
		t.Errorf("added %v", got)
	}
	if got := ops(r.OperationsRemoved); !slices.Equal(got, []string{"Orders.Delete DELETE /orders/{id}"}) {
		t.Errorf("removed %v", got)
	}
	var changed []string
	for _, c := range r.OperationsChanged {
		changed = append(changed, c.Go+": "+strings.Join(c.Changes, "; "))
	}
	if want := []string{"Pets.List: 3 parameter changes", "Pets.Get: 2 parameter changes; now deprecated"}; !slices.Equal(changed, want) {
		t.Errorf("changed %q, want %q", changed, want)
	}
	var params []string
	for _, p := range r.Parameters {
		params = append(params, strings.Join([]string{p.Operation, p.In, p.Name, p.Change, p.Before, p.After}, " "))
	}
	if want := []string{
		"GET /pets query sort removed string ",
		"GET /pets query limit retyped int64 string",
		"GET /pets query owner added  string",
		"GET /pets/{pet_id} path pet_id renamed id pet_id",
		"GET /pets/{pet_id} path pet_id retyped int64 string",
	}; !slices.Equal(params, want) {
		t.Errorf("parameters:\n%q\nwant\n%q", params, want)
	}
	var fields []string
	for _, f := range r.Fields {
		fields = append(fields, strings.Join([]string{f.Type, f.Field, f.In, f.Change, f.Before, f.After}, " "))
	}
	if want := []string{
		"CreatePetRequest kind request retyped Opt[PetKind] PetKind",
		"CreatePetRequest nickname request removed Opt[string] ",
		"Pet born_at response added  Timestamp",
		"Pet weight response retyped int64 float64",
	}; !slices.Equal(fields, want) {
		t.Errorf("fields:\n%q\nwant\n%q", fields, want)
	}
	if len(r.Enums) != 1 || r.Enums[0].Type != "PetKind" || !slices.Equal(r.Enums[0].Added, []string{"bird"}) || !slices.Equal(r.Enums[0].Removed, []string{"fish"}) {
		t.Errorf("enums %+v", r.Enums)
	}
	if len(r.TypesAdded) != 1 || r.TypesAdded[0].Name != "Toy" || len(r.TypesRemoved) != 1 || r.TypesRemoved[0].Name != "Order" {
		t.Errorf("types added %+v, removed %+v", r.TypesAdded, r.TypesRemoved)
	}

	// oasdiff's rules, not ours: the removed path, the narrowed enum and the newly required
	// property break clients; the removed parameter and property may.
	rules := map[string]bool{}
	for _, c := range r.HTTP.Breaking {
		rules[c.Operation+" "+c.Rule] = true
	}
	for _, want := range []string{
		"DELETE /orders/{id} api-path-removed-without-deprecation",
		"POST /pets request-property-became-required",
		"GET /pets request-parameter-enum-value-removed",
		"GET /pets/{id} response-property-enum-value-added",
	} {
		if !rules[want] {
			t.Errorf("oasdiff breaking changes lack %q: %+v", want, r.HTTP.Breaking)
		}
	}
	warned := map[string]bool{}
	for _, c := range r.HTTP.Warnings {
		warned[c.Operation+" "+c.Rule] = true
	}
	if !warned["GET /pets request-parameter-removed"] || !warned["POST /pets request-property-removed"] {
		t.Errorf("oasdiff warnings: %+v", r.HTTP.Warnings)
	}
	if r.HTTP.Info == 0 {
		t.Error("oasdiff found no informational change (an endpoint was added)")
	}

	// apidiff: what stops compiling, and what is only added.
	for _, want := range []string{
		"Pet.Weight: changed from int64 to float64",
		"CreatePetRequest.Kind: changed from Opt[PetKind] to PetKind",
		"OrdersService: removed",
		"PetKindFish: removed",
		"(*PetsService).Get: changed from func(context.Context, int64, ...Option) (*Pet, error) to func(context.Context, string, ...Option) (*Pet, error)",
	} {
		if !slices.Contains(r.Go.Incompatible, want) {
			t.Errorf("apidiff incompatible changes lack %q: %q", want, r.Go.Incompatible)
		}
	}
	for _, want := range []string{"ToysService: added", "Pet.BornAt: added", "PetKindBird: added"} {
		if !slices.Contains(r.Go.Compatible, want) {
			t.Errorf("apidiff compatible changes lack %q: %q", want, r.Go.Compatible)
		}
	}
}

func TestCode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"":            "",
		"a b":         "`a b`",
		"a\n  b":      "`a b`",
		"a|b":         "`a\\|b`",
		"a`b":         "``a`b``",
		"`a":          "`` `a ``",
		"map[string]": "`map[string]`",
	} {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %q, want %q", in, got, want)
		}
	}
	if got := apidiffMessage("Pet.Weight: changed from int64 to float64"); got != "`Pet.Weight`: changed from int64 to float64" {
		t.Errorf("apidiffMessage = %q", got)
	}
}

func TestCompareFailsOnABrokenSide(t *testing.T) {
	t.Parallel()
	broken := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(broken, []byte("openapi: 3.0.1\ninfo: {title: x, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n        '200': {$ref: '#/components/responses/nope'}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Compare(t.Context(), Options{
		From:    Side{Spec: "testdata/shop/from.yaml", Webhooks: "testdata/shop/webhooks.yaml"},
		To:      Side{Label: "the broken one", Spec: broken},
		PkgPath: "example.com/shop/intercom", Runtime: runtimeDir,
	})
	if err == nil || !strings.Contains(err.Error(), "to the broken one") || !strings.Contains(err.Error(), "does not resolve") {
		t.Errorf("got %v", err)
	}
	_, err = Compare(t.Context(), Options{
		From:    Side{Spec: "testdata/shop/from.yaml", Webhooks: "testdata/shop/webhooks.yaml"},
		To:      Side{Spec: "testdata/shop/to.yaml", Webhooks: "testdata/shop/webhooks.yaml"},
		PkgPath: "example.com/shop/intercom", Runtime: t.TempDir(),
	})
	if err == nil || !strings.Contains(err.Error(), "no hand-written runtime") {
		t.Errorf("without a runtime: %v", err)
	}
}

// firstDiff shows the first differing line of two texts, with its line number.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines)"
}
