package site

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"github.com/relief-massage/relief/internal/route"
)

// A results page with results (the usual page: a query that matched)
// depends on the query in five places only: the query itself (in the
// title, the search box and the count line), the count, the list of
// results, and the link to all of them with its words. So beside the
// shell of search_shell.go, which still executes the "main" part per
// request, searchParts makes the whole page once with a mark in each of
// those places (pageMarks), cut at the marks: a page shell, one with the
// link to all the results and one without. A page is then its pieces
// with each hole filled: the query and the link's words escaped as
// html/template escapes text, the count's digits, the list as it is, the
// link's address escaped as html/template writes the site's own
// addresses in an href. No template runs per request.
//
// The count's form ("page matches", "pages match") depends on the count:
// a shell is made with totalMark as the count, so it serves only counts
// with that form ("other"); a single result takes the template's way. A
// shell is kept only if, for every probe query and a list of results with
// every character that matters, it gives the page the template gives,
// byte for byte (checkPageShell), so a template that shows any of these
// elsewhere or another way keeps the template's way.

// hole is what fills a gap between two pieces of a page shell.
type hole uint8

const (
	holeQuery hole = iota
	holeTotal
	holeHits
	holeMore
	holeMoreURL
)

// pageMarks are the marks of the holes in a page shell, by hole.
var pageMarks = [...]string{
	holeQuery:   queryMark,
	holeTotal:   strconv.Itoa(totalMark),
	holeHits:    "\uE002relief-search-hits\uE002",
	holeMore:    "\uE003relief-search-more\uE003",
	holeMoreURL: "/relief-search-all-7b1e93", // an address the template writes as it is
}

// totalMark is the count a page shell is made with.
const totalMark = 987654321

// pageShell is a results page cut at its holes: pieces[i] comes before
// holes[i], and the last piece after the last hole.
type pageShell struct {
	pieces []string
	holes  []hole
	size   int // the pieces' bytes
}

// cutPage cuts page at every mark of pageMarks.
func cutPage(page string) *pageShell {
	sh := &pageShell{size: len(page)}
	for {
		at, which := -1, hole(0)
		for h, m := range pageMarks {
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
		sh.size -= len(pageMarks[which])
		page = page[at+len(pageMarks[which]):]
	}
}

// write returns the page of sv (its Query, Total, HitsHTML, More and
// MoreURL) made from the shell.
func (sh *pageShell) write(sv *searchView) []byte {
	var buf bytes.Buffer
	buf.Grow(sh.size + len(sv.HitsHTML) + 8*(len(sv.Query)+len(sv.MoreURL)) + len(sv.More) + 16)
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
		}
	}
	buf.WriteString(sh.pieces[len(sh.pieces)-1])
	return buf.Bytes()
}

// probeHits is the list of results page shells are checked with.
const probeHits template.HTML = "<ol class=\"results\">\n<li class=\"result\"><a href=\"/x?a=1&amp;b=2\">&lt;b&gt; “x” &#43; &#39;y&#39;</a></li>\n</ol>"

// makePageShells makes p's page shells for s, keeping each only if it
// makes the template's page for the probes.
func (p *searchParts) makePageShells(s *Site) {
	form, err := s.words.plural(totalMark, "match")
	if err != nil {
		return
	}
	p.form = form
	for i, more := range []bool{false, true} {
		v := s.searchView(queryMark)
		sv := v.Search
		sv.Hits, sv.HitsHTML, sv.Total = make([]resultView, 1), template.HTML(pageMarks[holeHits]), totalMark
		if more {
			sv.More, sv.MoreURL = pageMarks[holeMore], pageMarks[holeMoreURL]
		}
		page, err := execute(s.kinds, route.Search, v)
		if err != nil {
			return
		}
		sh := cutPage(string(page))
		for _, q := range shellProbes {
			if !sh.checkPage(s, q, more, form) {
				sh = nil
				break
			}
		}
		p.pages[i] = sh
	}
}

// checkPage reports whether the shell makes the page the template makes
// for the query q with the probe's results (and the link to all of them
// when more), for counts of the shell's form.
func (sh *pageShell) checkPage(s *Site, q string, more bool, form string) bool {
	for _, total := range []int{2, 11, 50} {
		if f, err := s.words.plural(total, "match"); err != nil || f != form {
			continue
		}
		v := s.searchView(q)
		sv := v.Search
		sv.Hits, sv.HitsHTML, sv.Total = make([]resultView, 1), probeHits, total
		if more {
			sv.More, sv.MoreURL = "See all "+strconv.Itoa(total)+" & <more> + 'x'", s.moreURL(q)
		}
		slow, err := execute(s.kinds, route.Search, v)
		if err != nil || !bytes.Equal(slow, sh.write(sv)) {
			return false
		}
	}
	return true
}
