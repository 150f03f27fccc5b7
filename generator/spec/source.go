// Package spec pins, fetches and reads Intercom's OpenAPI description. The description is
// third-party data: it is never committed, only named (repository, commit, path, sha256) in a
// SOURCE file and fetched or copied on demand, and refused when its bytes are not the pinned ones.
package spec

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/gointercom/intercom/generator/atomicfile"
)

// Source pins one upstream description.
type Source struct {
	Repository string // "intercom/Intercom-OpenAPI"
	Commit     string // full commit hash
	Path       string // path of the description inside the repository
	SHA256     string // hex sha256 of the description's bytes
	Version    string // Intercom API version the description describes

	// base replaces rawBase in URL when set; tests point it at a local server.
	base string
}

// rawBase serves the files of public GitHub repositories at a given commit.
const rawBase = "https://raw.githubusercontent.com/"

// URL is where the pinned file is served from.
func (s Source) URL() string {
	base := rawBase
	if s.base != "" {
		base = s.base
	}
	return base + s.Repository + "/" + s.Commit + "/" + s.Path
}

// ReadSource parses a SOURCE file: "key: value" lines, '#' comments and blank lines ignored.
func ReadSource(path string) (Source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Source{}, fmt.Errorf("read spec source: %w", err)
	}
	return ParseSource(path, data)
}

// ParseSource parses the contents of a SOURCE file; name is used in error messages.
func ParseSource(name string, data []byte) (Source, error) {
	var s Source
	fields := map[string]*string{
		"repository": &s.Repository, "commit": &s.Commit, "path": &s.Path,
		"sha256": &s.SHA256, "version": &s.Version,
	}
	lines := map[string]int{} // key -> line it is set on
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			return Source{}, fmt.Errorf("%s:%d: want \"key: value\", got %q", name, n, line)
		}
		key = strings.TrimSpace(key)
		dst, known := fields[key]
		if !known {
			return Source{}, fmt.Errorf("%s:%d: unknown key %q", name, n, key)
		}
		if first, dup := lines[key]; dup {
			return Source{}, fmt.Errorf("%s:%d: %s is already set on line %d", name, n, key, first)
		}
		lines[key] = n
		*dst = strings.TrimSpace(value)
	}
	if err := sc.Err(); err != nil {
		return Source{}, fmt.Errorf("%s: %w", name, err)
	}
	var missing []string
	for _, k := range []string{"repository", "commit", "path", "sha256", "version"} {
		if *fields[k] == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return Source{}, fmt.Errorf("%s: missing %s", name, strings.Join(missing, ", "))
	}
	if _, err := hex.DecodeString(s.SHA256); err != nil || len(s.SHA256) != 64 {
		return Source{}, fmt.Errorf("%s:%d: sha256 %q is not 64 hex digits", name, lines["sha256"], s.SHA256)
	}
	return s, nil
}

// Format renders s in the SOURCE file format.
func (s Source) Format() []byte {
	return fmt.Appendf(nil, "# The pinned upstream OpenAPI description (see spec/README.md to bump it).\n"+
		"repository: %s\ncommit: %s\npath: %s\nsha256: %s\nversion: %s\n",
		s.Repository, s.Commit, s.Path, s.SHA256, s.Version)
}

// ChecksumError reports bytes that are not the pinned description.
type ChecksumError struct {
	From      string // where the bytes came from (URL or file)
	Want, Got string // hex sha256
}

func (e *ChecksumError) Error() string {
	return fmt.Sprintf("sha256 of %s is %s, but spec/SOURCE pins %s: refusing a description that is not the pinned one "+
		"(to bump the version, follow spec/README.md)", e.From, e.Got, e.Want)
}

// Sum returns the hex sha256 of data.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// maxDescription bounds a download: the 2.9 description is under 1 MiB.
const maxDescription = 64 << 20

// Fetch obtains the pinned description and writes it to dest atomically. With from empty it
// downloads src.URL(); otherwise it copies the local file from. Either way the bytes must match
// src.SHA256, or nothing is written.
func Fetch(ctx context.Context, client *http.Client, src Source, from, dest string) error {
	var (
		data []byte
		err  error
		orig = from
	)
	if from == "" {
		orig = src.URL()
		if data, err = download(ctx, client, orig); err != nil {
			return &DownloadError{Source: src, Err: err}
		}
	} else {
		data, err = os.ReadFile(from)
	}
	if err != nil {
		return fmt.Errorf("fetch description: %w", err)
	}
	if got := Sum(data); !strings.EqualFold(got, src.SHA256) {
		return &ChecksumError{From: orig, Want: src.SHA256, Got: got}
	}
	return atomicfile.Write(dest, data)
}

// DownloadError is a failed download of a pinned description. Its message says how to do
// without the network: point SPEC_SOURCE at a local copy, whose bytes must have the pinned sum.
type DownloadError struct {
	Source Source // the pin whose description could not be downloaded
	Err    error  // why: DNS, connection, status, size, context
}

func (e *DownloadError) Error() string {
	return fmt.Sprintf("fetch description: %v\n"+
		"  without network, set SPEC_SOURCE to a local copy of %s at %s, path %s (sha256 %s),\n"+
		"  for example: SPEC_SOURCE=path/to/api.intercom.io.yaml make generate",
		e.Err, e.Source.Repository, e.Source.Commit, e.Source.Path, e.Source.SHA256)
}

func (e *DownloadError) Unwrap() error { return e.Err }

// Timeouts of the default download client. The dial timeout bounds the DNS lookup too, so that
// offline a fetch fails within seconds, not after the resolver's retries.
const (
	dialTimeout     = 10 * time.Second
	headerTimeout   = 30 * time.Second
	downloadTimeout = 2 * time.Minute
)

// downloadClient is the client used when the caller gives none.
func downloadClient() *http.Client {
	dialer := &net.Dialer{Timeout: dialTimeout}
	return &http.Client{
		Timeout: downloadTimeout,
		Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           dialer.DialContext,
			TLSHandshakeTimeout:   dialTimeout,
			ResponseHeaderTimeout: headerTimeout,
		},
	}
}

func download(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	if client == nil {
		client = downloadClient()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxDescription+1))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	if len(data) > maxDescription {
		return nil, fmt.Errorf("GET %s: larger than %d bytes", url, maxDescription)
	}
	return data, nil
}

// ErrNoDescription is returned by Load when the description has not been fetched.
var ErrNoDescription = errors.New("description not found: run `make spec` (or set SPEC_SOURCE=path to copy a local file)")
