package content

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a Problem stops the site from loading.
type Severity int

const (
	// Error problems stop loading: the site would be wrong or broken.
	Error Severity = iota
	// Warning problems are reported but the site still loads.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Problem is one mistake in the content, located in a file.
// Line and Col are 1-based; 0 means unknown.
type Problem struct {
	Path     string // slash-separated path inside the content tree, e.g. "conditions/sciatica.md"
	Line     int
	Col      int
	Severity Severity
	Message  string
}

// String formats the problem as "path:line:col: severity: message".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", p.Path, max(p.Line, 1), max(p.Col, 1), p.Severity, p.Message)
}

// Problems is a list of problems. As an error it reports every problem on
// its own line, sorted by path, line and column.
type Problems []Problem

// Error implements error.
func (ps Problems) Error() string {
	ps = ps.Sorted()
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Sorted returns a sorted copy: by path, then line, column and message.
func (ps Problems) Sorted() Problems {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return out
}

// Count returns how many problems have the given severity.
func (ps Problems) Count(s Severity) int {
	n := 0
	for _, p := range ps {
		if p.Severity == s {
			n++
		}
	}
	return n
}

// problems collects problems for one file.
type problems struct {
	path string
	list *Problems
}

func (p problems) errorf(line, col int, format string, args ...any) {
	*p.list = append(*p.list, Problem{p.path, line, col, Error, fmt.Sprintf(format, args...)})
}

func (p problems) warnf(line, col int, format string, args ...any) {
	*p.list = append(*p.list, Problem{p.path, line, col, Warning, fmt.Sprintf(format, args...)})
}
