package main

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gointercom/intercom/generator/spec"
)

// tinySpec is a small valid description (the pipeline's golden test input), and tinyWebhooks its
// webhook topics.
const (
	tinySpec     = "../../testdata/tiny/openapi.yaml"
	tinyWebhooks = "../../testdata/tiny/webhooks.yaml"
)

// call runs the command line args and returns its exit code and output.
func call(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(t.Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// tree reads every file under dir, by path relative to dir.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lineOf returns the 1-based line of the only occurrence of sub in text.
func lineOf(t *testing.T, text, sub string) int {
	t.Helper()
	if strings.Count(text, sub) != 1 {
		t.Fatalf("%q occurs %d times", sub, strings.Count(text, sub))
	}
	before, _, _ := strings.Cut(text, sub)
	return strings.Count(before, "\n") + 1
}

func readTiny(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(tinySpec)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestUsage(t *testing.T) {
	t.Parallel()
	if code, _, stderr := call(t); code != 2 || !strings.Contains(stderr, "usage: intercomgen spec|bump|generate|changes") {
		t.Errorf("no arguments: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := call(t, "frobnicate"); code != 1 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr)
	}
	for _, cmd := range []string{"spec", "bump", "generate", "changes"} {
		if code, _, stderr := call(t, cmd, "-nope"); code != 1 || !strings.Contains(stderr, "flag provided but not defined: -nope") || !strings.Contains(stderr, "Usage of "+cmd) {
			t.Errorf("%s -nope: exit %d, stderr %q", cmd, code, stderr)
		}
		if code, _, stderr := call(t, cmd, "-h"); code != 0 || !strings.Contains(stderr, "Usage of "+cmd) {
			t.Errorf("%s -h: exit %d, stderr %q", cmd, code, stderr)
		}
	}
	// "check" without its dash is an argument, not a flag: refused rather than taken for a
	// plain generate that writes.
	dir := t.TempDir()
	code, _, stderr := call(t, "generate", "-spec", tinySpec, "-overlay", "", "-out", dir, "check")
	if code != 1 || !strings.Contains(stderr, `unexpected arguments ["check"]`) {
		t.Errorf("generate check: exit %d, stderr %q", code, stderr)
	}
	if got := tree(t, dir); len(got) != 0 {
		t.Errorf("generate check wrote %v", got)
	}
}

func TestGenerateAndCheck(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "intercom")
	writeFile(t, filepath.Join(out, "client.go"), "package intercom // hand-written\n")
	writeFile(t, filepath.Join(out, "intercomtest", "server.go"), "package intercomtest // hand-written\n")
	args := []string{"-spec", tinySpec, "-overlay", "", "-webhooks", tinyWebhooks, "-out", out, "-pkg", "example.com/x/intercom"}

	code, stdout, stderr := call(t, append([]string{"generate"}, args...)...)
	if code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "generate: ") || !strings.Contains(stdout, "files, ") || stderr != "" {
		t.Errorf("generate: stdout %q, stderr %q", stdout, stderr)
	}
	first := tree(t, out)
	if first["client.go"] != "package intercom // hand-written\n" {
		t.Error("generate changed the hand-written client.go")
	}
	if !strings.HasPrefix(first["client_gen.go"], "// Code generated") || !strings.Contains(first["client_gen.go"], "package intercom") {
		t.Errorf("client_gen.go:\n%.200s", first["client_gen.go"])
	}
	if !strings.Contains(first["webhooks_gen.go"], `TopicPetCreated Topic = "pet.created"`) {
		t.Errorf("webhooks_gen.go has no topic from -webhooks:\n%.300s", first["webhooks_gen.go"])
	}
	routes := filepath.Join("intercomtest", "routes_gen.go")
	if !strings.Contains(first[routes], "package intercomtest") || !strings.Contains(first[routes], `intercom "example.com/x/intercom"`) {
		t.Errorf("%s, the fake server's route table:\n%.300s", routes, first[routes])
	}
	if first[filepath.Join("intercomtest", "server.go")] != "package intercomtest // hand-written\n" {
		t.Error("generate changed the hand-written intercomtest/server.go")
	}

	// Generating again changes nothing, and -check agrees.
	code, stdout, _ = call(t, append([]string{"generate"}, args...)...)
	if code != 0 || !strings.Contains(stdout, " 0 changed") {
		t.Errorf("second generate: exit %d, stdout %q", code, stdout)
	}
	if !maps.Equal(tree(t, out), first) {
		t.Error("a second generate changed the output")
	}
	code, stdout, stderr = call(t, append([]string{"generate", "-check"}, args...)...)
	if code != 0 || stdout != "generate: "+out+" is up to date\n" || stderr != "" {
		t.Errorf("check of a fresh dir: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	// Make the directory stale in every way: an edited file, a missing one, a leftover one.
	writeFile(t, filepath.Join(out, "models_pets_gen.go"), "package intercom // edited by hand\n")
	if err := os.Remove(filepath.Join(out, "service_pets_gen.go")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(out, "models_old_gen.go"), "package intercom // no longer generated\n")
	writeFile(t, filepath.Join(out, routes), "package intercomtest // edited by hand\n")
	writeFile(t, filepath.Join(out, "intercomtest", "old_gen.go"), "package intercomtest // no longer generated\n")
	stale := tree(t, out)

	code, stdout, stderr = call(t, append([]string{"generate", "-check"}, args...)...)
	if code == 0 {
		t.Fatalf("check of a stale dir passed: %s", stdout)
	}
	want := "intercomgen: " + out + " is stale; run `make generate`:\n" +
		"  delete intercomtest/old_gen.go\n" +
		"  update intercomtest/routes_gen.go\n" +
		"  delete models_old_gen.go\n" +
		"  update models_pets_gen.go\n" +
		"  create service_pets_gen.go\n"
	if stderr != want || stdout != "" {
		t.Errorf("check of a stale dir: stdout %q, stderr:\n%s\nwant:\n%s", stdout, stderr, want)
	}
	if !maps.Equal(tree(t, out), stale) {
		t.Error("generate -check changed the output directory")
	}

	// Generating repairs it.
	if code, _, stderr := call(t, append([]string{"generate"}, args...)...); code != 0 {
		t.Fatalf("generate: exit %d\n%s", code, stderr)
	}
	if !maps.Equal(tree(t, out), first) {
		t.Error("generate did not restore the output")
	}
}

func TestGenerateBrokenSpecLeavesOutputUntouched(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// Two dangling references in a copy of the tiny description.
	broken := readTiny(t)
	for _, r := range []struct{ old, new string }{
		{"schema: {$ref: '#/components/schemas/pet_list'}", "schema: {$ref: '#/components/schemas/pet_page'}"},
		{"friend: {$ref: '#/components/schemas/owner'}", "friend: {$ref: '#/components/schemas/friend'}"},
	} {
		if !strings.Contains(broken, r.old) {
			t.Fatalf("tiny spec has no %q", r.old)
		}
		broken = strings.Replace(broken, r.old, r.new, 1)
	}
	specPath := filepath.Join(dir, "api.yaml")
	writeFile(t, specPath, broken)

	out := filepath.Join(dir, "out")
	writeFile(t, filepath.Join(out, "sentinel_gen.go"), "package intercom // generated by an earlier run\n")
	writeFile(t, filepath.Join(out, "client.go"), "package intercom // hand-written\n")
	before := tree(t, out)
	beforeTimes := map[string]os.FileInfo{}
	for name := range before {
		fi, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		beforeTimes[name] = fi
	}

	for _, check := range []bool{false, true} {
		args := []string{"generate", "-spec", specPath, "-overlay", "", "-webhooks", "", "-out", out}
		if check {
			args = append(args, "-check")
		}
		code, stdout, stderr := call(t, args...)
		if code == 0 {
			t.Fatalf("%v: exit 0 for a broken description", args)
		}
		if stdout != "" {
			t.Errorf("stdout %q", stdout)
		}
		for _, w := range []string{
			"2 problems:",
			fmt.Sprintf("%s:%d: #/paths/~1pets/get/responses/200/content/application~1json/schema: $ref \"#/components/schemas/pet_page\" does not resolve",
				specPath, lineOf(t, broken, "pet_page")),
			fmt.Sprintf("%s:%d: #/components/schemas/owner/properties/friend: $ref \"#/components/schemas/friend\" does not resolve",
				specPath, lineOf(t, broken, "schemas/friend")),
		} {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr does not contain %q:\n%s", w, stderr)
			}
		}
		if got := tree(t, out); !maps.Equal(got, before) {
			t.Errorf("the output directory changed:\n got %v\nwant %v", got, before)
		}
		for name, fi := range beforeTimes {
			after, err := os.Stat(filepath.Join(out, name))
			if err != nil || !os.SameFile(fi, after) || !after.ModTime().Equal(fi.ModTime()) {
				t.Errorf("%s was rewritten", name)
			}
		}
	}
}

func TestGenerateMissingSpec(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := call(t, "generate", "-spec", filepath.Join(t.TempDir(), "api.yaml"), "-out", out)
	if code != 1 || !strings.Contains(stderr, "run `make spec`") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("the output directory was created")
	}
}

func TestSpecFrom(t *testing.T) {
	// Not parallel: a subtest sets SPEC_SOURCE.
	dir := t.TempDir()
	desc := "openapi: 3.0.1\n"
	from := filepath.Join(dir, "upstream.yaml")
	writeFile(t, from, desc)
	pinned := spec.Source{Repository: "intercom/Intercom-OpenAPI", Commit: strings.Repeat("a", 40),
		Path: "descriptions/2.9/api.intercom.io.yaml", SHA256: spec.Sum([]byte(desc)), Version: "2.9"}

	t.Run("ok", func(t *testing.T) {
		source := filepath.Join(dir, "SOURCE.ok")
		writeFile(t, source, string(pinned.Format()))
		out := filepath.Join(dir, "ok", "api.yaml")
		code, stdout, stderr := call(t, "spec", "-source", source, "-from", from, "-out", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		want := "spec: " + out + " (Intercom API 2.9, sha256 " + pinned.SHA256[:12] + ") from " + from + "\n"
		if stdout != want {
			t.Errorf("stdout %q, want %q", stdout, want)
		}
		if data, err := os.ReadFile(out); err != nil || string(data) != desc {
			t.Errorf("out holds %q, %v", data, err)
		}
	})
	t.Run("wrong sha256", func(t *testing.T) {
		wrong := pinned
		wrong.SHA256 = spec.Sum([]byte("another description"))
		source := filepath.Join(dir, "SOURCE.wrong")
		writeFile(t, source, string(wrong.Format()))
		out := filepath.Join(dir, "wrong", "api.yaml")
		writeFile(t, out, "the description fetched before\n")
		code, stdout, stderr := call(t, "spec", "-source", source, "-from", from, "-out", out)
		if code != 1 || stdout != "" {
			t.Fatalf("exit %d, stdout %q", code, stdout)
		}
		for _, w := range []string{"intercomgen: sha256 of " + from, spec.Sum([]byte(desc)), wrong.SHA256, "refusing"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("stderr %q does not contain %q", stderr, w)
			}
		}
		if got := tree(t, filepath.Dir(out)); !maps.Equal(got, map[string]string{"api.yaml": "the description fetched before\n"}) {
			t.Errorf("the output directory changed: %v", got)
		}
	})
	t.Run("SPEC_SOURCE", func(t *testing.T) {
		source := filepath.Join(dir, "SOURCE.env")
		writeFile(t, source, string(pinned.Format()))
		out := filepath.Join(dir, "env", "api.yaml")
		t.Setenv("SPEC_SOURCE", from)
		if code, _, stderr := call(t, "spec", "-source", source, "-out", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if data, err := os.ReadFile(out); err != nil || string(data) != desc {
			t.Errorf("out holds %q, %v", data, err)
		}
	})
	t.Run("bad SOURCE", func(t *testing.T) {
		source := filepath.Join(dir, "SOURCE.bad")
		writeFile(t, source, "repository: a/b\nbranch: main\n")
		out := filepath.Join(dir, "bad", "api.yaml")
		code, _, stderr := call(t, "spec", "-source", source, "-from", from, "-out", out)
		if code != 1 || !strings.Contains(stderr, source+`:2: unknown key "branch"`) {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("out was written")
		}
	})
	t.Run("missing SOURCE", func(t *testing.T) {
		code, _, stderr := call(t, "spec", "-source", filepath.Join(dir, "nope"), "-from", from, "-out", filepath.Join(dir, "x.yaml"))
		if code != 1 || !strings.Contains(stderr, "read spec source") {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
}

func TestBump(t *testing.T) {
	// Not parallel: it sets SPEC_SOURCE.
	dir := t.TempDir()
	pinned := spec.Source{Repository: "intercom/Intercom-OpenAPI", Commit: strings.Repeat("a", 40),
		Path: "descriptions/2.9/api.intercom.io.yaml", SHA256: spec.Sum([]byte("openapi: 3.0.1\n")), Version: "2.9"}
	source := filepath.Join(dir, "SOURCE")
	out := filepath.Join(dir, "api.yaml")
	writeFile(t, source, string(pinned.Format()))
	writeFile(t, out, "the 2.9 description\n")
	v210 := "openapi: 3.0.1\ninfo: {title: Intercom API, version: '2.10'}\n"
	from210 := filepath.Join(dir, "2.10.yaml")
	writeFile(t, from210, v210)
	from29 := filepath.Join(dir, "2.9.yaml")
	writeFile(t, from29, "openapi: 3.0.1\ninfo: {title: Intercom API, version: '2.9'}\n")

	// Refused: no version, or bytes of another version (SPEC_SOURCE still naming the old copy).
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"bump", "-source", source, "-from", from210, "-out", out}, "-version is required"},
		{[]string{"bump", "-version", "2.10", "-source", source, "-from", from29, "-out", out}, "has info.version 2.9, not 2.10"},
		{[]string{"bump", "-version", "2.10", "-commit", "main", "-source", source, "-from", from210, "-out", out}, "not a full commit hash"},
	} {
		code, stdout, stderr := call(t, c.args...)
		if code != 1 || stdout != "" || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q, want %q", c.args, code, stdout, stderr, c.want)
		}
	}
	if got := tree(t, dir); got["SOURCE"] != string(pinned.Format()) || got["api.yaml"] != "the 2.9 description\n" {
		t.Fatalf("a refused bump changed the pin or the description: %v", got)
	}

	commit := strings.Repeat("b", 40)
	t.Setenv("SPEC_SOURCE", from210)
	code, stdout, stderr := call(t, "bump", "-version", "2.10", "-commit", commit, "-source", source, "-out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := spec.Source{Repository: pinned.Repository, Commit: commit, Path: "descriptions/2.10/api.intercom.io.yaml", SHA256: spec.Sum([]byte(v210)), Version: "2.10"}
	got := tree(t, dir)
	if got["SOURCE"] != string(want.Format()) {
		t.Errorf("SOURCE:\n%s\nwant:\n%s", got["SOURCE"], want.Format())
	}
	if got["api.yaml"] != v210 {
		t.Errorf("the description is %q", got["api.yaml"])
	}
	for _, w := range []string{"pins Intercom API 2.10 (was 2.9)", "from " + from210, "spec/overlays/versions.yaml"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("stdout %q lacks %q", stdout, w)
		}
	}
	// The new pin is one `spec` accepts.
	if code, _, stderr := call(t, "spec", "-source", source, "-from", from210, "-out", filepath.Join(dir, "again.yaml")); code != 0 {
		t.Errorf("spec after bump: %s", stderr)
	}
}

// TestGenerateOverlaysInOrder applies two overlays: the second sees what the first did, and a
// target the description lacks is reported with the overlay it is in.
func TestGenerateOverlaysInOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first := filepath.Join(dir, "first.yaml")
	second := filepath.Join(dir, "second.yaml")
	header := "overlay: 1.0.0\ninfo: {title: o, version: '1'}\nactions:\n"
	writeFile(t, first, header+"  - target: $.paths['/pets'].get\n    description: first name\n    update: {x-go-name: Browse}\n")
	writeFile(t, second, header+"  - target: $.paths['/pets'].get[?(@.x-go-name == 'Browse')]\n    description: renamed again, after the first\n    update: {x-go-name: Catalogue}\n")
	out := filepath.Join(dir, "out")
	args := []string{"generate", "-spec", tinySpec, "-webhooks", tinyWebhooks, "-out", out, "-pkg", "example.com/x/intercom"}
	code, _, stderr := call(t, append(args, "-overlay", first, "-overlay", second)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	files := tree(t, out)
	if !strings.Contains(files["service_pets_gen.go"], ") Catalogue(ctx context.Context") || !strings.Contains(files["reference_gen.md"], "`CatalogueAll(") {
		t.Error("the second overlay did not rename the method the first had named")
	}

	gone := filepath.Join(dir, "gone.yaml")
	writeFile(t, gone, header+"  - target: $.paths['/tickets/search'].post\n    description: only in a later version\n    update: {x-go-name: Search}\n")
	code, _, stderr = call(t, append(args, "-overlay", first, "-overlay", gone)...)
	if code != 1 || !strings.Contains(stderr, "apply overlay "+gone) || !strings.Contains(stderr, gone+":4:") || !strings.Contains(stderr, "matches nothing") {
		t.Errorf("an action whose target vanished: exit %d, stderr %q", code, stderr)
	}
}

func TestChanges(t *testing.T) {
	t.Parallel()
	const shop = "../../changes/testdata/shop/"
	out := filepath.Join(t.TempDir(), "report.md")
	args := []string{"changes", "-from", shop + "from.yaml", "-to", shop + "to.yaml", "-from-overlay", "", "-to-overlay", "",
		"-webhooks", shop + "webhooks.yaml", "-runtime", "../../../gen/intercom", "-pkg", "example.com/shop/intercom"}
	code, stdout, stderr := call(t, append(args, "-out", out, "-to-label", "the new shop")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stdout != "" || !strings.Contains(stderr, "1 operations added, 1 removed, 2 changed; 10 breaking HTTP changes, 11 incompatible Go changes") {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	report := tree(t, filepath.Dir(out))["report.md"]
	for _, w := range []string{"## API changes: Shop 1.0 → 2.0", "| to | `the new shop` |", "| `Toys.List` | `GET /toys` | List toys |"} {
		if !strings.Contains(report, w) {
			t.Errorf("the report lacks %q:\n%s", w, report)
		}
	}
	// Without -out the report goes to standard output.
	if code, stdout, stderr := call(t, args...); code != 0 || !strings.HasPrefix(stdout, "<!-- Generated by `intercomgen changes`") {
		t.Errorf("to stdout: exit %d, stderr %q, stdout %.100q", code, stderr, stdout)
	}
	code, _, stderr = call(t, "changes", "-from", "no/such/file-or-rev", "-to", shop+"to.yaml")
	if code != 1 || !strings.Contains(stderr, "no/such/file-or-rev is neither a description file nor a git revision") {
		t.Errorf("a bad -from: exit %d, stderr %q", code, stderr)
	}
}

// TestPinnedCopy: make test leaves the pinned version out of make versions only when the copy it
// would check is the pinned description; another copy, or none, is checked, and says why.
func TestPinnedCopy(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	pinned := spec.Source{Repository: "intercom/Intercom-OpenAPI", Commit: strings.Repeat("a", 40),
		Path: "descriptions/2.9/api.intercom.io.yaml", SHA256: spec.Sum([]byte("pinned\n")), Version: "2.9"}
	source := filepath.Join(dir, "SOURCE")
	writeFile(t, source, string(pinned.Format()))
	for _, c := range []struct {
		copy, want, says string
	}{
		{"pinned\n", "2.9", ""},
		{"another\n", "", "sha256 is not the one spec/SOURCE pins"},
		{"", "", "no such file"},
	} {
		descriptions := t.TempDir()
		if c.copy != "" {
			writeFile(t, filepath.Join(descriptions, "2.9", "api.intercom.io.yaml"), c.copy)
		}
		var stderr strings.Builder
		got, err := pinnedCopy(source, descriptions, &stderr)
		if err != nil || got != c.want || !strings.Contains(stderr.String(), c.says) || (c.says == "") != (stderr.Len() == 0) {
			t.Errorf("copy %q: %q, %v, said %q; want %q, saying %q", c.copy, got, err, stderr.String(), c.want, c.says)
		}
	}
	if _, err := pinnedCopy(filepath.Join(dir, "none"), dir, new(strings.Builder)); err == nil {
		t.Error("no error without a SOURCE file")
	}
}
