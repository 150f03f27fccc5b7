package spec

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Document is a description parsed as YAML nodes, which keep the line of every value so that
// later stages can place their problems in the file a maintainer reads.
type Document struct {
	File string     // path as given to Load, used in messages
	Root *yaml.Node // the document's mapping node
}

// Load reads and parses a description (YAML or JSON).
func Load(path string) (*Document, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", path, ErrNoDescription)
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse parses description bytes; file names them in messages.
func Parse(file string, data []byte) (*Document, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		return nil, fmt.Errorf("%s: not valid YAML: %w", file, err)
	}
	if n.Kind != yaml.DocumentNode || len(n.Content) != 1 || n.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: the description must be a YAML or JSON object", file)
	}
	return &Document{File: file, Root: n.Content[0]}, nil
}

// Bytes renders the document back to YAML.
func (d *Document) Bytes() ([]byte, error) {
	return yaml.Marshal(d.Root)
}

// Line returns the line of the node a JSON pointer ("#/paths/~1me/get") names, or of the deepest
// node on the way that exists; 0 if the pointer cannot be followed at all.
func (d *Document) Line(pointer string) int {
	n := d.Root
	line := n.Line
	for _, tok := range SplitPointer(pointer) {
		n = Child(n, tok)
		if n == nil {
			break
		}
		line = n.Line
	}
	return line
}

// Child returns the value under key tok of a mapping, or item tok of a sequence, or nil.
func Child(n *yaml.Node, tok string) *yaml.Node {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				return n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		i, err := strconv.Atoi(tok)
		if err == nil && i >= 0 && i < len(n.Content) {
			return n.Content[i]
		}
	case yaml.AliasNode:
		return Child(n.Alias, tok)
	}
	return nil
}

// SplitPointer splits a local JSON pointer ("#/a/b~1c") into unescaped tokens.
func SplitPointer(p string) []string {
	p = strings.TrimPrefix(p, "#")
	p = strings.TrimPrefix(p, "/")
	if p == "" {
		return nil
	}
	toks := strings.Split(p, "/")
	for i, t := range toks {
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return toks
}

// JoinPointer builds a local JSON pointer from unescaped tokens.
func JoinPointer(toks ...string) string {
	var b strings.Builder
	b.WriteString("#")
	for _, t := range toks {
		b.WriteString("/")
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(t, "~", "~0"), "/", "~1"))
	}
	return b.String()
}
