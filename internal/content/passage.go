package content

import (
	"github.com/yuin/goldmark/ast"
)

// calloutOf returns the alert of the callout n sits in, or "".
func calloutOf(n ast.Node) string {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if c, ok := p.(*Callout); ok {
			return c.Alert
		}
	}
	return ""
}
