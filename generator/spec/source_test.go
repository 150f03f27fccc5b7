package spec

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// goodSHA is a well-formed sha256 that pins nothing in particular.
const goodSHA = "f879783494d96e7d0e1e913d136f5f60b330f0a65db198ec34a51a058b0cd1c3"

const goodSource = `# The pinned upstream OpenAPI description.

repository: intercom/Intercom-OpenAPI
commit:  8889625a7b931d8649e18726e7f872ff073520fc
   path: descriptions/2.9/api.intercom.io.yaml
sha256: ` + goodSHA + `
version: 2.9
`

var wantSource = Source{
	Repository: "intercom/Intercom-OpenAPI",
	Commit:     "8889625a7b931d8649e18726e7f872ff073520fc",
	Path:       "descriptions/2.9/api.intercom.io.yaml",
	SHA256:     goodSHA,
	Version:    "2.9",
}

func TestParseSource(t *testing.T) {
	got, err := ParseSource("SOURCE", []byte(goodSource))
	if err != nil {
		t.Fatal(err)
	}
	if got != wantSource {
		t.Errorf("got %+v\nwant %+v", got, wantSource)
	}
	if want := "https://raw.githubusercontent.com/intercom/Intercom-OpenAPI/8889625a7b931d8649e18726e7f872ff073520fc/descriptions/2.9/api.intercom.io.yaml"; got.URL() != want {
		t.Errorf("URL() = %s, want %s", got.URL(), want)
	}
}

