package site

import (
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/search"
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
	s := &Site{Content: &content.Site{}, Assets: assets, pages: map[string]*Page{}, redirects: map[string]string{}, index: search.New(nil)}
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
// page can change when its own file did, or when a changed condition (as
// it was or as it is) is in its related list or shares a body area or a
// symptom with it, and so may rank among its related conditions. prev must
// have been built from the same templates and static files with the same
// options; when site.yaml, a plain page or the home page changed, call
// Build instead.
func Rebuild(prev *Site, cs *content.Site, tfs, static fs.FS, opts Options, changed map[string]bool) (*Site, error) {
	var touched []*content.Condition // changed conditions, before and after
	for _, list := range [][]*content.Condition{prev.Content.Conditions, cs.Conditions} {
		for _, c := range list {
			if changed[c.Path] {
				touched = append(touched, c)
			}
		}
	}
	opts.reuse = map[string]*Page{}
	for _, c := range cs.Conditions {
		old := prev.pages[c.URL()]
		if old == nil || changed[c.Path] || slices.ContainsFunc(c.Related, func(r *content.Condition) bool { return changed[r.Path] }) {
			continue
		}
		if !slices.ContainsFunc(touched, func(t *content.Condition) bool { return shareAny(c, t) }) {
			opts.reuse[c.URL()] = old
		}
	}
	return Build(cs, tfs, static, opts)
}

// shareAny reports whether a and b share a body area or a symptom. The two
// may come from different loads, so areas are compared by slug.
func shareAny(a, b *content.Condition) bool {
	for _, r := range a.Regions {
		if slices.ContainsFunc(b.Regions, func(o *content.Region) bool { return o.Slug == r.Slug }) {
			return true
		}
	}
	for _, s := range a.Symptoms {
		if slices.ContainsFunc(b.Symptoms, func(o string) bool { return strings.EqualFold(strings.TrimSpace(o), strings.TrimSpace(s)) }) {
			return true
		}
	}
	return false
}
