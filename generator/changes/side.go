package changes

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gointercom/intercom/generator/overlay"
	"github.com/gointercom/intercom/generator/spec"
)

// Tree says where a checkout keeps the generator's inputs; paths are relative to the root of
// the repository (the directory the commands run in).
type Tree struct {
	Source      string // "spec/SOURCE"
	Description string // "spec/api.intercom.io.yaml", the fetched copy
	Manifest    string // "spec/overlays/versions.yaml", which lists the overlays of each version
	Overlay     string // "spec/overlay.yaml", the one overlay of revisions older than the manifest
	Webhooks    string // "spec/webhooks.yaml"; "" for none
	// HTTP downloads a pinned description no local copy has; nil for a default client.
	HTTP *http.Client
}

// DefaultTree is the layout of this repository.
func DefaultTree() Tree {
	return Tree{Source: "spec/SOURCE", Description: "spec/api.intercom.io.yaml", Manifest: overlay.ManifestFile,
		Overlay: "spec/overlay.yaml", Webhooks: "spec/webhooks.yaml"}
}

// Resolve turns a FROM or TO argument into a Side. The argument is either
//
//   - a description file (YAML or JSON): it is read with the overlays the working tree's
//     manifest lists for its version, and the working tree's webhook topics; or
//   - a git revision of this repository (HEAD, main, v1.2.0, a commit): the description pinned
//     by spec/SOURCE at that revision, found by its sha256 in the working tree's fetched copy
//     or at $SPEC_SOURCE, or else downloaded from the pinned URL; it is read with the overlays
//     and the webhook topics of that revision (its manifest's stack for the pinned version, or,
//     in revisions older than the manifest, its spec/overlay.yaml).
//
// A non-nil overlays replaces the default overlays (an empty one: no overlay at all). Files
// taken from a revision are written under tmp. A file wins over a revision of the same name. The
// generator and the hand-written runtime are always the working tree's.
func Resolve(ctx context.Context, arg string, overlays []string, tree Tree, tmp string) (Side, error) {
	if arg == "" {
		return Side{}, errors.New("no description: give a description file or a git revision")
	}
	if fi, err := os.Stat(arg); err == nil && fi.Mode().IsRegular() {
		if overlays == nil {
			doc, err := spec.Load(arg)
			if err != nil {
				return Side{}, err
			}
			m, err := overlay.ReadManifest(tree.Manifest)
			if err != nil {
				return Side{}, err
			}
			if overlays, err = m.Stack(doc.Version()); err != nil {
				return Side{}, err
			}
		}
		return Side{Label: arg, Spec: arg, Overlays: overlays, Webhooks: tree.Webhooks}, nil
	}
	commit, err := git(ctx, "rev-parse", "--verify", "--quiet", arg+"^{commit}")
	if err != nil {
		return Side{}, fmt.Errorf("%s is neither a description file nor a git revision of this repository", arg)
	}
	commit = strings.TrimSpace(commit)
	src, err := atRevision(ctx, commit, tree.Source)
	if err != nil {
		return Side{}, err
	}
	pin, err := spec.ParseSource(arg+":"+tree.Source, []byte(src))
	if err != nil {
		return Side{}, err
	}
	dir := filepath.Join(tmp, commit[:12])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Side{}, err
	}
	side := Side{Label: fmt.Sprintf("%s (commit %s, API version %s)", arg, commit[:12], pin.Version)}
	if side.Spec, err = pinned(ctx, tree.HTTP, pin, tree.Description, dir); err != nil {
		return Side{}, fmt.Errorf("%s: %w", arg, err)
	}
	if side.Overlays = overlays; overlays == nil {
		if side.Overlays, err = revisionOverlays(ctx, commit, tree, pin.Version, dir); err != nil {
			return Side{}, err
		}
	}
	if tree.Webhooks != "" {
		if side.Webhooks, err = extract(ctx, commit, tree.Webhooks, dir); err != nil {
			return Side{}, err
		}
	}
	return side, nil
}

// revisionOverlays extracts the overlays commit reads its description of version with into dir
// and returns their paths in order: the stack of its manifest or, in a commit older than the
// manifest, its one overlay (none if it has neither).
func revisionOverlays(ctx context.Context, commit string, tree Tree, version, dir string) ([]string, error) {
	data, err := atRevision(ctx, commit, tree.Manifest)
	if errors.Is(err, fs.ErrNotExist) {
		path, err := extract(ctx, commit, tree.Overlay, dir)
		if path == "" || err != nil {
			return nil, err
		}
		return []string{path}, nil
	}
	if err != nil {
		return nil, err
	}
	m, err := overlay.ParseManifest(commit[:12]+":"+tree.Manifest, []byte(data))
	if err != nil {
		return nil, err
	}
	files, err := m.Files(version)
	if err != nil {
		return nil, err
	}
	odir := filepath.Join(dir, "overlays")
	if err := os.MkdirAll(odir, 0o755); err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		text, err := atRevision(ctx, commit, filepath.Join(filepath.Dir(tree.Manifest), f))
		if err != nil {
			return nil, err
		}
		dest := filepath.Join(odir, f)
		if err := os.WriteFile(dest, []byte(text), 0o644); err != nil {
			return nil, err
		}
		out = append(out, dest)
	}
	return out, nil
}

// pinned returns the path of a file holding the description pin names: a local copy with its
// sha256, or a download into dir.
func pinned(ctx context.Context, client *http.Client, pin spec.Source, fetched, dir string) (string, error) {
	for _, candidate := range []string{fetched, os.Getenv("SPEC_SOURCE")} {
		if candidate == "" {
			continue
		}
		data, err := os.ReadFile(candidate)
		if err == nil && strings.EqualFold(spec.Sum(data), pin.SHA256) {
			return candidate, nil
		}
	}
	dest := filepath.Join(dir, "api.intercom.io.yaml")
	if err := spec.Fetch(ctx, client, pin, "", dest); err != nil {
		return "", fmt.Errorf("no local copy of the pinned description (Intercom API %s, sha256 %s), and downloading it failed: %w; "+
			"give its file instead", pin.Version, pin.SHA256[:12], err)
	}
	return dest, nil
}

// extract writes the file at path in commit to dir and returns where, or "" when the commit
// has no such file.
func extract(ctx context.Context, commit, path, dir string) (string, error) {
	data, err := atRevision(ctx, commit, path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	dest := filepath.Join(dir, filepath.Base(path))
	return dest, os.WriteFile(dest, []byte(data), 0o644)
}

// atRevision reads a file of the repository at a commit.
func atRevision(ctx context.Context, commit, path string) (string, error) {
	if _, err := git(ctx, "cat-file", "-e", commit+":"+filepath.ToSlash(path)); err != nil {
		return "", fmt.Errorf("%s:%s: %w", commit[:12], path, fs.ErrNotExist)
	}
	return git(ctx, "show", commit+":"+filepath.ToSlash(path))
}

// git runs a read-only git command in the current directory and returns its output.
func git(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}