func TestParseSourceErrors(t *testing.T) {
	replace := func(old, new string) string {
		if !strings.Contains(goodSource, old) {
			t.Fatalf("goodSource has no %q", old)
		}
		return strings.Replace(goodSource, old, new, 1)
	}
	cases := []struct {
		name, data string
		want       []string // substrings of the error
	}{
		{"empty", "", []string{"SOURCE: missing repository, commit, path, sha256, version"}},
		{"only comments", "# nothing\n\n  # here\n", []string{"missing repository, commit, path, sha256, version"}},
		{"missing keys", replace("version: 2.9\n", ""), []string{"SOURCE: missing version"}},
		{"missing two keys", "repository: a/b\ncommit: c\npath: p\n", []string{"SOURCE: missing sha256, version"}},
		{"empty value", replace("commit:  8889625a7b931d8649e18726e7f872ff073520fc", "commit:"), []string{"SOURCE: missing commit"}},
		{"sha256 not hex", replace(goodSHA, strings.Repeat("zz", 32)), []string{"SOURCE:6:", "is not 64 hex digits"}},
		{"sha256 too short", replace(goodSHA, goodSHA[:62]), []string{"SOURCE:6:", `"` + goodSHA[:62] + `"`, "is not 64 hex digits"}},
		{"sha256 too long", replace(goodSHA, goodSHA+"00"), []string{"SOURCE:6:", "is not 64 hex digits"}},
		{"unknown key", replace("version: 2.9\n", "version: 2.9\n\nbranch: main\n"), []string{"SOURCE:9:", `unknown key "branch"`}},
		{"unknown key is case sensitive", replace("repository:", "Repository:"), []string{"SOURCE:3:", `unknown key "Repository"`}},
		{"not key value", replace("version: 2.9\n", "version 2.9\n"), []string{"SOURCE:7:", `want "key: value", got "version 2.9"`}},
		{"duplicate key", goodSource + "sha256: " + goodSHA + "\n", []string{"SOURCE:8:", "sha256 is already set on line 6"}},
		{"line too long", goodSource + "# " + strings.Repeat("x", 70_000) + "\n", []string{"SOURCE: ", "too long"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := ParseSource("SOURCE", []byte(c.data))
			if err == nil {
				t.Fatalf("no error; parsed %+v", s)
			}
			if s != (Source{}) {
				t.Errorf("returned %+v with the error, want the zero Source", s)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestSourceFormatRoundTrip(t *testing.T) {
	got, err := ParseSource("formatted", wantSource.Format())
	if err != nil {
		t.Fatalf("%v\n%s", err, wantSource.Format())
	}
	if got != wantSource {
		t.Errorf("round trip: got %+v, want %+v", got, wantSource)
	}
}

func TestReadSource(t *testing.T) {
	// The repository's own pin must always parse.
	s, err := ReadSource("../../spec/SOURCE")
	if err != nil {
		t.Fatal(err)
	}
	if s.Repository != "intercom/Intercom-OpenAPI" || len(s.Commit) != 40 {
		t.Errorf("spec/SOURCE parsed as %+v", s)
	}
	_, err = ReadSource(filepath.Join(t.TempDir(), "SOURCE"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "read spec source") {
		t.Errorf("missing file: got %v", err)
	}
}

func TestSum(t *testing.T) {
	// FIPS 180-2 test vector.
	if got, want := Sum([]byte("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; got != want {
		t.Errorf("Sum(abc) = %s, want %s", got, want)
	}
}

// pin returns a Source pinning data.
func pin(data []byte) Source {
	s := wantSource
	s.SHA256 = Sum(data)
	return s
}

// mustWrite writes a file for a test.
func mustWrite(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// assertFile checks that path holds want, or does not exist when want is nil.
func assertFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if want == nil {
		if !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s exists (err %v) but should not", path, err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s holds %q, want %q", path, got, want)
	}
}

// assertOnly checks that dir holds exactly the named entries (no temporary files left over).
func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

func TestFetchLocal(t *testing.T) {
	desc := []byte("openapi: 3.0.1\n")
	t.Run("ok", func(t *testing.T) {
		dir := t.TempDir()
		from, dest := filepath.Join(dir, "upstream.yaml"), filepath.Join(dir, "out", "api.yaml")
		mustWrite(t, from, desc)
		if err := Fetch(t.Context(), nil, pin(desc), from, dest); err != nil {
			t.Fatal(err)
		}
		assertFile(t, dest, desc)
		assertOnly(t, filepath.Dir(dest), "api.yaml")
	})
	t.Run("uppercase pin", func(t *testing.T) {
		dir := t.TempDir()
		from, dest := filepath.Join(dir, "upstream.yaml"), filepath.Join(dir, "api.yaml")
		mustWrite(t, from, desc)
		src := pin(desc)
		src.SHA256 = strings.ToUpper(src.SHA256)
		if err := Fetch(t.Context(), nil, src, from, dest); err != nil {
			t.Fatal(err)
		}
		assertFile(t, dest, desc)
	})
	t.Run("replaces an old copy", func(t *testing.T) {
		dir := t.TempDir()
		from, dest := filepath.Join(dir, "upstream.yaml"), filepath.Join(dir, "api.yaml")
		mustWrite(t, from, desc)
		mustWrite(t, dest, []byte("old"))
		if err := Fetch(t.Context(), nil, pin(desc), from, dest); err != nil {
			t.Fatal(err)
		}
		assertFile(t, dest, desc)
		assertOnly(t, dir, "api.yaml", "upstream.yaml")
	})
	for _, old := range [][]byte{nil, []byte("the previous description\n")} {
		name := "checksum mismatch, no old copy"
		if old != nil {
			name = "checksum mismatch keeps the old copy"
		}
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			from, dest := filepath.Join(dir, "upstream.yaml"), filepath.Join(dir, "api.yaml")
			mustWrite(t, from, []byte("openapi: 3.0.1 # edited\n"))
			if old != nil {
				mustWrite(t, dest, old)
			}
			src := pin(desc)
			err := Fetch(t.Context(), nil, src, from, dest)
			var ce *ChecksumError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *ChecksumError", err)
			}
			if ce.From != from || ce.Want != src.SHA256 || ce.Got != Sum([]byte("openapi: 3.0.1 # edited\n")) {
				t.Errorf("ChecksumError = %+v", ce)
			}
			for _, w := range []string{from, ce.Got, ce.Want, "refusing", "spec/README.md"} {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			assertFile(t, dest, old)
			if old == nil {
				assertOnly(t, dir, "upstream.yaml")
			} else {
				assertOnly(t, dir, "api.yaml", "upstream.yaml")
			}
		})
	}
	t.Run("missing local file", func(t *testing.T) {
		dir := t.TempDir()
		dest := filepath.Join(dir, "api.yaml")
		err := Fetch(t.Context(), nil, pin(desc), filepath.Join(dir, "nope.yaml"), dest)
		var ce *ChecksumError
		if err == nil || errors.As(err, &ce) || !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("got %v, want a not-exist error", err)
		}
		assertFile(t, dest, nil)
	})
}

// requests records the requests a test server received.
type requests struct {
	mu   sync.Mutex
	seen []string
}

func (r *requests) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen = append(r.seen, s)
}

func (r *requests) get() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.seen)
}

