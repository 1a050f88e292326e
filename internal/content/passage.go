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

// passages collects the paragraphs and list items of doc, in order.
func passages(doc ast.Node, src []byte) []Passage {
	var out []Passage
	heading := ""
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			heading = plainText(n, src)
			return ast.WalkSkipChildren, nil
		case *ast.Paragraph, *ast.TextBlock:
			if t := passageText(n, src); t != "" {
				_, item := n.Parent().(*ast.ListItem)
				out = append(out, Passage{Heading: heading, Text: t, Item: item, Callout: calloutOf(n)})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// passageText is the text inside n with line breaks as spaces and runs of
// spaces collapsed.
func passageText(n ast.Node, src []byte) string {
	return oneLine(textOf(n, src, true))
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
