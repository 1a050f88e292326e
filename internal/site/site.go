package site

import (
	"cmp"
	"html/template"
	"io/fs"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/route"
)

// Options control how the site is rendered.
type Options struct {
	// Dev renders drafts (with a "Draft" banner) and includes the
	// live-reload script in every page.
	Dev bool
	// NoLiveReload leaves the live-reload script out of a Dev build: the
	// editor's preview frame, which the editor reloads itself.
	NoLiveReload bool
	// Disk, when set, is where the rendered Markdown and the compressed
	// form of every body are kept between runs (see package cache).
	Disk *cache.Store
	// Images makes the variants of the content's images (see package
	// images). Pass the same one to every build of a running program, so
	// that each image is processed once; nil makes a new one on Disk.
	Images *images.Processor
	// BuiltinTemplates says the templates are the ones built into relief,
	// which show conditions other than a page's own by their frontmatter
	// alone; otherwise the page cache assumes any page may show any
	// condition's text (see pagecache.go).
	BuiltinTemplates bool
	// CompressAfter, when not nil, holds back the compression of the
	// bodies until it is closed. relief serve closes it once it has
	// answered its first request (or soon after it listens), so that the
	// way to its first page has the CPUs to itself: until a
	// page's gzip form is made, the page is sent as it is (see Gzip).
	CompressAfter <-chan struct{}

	reuse   map[string]*Page                            // pages to take as they are instead of rendering (see Rebuild)
	related map[*content.Condition][]*content.Condition // computed by Rebuild already, or nil
	// from, set by Rebuild, is a site built from the same templates,
	// static files and site.yaml, in one language: its assets, words and
	// parsed templates are taken as they are.
	from *Site
}

// Page is the rendered bytes of one URL: the body as it is (Plain) and
// its compressed forms, with their ETags (Encodings: the ETag set by
// Build, the compressed forms made in the background).
type Page struct {
	Path        string
	ContentType string
	Encodings   // the ETag set by Build for every page, the compressed forms made after

	key *cache.Key // where the page cache keeps it, for a page rendered now (pagecache.go)
}

// newPage returns the page of body, with its ETag.
func newPage(path, contentType string, body []byte) *Page {
	return newPageAt(new(Page), path, contentType, body)
}

// newPageAt is newPage made in p, a zero Page (a build's, see slab.go).
func newPageAt(p *Page, path, contentType string, body []byte) *Page {
	p.Path, p.ContentType = path, contentType
	p.setBody(body)
	return p
}

// Site is the whole website, rendered. It is immutable once built.
type Site struct {
	Content *content.Site
	Assets  *Assets

	pages    map[string]*Page
	paths    []string // every page path, in a stable order
	notFound []byte   // the 404 page without a suggestion
	// plainNotFound makes every 404 notFound as it is, without a
	// suggestion: the preview's error site, whose templates may be broken.
	plainNotFound bool
	suggested     *recent // the 404 pages with a suggestion made last (NotFound, recent.go)
	redirects     map[string]string

	hot      *hotBodies                        // the pages' plain bodies inflated last (plain.go)
	kinds    map[route.Kind]*template.Template // for the search page, rendered per query
	partials *parts                            // the partials made once for many pages (parts.go)
	items    *items                            // the partials made once for a value while the site is built (items.go)
	shared   *sharedView                       // the fields every view shares (view.go); nil: made for each view
	opts     Options
	index    *lazyIndex
	// searchParts are the parts of the search page made at its first
	// search (search_shell.go).
	searchParts *searchParts
	searched    *recent // the search pages and /search.json answers made last (recent.go)
	// gzipped and compressed are closed when every gzip form is made,
	// then every brotli form (encode.go).
	gzipped, compressed chan struct{}
	fresh               []*Page                                     // the pages rendered by this build, for the page cache (pagecache.go); nil once kept
	related             map[*content.Condition][]*content.Condition // what each condition page shows
	areas               []area                                      // every body area with its conditions, for /areas/ and search
	words               *words                                      // templates/words.yaml, or a language's strings file over it
	serverError         []byte                                      // the 500 page, from words
	images              *images.Set                                 // the variants of the content's images, made in the background

	// The site in more than one language (lang.go): the default
	// language's Site holds every language's pages, and its translations
	// (each a Site with the content, words, templates and search of its
	// language) answer what is made per request: search, the 404 page.
	translations []*Site
	langs        *languages // shared by every language's Site
	// Warnings are the problems that did not stop the build: a strings
	// file's missing words (relief check lists them).
	Warnings content.Problems
}

