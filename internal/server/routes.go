package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// routes is the site's whole URL space.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(s.recoverPanics, securityHeaders, middleware.GetHead)

	r.Get("/healthz", healthz)
	r.Get("/static/*", s.static)
	if s.events != nil {
		r.Get("/_relief/events", s.events.ServeHTTP)
	}

	r.Get("/", s.page)
	r.Get("/conditions", redirectTo("/conditions/"))
	r.Get("/conditions/", s.page)
	r.Get("/conditions/{slug}", s.page)
	r.Get("/conditions/{slug}/", s.conditionSlash)
	r.Get("/{slug}", s.page)

	r.NotFound(s.notFound)
	r.MethodNotAllowed(methodNotAllowed)
	return r
}
