package site

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/relief-massage/relief/internal/route"
)

// The search results page is the one page made per request, and most of
// it does not depend on the query: the layout around it (the head, the
// header, the footer) depends on it only through the page's title, and
// the body-area browser shown when nothing matched not at all. Executing
// them as templates for every search cost more than the search. So
// searchParts renders them once per site, at its first search:
//
//   - the shell: the layout of the search page (searchShellKind: "base"
//     with its "main" part a mark), with a mark for the query in the
//     title, cut where the query and the main part go. A page is then the
//     shell with the query escaped into it (as html/template escapes a
//     string in text or in an attribute: escapeText) and "main" executed
//     between.
//   - the body-area browser, as the search template shows it.
//
// The shell is checked when it is made: for queries with every character
// html/template escapes, it must give the page the template gives, byte
// for byte, or it is not used (a template that shows the query where it
// is escaped another way, in an address or a script, keeps the slow way).
// TestSearchShellLikeTemplate checks the same over many queries.

// searchShellKind is the key in a Site's kinds of the search page's
// layout with mainMark as its "main" part: not a row of the map of the
// site, a template made beside the search page's by parseTemplates.
const searchShellKind route.Kind = 255

const (
	mainMark  = "\uE000relief-search-main\uE000"  // where the main part goes in the shell
	queryMark = "\uE001relief-search-query\uE001" // where the query goes in the shell
)

// shellProbes are the queries a new shell must render as the template
// does: every character html/template escapes, and letters it does not.
var shellProbes = [...]string{`<b> "back" & 'neck' + x`, "dolor de espalda, ciática"}

// searchParts are the parts of the search page made once per site.
type searchParts struct {
	once sync.Once
	// areaBrowser is the body-area browser, or err why it failed.
	areaBrowser template.HTML
	err         error
	// head and tail are the shell before and after the main part, each
	// cut where the query goes; nil when the shell is not used.
	head, tail []string
	// pages are the page shells of a page with results
	// (search_page_shell.go), without and with the link to all of them;
	// nil when not used. form is the form of "match" they were made with.
	pages [2]*pageShell
	form  string
}

// parts returns the site's searchParts, making them at the first call.
func (s *Site) parts() *searchParts {
	p := s.searchParts
	p.once.Do(func() { p.make(s) })
	return p
}

// make renders the body-area browser and the shell, and keeps the shell
// only if it renders the probes as the template does.
func (p *searchParts) make(s *Site) {
	if p.areaBrowser, p.err = s.areaBrowser(); p.err != nil {
		return
	}
	t := s.kinds[searchShellKind]
	if t == nil {
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", s.searchView(queryMark)); err != nil {
		return // the template's own way reports it
	}
	head, tail, ok := strings.Cut(buf.String(), mainMark)
	if !ok || strings.Contains(tail, mainMark) {
		return
	}
	p.head, p.tail = strings.Split(head, queryMark), strings.Split(tail, queryMark)
	for _, q := range shellProbes {
		fast, _, err1 := s.searchPage(q, false, p, true)
		slow, _, err2 := s.searchPage(q, false, p, false)
		if err1 != nil || err2 != nil || !bytes.Equal(fast, slow) {
			p.head, p.tail = nil, nil
			return
		}
	}
	p.makePageShells(s)
}

// areaBrowser renders the body-area browser as the search page shows it.
func (s *Site) areaBrowser() (template.HTML, error) {
	var buf bytes.Buffer
	if err := s.kinds[route.Search].ExecuteTemplate(&buf, "area-browser", s.areas); err != nil {
		return "", fmt.Errorf("rendering %s (%s): %w", s.url(route.Search, ""), route.Of(route.Search).Template, err)
	}
	return template.HTML(buf.String()), nil
}

// shellLen is the length of the shell part segs, without the query.
func shellLen(segs []string) int {
	n := 0
	for _, seg := range segs {
		n += len(seg)
	}
	return n
}

// writeShell writes the shell part segs with q, escaped, where the query
// goes.
func writeShell(buf *bytes.Buffer, segs []string, q string) {
	for i, seg := range segs {
		if i > 0 {
			escapeText(buf, q)
		}
		buf.WriteString(seg)
	}
}

// shellTemplate returns a clone of the search page's template (not yet
// executed) whose "main" part is mainMark: the shell of searchParts.
func shellTemplate(search *template.Template) (*template.Template, error) {
	t, err := search.Clone()
	if err != nil {
		return nil, err
	}
	if _, err := t.New("main").Parse(`{{define "main"}}` + mainMark + `{{end}}`); err != nil {
		return nil, err
	}
	return t, nil
}
