package site

import (
	"bytes"
	"errors"
	"html/template"
	"strings"
	"sync"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/search"
)

const htmlType = "text/html; charset=utf-8"

type builder struct {
	site  *Site // the language's site: its content, words and templates
	out   *Site // the site that keeps the pages: the default language's
	kinds map[route.Kind]*template.Template
	opts  Options
	keys  *pageKeys // the page cache on disk, or nil (pagecache.go)
	bufs  sync.Pool // *bytes.Buffer to render into, one per goroutine at a time
}

func (b *builder) build() error {
	s := b.site
	cs := s.Content
	shown := published(cs.Conditions, b.opts.Dev)
	dev := b.opts.Dev
	b.site.index = newLazyIndex(cs.Lang.Code, func() []search.Doc { return searchDocs(s, shown, dev) }, cs.Synonyms)
	b.site.areas = allAreas(cs.Config.Regions, shown)
	b.site.related = b.opts.related
	if b.site.related == nil {
		b.site.related = relatedAll(shown)
	}
	var jobs pageJobs
	home := b.view(s.url(route.Home, ""), cs.Home.Title, cs.Home.Summary)
	home.Page = cs.Home
	home.Featured = byWeight(shown)[:min(len(shown), 6)]
	jobs.add(route.Home, home, nil)
	index := b.view(s.url(route.ConditionsIndex, ""), b.site.words.ConditionsIndex.Title, b.site.words.ConditionsIndex.Description)
	index.Conditions = shown
	index.Areas = withConditions(b.site.areas)
	index.Letters = letters(shown, s.words)
	index.LetterBar = letterBar(index.Letters, s.words.Alphabet)
	jobs.add(route.ConditionsIndex, index, nil)
	jobs.group++ // the condition pages' errors are reported together
	for _, c := range shown {
		var v *view
		if b.opts.reuse[c.URL()] != nil {
			v = &view{Path: c.URL()} // render takes the page to reuse as it is
		} else {
			v = b.view(c.URL(), c.Title, c.Summary)
			v.Condition, v.Related, v.Draft = c, b.site.related[c], c.Draft
		}
		jobs.list = append(jobs.list, pageJob{kind: route.Condition, v: v, group: jobs.group})
		for _, from := range c.RedirectFrom {
			b.out.redirects[from] = c.URL()
		}
	}
	for _, p := range cs.Pages {
		if p.Draft && !b.opts.Dev {
			continue
		}
		v := b.view(s.url(route.Page, p.Slug), p.Title, p.Summary)
		v.Page, v.Draft = p, p.Draft
		jobs.add(route.Page, v, nil)
	}
	b.browse(shown, &jobs)
	if err := b.renderAll(jobs.list); err != nil {
		return err
	}
	return b.notFound()
}

// view returns the fields every page shares.
func (b *builder) view(path, title, description string) *view {
	return b.site.view(path, title, description)
}

// pageJob is one page for renderAll to render: its kind and view, and
// fill, when set, which completes the view first (a list that takes a
// while on a large site is made on a worker too). Jobs of one group
// report their errors together.
type pageJob struct {
	kind  route.Kind
	v     *view
	fill  func(*view)
	group int
}

// pageJobs lists the pages of a site in the order it keeps them.
type pageJobs struct {
	list  []pageJob
	group int // the group of the jobs added next
}

// add adds a page in a group of its own.
func (j *pageJobs) add(kind route.Kind, v *view, fill func(*view)) {
	j.group++
	j.list = append(j.list, pageJob{kind, v, fill, j.group})
}

