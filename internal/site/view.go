package site

import (
	"cmp"
	"html/template"
	"slices"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/search"
)

// view is what every template receives. Fields that a page kind does not
// use are left empty.
type view struct {
	Site        *content.Config
	Menu        []*content.Page // plain pages in the navigation
	Nav         []navLink       // the navigation: Menu, with the default language's pages not translated yet
	Contact     string          // the contact page (pages/contact.md) in the page's language, else the default's; "" without one
	Dev         bool            // preview mode (drafts shown)
	LiveReload  bool            // include the live-reload script: Dev, unless Options.NoLiveReload
	Path        string          // the page's path: "/conditions/sciatica"
	Canonical   string          // absolute URL from base_url
	Title       string          // the page's own title, without the site name
	Description string
	Draft       bool
	JSONLD      template.JS       // structured data for search engines (seo.go), or ""
	Lang        *content.Language // the page's language: <html lang dir>
	IsHome      bool              // the home page of its language
	Locale      string            // the language as Open Graph writes it: "en_US"
	Alternates  []hreflang        // the page in every language, with x-default; none for a page in one language
	Languages   []langLink        // the language switcher; none for a site in one language

	Page       *content.Page      // home and plain pages
	Condition  *content.Condition // condition pages
	Related    []*content.Condition
	Featured   []*content.Condition // home
	Conditions []*content.Condition // index: A-Z
	Areas      []area               // index: by body region
	Letters    []letter             // index: A-Z groups
	LetterBar  []barLetter          // index: the A-Z bar
	Area       *area                // one body area's page
	Symptoms   []symptom            // the symptoms page
	Search     *searchView          // the search page
	Suggested  []*search.Doc        // the 404 page: the pages it suggests (one or two), or none

	// NavPath is Path on the pages the header links to (the home page,
	// the conditions index, search, the pages in the navigation), else
	// "": the header marks the link to the page it is on by it, so that
	// it is the same on every other page (see parts.go).
	NavPath string

	set   *template.Template // the template set executing the view (executeView)
	parts *parts             // the site's partials made once (parts.go)
}

// area is a body region with its conditions.
type area struct {
	Region     *content.Region
	Conditions []*content.Condition
}

// letter is one letter of the A-Z list.
type letter struct {
	Letter     string
	Conditions []*content.Condition
}

// published returns the conditions to show: all of them in dev mode,
// otherwise those that are not drafts.
func published(cs []*content.Condition, dev bool) []*content.Condition {
	var out []*content.Condition
	for _, c := range cs {
		if dev || !c.Draft {
			out = append(out, c)
		}
	}
	return out
}

// byWeight returns cs sorted by weight, then title.
func byWeight(cs []*content.Condition) []*content.Condition {
	out := slices.Clone(cs)
	slices.SortStableFunc(out, func(a, b *content.Condition) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(a.Title, b.Title))
	})
	return out
}

// withConditions returns the areas that have conditions.
func withConditions(all []area) []area {
	var out []area
	for _, a := range all {
		if len(a.Conditions) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// letters groups conditions (sorted by title) by the letter of the A to Z
// bar each goes under (words.letterOf).
func letters(cs []*content.Condition, w *words) []letter {
	var out []letter
	for _, c := range cs {
		l := w.letterOf(c.Title)
		if len(out) == 0 || out[len(out)-1].Letter != l {
			out = append(out, letter{Letter: l})
		}
		out[len(out)-1].Conditions = append(out[len(out)-1].Conditions, c)
	}
	return out
}

// view returns the fields every page shares, for a page at path: the
// one way a view starts, at build time and for the pages rendered per
// request (search).
func (s *Site) view(path, title, description string) *view {
	cfg := &s.Content.Config
	sw := s.shared
	if sw == nil {
		sw = s.makeShared()
	}
	v := &view{Site: cfg, Dev: s.opts.Dev, LiveReload: s.opts.Dev && !s.opts.NoLiveReload, Path: path, Canonical: cfg.BaseURL + path, Title: title, Description: description,
		Lang: s.Content.Lang, IsHome: path == s.url(route.Home, ""), Locale: sw.locale, Menu: sw.menu, Nav: sw.nav, Contact: sw.contact}
	if s.langs != nil {
		v.Alternates = s.langs.hreflangs(path, cfg.BaseURL)
		v.Languages = s.langs.switcher(path, s.Content.Lang)
	}
	v.parts = s.partials
	if v.IsHome || path == s.url(route.ConditionsIndex, "") || path == s.url(route.Search, "") || slices.ContainsFunc(v.Nav, func(l navLink) bool { return l.URL == path }) {
		v.NavPath = path
	}
	return v
}

// sharedView holds the fields of a view that are the same on every page of
// one language's site: made once by Build (Site.shared), rather than
// for each of a thousand pages. The lists are shared by every view, and
// only read.
type sharedView struct {
	menu    []*content.Page // plain pages in the navigation
	nav     []navLink
	contact string
	locale  string
}

// makeShared returns the fields every view of s shares. Build calls it
// once s's languages are known (nav reads the default language's site).
func (s *Site) makeShared() *sharedView {
	sw := &sharedView{locale: locale(s.Content.Lang.Code)}
	for _, p := range s.Content.Pages {
		if p.Menu && (!p.Draft || s.opts.Dev) {
			sw.menu = append(sw.menu, p)
		}
	}
	sw.nav, sw.contact = s.nav()
	return sw
}
