package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// KindCallout is the AST kind of a Callout.
var KindCallout = ast.NewNodeKind("Callout")

// A Callout is a GitHub alert block ("> [!NOTE]" and friends), rendered as
// a box with a visible title. Kind is one of note, tip, important, warning
// and caution.
type Callout struct {
	ast.BaseBlock
	Alert string
}

// Kind implements ast.Node.
func (*Callout) Kind() ast.NodeKind { return KindCallout }

// Dump implements ast.Node.
func (c *Callout) Dump(src []byte, level int) {
	ast.DumpHelper(c, src, level, map[string]string{"Alert": c.Alert}, nil)
}

// calloutTitles are the visible titles. Caution is the red-flag box, worded
// like a health service's urgent-advice card. Doctor, urgent and emergency
// are the three levels of care advice health services use; the emergency
// title names the emergency number (see nodeRenderer).
var calloutTitles = map[string]string{
	"note":      "Note",
	"tip":       "Tip",
	"important": "Important",
	"warning":   "Warning",
	"caution":   "Urgent advice",
	"doctor":    "See a doctor if…",
	"urgent":    "Get help today if…",
	"emergency": "Call 911 if…",
}

// careLevels are the visually hidden prefixes of the care-advice titles,
// which tell a screen reader the level before the words.
var careLevels = map[string]string{
	"doctor":    "Non-urgent advice",
	"urgent":    "Urgent advice",
	"emergency": "Emergency advice",
}

// IsCareAdvice reports whether a callout of kind alert tells a visitor
// when to get medical help: a caution box or one of the three levels.
func IsCareAdvice(alert string) bool {
	switch alert {
	case "caution", "warning", "doctor", "urgent", "emergency":
		return true
	}
	return false
}

// calloutTransformer replaces block quotes whose first line is an alert
// marker with Callout nodes.
type calloutTransformer struct{}

func (calloutTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var quotes []*ast.Blockquote
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if q, ok := n.(*ast.Blockquote); ok && entering {
			quotes = append(quotes, q)
		}
		return ast.WalkContinue, nil
	})
	for _, q := range quotes {
		para, ok := q.FirstChild().(*ast.Paragraph)
		if !ok || para.Lines().Len() == 0 {
			continue
		}
		first := para.Lines().At(0)
		kind := alertKind(first.Value(src))
		if kind == "" {
			continue
		}
		stripMarker(para, first)
		c := &Callout{Alert: kind}
		for child := q.FirstChild(); child != nil; {
			next := child.NextSibling()
			c.AppendChild(c, child)
			child = next
		}
		q.Parent().ReplaceChild(q.Parent(), q, c)
	}
}

// alertKind returns the alert kind named by a line like "[!CAUTION]".
func alertKind(line []byte) string {
	s := string(bytes.TrimSpace(line))
	if !strings.HasPrefix(s, "[!") || !strings.HasSuffix(s, "]") {
		return ""
	}
	kind := strings.ToLower(s[2 : len(s)-1])
	if _, ok := calloutTitles[kind]; !ok {
		return ""
	}
	return kind
}

// stripMarker removes the inline nodes of the marker line from para, and
// para itself when nothing else is in it.
func stripMarker(para *ast.Paragraph, first text.Segment) {
	for n := para.FirstChild(); n != nil; {
		t, ok := n.(*ast.Text)
		if !ok || t.Segment.Start >= first.Stop || t.Segment.Start < first.Start {
			break
		}
		next := n.NextSibling()
		para.RemoveChild(para, n)
		n = next
	}
	if para.FirstChild() == nil {
		para.Parent().RemoveChild(para.Parent(), para)
	}
}