// renderAll renders every page of a language at once, on every CPU
// (html/template may execute in parallel), and keeps them in the order
// given. The error is that of the first group, in that order, that has
// any: its errors joined (a broken layout names the home page once, not
// every page). A served site's condition forgets its rendered Markdown as
// soon as its page is ready, rendered now or taken from the page cache,
// since it is in the page now (see Build): no template may show another
// condition's Body. The pages are compressed once all are rendered (see
// encodeAll). A build that reuses no pages, of a site to be served, makes
// them in a slab (slab.go).
func (b *builder) renderAll(jobs []pageJob) error {
	pages := make([]*Page, len(jobs))
	errs := make([]error, len(jobs))
	var sl *slab
	if !b.opts.Dev && b.opts.reuse == nil {
		sl = newSlab(len(jobs), b.keys != nil)
	}
	parallel(len(jobs), func() func(int) {
		return func(i int) {
			j := jobs[i]
			if j.fill != nil {
				j.fill(j.v)
			}
			pages[i], errs[i] = b.render(j.kind, j.v, sl.slot(i))
			if c := j.v.Condition; errs[i] == nil && c != nil && !b.opts.Dev {
				c.Body = ""
			}
		}
	})
	for i := 0; i < len(jobs); {
		end := i + 1
		for end < len(jobs) && jobs[end].group == jobs[i].group {
			end++
		}
		if err := errors.Join(errs[i:end]...); err != nil {
			return err
		}
		i = end
	}
	sl.compact()
	for _, p := range pages {
		b.keep(p)
	}
	return nil
}

// render returns the page for a view: the one to reuse from an earlier
// build (see Rebuild), or one taken from the page cache or rendered now,
// made in at.
func (b *builder) render(kind route.Kind, v *view, at pageSlot) (*Page, error) {
	if p := b.opts.reuse[v.Path]; p != nil {
		return p, nil
	}
	var key *cache.Key
	if b.keys != nil {
		k := b.keys.key(kind, v, sourceOf(v))
		if p := b.keys.cachedPage(k, v.Path, at); p != nil {
			if !b.opts.Dev {
				p.dropPlain(b.out.hot) // compressed already: keep only that
			}
			return p, nil
		}
		key = at.key(k)
	}
	ld, err := b.jsonLD(v)
	if err != nil {
		return nil, err
	}
	v.JSONLD = ld
	buf, _ := b.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer b.bufs.Put(buf)
	body, err := executeTo(buf, b.kinds, kind, v)
	if err != nil {
		return nil, err
	}
	p := newPageAt(at.page(), v.Path, htmlType, bytes.Clone(body)) // the buffer is used again
	p.key = key
	return p, nil
}

// keep adds a page to the site.
func (b *builder) keep(p *Page) {
	if p.key != nil && b.opts.reuse[p.Path] != p {
		b.out.fresh = append(b.out.fresh, p)
	}
	b.out.pages[p.Path] = p
	b.out.paths = append(b.out.paths, p.Path)
}

// notFound renders the 404 page without a suggestion once, for the
// requests that get none and for the export; the template runs then, so a
// broken 404.html stops the build rather than a request.
func (b *builder) notFound() error {
	body, err := b.site.renderNotFound(nil)
	if err != nil {
		return err
	}
	b.site.notFound = body
	return nil
}

// renderNotFound renders the 404 page, suggesting the pages in sug (none,
// one or two), through the same template path as every page.
func (s *Site) renderNotFound(sug []*search.Doc) ([]byte, error) {
	v := s.view(route.In(s.Content.Lang.Prefix(), "/404"), s.words.NotFound.Title, s.words.NotFound.Description)
	v.Canonical = ""
	v.Suggested = sug
	return execute(s.kinds, route.NotFound, v)
}

// NotFound returns the 404 page for a request path, suggesting the pages
// the visitor plausibly meant (plausible, notfound.go). One without a
// suggestion is the page rendered at build time; one with is rendered
// when those pages are suggested and kept among the recent ones
// (recent.go: a bounded cache, so that no run of requests can fill the
// memory); a template error is returned.
func (s *Site) NotFound(path string) ([]byte, error) {
	if s.plainNotFound {
		return s.notFound, nil
	}
	if ls := s.In(langOf(path)); ls != nil && ls != s {
		return ls.NotFound(path)
	}
	sug := s.plausible(path)
	if len(sug) == 0 {
		return s.notFound, nil
	}
	var key strings.Builder
	for _, d := range sug {
		key.WriteString(d.URL + " ")
	}
	if p, ok := s.suggested.get(key.String()); ok {
		return p.body, nil
	}
	page, err := s.renderNotFound(sug)
	if err == nil {
		s.suggested.put(key.String(), cachedPage{body: page})
	}
	return page, err
}

// NotFoundPage returns the 404 page without a suggestion, for export.
func (s *Site) NotFoundPage() []byte { return s.notFound }
