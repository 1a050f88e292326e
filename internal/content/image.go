package content

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/relief-massage/relief/internal/images"
)

// renderImage shows a Markdown image ![alt](name) of the images folder as
// the responsive <picture> of package images; the body's first image loads
// at once (render marks it). An image of the static folder (/static/…)
// is a plain <img>. An image that does not resolve is an error that
// validation reports (checkImage), so what is written for it here is
// never published: only its alt text, so the preview still reads.
func (r nodeRenderer) renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.Image)
	dest, alt := string(n.Destination), plainText(n, src)
	if !images.IsImage(dest) {
		_, _ = w.WriteString(`<img src="` + html.EscapeString(string(util.URLEscape(n.Destination, true))) + `" alt="` + html.EscapeString(decorative(alt)) + `">`)
		return ast.WalkSkipChildren, nil
	}
	im, err := r.images.Lookup(dest)
	if err != nil || im == nil {
		_, _ = w.WriteString(html.EscapeString(alt))
		return ast.WalkSkipChildren, nil
	}
	_, eager := n.AttributeString("data-eager")
	_, _ = w.WriteString(string(im.HTML(alt, eager, "")))
	return ast.WalkSkipChildren, nil
}

// decorative is the alt text to write for alt: empty for images.Decorative.
func decorative(alt string) string {
	if alt == images.Decorative {
		return ""
	}
	return alt
}

// checkImages reports every image of p that does not resolve or has no
// alt text: its body's images and its image: key.
func (l *loader) checkImages(site *Site, p *Page) {
	ps := l.problemsAt(p)
	for _, ln := range p.links {
		if !ln.Image || ln.Alt != "" {
			continue
		}
		ps.errorf(p.bodyLine+ln.Line-1, ln.Col, "image %s has no alt text: write what it shows between the brackets, like ![Hands easing a stiff shoulder](%s), or ![%s](%s) if it is only decoration", ln.Dest, ln.Dest, images.Decorative, ln.Dest)
	}
	if p.imageName == "" {
		if p.ImageAlt != "" {
			ps.warnf(p.imageAt.Line, p.imageAt.Col, "image_alt is set but image is not: add a line like image: shoulder.jpg, or remove image_alt")
		}
		return
	}
	im, err := site.Images.Lookup(p.imageName)
	if err != nil {
		ps.errorf(p.imageAt.Line, p.imageAt.Col, "image: %s: %v", p.imageName, err)
		return
	}
	if p.ImageAlt == "" {
		ps.errorf(p.imageAt.Line, p.imageAt.Col, "image: %s has no image_alt: add a line like image_alt: Hands easing a stiff shoulder, saying what it shows, or image_alt: %s if it is only decoration", p.imageName, images.Decorative)
		return
	}
	p.Image = im
}
