package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// codeStats is the size of a generated package.
type codeStats struct {
	Files, Lines int
	// Untyped lists (as Type.Field) the exported struct fields whose type holds JSON without a
	// schema: any, interface{}, json.RawMessage, jx.Raw, or a pointer, slice, map, optional
	// wrapper or named type of one.
	Untyped []string
	// Dropped lists the exported struct fields whose type is an empty struct (through pointers,
	// optional wrappers and names): whatever JSON the API sends there is thrown away.
	Dropped []string
}

// countCode measures the .go files of dir, but tests, for which keep(name) is true.
func countCode(dir string, keep func(name string) bool) (codeStats, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return codeStats{}, err
	}
	var s codeStats
	fset := token.NewFileSet()
	var files []*ast.File
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") || !keep(filepath.Base(p)) {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return s, err
		}
		s.Files++
		s.Lines += bytes.Count(data, []byte("\n"))
		f, err := parser.ParseFile(fset, p, data, parser.SkipObjectResolution)
		if err != nil {
			return s, err
		}
		files = append(files, f)
	}
	if s.Files == 0 {
		return s, fmt.Errorf("%s: no Go files", dir)
	}
	s.Untyped = countFields(files, isUntyped)
	s.Dropped = countFields(files, isEmptyStruct)
	return s, nil
}

