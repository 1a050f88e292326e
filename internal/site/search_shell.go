package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/relief-massage/relief/internal/route"
)

// The search results page is the one page made per request, and most of
// it does not depend on the query. Executing the template for every
// search cost more than the search, so searchParts makes the page once
// per site, at its first search, with a mark in each place that depends
// on the query (shellMarks), and cuts it at the marks: a shell. A page is
// then the shell's pieces with each hole filled (shell.write): the query
// and the words of the link to all the results escaped as html/template
// escapes text, the count's digits, the list of results as it is, the
// link's address escaped as text (it is an address already encoded, and
// the probes check it comes out as the template writes it), and the "main" part executed as a template. A site has
// three shells:
//
//   - two for a page with results (the usual page: a query that
//     matched), without and with the link to all of them. Their only
//     holes are the query, the count, the list and the link: no template
//     runs per request. The count's form ("page matches", "pages match")
//     depends on the count: they are made with totalMark as the count, so
//     they serve only counts with that form ("other").
//   - one for every other page with a query (nothing matched, a single
//     result): the layout (searchShellKind: "base" with its "main" part a
//     mark), whose holes are the query in the title and the "main" part.
//
// The page with no query (the body-area browser) is the template's; the
// cache of recent pages (recent.go) keeps it. A shell is kept only
// if, for every probe query and a list of results with every character
// that matters, it gives the page the template gives, byte for byte
// (shell.same), so a template that shows the query elsewhere or another
// way (in an address, a script) keeps the template's way.
// TestSearchShellLikeTemplate checks the same over many queries.

// searchShellKind is the key in a Site's kinds of the search page's
// layout with the mark of holeMain as its "main" part: not a row of the map of the
// site, a template made beside the search page's by parseTemplates.
const searchShellKind route.Kind = 255

// hole is what fills a gap between two pieces of a shell.
type hole uint8

const (
	holeQuery hole = iota
	holeTotal
	holeHits
	holeMore
	holeMoreURL
	holeMain
)

// shellMarks are the marks of the holes in a shell, by hole.
var shellMarks = [...]string{
	holeQuery:   "\uE001relief-search-query\uE001",
	holeTotal:   strconv.Itoa(totalMark),
	holeHits:    "\uE002relief-search-hits\uE002",
	holeMore:    "\uE003relief-search-more\uE003",
	holeMoreURL: "/relief-search-all-7b1e93", // an address the template writes as it is
	holeMain:    "\uE000relief-search-main\uE000",
}

// totalMark is the count the shells of a page with results are made with.
const totalMark = 987654321

// shellProbes are the queries a new shell must render as the template
// does: every character html/template escapes, and letters it does not.
var shellProbes = [...]string{`<b> "back" & 'neck' + x`, "dolor de espalda, ciática"}

// probeHits is the list of results shells are checked with.
const probeHits template.HTML = "<ol class=\"results\">\n<li class=\"result\"><a href=\"/x?a=1&amp;b=2\">&lt;b&gt; “x” &#43; &#39;y&#39;</a></li>\n</ol>"

// searchParts are the parts of the search page made once per site.
type searchParts struct {
	once sync.Once
	// areaBrowser is the body-area browser, or err why it failed.
	areaBrowser template.HTML
	err         error
	// results are the shells of a page with results, without and with
	// the link to all of them, form the form of "match" they show; layout
	// is the shell of any other page with a query. Each is nil when not
	// used.
	results [2]*shell
	form    string
	layout  *shell
}

// parts returns the site's searchParts, making them at the first call.
func (s *Site) parts() *searchParts {
	p := s.searchParts
	p.once.Do(func() { p.make(s) })
	return p
}

// make renders the body-area browser and the shells, keeping each shell
// only if it renders the probes as the template does.
func (p *searchParts) make(s *Site) {
	if p.areaBrowser, p.err = s.areaBrowser(); p.err != nil {
		return
	}
	if s.kinds[searchShellKind] != nil {
		p.layout = p.makeShell(s, searchShellKind, false, []int{0, 1})
	}
	form, err := s.words.plural(totalMark, "match")
	if err != nil {
		return
	}
	// The probes' counts: the first of one, two and three digits past 1
	// that takes the shells' form (987654321 takes "other" in English,
	// "one" in Russian, where it ends in 21).
	var totals []int
	for _, digits := range [][2]int{{2, 9}, {10, 99}, {100, 999}} {
		for n := digits[0]; n <= digits[1]; n++ {
			if f, err := s.words.plural(n, "match"); err == nil && f == form {
				totals = append(totals, n)
				break
			}
		}
	}
	if len(totals) == 0 {
		return // never checked, never used: the template makes every page
	}
	p.form = form
	p.results[0] = p.makeShell(s, route.Search, false, totals)
	p.results[1] = p.makeShell(s, route.Search, true, totals)
}

