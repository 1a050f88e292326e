package content

import (
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"github.com/relief-massage/relief/internal/fuzzy"
	"github.com/relief-massage/relief/internal/images"
)

// validate checks everything that spans files: duplicate and reserved
// slugs, regions, related conditions, redirects, links and review dates.
func (l *loader) validate(site *Site) {
	l.checkSlugs(site)
	for _, c := range site.Conditions {
		l.checkCondition(site, c)
	}
	l.checkOldAddresses(site)
	pages := []*Page{}
	if site.Home != nil {
		pages = append(pages, site.Home)
	}
	for _, c := range site.Conditions {
		pages = append(pages, &c.Page)
	}
	pages = append(pages, site.Pages...)
	for _, p := range pages {
		l.checkLinks(site, p)
		l.checkImages(site, p)
	}
	l.warnUnreachable(site, pages)
}

func (l *loader) problemsAt(p *Page) problems {
	return problems{path: p.Path, list: &l.list}
}

// newAddress says how a page gets another web address, in messages.
const newAddress = "write slug: and the new address at the top of the page, like slug: my-new-page, or rename its file"

func (l *loader) checkSlugs(site *Site) {
	seen := map[string]*Page{}
	for _, c := range site.Conditions {
		if first, dup := seen[c.Slug]; dup {
			l.problemsAt(&c.Page).errorf(c.slugAt.Line, c.slugAt.Col, "%s already has the web address %s: give one of the two pages another address (%s)", first.Path, c.URL(), newAddress)
			continue
		}
		seen[c.Slug] = &c.Page
	}
	seen = map[string]*Page{}
	for _, p := range site.Pages {
		ps := l.problemsAt(p)
		switch {
		case l.opts.URLs.Reserved(p.Slug) || site.Config.Language(p.Slug) != nil:
			ps.errorf(p.slugAt.Line, p.slugAt.Col, "the web address %s belongs to the site itself: give this page another address (%s)", l.opts.URLs.URL(kindPage, p.Slug), newAddress)
		case seen[p.Slug] != nil:
			ps.errorf(p.slugAt.Line, p.slugAt.Col, "%s already has the web address %s: give one of the two pages another address (%s)", seen[p.Slug].Path, l.opts.URLs.URL(kindPage, p.Slug), newAddress)
		default:
			seen[p.Slug] = p
		}
	}
}

func (l *loader) checkCondition(site *Site, c *Condition) {
	ps := l.problemsAt(&c.Page)
	for i, slug := range c.regionSlugs {
		if r := site.Region(slug); r != nil {
			c.Regions = append(c.Regions, r)
			continue
		}
		if len(site.Config.Regions) == 0 {
			continue // site.yaml is broken, and reported
		}
		at := c.regionPos[i]
		ps.errorf(at.Line, at.Col, "regions: %q is not a body area in site.yaml: use one of %s", slug, regionSlugs(site))
	}
	if len(c.regionSlugs) == 0 && !c.regionsBad && !c.Draft && len(site.Config.Regions) > 0 {
		ps.errorf(c.regionsAt.Line, c.regionsAt.Col, "regions: choose at least one body area, so visitors browsing by body area find this page: write a line like regions: [%s] between the --- lines at the top, naming one or more of %s by the name in brackets", site.Config.Regions[0].Slug, regionChoices(site))
	}
	for i, slug := range c.relatedSlugs {
		at := c.relatedPos[i]
		other := site.Condition(slug)
		switch {
		case slug == c.Slug:
			ps.errorf(at.Line, at.Col, "related: a condition cannot be related to itself: remove %q", slug)
		case other == nil && l.failed[l.opts.URLs.URL(kindCondition, slug)]:
			// That condition's file has errors, reported in it.
		case other == nil:
			ps.errorf(at.Line, at.Col, "related: there is no condition at %s%s", l.opts.URLs.URL(kindCondition, slug), suggestSlug(slug, conditionSlugs(site)))
		default:
			c.Related = append(c.Related, other)
		}
	}
	l.warnCondition(c, ps)
}

