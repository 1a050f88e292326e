package site

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/search"
)

// MaxQuery is the longest query searched, in characters; longer ones are
// cut, not rejected.
const MaxQuery = 200

// ShownHits is how many results a results page shows: a visitor on a
// phone reads the first few, and on the example site every result past
// the fourth or fifth matched only a word such as "pain". The page says
// how many matched and links to the page of all of them (?all=1, see
// SearchPageHits), which works without JavaScript; the static export's
// script does the same. Only the results shown are described (where they
// matched, an excerpt): most of a search's work.
const ShownHits = 10

// searchView is what the search template receives.
type searchView struct {
	// Static marks the static export's search page, whose script
	// answers the query in the browser (see StaticSearchPage).
	Static bool
	Query  string
	Hits   []resultView
	// Total is how many results the query has (at most 50), Hits the
	// first ShownHits of them, or all when asked for.
	Total int
	// MoreURL is the address of the page of all the results, when this
	// one shows fewer (of Hits or, when they are none, of Other), and
	// More the words of its link ("See all 50 results").
	MoreURL, More string
	// Shown is ShownHits, for the static export's script.
	Shown       int
	Suggestions []*search.Doc
	// Other are the hits in the default language when the site's own
	// language has none, OtherName and OtherCode that language's.
	Other                []resultView
	OtherName, OtherCode string
	// HitsHTML and OtherHTML are Hits and Other as the list the page
	// shows, written by writeResults (search_rows.go).
	HitsHTML, OtherHTML template.HTML
	// AreaBrowser is the body-area browser, rendered once per site
	// (search_shell.go).
	AreaBrowser template.HTML
}

// resultView is one result as the search template shows it: the hit
// (.Doc, .Field, .Place, .Excerpt... still work) and its label, looked up
// once here: a template function per result costs a reflective call each,
// and fifty results made the template slower than the search.
type resultView struct {
	search.Hit
	// Found says where it matched, in the page's words (found_<Place> in
	// templates/words.yaml).
	Found string
	// Quoted reports that Matched is a phrase worth quoting after Found:
	// a symptom, another name or a heading.
	Quoted bool
}

// results turns hits into the views the template shows.
func (s *Site) results(hits []search.Hit) ([]resultView, error) {
	out := make([]resultView, len(hits))
	for i, h := range hits {
		found, err := s.words.t("found_" + h.Place())
		if err != nil {
			return nil, err
		}
		out[i] = resultView{Hit: h, Found: found, Quoted: h.Field == "symptom" || h.Field == "alias" || h.Field == "heading"}
	}
	return out, nil
}

// searchDocs turns the shown conditions and plain pages into search
// documents. The index keeps them for excerpts for as long as the site is
// served, so their lists of regions and headings are cut from one block
// (a list of its own each was two objects a document for the garbage
// collector to mark); each is cut to its length, so that nothing
// appending to one can write into the next.
func searchDocs(s *Site, shown []*content.Condition, dev bool) []search.Doc {
	cs := s.Content
	n := 0
	for _, c := range shown {
		n += len(c.Regions) + len(c.Headings)
	}
	for _, p := range cs.Pages {
		n += len(p.Headings)
	}
	block := make([]string, 0, n)
	cut := func(start int) []string {
		if len(block) == start {
			return nil
		}
		return block[start:len(block):len(block)]
	}
	docs := make([]search.Doc, 0, len(shown)+len(cs.Pages))
	for _, c := range shown {
		d := search.Doc{
			URL: c.URL(), Title: c.Title, Summary: c.Summary, Kind: "condition",
			Aliases: c.Aliases, Symptoms: c.Symptoms, Passages: c.Passages, Urgent: content.IsCareAdvice, Weight: c.Weight,
		}
		start := len(block)
		for _, r := range c.Regions {
			block = append(block, r.Title)
		}
		d.Regions = cut(start)
		start = len(block)
		for _, h := range c.Headings {
			block = append(block, h.Text)
		}
		d.Headings = cut(start)
		docs = append(docs, d)
	}
	for _, p := range cs.Pages {
		if p.Draft && !dev {
			continue
		}
		d := search.Doc{URL: s.url(route.Page, p.Slug), Title: p.Title, Summary: p.Summary, Kind: "page", Passages: p.Passages, Urgent: content.IsCareAdvice, Weight: p.Weight + 1000}
		start := len(block)
		for _, h := range p.Headings {
			block = append(block, h.Text)
		}
		d.Headings = cut(start)
		docs = append(docs, d)
	}
	return docs
}

