package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/relief-massage/relief/internal/guard"
)

// Report is what checking a content tree found: how many pages the tree
// has and every problem, errors and warnings alike, sorted.
type Report struct {
	Pages    int
	Problems Problems
}

// Check loads the tree in fsys exactly as Load does and reports every
// problem it finds, whether or not the tree loads.
func Check(fsys fs.FS, opts Options) Report {
	var r Report
	site, err := Load(fsys, opts)
	switch {
	case err == nil:
		r.Problems = site.Warnings
	case !errors.As(err, &r.Problems):
		r.Problems = Problems{{Path: opts.Dir, Line: 1, Col: 1, Severity: Error, Message: err.Error()}}
	}
	r.Pages = countPages(fsys)
	return r
}

// countPages counts the Markdown files Load reads: the home page, the
// conditions and the plain pages.
func countPages(fsys fs.FS) int {
	n := 0
	if _, err := fs.Stat(fsys, "index.md"); err == nil {
		n++
	}
	for _, dir := range []string{"conditions", "pages"} {
		entries, _ := fs.ReadDir(fsys, dir)
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".md") && !guard.Hidden(e.Name()) {
				n++
			}
		}
	}
	return n
}

// Failed returns how many problems fail the check: the errors, and with
// strict the warnings too.
func (r Report) Failed(strict bool) int {
	n := r.Problems.Count(Error)
	if strict {
		n += r.Problems.Count(Warning)
	}
	return n
}

// Summary is the report's last line: "12 pages, 0 errors, 2 warnings".
func (r Report) Summary() string {
	return fmt.Sprintf("%s, %s, %s", plural(r.Pages, "page"), plural(r.Problems.Count(Error), "error"), plural(r.Problems.Count(Warning), "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteTo writes every problem on its own line,
// "path:line:col: error|warning: message", then the summary. A message
// that runs over several lines (an example to copy) keeps them, indented.
func (r Report) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	for _, p := range r.Problems {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	b.WriteString(r.Summary())
	b.WriteByte('\n')
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}