// checkOldAddresses checks the old addresses (redirect_from) of site's
// conditions, in any language. One that is no path of the site is an
// error. One that cannot lead to its page is a warning (the site works;
// the address just does not do what it was written for): one an earlier
// page already lists, in any language (l.oldAddresses), which would lead
// to whichever the site read last; and those unreachable says why.
func (l *loader) checkOldAddresses(site *Site) {
	for _, c := range site.Conditions {
		ps := l.problemsAt(&c.Page)
		for i, from := range c.RedirectFrom {
			at := c.redirectPos[i]
			other := l.oldAddresses[from]
			switch u, err := url.Parse(from); {
			case err != nil || !strings.HasPrefix(from, "/") || u.Path != from || strings.Contains(from, ".."):
				ps.errorf(at.Line, at.Col, "redirect_from: %q must be a path on this site, starting with /, like /back-pain.html", from)
			case l.failed[from] || other == c: // the same page twice: listedTwice
			case other != nil:
				ps.warnf(at.Line, at.Col, "“%s” is already an old address of the page “%s” (%s): an old address can lead to one page only; remove it from one of the two", from, other.Title, other.Path)
			default:
				l.oldAddresses[from] = c
				if why := l.unreachable(site, c, from); why != "" {
					ps.warnf(at.Line, at.Col, "%s", why)
				}
			}
		}
	}
}

// unreachable says why visitors who go to from, an old address of c,
// never reach c, or "" when they do. The server sends a visitor on from
// an old address only when nothing else is there: not a page, an index,
// search, a body area or a static file, nor the same path with a final
// slash taken off or added (route.Slash), which it goes to first.
func (l *loader) unreachable(site *Site, c *Condition, from string) string {
	if to := l.opts.URLs.Slash(from); to != "" {
		if _, msg := l.resolve(site, to); msg == "" {
			return fmt.Sprintf("visitors who go to “%s” are sent on to “%s”, an address of the site, so they never reach this page from it: remove it", from, to)
		}
		return fmt.Sprintf("visitors who go to “%s” are sent on to “%s” before the old addresses are looked at, so they never reach this page from it: write “%s” instead", from, to, to)
	}
	switch target, msg := l.resolve(site, from); {
	case msg != "":
		return "" // nothing else is there
	case target == &c.Page:
		return fmt.Sprintf("“%s” is this page's own address, so it needs no old address: remove it", from)
	case target != nil:
		return fmt.Sprintf("“%s” is the address of the page “%s”, so visitors who go there see that page, not this one: remove it from the old addresses", from, target.Title)
	}
	return fmt.Sprintf("“%s” is an address the site itself uses, so visitors who go there never reach this page: remove it from the old addresses", from)
}

func (l *loader) warnCondition(c *Condition, ps problems) {
	switch {
	case c.Reviewed.IsZero() && c.reviewedGiven:
		// A malformed date: reported as an error already.
	case c.Reviewed.IsZero():
		ps.warnf(c.reviewedAt.Line, c.reviewedAt.Col, "no reviewed date: add \"reviewed: %s\" once you have checked the page is still accurate", l.opts.Now.Format("2006-01-02"))
	case c.Reviewed.After(l.opts.Now):
		ps.warnf(c.reviewedAt.Line, c.reviewedAt.Col, "reviewed: %s is in the future: use the date you last checked the page", c.Reviewed.Format("2006-01-02"))
	case c.Reviewed.AddDate(1, 0, 0).Before(l.opts.Now):
		ps.warnf(c.reviewedAt.Line, c.reviewedAt.Col, "reviewed: %s is more than 12 months ago: check the page is still accurate, then update the date", c.Reviewed.Format("2006-01-02"))
	}
	if !c.Draft {
		warnUrgentCare(c, ps)
	}
}

// checkLinks reports links in p's body to pages, anchors or static files
// that do not exist.
func (l *loader) checkLinks(site *Site, p *Page) {
	ps := l.problemsAt(p)
	for _, ln := range p.links {
		if ln.Image && images.IsImage(ln.Dest) {
			if _, err := site.Images.Lookup(ln.Dest); err != nil {
				ps.errorf(p.bodyLine+ln.Line-1, ln.Col, "image %s: %v", ln.Dest, err)
			}
			continue
		}
		if other := l.otherLanguage(site, ln.Dest); other != nil {
			ps.warnf(p.bodyLine+ln.Line-1, ln.Col, "link to %s: this page is in %s, and the link takes visitors to a page in %s: link to the page in %s instead, when there is one", ln.Dest, site.Lang.Name, other.Name, site.Lang.Name)
			continue
		}
		if msg := l.checkLink(site, p, ln.Dest); msg != "" {
			what := "link"
			if ln.Image {
				what = "image"
			}
			ps.errorf(p.bodyLine+ln.Line-1, ln.Col, "%s to %s: %s", what, ln.Dest, msg)
		}
	}
}

