// Package diag holds the problems the generator reports about its input. Every stage collects
// all the problems it finds before failing, so a maintainer sees a whole broken description in
// one run, each problem placed by file and line, JSON pointer and operation where they are known.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one defect in the generator's input.
type Problem struct {
	File      string // file the problem is in, as given to the generator
	Line      int    // 1-based line in File, 0 when unknown
	Pointer   string // JSON pointer into the description ("#/paths/~1contacts/get"), if any
	Operation string // "GET /contacts (ListContacts)" when the problem belongs to an operation
	Message   string // what is wrong, in a sentence
}

// String renders the problem as "file:line: pointer: operation: message", leaving out what is
// unknown.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d", p.Line)
		}
		b.WriteString(": ")
	}
	if p.Pointer != "" {
		b.WriteString(p.Pointer)
		b.WriteString(": ")
	}
	if p.Operation != "" {
		b.WriteString(p.Operation)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// List is a set of problems; a non-empty List is an error.
type List []Problem

// Error lists every problem, one per line, in a stable order.
func (l List) Error() string {
	s := slices.Clone(l)
	Sort(s)
	lines := make([]string, 0, len(s)+1)
	noun := "problems"
	if len(s) == 1 {
		noun = "problem"
	}
	lines = append(lines, fmt.Sprintf("%d %s:", len(s), noun))
	for _, p := range s {
		lines = append(lines, "  "+p.String())
	}
	return strings.Join(lines, "\n")
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Add appends a problem built from a format string.
func (l *List) Add(p Problem, format string, args ...any) {
	p.Message = fmt.Sprintf(format, args...)
	*l = append(*l, p)
}

// Sort orders problems by file, line, pointer and message so that output is deterministic.
func Sort(l List) {
	slices.SortStableFunc(l, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Pointer, b.Pointer),
			cmp.Compare(a.Operation, b.Operation),
			cmp.Compare(a.Message, b.Message),
		)
	})
}
