package site

import (
	"io/fs"
	"maps"
	"slices"

	"github.com/relief-massage/relief/internal/content"
)

// This file holds what the preview server (relief serve -dev) needs beyond
// Build: sites that show an error page in place of broken pages, and a
// rebuild that re-renders only what a change can have touched. A live Site
// is never changed: each function returns a new one.

// WithPages returns a copy of s in which each path in pages serves the
// given HTML instead of its rendered page; paths s does not have are added.
func (s *Site) WithPages(pages map[string][]byte) *Site {
	c := s.clone()
	for p, body := range pages {
		if c.pages[p] == nil {
			c.paths = append(c.paths, p)
		}
		c.pages[p] = errorPage(p, body)
	}
	return c
}

// WithErrorPage returns a copy of s in which every page, and every path
// that would be "not found", serves body: the whole site is broken (a
// template or site.yaml), so nothing but the error is worth showing.
func (s *Site) WithErrorPage(body []byte) *Site {
	c := s.clone()
	for p := range c.pages {
		c.pages[p] = errorPage(p, body)
	}
	c.notFound = [2][]byte{body, nil}
	c.redirects = map[string]string{}
	return c
}

// ErrorSite returns a site that only has the static files of static and
// serves body for every page. The preview server starts with it when the
// content or templates have never built.
func ErrorSite(static fs.FS, body []byte) (*Site, error) {
	assets, err := loadAssets(static)
	if err != nil {
		return nil, err
	}
	s := &Site{Content: &content.Site{}, Assets: assets, pages: map[string]*Page{}, redirects: map[string]string{}, index: newLazyIndex(nil, false)}
	s.encodeAll(false)
	return s.WithErrorPage(body), nil
}

// errorPage is a page that shows body, with an ETag but never compressed:
// the preview only talks to this computer.
func errorPage(path string, body []byte) *Page {
	return &Page{Path: path, ContentType: htmlType, Body: body, Encodings: Encode(body, "")}
}

func (s *Site) clone() *Site {
	c := *s
	c.pages = maps.Clone(s.pages)
	c.paths = append([]string(nil), s.paths...)
	c.redirects = maps.Clone(s.redirects)
	return &c
}

// Rebuild is Build for a content change that touched only condition
// files, named by their Path in changed: it reuses prev's bytes for every
// condition page the change cannot have touched, and renders the rest
// (home, the index, the browse pages, the 404 page) again. A condition
// page is reused when its own file did not change, the related conditions
// it shows are the same as before, and none of those changed (their cards
// show titles and summaries). prev must have been built from the same
// templates and static files with the same options; when site.yaml, a
// plain page or the home page changed, call Build instead.
func Rebuild(prev *Site, cs *content.Site, tfs, static fs.FS, opts Options, changed map[string]bool) (*Site, error) {
	before := map[string][]string{}
	for c, rs := range prev.related {
		before[c.URL()] = slugs(rs)
	}
	opts.reuse = map[string]*Page{}
	for c, rs := range relatedAll(published(cs.Conditions, opts.Dev)) {
		old := prev.pages[c.URL()]
		if old == nil || changed[c.Path] || !slices.Equal(slugs(rs), before[c.URL()]) ||
			slices.ContainsFunc(rs, func(r *content.Condition) bool { return changed[r.Path] }) {
			continue
		}
		opts.reuse[c.URL()] = old
	}
	return Build(cs, tfs, static, opts)
}

func slugs(cs []*content.Condition) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Slug
	}
	return out
}
