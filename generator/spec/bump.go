package spec

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
)

// VersionPath is where Intercom's repository keeps the description of an API version.
func VersionPath(version string) string {
	return "descriptions/" + version + "/api.intercom.io.yaml"
}

var (
	versionRE = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._-]*$`)
	commitRE  = regexp.MustCompile(`^[0-9a-f]{40}$`)
)

// Bump pins another version of the description: the repository of cur, at commit (cur's commit
// when empty), the file VersionPath(version). It obtains the bytes (downloaded from the new
// pin's URL, or copied from the local file from when it is not empty), refuses them unless
// their info.version is version, and returns the new pin, with their sha256, and the bytes. It
// writes nothing: the caller writes the pin and the description together.
func Bump(ctx context.Context, client *http.Client, cur Source, version, commit, from string) (Source, []byte, error) {
	if !versionRE.MatchString(version) {
		return Source{}, nil, fmt.Errorf("bump: version %q is not a version name like 2.10", version)
	}
	if commit == "" {
		commit = cur.Commit
	}
	commit = strings.ToLower(commit)
	if !commitRE.MatchString(commit) {
		return Source{}, nil, fmt.Errorf("bump: commit %q is not a full commit hash (40 hex digits)", commit)
	}
	next := cur
	next.Commit, next.Path, next.Version = commit, VersionPath(version), version
	var (
		data []byte
		err  error
		orig = from
	)
	if from == "" {
		orig = next.URL()
		if data, err = download(ctx, client, orig); err != nil {
			return Source{}, nil, fmt.Errorf("bump: %w", &DownloadError{Source: next, Err: err})
		}
	} else {
		data, err = os.ReadFile(from)
	}
	if err != nil {
		return Source{}, nil, fmt.Errorf("bump: fetch description: %w", err)
	}
	doc, err := Parse(orig, data)
	if err != nil {
		return Source{}, nil, fmt.Errorf("bump: %w", err)
	}
	if got := doc.Version(); got != version {
		have := "no info.version"
		if got != "" {
			have = "info.version " + got
		}
		return Source{}, nil, fmt.Errorf("bump: %s has %s, not %s: is it the description of another version? (check SPEC_SOURCE)", orig, have, version)
	}
	next.SHA256 = Sum(data)
	return next, data, nil
}
