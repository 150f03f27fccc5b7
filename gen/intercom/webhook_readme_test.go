package intercom

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadmeWebhookEndpoint keeps README's webhook endpoint complete, short and compiling: it
// builds the first Go block of the "Webhooks" section against this package, in a module of its
// own.
func TestReadmeWebhookEndpoint(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Webhooks\n")
	if !ok {
		t.Fatal(`README.md has no "## Webhooks" section`)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	_, code, ok := strings.Cut(section, "```go\n")
	if !ok {
		t.Fatal("the Webhooks section has no Go block")
	}
	code, _, _ = strings.Cut(code, "```")
	if n := strings.Count(code, "\n"); n >= 20 {
		t.Errorf("the endpoint takes %d lines, want under 20", n)
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed to compile README's example: ", err)
	}

	mod := t.TempDir()
	write := func(path, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(mod, "go.mod"), "module github.com/gointercom/intercom\n\ngo 1.25\n")
	write(filepath.Join(mod, "cmd", "readme", "main.go"), code)
	sources, err := filepath.Glob("*.go")
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
		write(filepath.Join(mod, "gen", "intercom", f), string(data))
	}
	cmd := exec.Command("go", "build", "-o", os.DevNull, "./cmd/readme")
	cmd.Dir = mod
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("README's webhook endpoint does not compile: %v\n%s\n%s", err, out, code)
	}
}
