package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes is the site's whole URL space.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.GetHead) // recovery, logging and headers wrap the router: see middleware

	r.Get("/healthz", s.healthz)
	r.Get("/static/*", s.static)
	if s.events != nil {
		r.Get("/_relief/events", s.policy.wrap(Events, s.events).ServeHTTP)
	}

	r.Get("/", s.page)
	r.Get("/conditions", s.redirectTo("/conditions/"))
	r.Get("/conditions/", s.page)
	r.Get("/conditions/{slug}", s.page)
	r.Get("/conditions/{slug}/", s.conditionSlash)
	r.Get("/areas", s.redirectTo("/areas/"))
	r.Get("/areas/", s.page)
	r.Get("/areas/{region}", s.page)
	r.Get("/symptoms", s.redirectTo("/symptoms/"))
	r.Get("/symptoms/", s.page)
	r.Get("/search", s.search)
	r.Get("/search.json", s.searchJSON)
	r.Get("/sitemap.xml", s.page)
	r.Get("/robots.txt", s.page)
	r.Get("/{slug}", s.page)

	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)
	return r
}
