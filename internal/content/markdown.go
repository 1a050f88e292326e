package content

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/passage"
)

// Markdown renders page bodies. It is built once per load from explicit
// options and is safe to reuse for every page of that load.
//
// On top of GitHub Flavored Markdown, footnotes, typographic dashes and
// ellipses, and automatic heading ids, it
//   - turns GitHub alerts ("> [!CAUTION]") into callout boxes,
//   - links the practice phone and the emergency number inside callouts
//     with tel: links,
//   - gives every heading below the page title a visible anchor link,
//   - adds rel="noopener" to external links,
//   - shows raw HTML as escaped text instead of passing it through.
type Markdown struct {
	md  goldmark.Markdown
	out sync.Pool // of *bytes.Buffer: the HTML of one body, reused page after page
}

// NewMarkdown returns a renderer that links the practice phone and the
// emergency number (as written in the text, e.g. "(555) 014-2368" and
// "911") inside callouts, and titles the emergency callout "Call 911 if…"
// with the emergency number. Either may be empty.
func NewMarkdown(phone, emergency string) *Markdown {
	return newMarkdown(phone, emergency, nil)
}

// newMarkdown is NewMarkdown, showing Markdown images from lib (see
// package images).
func newMarkdown(phone, emergency string, lib *images.Library) *Markdown {
	var nums []string
	for _, p := range []string{phone, emergency} {
		if strings.TrimSpace(p) != "" {
			nums = append(nums, strings.TrimSpace(p))
		}
	}
	typo := extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation][]byte{
		// Quote substitution has open bugs (apostrophes after accented
		// letters, plural possessives); keep only dashes and ellipses.
		extension.LeftSingleQuote: nil, extension.RightSingleQuote: nil,
		extension.LeftDoubleQuote: nil, extension.RightDoubleQuote: nil,
		extension.Apostrophe: nil, extension.LeftAngleQuote: nil, extension.RightAngleQuote: nil,
	}))
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, typo),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(
				util.Prioritized(calloutTransformer{}, 100),
				util.Prioritized(linkTransformer{phones: nums}, 200),
			),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{emergency: strings.TrimSpace(emergency), images: lib}, 100)),
		),
	)
	return &Markdown{md: md}
}

// Heading is a section heading of a page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link or image in a page body.
type Link struct {
	Dest  string
	Line  int // line of the body (1-based), before adding the body's offset in its file
	Col   int
	Image bool
	Alt   string // an image's alt text
}

// rendered is the result of rendering one body.
type rendered struct {
	HTML       template.HTML
	Headings   []Heading
	Links      []Link
	Blank      bool // the body has no text at all (only white space, or nothing), which warnPage reports
	Passages   passage.Passages
	HasCaution bool // a [!CAUTION], [!WARNING], [!URGENT] or [!EMERGENCY] callout

	headingLines []int       // the line in the body of each of Headings
	callouts     []calloutAt // every callout, in order
	sentences    []sentence  // the prose, for the reading level
}

// calloutAt is a callout of a page body and the section it is in.
type calloutAt struct {
	Alert   string // "caution", "note", ...
	Section int    // index in Headings of the last ## heading before it; -1 for none
	Line    int
}

// MaxFootnoteMarks is how many footnote marks ("[^1]", and "[^1]:" before
// each note) one page may have. goldmark matches every mark against every
// note, so time grows with the square of their number: 1,000 take a few
// milliseconds, 60,000 half a minute. A health page cites a few dozen.
const MaxFootnoteMarks = 1000

// render converts a Markdown body to HTML and collects what validation and
// the templates need from it.
func (m *Markdown) render(src []byte) (*rendered, error) { return m.renderPage(src, true) }

