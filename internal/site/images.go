package site

import (
	"context"
	"strings"

	"github.com/relief-massage/relief/internal/images"
)

// addImages makes (or finds, see images.Processor) every variant of every
// image of lib and serves each under its fingerprinted URL
// (/static/images/…), which is its only URL.
func (a *Assets) addImages(p *images.Processor, lib *images.Library) error {
	files, err := p.Files(context.Background(), lib)
	if err != nil {
		return err
	}
	for url, f := range files {
		as := &Asset{Name: strings.TrimPrefix(url, "/static/"), Fingerprint: url, ContentType: f.Type, Body: f.Data}
		a.byName[as.Name] = as
		a.byURL[url] = as
	}
	return nil
}

// Image returns the picture of the page the view shows (image: in its
// frontmatter), or nil.
func (v *view) Image() *images.Image {
	switch {
	case v.Condition != nil:
		return v.Condition.Image
	case v.Page != nil:
		return v.Page.Image
	}
	return nil
}

// ImageAlt returns what the view's Image shows.
func (v *view) ImageAlt() string {
	switch {
	case v.Condition != nil:
		return v.Condition.ImageAlt
	case v.Page != nil:
		return v.Page.ImageAlt
	}
	return ""
}

// ShareImage returns the absolute address of the view's Image as search
// engines and social sites take it (og:image, JSON-LD): a JPEG or PNG
// about 1080 pixels wide; "" when the page has none.
func (v *view) ShareImage() string {
	if im := v.Image(); im != nil {
		return v.Site.BaseURL + im.URL(1080)
	}
	return ""
}
