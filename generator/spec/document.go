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

// Version returns the description's info.version (the Intercom API version, like 2.9 or
// Preview), or "" if it has none.
func (d *Document) Version() string {
	if v := Child(Child(d.Root, "info"), "version"); v != nil {
		return v.Value
	}
	return ""
}

// Line returns the line where the value a JSON pointer ("#/paths/~1me/get") names is written
// (the line of its key, in a mapping), or that of the deepest value on the way that exists; the
// document's first line if the pointer cannot be followed at all.
func (d *Document) Line(pointer string) int {
	n := d.Root
	line := n.Line
	for _, tok := range SplitPointer(pointer) {
		key, val := child(n, tok)
		if val == nil {
			break
		}
		line = val.Line
		if key != nil {
			line = key.Line
		}
		n = val
	}
	return line
}

// Child returns the value under key tok of a mapping, or item tok of a sequence, or nil; a
// document looks in its content, and a nil n has no children, so lookups can be chained.
func Child(n *yaml.Node, tok string) *yaml.Node {
	_, val := child(n, tok)
	return val
}

// Resolve returns the value a local JSON pointer ("#/a/b~1c") names below n, or nil.
func Resolve(n *yaml.Node, pointer string) *yaml.Node {
	for _, tok := range SplitPointer(pointer) {
		if n = Child(n, tok); n == nil {
			return nil
		}
	}
	return n
}

// child is Child that also returns the key node when n is a mapping.
func child(n *yaml.Node, tok string) (key, val *yaml.Node) {
	if n == nil {
		return nil, nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == tok {
				return n.Content[i], n.Content[i+1]
			}
		}
	case yaml.SequenceNode:
		i, err := strconv.Atoi(tok)
		if err == nil && i >= 0 && i < len(n.Content) {
			return nil, n.Content[i]
		}
	case yaml.AliasNode:
		return child(n.Alias, tok)
	case yaml.DocumentNode:
		if len(n.Content) == 1 {
			return child(n.Content[0], tok)
		}
	}
	return nil, nil
}

// SplitPointer splits a local JSON pointer ("#/a/b~1c") into unescaped tokens. "#" (or "") is
// the whole document and has no tokens; "#/" names the key "", as in RFC 6901.
func SplitPointer(p string) []string {
	p = strings.TrimPrefix(p, "#")
	if p == "" {
		return nil
	}
	p = strings.TrimPrefix(p, "/")
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