// otherLanguage returns the language of the site's own address dest when
// it is another language than site's, else nil.
func (l *loader) otherLanguage(site *Site, dest string) *Language {
	if !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") || site.Lang == nil {
		return nil
	}
	code, _ := l.opts.URLs.SplitLang(dest)
	if code == site.Lang.Prefix() || languageFree(l.opts.URLs, dest) {
		return nil
	}
	if lang := site.Config.Language(code); lang != nil {
		return lang
	}
	if code == "" {
		return site.Config.Languages[0]
	}
	return nil // not a language of the site: checkLink says the page does not exist
}

// checkLink returns why dest does not resolve, or "" when it does or is
// not a link into this site.
func (l *loader) checkLink(site *Site, from *Page, dest string) string {
	if strings.HasPrefix(dest, "#") {
		if frag, _ := url.PathUnescape(dest[1:]); frag != "" && !from.HasHeading(frag) {
			return fmt.Sprintf("this page has no heading with the id %q%s", frag, suggestSlug(frag, headingIDs(from)))
		}
		return ""
	}
	if !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return "" // external, mailto:, tel:, or relative: not ours to check
	}
	u, err := url.Parse(dest)
	if err != nil {
		return "the address is malformed: " + err.Error()
	}
	target, msg := l.resolve(site, u.Path)
	if msg != "" || u.Fragment == "" || target == nil {
		return msg
	}
	if !target.HasHeading(u.Fragment) {
		return fmt.Sprintf("%s has no heading with the id %q%s", u.Path, u.Fragment, suggestSlug(u.Fragment, headingIDs(target)))
	}
	return ""
}

// resolve finds the page at a site path, asking the map of the site
// (Options.URLs) what the path names. It returns a nil page for addresses
// that exist but are not Markdown pages (the indexes, an area, search,
// static files).
func (l *loader) resolve(site *Site, p string) (*Page, string) {
	kind, param := l.opts.URLs.Name(p)
	switch kind {
	case "":
		return nil, "there is no such page on this site: check the address"
	case kindHome:
		return site.Home, ""
	case kindCondition:
		if c := site.Condition(param); c != nil {
			return &c.Page, ""
		}
		if l.failed[p] {
			return nil, "" // its file has errors, reported in it
		}
		return nil, "there is no condition at this address" + l.suggestCondition(param, site)
	case kindArea:
		if site.Region(param) == nil {
			return nil, fmt.Sprintf("there is no body area %q: use one of %s", param, regionSlugs(site))
		}
		return nil, ""
	case kindStatic:
		return nil, l.checkStatic(param)
	case kindPage:
		if pg := site.Page(param); pg != nil {
			return pg, ""
		}
		if l.failed[p] {
			return nil, ""
		}
		return nil, "there is no such page on this site: check the address"
	}
	return nil, "" // a page made from the whole site: an index, search
}

func (l *loader) checkStatic(name string) string {
	if l.opts.Static == nil {
		return ""
	}
	if _, err := fs.Stat(l.opts.Static, path.Clean(name)); err != nil {
		return fmt.Sprintf("there is no file %s in the static folder: add it, or fix the name", name)
	}
	return ""
}

func conditionSlugs(site *Site) []string {
	var s []string
	for _, c := range site.Conditions {
		s = append(s, c.Slug)
	}
	return s
}

// regionChoices names each body area of site.yaml by its title with the
// short name a page's file writes, "Head and Jaw (head-jaw), Neck (neck)".
func regionChoices(site *Site) string {
	var s []string
	for _, r := range site.Config.Regions {
		s = append(s, r.Title+" ("+r.Slug+")")
	}
	return strings.Join(s, ", ")
}

func regionSlugs(site *Site) string {
	var s []string
	for _, r := range site.Config.Regions {
		s = append(s, r.Slug)
	}
	return strings.Join(s, ", ")
}

func headingIDs(p *Page) []string {
	var s []string
	for _, h := range p.Headings {
		s = append(s, h.ID)
	}
	return s
}

// suggestCondition is suggestSlug for a link to a condition: it offers
// the closest condition's whole address.
func (l *loader) suggestCondition(slug string, site *Site) string {
	if best := closest(slug, conditionSlugs(site)); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", l.opts.URLs.URL(kindCondition, best))
	}
	return ""
}

// suggestSlug returns " (did you mean X?)" for the closest of candidates,
// or "" when none is close.
func suggestSlug(s string, candidates []string) string {
	if best := closest(s, candidates); best != "" {
		return fmt.Sprintf(" (did you mean %s?)", best)
	}
	return ""
}

// closest returns the candidate nearest to s, or "" when none is near.
func closest(s string, candidates []string) string {
	best, bestD := "", max(3, len(s)/3)+1
	for _, c := range candidates {
		if d := fuzzy.Distance([]rune(s), []rune(c), bestD-1); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}