// lazyIndex builds the search index on first use (see Site.IndexSearch),
// from documents it also makes then: the preview, which rebuilds on every
// save, makes neither until someone searches.
type lazyIndex struct {
	once sync.Once
	lang string // the documents' language code
	docs func() []search.Doc
	syn  search.Synonyms
	ix   *search.Index
}

// newLazyIndex returns an index of the documents docs returns; docs
// (nil: none) must give the same documents whenever it is called.
func newLazyIndex(lang string, docs func() []search.Doc, syn search.Synonyms) *lazyIndex {
	return &lazyIndex{lang: lang, docs: docs, syn: syn}
}

// IndexSearch builds the search index now, if it is not built yet; the
// first search, or the first 404 page, builds it otherwise. A server calls
// it in the background once the site is built, so that the first search
// does not wait; the preview server, which rebuilds on every save and
// rarely searches, and an export, which never does, leave it to be built
// when needed (or never).
func (s *Site) IndexSearch() { s.index.get() }

func (l *lazyIndex) get() *search.Index {
	l.once.Do(func() {
		var docs []search.Doc
		if l.docs != nil {
			docs = l.docs()
		}
		l.ix, l.docs, l.syn = search.NewIn(l.lang, docs, l.syn), nil, nil
	})
	return l.ix
}

// cutQuery trims a query and cuts it to MaxQuery characters, dropping
// invalid UTF-8 and control characters.
func cutQuery(q string) string {
	q = strings.ToValidUTF8(q, "")
	q = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, q)
	q = strings.TrimSpace(q)
	if utf8.RuneCountInString(q) > MaxQuery {
		q = string([]rune(q)[:MaxQuery])
	}
	return q
}

// SearchPage renders the search results page for a query, with its first
// ShownHits results. An empty query shows the body-area browser instead
// of results.
func (s *Site) SearchPage(q string) ([]byte, error) {
	page, _, err := s.SearchPageHits(q, false)
	return page, err
}

// SearchPageHits is SearchPage that also returns the number of results;
// all asks for the page of all of them (?all=1), not only the first
// ShownHits. The page is the site's own: the same bytes answer the same
// query again (recent.go), so the caller must not change them.
func (s *Site) SearchPageHits(q string, all bool) ([]byte, int, error) {
	q = cutQuery(q)
	key := q
	if all {
		key = "\x00all\x00" + q // a cut query holds no control character
	}
	if p, ok := s.searched.get(key); ok {
		return p.body, p.hits, nil
	}
	body, hits, err := s.searchPage(q, all, s.parts(), true)
	if err == nil {
		s.searched.put(key, cachedPage{body, hits})
	}
	return body, hits, err
}

// moreURL returns the address of the page of all the results for q.
func (s *Site) moreURL(q string) string {
	return s.url(route.Search, "") + "?q=" + url.QueryEscape(q) + "&all=1"
}

// searchView returns the view of the search page for q, without results.
func (s *Site) searchView(q string) *view {
	title := s.words.Search.Title
	if q != "" {
		title = fill(s.words.Search.Results, "query", q)
	}
	v := s.view(s.url(route.Search, ""), title, s.words.Search.Description)
	v.Canonical = "" // results pages are not for search engines
	v.Search = &searchView{Query: q}
	return v
}

