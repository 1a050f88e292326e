package content

import (
	"io/fs"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/relief-massage/relief/internal/passage"
)

// passagesWalk is how the passages were collected before renderPage made
// them in its own walk: a walk of their own over the parsed body. It is
// the reference TestPassagesSameAsWalk holds renderPage to.
func passagesWalk(doc ast.Node, src []byte) []testPassage {
	var out []testPassage
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
			if t := oneLine(textWithBreaks(n, src)); t != "" {
				_, item := n.Parent().(*ast.ListItem)
				out = append(out, testPassage{Heading: heading, Text: t, Item: item, Callout: calloutOf(n)})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// testPassage is one passage, as passagesWalk makes them.
type testPassage struct {
	Heading, Text string
	Item          bool
	Callout       string
}

// unpack returns the passages of ps, for comparing with passagesWalk's.
func unpack(ps passage.Passages) []testPassage {
	var out []testPassage
	for i := range ps.Len() {
		out = append(out, testPassage{ps.Heading(i), ps.Text(i), ps.Item(i), ps.Callout(i)})
	}
	return out
}

// textWithBreaks returns the text inside n, without markup, each line
// break inside a paragraph a space.
func textWithBreaks(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestPassagesSameAsWalk: the passages renderPage makes are the ones a
// walk of their own made, for the real content and the test pages.
func TestPassagesSameAsWalk(t *testing.T) {
	var bodies []string
	for _, dir := range []string{"../../content", "testdata"} {
		fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && path.Ext(name) == ".md" {
				data, _ := os.ReadFile(path.Join(dir, name))
				bodies = append(bodies, string(data))
			}
			return nil
		})
	}
	if len(bodies) < 20 {
		t.Fatalf("found %d pages, want at least 20", len(bodies))
	}
	bodies = append(bodies, "> [!CAUTION]\n> Stop if it hurts.\n\n| a | b |\n| - | - |\n| one. Two. | three |\n\n- item\n  one\n- item *two*\n\n# Head\n\nText -- and... more.\n")
	m := NewMarkdown("(555) 014-2368", "911")
	for i, body := range bodies {
		src := []byte(body)
		if _, rest, ok := strings.Cut(body, "\n---\n"); ok && strings.HasPrefix(body, "---") {
			src = []byte(rest) // the body below the frontmatter
		}
		r, err := m.render(src)
		if err != nil {
			continue // refused pages (too many footnotes) have no passages
		}
		doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
		if got, want := unpack(r.Passages), passagesWalk(doc, src); !reflect.DeepEqual(got, want) {
			t.Errorf("page %d: passages differ:\n got %+v\nwant %+v", i, got, want)
		}
	}
}