// Build renders every page of cs, in every language it has
// (cs.Translations), with the templates in tfs and the static files in
// static. Any template that fails to parse or execute fails the whole
// build, with the template's name and line in the error.
//
// A site built to be served (not opts.Dev) takes from cs what it keeps:
// every page of cs, in every language, forgets its Markdown rendered to
// HTML once its page is (a condition's as soon as its own page is, see
// renderAll), and what only the checks read once all are
// (content.Site.Served). The HTML is in the pages then, and search, the
// 404 page, export and the editor use the other fields (search the
// passages). (Its plain text, which only the checks read, content.Load
// never keeps.) The preview keeps it all, for Rebuild; the editor's
// content cache (content.Cache) keeps copies of its own.
func Build(cs *content.Site, tfs, static fs.FS, opts Options) (*Site, error) {
	assets, w, err := loadInputs(cs, tfs, static, opts.from)
	if err != nil {
		return nil, err
	}
	keys, err := newPageKeys(cs, tfs, assets, opts)
	if err != nil {
		return nil, err
	}
	langs, warnings := newLanguages(cs, w, opts.Dev)
	imgs := cmp.Or(opts.Images, images.NewProcessor(opts.Disk)).Start(cs.Images) // one set for every language
	var root *Site
	for i, ls := range cs.Sites() {
		lw := langs.words[i]
		kinds, items, pf, err := templatesFor(tfs, assets, lw, opts.from)
		if err != nil {
			return nil, err
		}
		if !opts.Dev { // the preview's templates may be running (items.go); a served site's never are (templatesFor)
			items.keep(true)
			defer items.keep(false) // the site is built: what is made per request keeps nothing
		}
		s := &Site{partials: newParts(pf), items: items, Content: ls, Assets: assets, words: lw, serverError: lw.serverErrorPage(), suggested: newRecent(recentBytes), searchParts: &searchParts{}, searched: newRecent(recentBytes), kinds: kinds, opts: opts, pages: map[string]*Page{}, redirects: map[string]string{}, langs: langs, images: imgs}
		if root == nil {
			s.hot = newHotBodies(hotPlainBytes)
			root, langs.root = s, s
		} else {
			root.translations = append(root.translations, s)
		}
		s.shared = s.makeShared()
		b := &builder{site: s, out: root, kinds: kinds, opts: opts, keys: keys}
		if err := b.build(); err != nil {
			return nil, err
		}
		if !opts.Dev {
			s.forgetUnserved()
		}
	}
	root.Warnings = warnings
	if err := (&builder{site: root, out: root, opts: opts}).seoFiles(); err != nil {
		return nil, err
	}
	root.encodeAll(!opts.Dev)
	if !opts.Dev {
		cs.Served()
	}
	return root, nil
}

// loadInputs reads the static files (for their fingerprinted addresses)
// and the site's words, or takes them from the site from (see
// Options.from).
func loadInputs(cs *content.Site, tfs, static fs.FS, from *Site) (*Assets, *words, error) {
	if from != nil {
		return from.Assets, from.words, nil
	}
	assets, err := loadAssets(static)
	if err != nil {
		return nil, nil, err
	}
	assets.withSiteAddress(cs.Config.BaseURL)
	w, err := loadWords(tfs)
	if err != nil {
		return nil, nil, err
	}
	return assets, w, nil
}

// templatesFor parses the templates with the functions of assets and
// words, and returns them with their partFields; or takes the ones of the
// site from (see Options.from) when it is a preview's. A served site
// keeps only the templates of servedKinds once built (forgetUnserved), so
// a site built from one parses them all again.
func templatesFor(tfs fs.FS, assets *Assets, w *words, from *Site) (map[route.Kind]*template.Template, *items, partFields, error) {
	if from != nil && from.opts.Dev {
		return from.kinds, from.items, from.partials.fields, nil // the same templates, which may be running
	}
	kinds, it, err := parseTemplates(tfs, funcs(assets, w))
	if err != nil {
		return nil, nil, nil, err
	}
	return kinds, it, fieldsOf(kinds), nil
}

// Lookup returns the page at a URL path, or nil.
func (s *Site) Lookup(path string) *Page { return s.pages[path] }

// Paths returns the path of every page, home first.
func (s *Site) Paths() []string { return s.paths }

// Redirect returns where an old path (a condition's redirect_from) now
// lives, or "".
func (s *Site) Redirect(path string) string { return s.redirects[path] }

// Redirects returns every old path and where it now lives.
func (s *Site) Redirects() map[string]string { return s.redirects }