// searchPage renders the search page for q, cut already, with its first
// ShownHits results or all of them, with the parts p made once
// (search_shell.go): from a shell when fast and one fits, else by the
// whole template.
func (s *Site) searchPage(q string, all bool, p *searchParts, fast bool) ([]byte, int, error) {
	if p.err != nil {
		return nil, 0, p.err
	}
	shown := ShownHits
	if all {
		shown = search.MaxHits
	}
	v := s.searchView(q)
	res := s.index.get().SearchFirst(q, shown)
	hits, err := s.results(res.Hits)
	if err != nil {
		return nil, 0, fmt.Errorf("rendering %s: %w", v.Path, err)
	}
	sv := v.Search
	sv.Hits, sv.HitsHTML, sv.Total, sv.Suggestions, sv.AreaBrowser = hits, resultsHTML(hits), res.Total, res.Suggestions, p.areaBrowser
	more, other := res.Total-len(res.Hits), search.Results{}
	if root := s.root(); len(res.Hits) == 0 && q != "" && root != s {
		// Its own language first; then the pages not translated yet.
		other = root.index.get().SearchFirst(q, shown)
		if sv.Other, err = s.results(other.Hits); err != nil {
			return nil, 0, fmt.Errorf("rendering %s: %w", v.Path, err)
		}
		sv.OtherHTML = resultsHTML(sv.Other)
		sv.OtherName, sv.OtherCode = root.Content.Lang.Name, root.Content.Lang.Code
		more = other.Total - len(other.Hits)
	}
	if more > 0 {
		count := strconv.Itoa(res.Total + other.Total) // one of them is 0
		if sv.More, err = s.words.t("results_more", "count", count); err != nil {
			return nil, 0, fmt.Errorf("rendering %s: %w", v.Path, err)
		}
		sv.MoreURL = s.moreURL(q)
	}
	if q == "" || len(res.Hits) == 0 {
		v.Areas = s.areas
	}
	if fast {
		if sh := p.shellFor(s, v, len(res.Hits)); sh != nil {
			page, err := sh.write(s, v)
			return page, res.Total, err
		}
	}
	page, err := execute(s.kinds, route.Search, v)
	return page, res.Total, err
}

// SearchResult is one result of /search.json.
type SearchResult struct {
	Title   string  `json:"title"`
	URL     string  `json:"url"`
	Summary string  `json:"summary"`
	Score   float64 `json:"score"`
	Matched string  `json:"matched"` // the field that matched best: "title", "symptom"...
	Text    string  `json:"matched_text"`
}

// SearchJSON returns the results for a query as JSON: the query searched
// (after cutting), the results, and "did you mean" suggestions when there
// are none. Like a results page, the answer is kept among the recent
// ones (recent.go) and is the site's own: the caller must not change it.
func (s *Site) SearchJSON(q string) []byte {
	q = cutQuery(q)
	key := "\x00json\x00" + q // a cut query holds no control character
	if p, ok := s.searched.get(key); ok {
		return p.body
	}
	data := s.searchJSON(q)
	s.searched.put(key, cachedPage{body: data})
	return data
}

// searchJSON is SearchJSON for a query cut already, without the cache.
func (s *Site) searchJSON(q string) []byte {
	res := s.index.get().Search(q)
	out := struct {
		Query       string         `json:"query"`
		Results     []SearchResult `json:"results"`
		Suggestions []SearchResult `json:"suggestions"`
	}{Query: q, Results: []SearchResult{}, Suggestions: []SearchResult{}}
	for _, h := range res.Hits {
		out.Results = append(out.Results, SearchResult{h.Doc.Title, h.Doc.URL, h.Doc.Summary, h.Score, h.Field, h.Matched})
	}
	for _, d := range res.Suggestions {
		out.Suggestions = append(out.Suggestions, SearchResult{Title: d.Title, URL: d.URL, Summary: d.Summary})
	}
	data, _ := json.Marshal(out) // plain strings and numbers cannot fail
	return data
}
