package history

import (
	"strings"

	"github.com/go-git/go-git/v5/utils/diff"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// Diff returns a line-by-line diff of old and new, in order, for showing
// side by side or one under the other. A missing final line break is not
// a difference of its own; CRLF and LF line ends compare equal.
func Diff(old, new []byte) []Line {
	var out []Line
	for _, d := range diff.Do(normalize(old), normalize(new)) {
		op := byte(' ')
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = '-'
		case diffmatchpatch.DiffInsert:
			op = '+'
		}
		for _, text := range strings.SplitAfter(d.Text, "\n") {
			if text != "" {
				out = append(out, Line{Op: op, Text: strings.TrimSuffix(text, "\n")})
			}
		}
	}
	return out
}

// normalize gives every line, the last one too, one "\n".
func normalize(b []byte) string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	if s != "" && !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	return s
}