// renderPage is render; eager makes the body's first image load at once
// (false when the page's image: comes first).
func (m *Markdown) renderPage(src []byte, eager bool) (*rendered, error) {
	imageSeen := false
	if n := bytes.Count(src, []byte("[^")); n > MaxFootnoteMarks {
		return nil, fmt.Errorf("the page has %d footnote marks (like [^1]); one page may have at most %d: split the page, or list the sources at the end without footnotes", n, MaxFootnoteMarks)
	}
	ctx := parser.NewContext()
	doc := m.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	// A sentence ends at most once per full stop, ! or ?, plus the list
	// items and headings without one: room for them all at once, rather
	// than growing (and copying) the list a few times per page.
	// The passages (paragraphs and list items) are about one every other
	// line.
	ends := bytes.Count(src, []byte(".")) + bytes.Count(src, []byte("!")) + bytes.Count(src, []byte("?"))
	lineCount := bytes.Count(src, []byte("\n"))
	out := &rendered{
		sentences: make([]sentence, 0, ends+lineCount/4),
	}
	// The passages' texts and headings are about the body's size at
	// most, and a served site keeps them: Builder.Passages takes this
	// memory when it is a good fit, and copies them when it is not.
	var ps passage.Builder
	ps.Grow(len(src), lineCount/2+1)
	var lines *lineIndex // built on the first link
	at := func() *lineIndex {
		if lines == nil {
			lines = newLineIndex(src)
		}
		return lines
	}
	section := -1 // the index in out.Headings of the current ## section
	heading := "" // the text of the last heading, for passages
	out.Blank = true
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idStr, _ := id.([]byte)
			heading = plainText(n, src)
			out.Headings = append(out.Headings, Heading{n.Level, string(idStr), heading})
			out.headingLines = append(out.headingLines, blockLine(n, at()))
			if n.Level <= 2 {
				section = len(out.Headings) - 1
			}
		case *ast.Paragraph, *ast.TextBlock:
			var text string
			text, out.sentences = passageSentences(n, src, !insideTable(n), &ps, out.sentences)
			_, item := n.Parent().(*ast.ListItem)
			switch t := oneLine(text); {
			case t == "": // no passage
			case t == text: // one line already: the passage is the text written
				ps.AddWritten(heading, item, calloutOf(n))
			default:
				ps.Add(heading, t, item, calloutOf(n))
			}
		case *ast.Link:
			out.Links = append(out.Links, linkAt(string(n.Destination), n, at(), false))
		case *ast.Image:
			ln := linkAt(string(n.Destination), n, at(), true)
			ln.Alt = plainText(n, src)
			out.Links = append(out.Links, ln)
			if !imageSeen && eager {
				n.SetAttributeString("data-eager", []byte("true"))
			}
			imageSeen = true
		case *Callout:
			out.HasCaution = out.HasCaution || n.Alert == "caution" || n.Alert == "warning" || n.Alert == "urgent" || n.Alert == "emergency"
			out.callouts = append(out.callouts, calloutAt{n.Alert, section, blockLine(n, at())})
		case *ast.Text:
			out.Blank = out.Blank && len(bytes.TrimSpace(n.Value(src))) == 0
		case *ast.String:
			out.Blank = out.Blank && len(bytes.TrimSpace(n.Value)) == 0
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	out.Passages = ps.Passages()
	html, err := m.html(src, doc)
	if err != nil {
		return nil, err
	}
	out.HTML = html
	return out, nil
}

// html renders the parsed body doc of src. It writes into a buffer reused
// from page to page and copies the result out once, at its exact size:
// given a plain io.Writer, goldmark would wrap it in a bufio.Writer of its
// own, and a fresh buffer would grow (and copy) a few times per page.
func (m *Markdown) html(src []byte, doc ast.Node) (template.HTML, error) {
	buf, _ := m.out.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer func() {
		if buf.Cap() <= maxReusedBuffer {
			buf.Reset()
			m.out.Put(buf)
		}
	}()
	if err := m.md.Renderer().Render(bufWriter{buf}, src, doc); err != nil {
		return "", fmt.Errorf("rendering markdown: %w", err)
	}
	return template.HTML(buf.String()), nil
}

// maxReusedBuffer is the largest HTML buffer kept for the next page; the
// odd huge page's is left to the collector.
const maxReusedBuffer = 1 << 20

// bufWriter is a bytes.Buffer as the buffered writer goldmark's renderer
// takes (util.BufWriter); there is nothing to flush.
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Buffered() int { return 0 }
func (bufWriter) Flush() error  { return nil }

var _ util.BufWriter = bufWriter{}

// blockLine returns the line on which block n starts (for a container,
// its first child with lines).
func blockLine(n ast.Node, lines *lineIndex) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			line, _ := lines.pos(c.Lines().At(0).Start)
			return line
		}
	}
	return 1
}

// insideTable reports whether n is inside a table, whose cells are not
// sentences.
func insideTable(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == east.KindTable {
			return true
		}
	}
	return false
}

// linkAt locates a link by the first text inside it, or its enclosing block.
func linkAt(dest string, n ast.Node, lines *lineIndex, image bool) Link {
	off, found := -1, false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && off < 0 {
			off, found = t.Segment.Start, true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	if found {
		off-- // the "[" before the text
	}
	line, col := lines.pos(max(off, 0))
	return Link{Dest: dest, Line: line, Col: col, Image: image}
}

// plainText returns the text inside n, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Value(src))
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