// countFields lists, sorted, the exported fields (Type.Field) of the files' struct types whose
// type reaches a type for which leaf is true.
func countFields(files []*ast.File, leaf func(ast.Expr) bool) []string {
	decls := map[string]ast.Expr{}
	for _, f := range files {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, s := range g.Specs {
					ts := s.(*ast.TypeSpec)
					decls[ts.Name.Name] = ts.Type
				}
			}
		}
	}
	var out []string
	for typ, t := range decls {
		st, ok := t.(*ast.StructType)
		if !ok || valueField(st) != nil {
			continue // an optional wrapper stands for its value, counted where it is used
		}
		for _, f := range st.Fields.List {
			for _, name := range f.Names {
				if name.IsExported() && reaches(f.Type, decls, leaf, 0) {
					out = append(out, typ+"."+name.Name)
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

// valueField returns the type of the Value of an optional wrapper (ogen's OptT, OptNilT: a Value
// field and a Set or Null flag), nil for any other struct.
func valueField(st *ast.StructType) ast.Expr {
	var value ast.Expr
	flag := false
	for _, f := range st.Fields.List {
		for _, n := range f.Names {
			switch n.Name {
			case "Value":
				value = f.Type
			case "Set", "Null":
				flag = true
			}
		}
	}
	if !flag {
		return nil
	}
	return value
}

// reaches reports whether type t is, or holds through pointers, slices, map values, type
// arguments, optional wrappers and declared names, a type for which leaf is true.
func reaches(t ast.Expr, decls map[string]ast.Expr, leaf func(ast.Expr) bool, depth int) bool {
	if depth > 8 {
		return false
	}
	// A struct written in place is a marker (ogen's Null struct{} of a sum type), not a schema.
	if _, literal := t.(*ast.StructType); !literal && leaf(t) {
		return true
	}
	switch t := t.(type) {
	case *ast.Ident:
		d, ok := decls[t.Name]
		if !ok {
			return false
		}
		if st, ok := d.(*ast.StructType); ok {
			if leaf(st) {
				return true
			}
			v := valueField(st)
			return v != nil && reaches(v, decls, leaf, depth+1)
		}
		return reaches(d, decls, leaf, depth+1)
	case *ast.StarExpr:
		return reaches(t.X, decls, leaf, depth+1)
	case *ast.ArrayType:
		return reaches(t.Elt, decls, leaf, depth+1)
	case *ast.MapType:
		return reaches(t.Value, decls, leaf, depth+1)
	case *ast.IndexExpr: // Opt[T], Nullable[T]
		return reaches(t.Index, decls, leaf, depth+1)
	case *ast.ParenExpr:
		return reaches(t.X, decls, leaf, depth+1)
	}
	return false
}

// isUntyped: any, interface{}, json.RawMessage, jx.Raw.
func isUntyped(t ast.Expr) bool {
	switch t := t.(type) {
	case *ast.Ident:
		return t.Name == "any"
	case *ast.InterfaceType:
		return len(t.Methods.List) == 0
	case *ast.SelectorExpr:
		x, ok := t.X.(*ast.Ident)
		return ok && (x.Name == "json" && t.Sel.Name == "RawMessage" || x.Name == "jx" && t.Sel.Name == "Raw")
	}
	return false
}

// isEmptyStruct: a declared type struct{}.
func isEmptyStruct(t ast.Expr) bool {
	st, ok := t.(*ast.StructType)
	return ok && len(st.Fields.List) == 0
}

// operation is an operation of the description.
type operation struct {
	ID, Method, Path string
	Line             int // where the operation's object starts in the file
}

// operations lists the operations of a description file, in order.
func operations(path string) ([]operation, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if len(doc.Content) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	paths := mapping(doc.Content[0])["paths"]
	if paths == nil {
		return nil, fmt.Errorf("%s: no paths", path)
	}
	var ops []operation
	for i := 0; i+1 < len(paths.Content); i += 2 {
		item := paths.Content[i+1]
		for j := 0; j+1 < len(item.Content); j += 2 {
			method, op := item.Content[j].Value, item.Content[j+1]
			if op.Kind != yaml.MappingNode {
				continue
			}
			if id := mapping(op)["operationId"]; id != nil {
				ops = append(ops, operation{ID: id.Value, Method: strings.ToUpper(method), Path: paths.Content[i].Value, Line: op.Line})
			}
		}
	}
	return ops, nil
}

func mapping(n *yaml.Node) map[string]*yaml.Node {
	m := map[string]*yaml.Node{}
	if n == nil || n.Kind != yaml.MappingNode {
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		m[n.Content[i].Value] = n.Content[i+1]
	}
	return m
}

// clientMethods returns the normalised names (see norm) of the exported methods on *Client in
// the Go files of dir: the operations a peer's client offers. oapi-codegen's XWithBody is X.
func clientMethods(dir string) (map[string]bool, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	methods := map[string]bool{}
	fset := token.NewFileSet()
	for _, p := range paths {
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			star, ok := fn.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			if id, ok := star.X.(*ast.Ident); ok && id.Name == "Client" {
				methods[norm(strings.TrimSuffix(fn.Name.Name, "WithBody"))] = true
			}
		}
	}
	return methods, nil
}

// norm folds an operationId or a method name to lower-case letters and digits.
func norm(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// skipped lists the operations of ops that methods lacks, with the reason the generator's log
// gives for each (ogen logs `Skipping operation {"at": "file:line:col", "reason_error": ...}`).
func skipped(ops []operation, methods map[string]bool, log []byte) []Skip {
	reasons := map[int]string{}
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.Contains(line, "Skipping operation") {
			continue
		}
		i := strings.Index(line, "{")
		if i < 0 {
			continue
		}
		var e struct {
			At     string `json:"at"`
			Reason string `json:"reason_error"`
		}
		if json.Unmarshal([]byte(line[i:]), &e) != nil {
			continue
		}
		parts := strings.Split(e.At, ":")
		if len(parts) >= 3 {
			if n, err := strconv.Atoi(parts[len(parts)-2]); err == nil {
				reasons[n] = e.Reason
			}
		}
	}
	var out []Skip
	for _, op := range ops {
		if methods[norm(op.ID)] {
			continue
		}
		reason := reasons[op.Line]
		if reason == "" {
			reason = "not generated"
		}
		out = append(out, Skip{Operation: op.ID, Route: op.Method + " " + op.Path, Reason: reason})
	}
	slices.SortFunc(out, func(a, b Skip) int { return strings.Compare(a.Reason+a.Operation, b.Reason+b.Operation) })
	return out
}

// nullableRefs lists, in the description file at path, the schemas that say nullable beside a
// $ref (OpenAPI 3.0 ignores every sibling of $ref, and so does ogen) while the schema the $ref
// names is not nullable itself: where ogen fails on the null the API sends.
func nullableRefs(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	root := doc.Content[0]
	schemas := mapping(mapping(root)["components"])["schemas"]
	nullable := func(n *yaml.Node) bool {
		v := mapping(n)["nullable"]
		return v != nil && v.Value == "true"
	}
	var out []string
	var walk func(n *yaml.Node, at string)
	walk = func(n *yaml.Node, at string) {
		switch n.Kind {
		case yaml.MappingNode:
			m := mapping(n)
			if ref := m["$ref"]; ref != nil && nullable(n) {
				target := mapping(schemas)[strings.TrimPrefix(ref.Value, "#/components/schemas/")]
				if !nullable(target) {
					out = append(out, at)
				}
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1], at+"."+n.Content[i].Value)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				walk(c, at+"["+strconv.Itoa(i)+"]")
			}
		}
	}
	walk(root, "")
	for i, s := range out {
		out[i] = strings.ReplaceAll(strings.TrimPrefix(s, ".components.schemas."), ".properties.", ".")
	}
	slices.Sort(out)
	return out, nil
}