// serve starts a loopback server answering with handler, and returns src pointed at it and the
// requests it receives.
func serve(t *testing.T, src Source, handler http.HandlerFunc) (Source, *requests) {
	t.Helper()
	reqs := &requests{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqs.add(r.Method + " " + r.URL.Path)
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	src.base = srv.URL + "/"
	return src, reqs
}

func TestFetchDownload(t *testing.T) {
	desc := []byte("openapi: 3.0.1\ninfo: {title: T, version: '1'}\n")
	wantPath := "GET /intercom/Intercom-OpenAPI/8889625a7b931d8649e18726e7f872ff073520fc/descriptions/2.9/api.intercom.io.yaml"
	body := func(data []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { w.Write(data) }
	}

	t.Run("ok", func(t *testing.T) {
		src, paths := serve(t, pin(desc), body(desc))
		dest := filepath.Join(t.TempDir(), "api.yaml")
		if err := Fetch(t.Context(), http.DefaultClient, src, "", dest); err != nil {
			t.Fatal(err)
		}
		assertFile(t, dest, desc)
		if got := paths.get(); len(got) != 1 || got[0] != wantPath {
			t.Errorf("requests %q, want [%q]", got, wantPath)
		}
	})
	t.Run("nil client", func(t *testing.T) {
		src, _ := serve(t, pin(desc), body(desc))
		dest := filepath.Join(t.TempDir(), "api.yaml")
		if err := Fetch(t.Context(), nil, src, "", dest); err != nil {
			t.Fatal(err)
		}
		assertFile(t, dest, desc)
	})
	t.Run("checksum mismatch", func(t *testing.T) {
		src, _ := serve(t, pin(desc), body([]byte("tampered")))
		dir := t.TempDir()
		dest := filepath.Join(dir, "api.yaml")
		mustWrite(t, dest, []byte("old"))
		err := Fetch(t.Context(), http.DefaultClient, src, "", dest)
		var ce *ChecksumError
		if !errors.As(err, &ce) {
			t.Fatalf("got %v, want a *ChecksumError", err)
		}
		if ce.From != src.URL() || ce.Got != Sum([]byte("tampered")) || ce.Want != src.SHA256 {
			t.Errorf("ChecksumError = %+v", ce)
		}
		assertFile(t, dest, []byte("old"))
		assertOnly(t, dir, "api.yaml")
	})
	t.Run("not found", func(t *testing.T) {
		src, _ := serve(t, pin(desc), http.NotFound)
		dir := t.TempDir()
		dest := filepath.Join(dir, "api.yaml")
		err := Fetch(t.Context(), http.DefaultClient, src, "", dest)
		if err == nil || !strings.Contains(err.Error(), "404 Not Found") || !strings.Contains(err.Error(), src.URL()) {
			t.Fatalf("got %v, want a 404 naming the URL", err)
		}
		assertOnly(t, dir)
	})
	t.Run("unreachable", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0") // a port nobody listens on once closed
		if err != nil {
			t.Fatal(err)
		}
		src := pin(desc)
		src.base = "http://" + ln.Addr().String() + "/"
		ln.Close()
		dir := t.TempDir()
		err = Fetch(t.Context(), nil, src, "", filepath.Join(dir, "api.yaml"))
		var de *DownloadError
		if !errors.As(err, &de) || de.Source != src {
			t.Fatalf("got %v, want a *DownloadError for %+v", err, src)
		}
		for _, want := range []string{"connection refused", "SPEC_SOURCE=", src.SHA256, src.Commit, src.Path} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
		assertOnly(t, dir)
	})
	t.Run("too large", func(t *testing.T) {
		big := make([]byte, maxDescription+1)
		src, _ := serve(t, pin(desc), body(big)) // the size is refused before the sum is checked
		dir := t.TempDir()
		err := Fetch(t.Context(), http.DefaultClient, src, "", filepath.Join(dir, "api.yaml"))
		if err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Fatalf("got %v, want a size error", err)
		}
		assertOnly(t, dir)
	})
	t.Run("cancelled", func(t *testing.T) {
		src, paths := serve(t, pin(desc), body(desc))
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		dir := t.TempDir()
		err := Fetch(ctx, http.DefaultClient, src, "", filepath.Join(dir, "api.yaml"))
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
		if got := paths.get(); len(got) != 0 {
			t.Errorf("a cancelled fetch sent %q", got)
		}
		assertOnly(t, dir)
	})
}
