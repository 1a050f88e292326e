package images

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

// Decorative is the alt text that marks an image as decoration only (a
// leaf in a corner, a divider): visitors who cannot see it are told
// nothing about it, so it gets an empty alt. Every other image needs alt
// text that says what it shows; an empty one is an error.
const Decorative = "decorative"

// Sizes is how wide an image of a page shows: the whole screen on a
// phone, at most the text column (70 characters, about 42rem) elsewhere.
// The browser picks the smallest variant that fills that width.
const Sizes = "(min-width: 45rem) 42rem, 100vw"

// HTML returns the markup that shows im with alt text alt (Decorative
// for an empty alt): a <picture> with a WebP source and a fallback for a
// raster image, an <img> for a drawing. eager loads it at once (the first
// image of a page); otherwise it loads when it comes near the screen.
// class, when set, is the class of the <img>.
func (im *Image) HTML(alt string, eager bool, class string) template.HTML {
	return im.html(alt, eager, class, Sizes)
}

// CardSizes is how wide an image on a card shows: the whole screen on a
// phone, at most about 20rem elsewhere.
const CardSizes = "(min-width: 40rem) 20rem, 100vw"

// Card returns the markup of im on a card that names the page beside it:
// decoration there (the card's title says it), loaded lazily, at card
// width.
func (im *Image) Card() template.HTML {
	return im.html(Decorative, false, "card-img", CardSizes)
}

func (im *Image) html(alt string, eager bool, class, sizes string) template.HTML {
	if strings.EqualFold(strings.TrimSpace(alt), Decorative) {
		alt = ""
	}
	vs := im.Variants()
	var b strings.Builder
	if im.Format != SVG {
		b.WriteString(`<picture><source type="image/webp" srcset="`)
		b.WriteString(srcset(vs, WebP))
		b.WriteString(`" sizes="` + sizes + `">`)
	}
	main := pick(vs, im.Fallback(), 720)
	if im.Format == SVG {
		main = vs[0]
	}
	b.WriteString(`<img src="` + html.EscapeString(main.URL) + `"`)
	if im.Format != SVG {
		b.WriteString(` srcset="` + srcset(vs, im.Fallback()) + `" sizes="` + sizes + `"`)
	}
	top := vs[len(vs)-1]
	b.WriteString(` width="` + strconv.Itoa(top.Width) + `" height="` + strconv.Itoa(top.Height) + `"`)
	b.WriteString(` alt="` + html.EscapeString(alt) + `"`)
	if class != "" {
		b.WriteString(` class="` + html.EscapeString(class) + `"`)
	}
	if eager {
		b.WriteString(` fetchpriority="high">`)
	} else {
		b.WriteString(` loading="lazy" decoding="async">`)
	}
	if im.Format != SVG {
		b.WriteString(`</picture>`)
	}
	return template.HTML(b.String())
}

// URL returns the address of im's variant of format f nearest to width w
// from below (or the narrowest): for og:image and the JSON-LD image, a
// JPEG about 1200 pixels wide.
func (im *Image) URL(w int) string {
	if im.Format == SVG {
		return im.Variants()[0].URL
	}
	return pick(im.Variants(), im.Fallback(), w).URL
}

func srcset(vs []Variant, f Format) string {
	var parts []string
	for _, v := range vs {
		if v.Format == f {
			parts = append(parts, html.EscapeString(v.URL)+" "+strconv.Itoa(v.Width)+"w")
		}
	}
	return strings.Join(parts, ", ")
}

// pick returns the widest variant of format f no wider than w, or the
// narrowest one.
func pick(vs []Variant, f Format, w int) Variant {
	var best Variant
	for _, v := range vs {
		if v.Format != f {
			continue
		}
		if best.URL == "" || v.Width <= w {
			best = v
		}
	}
	return best
}
