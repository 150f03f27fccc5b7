package intercomtest

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
)

// TestReadmeFakeServer keeps README's test of code against the fake short and working from a
// user's module: the Go blocks of its "Testing with a fake Intercom" section, the first a test
// function under fifteen lines, become the tests of a module of their own, example.com/signup,
// which requires this one (the client and this package, copied) and passes go vet and go test;
// so do the blocks of "A fake Intercom that remembers" (a stateful test about fifteen lines, a
// replay about ten, of a recording made here as README says).
func TestReadmeFakeServer(t *testing.T) {
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := goBlocks(t, string(readme), "Testing with a fake Intercom")
	remembers := goBlocks(t, string(readme), "A fake Intercom that remembers")
	if len(blocks) != 2 {
		t.Fatalf("the section has %d Go blocks, want 2: the test and the registered answers", len(blocks))
	}
	if n := strings.Count(blocks[0], "\n"); n >= 15 {
		t.Errorf("the test takes %d lines, want under 15", n)
	}
	if len(remembers) != 2 {
		t.Fatalf("the section of the fake that remembers has %d Go blocks, want 2: a stateful test and a replay", len(remembers))
	}
	if n := strings.Count(remembers[0], "\n"); n > 17 {
		t.Errorf("the stateful test takes %d lines, want about 15", n)
	}
	if n := strings.Count(remembers[1], "\n"); n > 12 {
		t.Errorf("the replay takes %d lines, want about 10", n)
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed to run README's example: ", err)
	}

	root := t.TempDir()
	write := func(path, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// This module, as far as users import it: the client and this package.
	lib := filepath.Join(root, "intercom")
	write(filepath.Join(lib, "go.mod"), "module github.com/gointercom/intercom\n\ngo 1.25\n")
	for dir, from := range map[string]string{"gen/intercom": "..", "gen/intercom/intercomtest": "."} {
		sources, err := filepath.Glob(filepath.Join(from, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range sources {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			write(filepath.Join(lib, filepath.FromSlash(dir), filepath.Base(f)), string(data))
		}
	}
	// The user's module: code that calls Intercom, and README's test of it.
	app := filepath.Join(root, "signup")
	write(filepath.Join(app, "go.mod"), "module example.com/signup\n\ngo 1.25\n\n"+
		"require github.com/gointercom/intercom v0.0.0\n\nreplace github.com/gointercom/intercom => ../intercom\n")
	write(filepath.Join(app, "signup.go"), `// Package signup creates Intercom contacts for new users.
package signup

import (
	"context"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
)

// SignUp creates the contact of a new user.
func SignUp(ctx context.Context, client *intercom.Client, email string) error {
	_, err := client.Contacts.Create(ctx, &intercom.CreateContactRequest{Email: intercom.Some(email), Role: intercom.Some("user")})
	return err
}

// ArchiveInactive archives the contacts last seen before cutoff, and says how many.
func ArchiveInactive(ctx context.Context, client *intercom.Client, cutoff time.Time) (int, error) {
	n := 0
	for c, err := range client.Contacts.ListAll(ctx, nil) {
		if err != nil {
			return n, err
		}
		if c.LastSeenAt.Time().Before(cutoff) {
			if _, err := client.Contacts.Archive(ctx, c.ID); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}
`)
	write(filepath.Join(app, "remembers_test.go"), `package signup

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

`+remembers[0]+"\n"+remembers[1])
	// The recording README's replay reads, made as README says, against a fake Intercom.
	if err := os.MkdirAll(filepath.Join(app, "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	live := NewServer(t, WithState(1))
	hc := &http.Client{Transport: NewRecorder(filepath.Join(app, "testdata", "signup.json"), nil, "email")}
	c, err := intercom.NewClient(intercom.WithToken("secret"), live.Option(), intercom.WithHTTPClient(hc))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Contacts.Create(t.Context(), &intercom.CreateContactRequest{Email: intercom.Some("jane@example.com"), Role: intercom.Some("user")}); err != nil {
		t.Fatal(err)
	}
	write(filepath.Join(app, "signup_test.go"), `package signup

import (
	"errors"
	"testing"

	"github.com/gointercom/intercom/gen/intercom"
	"github.com/gointercom/intercom/gen/intercom/intercomtest"
)

`+blocks[0]+`
func TestAnswers(t *testing.T) {
	srv := intercomtest.NewServer(t)
`+indent(blocks[1])+`
	if err := SignUp(t.Context(), srv.Client(), "jane@example.com"); !errors.Is(err, intercom.ErrConflict) {
		t.Errorf("SignUp: %v, want the registered conflict", err)
	}
}
`)
	for _, args := range [][]string{{"vet", "./..."}, {"test", "-count=1", "./..."}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = app
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOPROXY=off")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %s in a module of README's test: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

// goBlocks returns the Go code blocks of README's section under heading.
func goBlocks(t *testing.T, readme, heading string) []string {
	t.Helper()
	_, section, ok := strings.Cut(readme, "\n## "+heading+"\n")
	if !ok {
		t.Fatalf("README.md has no %q section", "## "+heading)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	var blocks []string
	for rest := section; ; {
		var code string
		if _, rest, ok = strings.Cut(rest, "```go\n"); !ok {
			break
		}
		code, rest, _ = strings.Cut(rest, "```")
		blocks = append(blocks, code)
	}
	return blocks
}

func indent(code string) string {
	lines := strings.Split(strings.TrimRight(code, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "\t" + l
	}
	return strings.Join(lines, "\n")
}
