package content

import (
	"html/template"
	"time"

	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/passage"
)

// Config is the practice's details from site.yaml.
type Config struct {
	Name       string
	Tagline    string
	BaseURL    string // absolute, without a trailing slash: "https://relief.example.com"
	Phone      string // as written for people: "(555) 014-2368"
	Emergency  string // the emergency number: "911"
	Email      string
	Address    string
	BookingURL string
	Disclaimer string // shown on every condition page
	// ReadingGrade is the US school grade pages should not read above
	// (reading_grade; DefaultReadingGrade unless set; 0 turns the check off).
	ReadingGrade int
	Regions      []*Region // body areas, in the order the site shows them
	// Languages are the languages the site is written in, the default
	// first (languages; English alone when site.yaml has none).
	Languages []*Language
}

// Region is a body area, such as "Back" or "Neck".
type Region struct {
	Slug  string
	Title string
}

// Page is a Markdown page: the home page, a plain page such as About, or the
// page part of a Condition.
type Page struct {
	Path     string // where the file is, as shown in problems: "content/pages/about.md"
	Slug     string
	Title    string
	Summary  string
	Weight   int
	Draft    bool
	Menu     bool             // plain pages: listed in the site navigation
	Body     template.HTML    // the body rendered; "" once a served site is built from it (site.Build)
	Headings []Heading        // every heading of the body, in order
	Passages passage.Passages // the body's paragraphs and list items, for search
	Extra    map[string]any   // the therapist's own data, passed to templates
	// Image is the page's picture (image:), shown at its top, on its card
	// and to search engines and social sites; nil when it has none.
	// ImageAlt (image_alt:) says what it shows, or is images.Decorative.
	Image    *images.Image
	ImageAlt string

	imageName string // as written after image:
	imageAt   pos    // the image key, or the opening fence

	// Key names the page in every language: its file without the language
	// and ".md", "conditions/sciatica" for sciatica.md and sciatica.es.md.
	Key string

	keys []string // the frontmatter keys the file writes

	links      []Link
	bodyLine   int
	hasCaution bool
	callouts   []calloutAt
	headLines  []int // the line in the body of each of Headings
	titleAt    pos
	summaryAt  pos
	menuAt     pos // the menu key, or the opening fence
	slugAt     pos // the slug key, or the opening fence
}

// TOC returns the page's second-level headings, for a table of contents.
func (p *Page) TOC() []Heading {
	var toc []Heading
	for _, h := range p.Headings {
		if h.Level == 2 {
			toc = append(toc, h)
		}
	}
	return toc
}

// HasHeading reports whether the page has a heading with the given id.
func (p *Page) HasHeading(id string) bool {
	for _, h := range p.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}

// Condition is a condition page, such as Sciatica.
type Condition struct {
	Page
	Regions      []*Region
	Symptoms     []string
	Aliases      []string
	Related      []*Condition // the related list, resolved, in order
	Reviewed     time.Time    // zero when not given
	RedirectFrom []string     // old paths that should redirect here

	reviewedGiven bool // the key is there, even if its date is malformed
	relatedSlugs  []string
	relatedPos    []pos
	regionSlugs   []string
	regionPos     []pos
	regionsAt     pos  // the regions key, or the opening fence without one
	regionsBad    bool // the regions key is there but not a list: reported
	reviewedAt    pos  // the reviewed key, or the opening fence without one
	redirectPos   []pos
	url           string // from Options.URLs
}

// URL returns the condition's path on the site, as the map of the site
// (Options.URLs) gives it.
func (c *Condition) URL() string { return c.url }

// NextReview returns when the page is due for review: a year after it was
// last reviewed. It is zero when Reviewed is.
func (c *Condition) NextReview() time.Time {
	if c.Reviewed.IsZero() {
		return time.Time{}
	}
	return c.Reviewed.AddDate(1, 0, 0)
}

// Site is a whole, valid content tree.
type Site struct {
	Config     Config
	Home       *Page
	Conditions []*Condition // sorted by title; drafts included (see Page.Draft)
	Pages      []*Page      // plain pages, sorted by weight then title; drafts included
	Warnings   Problems     // problems that did not stop loading
	// Synonyms are the groups of words that mean the same thing to a
	// visitor, from synonyms.yaml (none when there is no such file).
	Synonyms [][]string
	// Images is the images folder (content/images), which pages show.
	Images *images.Library

	// Lang is the language of the site's pages.
	Lang *Language
	// Translations are the site in each other language of
	// Config.Languages, in that order, with the pages translated into it
	// (and nothing else); only the default language's site has them.
	Translations []*Site
	// Sources are the digests of the files the site was loaded from (in
	// every language), for caches of what is made from it; nil for a Site
	// not made by Load.
	Sources *Sources

	bySlug map[string]*Condition // set by Load; the first condition with each slug
	keyed  map[string]*Condition // by Key, made by byKey when first asked
}

// Condition returns the condition with the given slug, or nil.
func (s *Site) Condition(slug string) *Condition {
	if s.bySlug != nil {
		return s.bySlug[slug]
	}
	for _, c := range s.Conditions {
		if c.Slug == slug {
			return c
		}
	}
	return nil
}

// Page returns the plain page with the given slug, or nil.
func (s *Site) Page(slug string) *Page {
	for _, p := range s.Pages {
		if p.Slug == slug {
			return p
		}
	}
	return nil
}

// Region returns the region with the given slug, or nil.
func (s *Site) Region(slug string) *Region {
	for _, r := range s.Config.Regions {
		if r.Slug == slug {
			return r
		}
	}
	return nil
}

// Served drops from every page of s, in every language, what a site built
// to be served no longer reads, once its pages are rendered: each body
// rendered to HTML (the rendered page holds it), and what only Load's
// checks read (where each key, link, callout and heading stands in its
// file, and the related conditions and body areas as written: Related and
// Regions hold them resolved). A served site keeps its pages for as long
// as it runs, and each of these lists is an object the garbage collector
// would mark on every cycle while the site answers requests: about seven
// per condition. What remains is what the templates, search, the 404
// page's suggestions and the browser editor read. A site whose pages are
// rendered again from it (the preview's) must not be Served.
func (s *Site) Served() {
	for _, ls := range s.Sites() {
		if ls.Home != nil {
			ls.Home.served()
		}
		for _, c := range ls.Conditions {
			c.relatedSlugs, c.relatedPos, c.regionSlugs, c.regionPos, c.redirectPos = nil, nil, nil, nil, nil
			c.Page.served()
		}
		for _, p := range ls.Pages {
			p.served()
		}
	}
}

func (p *Page) served() {
	p.Body = ""
	p.keys, p.links, p.callouts, p.headLines = nil, nil, nil, nil
}
