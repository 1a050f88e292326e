package site

import (
	"encoding/json"

	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/search"
)

// Search on a static export. A static host cannot run the search engine,
// so the export's search page (StaticSearchPage) is the empty search page
// (the body-area browser, which works without JavaScript) plus one small
// script, static/js/search.js, that reads ?q=, loads the index from
// StaticSearchIndex and lists the matching conditions. Only that page
// loads the script: the served site keeps no JavaScript on public pages.

// StaticSearchIndexPath is where the export writes StaticSearchIndex.
const StaticSearchIndexPath = "/search-index.json"

// staticDoc is one page in the static search index, with short keys to
// keep the file small.
type staticDoc struct {
	Title    string   `json:"t"`
	URL      string   `json:"u"`
	Summary  string   `json:"s"`
	Aliases  []string `json:"a,omitempty"`
	Symptoms []string `json:"y,omitempty"`
	Regions  []string `json:"r,omitempty"`
	Headings []string `json:"h,omitempty"`
}

// StaticSearchIndex returns the static search index as JSON: the
// published conditions and pages with their names, aliases, symptoms,
// body areas, headings and summaries (not their full text), the synonym
// groups of the site's language (content/synonyms.yaml,
// synonyms.es.yaml), and how that language's words become terms
// (search.AnalysisOf: its stemmer and stop words), so the script finds
// what the server's index would.
func (s *Site) StaticSearchIndex() []byte {
	var out struct {
		Docs     []staticDoc     `json:"docs"`
		Synonyms search.Synonyms `json:"synonyms"`
		Analysis search.Analysis `json:"analysis"`
	}
	for _, d := range searchDocs(s, published(s.Content.Conditions, false), false) {
		out.Docs = append(out.Docs, staticDoc{d.Title, d.URL, d.Summary, d.Aliases, d.Symptoms, d.Regions, d.Headings})
	}
	out.Synonyms = s.Content.Synonyms
	out.Analysis = search.AnalysisOf(s.Content.Lang.Code)
	data, _ := json.Marshal(out) // strings only: cannot fail
	return data
}

// StaticSearchPage renders the export's search page: the page for an empty
// query, with the script that answers queries in the browser.
func (s *Site) StaticSearchPage() ([]byte, error) {
	v := s.view(s.url(route.Search, ""), s.words.Search.Title, s.words.Search.Description)
	v.Canonical = ""
	browser, err := s.areaBrowser()
	if err != nil {
		return nil, err
	}
	v.Search = &searchView{Static: true, AreaBrowser: browser, Shown: ShownHits}
	v.Areas = s.areas
	return execute(s.kinds, route.Search, v)
}
