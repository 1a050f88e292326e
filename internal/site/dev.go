package site

import (
	"io/fs"
	"maps"
	"slices"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/route"
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
	c.notFound, c.plainNotFound = body, true
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
	s := &Site{Content: &content.Site{}, Assets: assets, pages: map[string]*Page{}, redirects: map[string]string{}, index: newLazyIndex("", nil, nil), searchParts: &searchParts{}, searched: newRecent(recentBytes), suggested: newRecent(recentBytes)}
	s.encodeAll(false)
	return s.WithErrorPage(body), nil
}

// errorPage is a page that shows body, with an ETag but never compressed:
// the preview only talks to this computer.
func errorPage(path string, body []byte) *Page {
	p := newPage(path, htmlType, body)
	p.uncompressed()
	return p
}

func (s *Site) clone() *Site {
	c := *s
	c.pages = maps.Clone(s.pages)
	c.paths = append([]string(nil), s.paths...)
	c.redirects = maps.Clone(s.redirects)
	return &c
}

// Rebuild is Build for a content change that touched only condition
// files, named by their Path in changed. It reuses prev's bytes for every
// page the change cannot have touched:
//   - a condition page, when its own file did not change, the related
//     conditions it shows are the same as before, and none of their cards
//     (title, summary...) changed;
//   - the list pages (home, the index, body areas, symptoms) and plain
//     pages, when no condition's card changed: the usual case while the
//     therapist edits the text of a page.
//
// It also takes prev's parsed templates, static files and words as they
// are, its related conditions when no condition's title, slug, weight,
// areas, symptoms or related list changed, and its sitemap when the list
// pages are reused.
//
// prev must have been built from the same templates and static files with
// the same options; when site.yaml, a plain page or the home page changed,
// call Build instead.
func Rebuild(prev *Site, cs *content.Site, tfs, static fs.FS, opts Options, changed map[string]bool) (*Site, error) {
	if len(cs.Translations) > 0 || len(prev.translations) > 0 {
		return Build(cs, tfs, static, opts) // a change shows in every language: render them all
	}
	before := map[string][]string{}
	for c, rs := range prev.related {
		before[c.URL()] = slugs(rs)
	}
	prevByPath := map[string]*content.Condition{}
	for _, c := range prev.Content.Conditions {
		prevByPath[c.Path] = c
	}
	listsChanged := len(prev.Content.Conditions) != len(cs.Conditions)
	cardChanged := map[string]bool{}
	for _, c := range cs.Conditions {
		if old := prevByPath[c.Path]; old == nil || !sameCard(old, c) {
			cardChanged[c.Path], listsChanged = true, true
		}
	}
	opts.reuse, opts.from = map[string]*Page{}, prev
	opts.related = relatedAgain(prev, published(cs.Conditions, opts.Dev))
	for c, rs := range opts.related {
		old := prev.pages[c.URL()]
		if old == nil || changed[c.Path] || !slices.Equal(slugs(rs), before[c.URL()]) ||
			slices.ContainsFunc(rs, func(r *content.Condition) bool { return cardChanged[r.Path] }) {
			continue
		}
		opts.reuse[c.URL()] = old
	}
	if !listsChanged {
		for _, path := range prev.paths {
			if route.Parse(path).Kind != route.Condition {
				opts.reuse[path] = prev.pages[path]
			}
		}
	}
	return Build(cs, tfs, static, opts)
}

// relatedAgain returns the related conditions of each condition in shown:
// prev's, moved onto the conditions of shown, when nothing they are chosen
// by changed (the usual case while the therapist edits a page's text),
// else relatedAll's. The choice depends on which conditions are shown and
// on each one's related list, areas, symptoms, weight, title and slug.
func relatedAgain(prev *Site, shown []*content.Condition) map[*content.Condition][]*content.Condition {
	if len(prev.related) != len(shown) {
		return relatedAll(shown)
	}
	old := make(map[string]*content.Condition, len(shown))
	for c := range prev.related {
		old[c.Path] = c
	}
	now := make(map[string]*content.Condition, len(shown))
	for _, c := range shown {
		if o := old[c.Path]; o == nil || !sameRelatedness(o, c) {
			return relatedAll(shown)
		}
		now[c.Path] = c
	}
	keys := make([]*content.Condition, 0, len(shown))
	lists := make([][]*content.Condition, 0, len(shown))
	for o, rs := range prev.related {
		moved := make([]*content.Condition, len(rs))
		for i, r := range rs {
			moved[i] = now[r.Path]
		}
		keys, lists = append(keys, now[o.Path]), append(lists, moved)
	}
	out := make(map[*content.Condition][]*content.Condition, len(shown))
	for i, l := range oneArray(lists) {
		out[keys[i]] = l
	}
	return out
}

// sameRelatedness reports whether a and b are alike in everything
// relatedAll chooses by.
func sameRelatedness(a, b *content.Condition) bool {
	return a.Slug == b.Slug && a.Title == b.Title && a.Weight == b.Weight &&
		slices.Equal(a.Symptoms, b.Symptoms) && slices.EqualFunc(a.Related, b.Related, sameSlug) &&
		slices.EqualFunc(a.Regions, b.Regions, func(x, y *content.Region) bool { return x.Slug == y.Slug })
}

func sameSlug(a, b *content.Condition) bool { return a.Slug == b.Slug }

// sameCard reports whether what list pages and related-condition cards
// show of a condition (title, summary, areas...) is the same in a and b.
func sameCard(a, b *content.Condition) bool {
	return a.Slug == b.Slug && a.Title == b.Title && a.Summary == b.Summary && a.Weight == b.Weight &&
		a.Draft == b.Draft && a.Reviewed.Equal(b.Reviewed) && imageURL(a.Image) == imageURL(b.Image) && slices.Equal(a.Aliases, b.Aliases) &&
		slices.Equal(a.Symptoms, b.Symptoms) && slices.EqualFunc(a.Regions, b.Regions, func(x, y *content.Region) bool { return x.Slug == y.Slug })
}

func slugs(cs []*content.Condition) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Slug
	}
	return out
}

func imageURL(im *images.Image) string {
	if im == nil {
		return ""
	}
	return im.URL(0)
}
