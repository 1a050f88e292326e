package content

import (
	"github.com/yuin/goldmark/ast"
)

// Passage is one paragraph or list item of a page body as plain text, with
// the heading it sits under. Search cuts its excerpts from passages, so a
// visitor reads whole sentences under their heading rather than a
// paragraph's end run into the next heading.
type Passage struct {
	Heading string // the nearest heading above it, "" before the first
	Text    string
	Item    bool   // a list item rather than a paragraph
	Callout string // the callout it sits in ("caution", "note"…), or ""
}

// calloutOf returns the alert of the callout n sits in, or "".
func calloutOf(n ast.Node) string {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if c, ok := p.(*Callout); ok {
			return c.Alert
		}
	}
	return ""
}
