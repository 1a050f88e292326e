package server

import (
	"net/http"

	"github.com/relief-massage/relief/internal/site"
)

// search serves the results page for ?q=. Results depend on the query, so
// this is the one page made per request, or taken from the site's pages
// of recent searches (see site.Site.SearchPageHits); never compressed per
// request. The query is never logged (the request line leaves it out).
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	s.searchIn(w, r, s.site.Load())
}

// searchIn is search in the language of st, a site of one language.
func (s *Server) searchIn(w http.ResponseWriter, r *http.Request, st *site.Site) {
	query := r.URL.Query()
	q := query.Get("q")
	body, hits, err := st.SearchPageHits(q, query.Get("all") == "1") // ?all=1: every result, not the first few
	if err != nil {
		s.serverError(w, r, "rendering the search page", err)
		return
	}
	if hits == 0 && s.misses != nil {
		s.misses.Record(q) // the words and the day only: see package misses
	}
	s.policy.apply(w.Header(), Search)
	write(w, r, http.StatusOK, "text/html; charset=utf-8", body)
}

// searchJSON serves the same results as JSON.
func (s *Server) searchJSON(w http.ResponseWriter, r *http.Request) {
	s.policy.apply(w.Header(), Search)
	write(w, r, http.StatusOK, "application/json", s.site.Load().SearchJSON(r.URL.Query().Get("q")))
}
