package spec

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Bytes renders the document back to YAML, for kin-openapi to load and for the peers of the
// benchmarks to read. yaml.Marshal took a third of the generator's time on the real description,
// so the document is written here in plain block style: every string double-quoted with escapes
// YAML and JSON share, every other scalar as it was written (it resolves to the same tag), which
// is quick to write and to read back. A document with what this writer does not handle (anchors,
// aliases, keys that are not scalars, tags of its own) goes to yaml.Marshal whole.
func (d *Document) Bytes() ([]byte, error) {
	w := blockWriter{buf: make([]byte, 0, 1<<20)}
	if w.node(d.Root, 0) {
		return w.buf, nil
	}
	return yaml.Marshal(d.Root)
}

// blockWriter writes YAML nodes in block style.
type blockWriter struct {
	buf []byte
}

// node writes n, a mapping or sequence at the start of a line, its entries indented by indent;
// false means n holds something the writer does not handle.
func (w *blockWriter) node(n *yaml.Node, indent int) bool {
	if n.Anchor != "" {
		return false
	}
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode || k.Anchor != "" {
				return false
			}
			w.indent(indent)
			if !w.scalar(k) {
				return false
			}
			w.buf = append(w.buf, ':')
			if !w.value(v, indent) {
				return false
			}
		}
		return true
	case yaml.SequenceNode:
		for _, v := range n.Content {
			w.indent(indent)
			w.buf = append(w.buf, '-')
			if !w.value(v, indent) {
				return false
			}
		}
		return true
	}
	return false
}

// value writes v after a key or a dash: a scalar or an empty collection on the same line, any
// other collection on the lines below.
func (w *blockWriter) value(v *yaml.Node, indent int) bool {
	switch {
	case v.Anchor != "":
		return false
	case v.Kind == yaml.ScalarNode:
		w.buf = append(w.buf, ' ')
		ok := w.scalar(v)
		w.buf = append(w.buf, '\n')
		return ok
	case len(v.Content) == 0 && v.Kind == yaml.MappingNode:
		w.buf = append(w.buf, " {}\n"...)
		return true
	case len(v.Content) == 0 && v.Kind == yaml.SequenceNode:
		w.buf = append(w.buf, " []\n"...)
		return true
	}
	w.buf = append(w.buf, '\n')
	return w.node(v, indent+2)
}

func (w *blockWriter) indent(n int) {
	for range n {
		w.buf = append(w.buf, ' ')
	}
}

// scalar writes a scalar so that it reads back with the same tag and value.
func (w *blockWriter) scalar(n *yaml.Node) bool {
	switch n.ShortTag() {
	case "!!str":
		w.quote(n.Value)
	case "!!null":
		w.buf = append(w.buf, "null"...)
	case "!!int", "!!float", "!!bool", "!!timestamp":
		// Written plain in the source, or made by the overlay: the plain text resolves to the
		// same tag again. A value the writer cannot keep on one line is not plain.
		v := n.Value
		if v == "" || strings.ContainsAny(v, "\n\r") || strings.Contains(v, ": ") || strings.Contains(v, " #") || strings.TrimSpace(v) != v {
			return false
		}
		w.buf = append(w.buf, v...)
	default:
		return false
	}
	return true
}

// quote writes s as a double-quoted scalar: printable characters as they are, the rest escaped.
func (w *blockWriter) quote(s string) {
	w.buf = append(w.buf, '"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			w.buf = append(w.buf, '\\', byte(r))
		case r == '\n':
			w.buf = append(w.buf, '\\', 'n')
		case r == '\t':
			w.buf = append(w.buf, '\\', 't')
		case printable(r):
			w.buf = utf8.AppendRune(w.buf, r)
		case r <= 0xFFFF:
			w.buf = fmt.Appendf(w.buf, `\u%04X`, r)
		default:
			w.buf = fmt.Appendf(w.buf, `\U%08X`, r)
		}
	}
	w.buf = append(w.buf, '"')
}

// printable reports whether YAML allows r as it is in a double-quoted scalar (YAML 1.2,
// c-printable, without the line breaks and the byte order mark).
func printable(r rune) bool {
	switch {
	case r >= 0x20 && r <= 0x7E:
		return true
	case r == utf8.RuneError:
		return false
	case r >= 0xA0 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD && r != 0xFEFF, r >= 0x10000 && r <= 0x10FFFF:
		return r != 0x2028 && r != 0x2029
	}
	return false
}
