package spec

import (
	"errors"
	"io/fs"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func TestBumpLocal(t *testing.T) {
	desc := []byte("openapi: 3.0.1\ninfo: {title: Intercom API, version: '2.10'}\n")
	from := filepath.Join(t.TempDir(), "api.yaml")
	mustWrite(t, from, desc)

	next, data, err := Bump(t.Context(), nil, wantSource, "2.10", "", from)
	if err != nil {
		t.Fatal(err)
	}
	want := Source{Repository: wantSource.Repository, Commit: wantSource.Commit,
		Path: "descriptions/2.10/api.intercom.io.yaml", SHA256: Sum(desc), Version: "2.10"}
	if next != want {
		t.Errorf("got %+v\nwant %+v", next, want)
	}
	if string(data) != string(desc) {
		t.Errorf("data %q", data)
	}
	// The new pin round-trips through the SOURCE format, and Fetch accepts the bytes.
	if back, err := ParseSource("SOURCE", next.Format()); err != nil || back != next {
		t.Errorf("round trip: %+v, %v", back, err)
	}
	dest := filepath.Join(t.TempDir(), "api.yaml")
	if err := Fetch(t.Context(), nil, next, from, dest); err != nil {
		t.Errorf("Fetch refuses what Bump pinned: %v", err)
	}

	commit := strings.Repeat("AB", 20)
	next, _, err = Bump(t.Context(), nil, wantSource, "2.10", commit, from)
	if err != nil || next.Commit != strings.ToLower(commit) {
		t.Errorf("with a commit: %+v, %v", next, err)
	}
}

func TestBumpDownload(t *testing.T) {
	desc := []byte("openapi: 3.0.1\ninfo:\n  title: Intercom API\n  version: '2.10'\n")
	commit := strings.Repeat("c", 40)
	src, reqs := serve(t, wantSource, func(w http.ResponseWriter, r *http.Request) { w.Write(desc) })
	next, data, err := Bump(t.Context(), http.DefaultClient, src, "2.10", commit, "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := reqs.get(), []string{"GET /intercom/Intercom-OpenAPI/" + commit + "/descriptions/2.10/api.intercom.io.yaml"}; len(got) != 1 || got[0] != want[0] {
		t.Errorf("requests %q, want %q", got, want)
	}
	if next.SHA256 != Sum(desc) || next.Version != "2.10" || string(data) != string(desc) {
		t.Errorf("got %+v", next)
	}
}

func TestBumpErrors(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "2.9.yaml")
	mustWrite(t, other, []byte("openapi: 3.0.1\ninfo: {title: Intercom API, version: '2.9'}\n"))
	noVersion := filepath.Join(dir, "none.yaml")
	mustWrite(t, noVersion, []byte("openapi: 3.0.1\n"))
	notYAML := filepath.Join(dir, "bad.yaml")
	mustWrite(t, notYAML, []byte("openapi: [\n"))
	for _, c := range []struct {
		name, version, commit, from string
		want                        string
	}{
		{"another version", "2.10", "", other, "has info.version 2.9, not 2.10"},
		{"no version", "2.10", "", noVersion, "has no info.version, not 2.10"},
		{"not YAML", "2.10", "", notYAML, "not valid YAML"},
		{"bad version", "../2.10", "", other, `version "../2.10" is not a version name`},
		{"empty version", "", "", other, `version "" is not a version name`},
		{"short commit", "2.10", "abc123", other, `commit "abc123" is not a full commit hash`},
		{"missing file", "2.10", "", filepath.Join(dir, "nope.yaml"), "fetch description"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := Bump(t.Context(), nil, wantSource, c.version, c.commit, c.from)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
	_, _, err := Bump(t.Context(), nil, wantSource, "2.10", "", filepath.Join(dir, "nope.yaml"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v does not wrap fs.ErrNotExist", err)
	}
}
