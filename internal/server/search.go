package server

import (
	"net/http"
)

// search serves the results page for ?q=. Results depend on the query, so
// this is the one page rendered per request (a small template, no Markdown).
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	body, err := s.site.Load().SearchPage(r.URL.Query().Get("q"))
	if err != nil {
		s.serverError(w, r, "rendering the search page", err)
		return
	}
	s.policy.apply(w.Header(), Search)
	write(w, r, http.StatusOK, "text/html; charset=utf-8", body)
}

// searchJSON serves the same results as JSON.
func (s *Server) searchJSON(w http.ResponseWriter, r *http.Request) {
	s.policy.apply(w.Header(), Search)
	write(w, r, http.StatusOK, "application/json", s.site.Load().SearchJSON(r.URL.Query().Get("q")))
}
