package site

import (
	"context"

	"github.com/relief-massage/relief/internal/images"
)

// Image returns the image variant at a URL path (/static/images/…, its
// only, fingerprinted, URL), waiting until it is made: Build starts
// making every variant in the background, so that pages are served at
// once. ok is false when the path is no variant.
func (s *Site) Image(ctx context.Context, path string) (f images.File, ok bool, err error) {
	return s.images.File(ctx, path)
}

// ImageURLs returns the URL of every image variant, sorted.
func (s *Site) ImageURLs() []string { return s.images.URLs() }

// WaitImages waits until every image variant is made, and returns the
// first image that could not be (a file cut short): relief check and
// relief build call it.
func (s *Site) WaitImages(ctx context.Context) error { return s.images.Wait(ctx) }

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
