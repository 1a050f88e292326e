package content

import (
	"bytes"
	"fmt"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/relief-massage/relief/internal/images"
)

// linkTransformer marks external links with rel="noopener" and turns the
// practice phone and emergency numbers inside callouts into tel: links.
type linkTransformer struct {
	phones []string
}

func (t linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if external(n.Destination) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			if external(n.URL(src)) {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		case *ast.Text:
			if insideCallout(n) {
				texts = append(texts, n)
			}
		}
		return ast.WalkContinue, nil
	})
	budget := MaxPhoneLinks
	for _, n := range texts {
		if budget -= t.linkPhones(n, src, budget); budget <= 0 {
			break
		}
	}
}

// MaxPhoneLinks is how many mentions of the phone numbers one page links.
// A page names them a few times; a page naming them 200,000 times (a
// mistake, or a test of the server) keeps the rest as plain text instead
// of building as many links.
const MaxPhoneLinks = 100

func external(dest []byte) bool {
	d := strings.ToLower(string(dest))
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "//")
}

func insideCallout(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if _, ok := p.(*Callout); ok {
			return true
		}
	}
	return false
}

// linkPhones splits n around each phone number it names, wrapping at most
// max of the numbers in tel: links, and returns how many it linked.
func (t linkTransformer) linkPhones(n *ast.Text, src []byte, max int) int {
	parent := n.Parent()
	seg := n.Segment
	soft, hard := n.SoftLineBreak(), n.HardLineBreak()
	find := newPhoneFinder(seg.Value(src), t.phones)
	var pieces []ast.Node
	linked := 0
	for ; linked < max; linked++ {
		i, phone := find.next(seg.Start - n.Segment.Start)
		if i < 0 {
			break
		}
		i -= seg.Start - n.Segment.Start // relative to seg
		if i > 0 {
			pieces = append(pieces, ast.NewTextSegment(seg.WithStop(seg.Start+i)))
		}
		link := ast.NewLink()
		link.Destination = []byte(TelURL(phone))
		link.AppendChild(link, ast.NewTextSegment(text.NewSegment(seg.Start+i, seg.Start+i+len(phone))))
		pieces = append(pieces, link)
		seg = seg.WithStart(seg.Start + i + len(phone))
	}
	if len(pieces) == 0 {
		return 0
	}
	last := ast.NewTextSegment(seg)
	last.SetSoftLineBreak(soft)
	last.SetHardLineBreak(hard)
	for _, p := range pieces {
		parent.InsertBefore(parent, n, p)
	}
	parent.ReplaceChild(parent, n, last)
	return linked
}

// phoneFinder finds phone numbers in one text from left to right. It
// remembers where each number next stands, so that finding every mention
// goes over the text once per number, not once per mention.
type phoneFinder struct {
	s      []byte
	phones []string
	at     []int // where phones[i] next stands as a whole number; -1: nowhere
}

func newPhoneFinder(s []byte, phones []string) *phoneFinder {
	f := &phoneFinder{s: s, phones: phones, at: make([]int, len(phones))}
	for i, p := range phones {
		f.at[i] = findPhone(s, p, 0)
	}
	return f
}

// next returns the first place at or after from where one of the phones
// stands as a whole number (not inside a longer run of digits), and which
// one; -1 when there is none.
func (f *phoneFinder) next(from int) (int, string) {
	best, which := -1, ""
	for i, p := range f.phones {
		if f.at[i] >= 0 && f.at[i] < from {
			f.at[i] = findPhone(f.s, p, from)
		}
		if f.at[i] >= 0 && (best < 0 || f.at[i] < best) {
			best, which = f.at[i], p
		}
	}
	return best, which
}

// findPhone returns the first place at or after from where p stands in s
// as a whole number, or -1.
func findPhone(s []byte, p string, from int) int {
	for p != "" && from < len(s) {
		i := bytes.Index(s[from:], []byte(p))
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(p)
		if (i == 0 || !isDigit(s[i-1])) && (end == len(s) || !isDigit(s[end])) {
			return i
		}
		from = i + 1
	}
	return -1
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// TelURL turns a phone number as written into a tel: URL.
func TelURL(phone string) string {
	var b strings.Builder
	b.WriteString("tel:")
	for i, r := range phone {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// nodeRenderer renders callouts, headings with anchor links, and raw HTML
// as escaped text. emergency is the emergency number, for the title of the
// emergency callout.
type nodeRenderer struct {
	emergency string
	images    *images.Library
}

func (r nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCallout, r.renderCallout)
	reg.Register(ast.KindHeading, renderHeading)
	reg.Register(ast.KindImage, r.renderImage)
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

func (r nodeRenderer) renderCallout(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	c := node.(*Callout)
	if entering {
		title := html.EscapeString(calloutTitles[c.Alert])
		if c.Alert == "emergency" {
			title = "Call emergency services if…"
			if r.emergency != "" {
				title = fmt.Sprintf(`Call <a href="%s">%s</a> if…`, html.EscapeString(TelURL(r.emergency)), html.EscapeString(r.emergency))
			}
		}
		prefix := ""
		if p := careLevels[c.Alert]; p != "" {
			prefix = `<span class="visually-hidden">` + p + `: </span>`
		}
		fmt.Fprintf(w, "<div class=\"callout callout-%s\" role=\"note\">\n<p class=\"callout-title\">%s%s</p>\n", c.Alert, prefix, title)
	} else {
		w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if entering {
		fmt.Fprintf(w, "<h%d", n.Level)
		if n.Attributes() != nil {
			ghtml.RenderAttributes(w, n, ghtml.HeadingAttributeFilter)
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if id, ok := n.AttributeString("id"); ok && n.Level >= 2 {
		idStr := html.EscapeString(string(id.([]byte)))
		fmt.Fprintf(w, ` <a class="anchor" href="#%s"><span aria-hidden="true">#</span><span class="visually-hidden">Link to the section %s</span></a>`,
			idStr, html.EscapeString(plainText(n, src)))
	}
	fmt.Fprintf(w, "</h%d>\n", n.Level)
	return ast.WalkContinue, nil
}

func renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := node.(*ast.RawHTML).Segments
		for i := range segs.Len() {
			seg := segs.At(i)
			w.WriteString(html.EscapeString(string(seg.Value(src))))
		}
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	var b strings.Builder
	for i := range n.Lines().Len() {
		seg := n.Lines().At(i)
		b.Write(seg.Value(src))
	}
	if n.HasClosure() {
		b.Write(n.ClosureLine.Value(src))
	}
	fmt.Fprintf(w, "<p>%s</p>\n", html.EscapeString(strings.TrimSpace(b.String())))
	return ast.WalkSkipChildren, nil
}