// makeShell makes the shell of the template of kind (with the link to
// all the results when more), or nil when it does not give the
// template's page for every probe query with each count of totals (no
// results for 0, the probe's for the others).
func (p *searchParts) makeShell(s *Site, kind route.Kind, more bool, totals []int) *shell {
	v := p.view(s, shellMarks[holeQuery], more, totalMark)
	v.Search.HitsHTML = template.HTML(shellMarks[holeHits])
	if more {
		v.Search.More, v.Search.MoreURL = shellMarks[holeMore], shellMarks[holeMoreURL]
	}
	page, err := execute(s.kinds, kind, v)
	if err != nil {
		return nil // the template's own way reports it
	}
	sh := cutShell(string(page))
	for _, q := range shellProbes {
		for _, n := range totals {
			if !sh.same(s, p.view(s, q, more, n)) {
				return nil
			}
		}
	}
	return sh
}

// view returns the view of a probe: the search page for q with total
// results, the probe's list when there are any (else the body-area
// browser), and the link to all of them when more.
func (p *searchParts) view(s *Site, q string, more bool, total int) *view {
	v := s.searchView(q)
	sv := v.Search
	sv.AreaBrowser, sv.Total = p.areaBrowser, total
	if total == 0 {
		v.Areas = s.areas
	} else {
		sv.Hits, sv.HitsHTML = make([]resultView, 1), probeHits
	}
	if more {
		sv.More, sv.MoreURL = "See all "+strconv.Itoa(total)+" & <more> + 'x'", s.moreURL(q)
	}
	return v
}

// shellFor returns the shell that makes the page of v, which shows hits
// results; nil when the template makes it (no query, or no shell kept).
func (p *searchParts) shellFor(s *Site, v *view, hits int) *shell {
	sv := v.Search
	if sv.Query == "" {
		return nil
	}
	if hits > 0 {
		if sh := p.results[min(len(sv.MoreURL), 1)]; sh != nil {
			if form, err := s.words.plural(sv.Total, "match"); err == nil && form == p.form {
				return sh
			}
		}
	}
	return p.layout
}

// areaBrowser renders the body-area browser as the search page shows it.
func (s *Site) areaBrowser() (template.HTML, error) {
	var buf bytes.Buffer
	if err := s.kinds[route.Search].ExecuteTemplate(&buf, "area-browser", s.areas); err != nil {
		return "", fmt.Errorf("rendering %s (%s): %w", s.url(route.Search, ""), route.Of(route.Search).Template, err)
	}
	return template.HTML(buf.String()), nil
}

// shell is a search page cut at its holes: pieces[i] comes before
// holes[i], and the last piece after the last hole.
type shell struct {
	pieces []string
	holes  []hole
	size   int  // the pieces' bytes
	main   bool // one of the holes is holeMain
}

// cutShell cuts page at every mark of shellMarks.
func cutShell(page string) *shell {
	sh := &shell{size: len(page)}
	for {
		at, which := -1, hole(0)
		for h, m := range shellMarks {
			if i := strings.Index(page, m); i >= 0 && (at < 0 || i < at) {
				at, which = i, hole(h)
			}
		}
		if at < 0 {
			sh.pieces = append(sh.pieces, page)
			return sh
		}
		sh.pieces = append(sh.pieces, page[:at])
		sh.holes = append(sh.holes, which)
		sh.main = sh.main || which == holeMain
		sh.size -= len(shellMarks[which])
		page = page[at+len(shellMarks[which]):]
	}
}

// write returns the page of v made from the shell.
func (sh *shell) write(s *Site, v *view) ([]byte, error) {
	sv := v.Search
	size := sh.size + len(sv.HitsHTML) + 8*(len(sv.Query)+len(sv.MoreURL)) + len(sv.More) + 16
	if sh.main {
		size += 1536 + len(sv.OtherHTML)
		if v.Areas != nil {
			size += len(sv.AreaBrowser)
		}
	}
	var buf bytes.Buffer
	buf.Grow(size)
	for i, h := range sh.holes {
		buf.WriteString(sh.pieces[i])
		switch h {
		case holeQuery:
			escapeText(&buf, sv.Query)
		case holeTotal:
			buf.Write(strconv.AppendInt(buf.AvailableBuffer(), int64(sv.Total), 10))
		case holeHits:
			buf.WriteString(string(sv.HitsHTML))
		case holeMore:
			escapeText(&buf, sv.More)
		case holeMoreURL:
			escapeText(&buf, sv.MoreURL)
		case holeMain:
			if err := executeView(s.kinds[route.Search], &buf, "main", v); err != nil {
				return nil, fmt.Errorf("rendering %s (%s): %w", v.Path, route.Of(route.Search).Template, err)
			}
		}
	}
	buf.WriteString(sh.pieces[len(sh.pieces)-1])
	return buf.Bytes(), nil
}

// same reports whether the shell makes the page the template makes for v.
func (sh *shell) same(s *Site, v *view) bool {
	page, err := sh.write(s, v)
	want, err2 := execute(s.kinds, route.Search, v)
	return err == nil && err2 == nil && bytes.Equal(page, want)
}

// shellTemplate returns a clone of the search page's template (not yet
// executed) whose "main" part is the mark of holeMain: the layout shell.
func shellTemplate(search *template.Template) (*template.Template, error) {
	t, err := search.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := t.New("main").Parse(`{{define "main"}}` + shellMarks[holeMain] + `{{end}}`); err != nil {
		return nil, err
	}
	return t, nil
}
