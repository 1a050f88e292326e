package server

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/relief-massage/relief/internal/route"
)

// routes is the site's whole URL space: the map of the site (package
// route) registered pattern by pattern, each dispatched by its kind, plus
// the server's own machinery (/healthz, the preview's event stream) and
// the redirects of a missing or extra final slash.
func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.GetHead) // recovery, logging and headers wrap the router: see middleware

	r.Get("/healthz", s.healthz)
	if s.events != nil {
		r.Get("/_relief/events", s.policy.wrap(Events, s.events).ServeHTTP)
	}
	if s.editor != nil {
		r.Handle(editorPrefix+"*", s.policy.wrap(Editor, s.editor))
	}
	for _, rt := range route.Routes() {
		if rt.Pattern == "" {
			continue // the 404 page: r.NotFound below
		}
		r.Get(rt.Pattern, s.dispatch(rt))
		if p := rt.Pattern; len(p) > 1 && strings.HasSuffix(p, "/") {
			r.Get(strings.TrimSuffix(p, "/"), s.slash) // /conditions → /conditions/
		}
	}
	r.Get(route.Of(route.Condition).Pattern+"/", s.slash) // /conditions/sciatica/ → /conditions/sciatica
	r.Get("/{slug}/*", s.localized)                       // /es/conditions/ciatica: the other languages

	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)
	return r
}

// pages answers a request for a pre-rendered page by its exact path, from
// the site's own map, before the router: the path of every page is the
// one its route makes (route.URL), and content refuses the slugs the
// router keeps for itself (healthz, search, _relief, ...: route), so the
// router would serve the same page with the same kind (Page). Anything
// else (a static file, search, a redirect, a 404) goes on to router. It
// spares the common request the router's context and the copy of the
// request that comes with it: measured with BenchmarkServe.
func (s *Server) pages(router http.Handler) http.Handler {
	page, _ := kindNamed(route.Of(route.Condition).Cache) // every page route's: TestPagesBeforeRouter
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := s.site.Load().Lookup(r.URL.Path); p != nil {
			serveEncoded(w, r, p.ContentType, &p.Encodings, s.policy, page)
			return
		}
		router.ServeHTTP(w, r)
	})
}

// editorPrefix is where the editor's paths start (see Options.Editor).
const editorPrefix = "/_relief/"

// forEditor reports whether a request goes to the editor, which takes
// every method; the rest of the site takes GET and HEAD only.
func (s *Server) forEditor(r *http.Request) bool {
	return s.editor != nil && strings.HasPrefix(r.URL.Path, editorPrefix) && r.URL.Path != "/_relief/events"
}

// dispatch returns the handler of one row of the map: it reads the
// route's parameter and serves the page of that kind.
func (s *Server) dispatch(rt route.Route) http.HandlerFunc {
	switch rt.Kind {
	case route.Search:
		return s.search
	case route.SearchJSON:
		return s.searchJSON
	case route.Static:
		return func(w http.ResponseWriter, r *http.Request) { s.static(w, r, param(r, rt.Param)) }
	}
	kind, _ := kindNamed(rt.Cache) // every route's is known: TestRoutesPolicy
	return func(w http.ResponseWriter, r *http.Request) {
		s.page(w, r, route.URL(rt.Kind, param(r, rt.Param)), kind)
	}
}

// localized serves the address of a language other than the default
// ("/es/conditions/ciatica"): the same map under the language's code
// (route.In), dispatched by kind like the default language's.
func (s *Server) localized(w http.ResponseWriter, r *http.Request) {
	lang, rest := route.SplitLang(r.URL.Path)
	st := s.site.Load()
	ls := st.In(lang)
	if lang == "" || ls == nil {
		s.notFound(w, r)
		return
	}
	ref := route.Parse(rest)
	switch ref.Kind {
	case route.None:
		if to := route.Slash(rest); to != "" {
			s.policy.apply(w.Header(), Redirect)
			http.Redirect(w, r, route.In(lang, to), http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r)
	case route.Search:
		s.searchIn(w, r, ls)
	case route.SearchJSON:
		s.policy.apply(w.Header(), Search)
		write(w, r, http.StatusOK, "application/json", ls.SearchJSON(r.URL.Query().Get("q")))
	case route.Static, route.Sitemap, route.Robots:
		s.notFound(w, r) // one of each for every language
	default:
		kind, _ := kindNamed(route.Of(ref.Kind).Cache)
		s.page(w, r, r.URL.Path, kind)
	}
}

// param returns the value of a route's parameter, decoded: the router
// matches the path as sent, so "sciatic%61" is "sciatica".
func param(r *http.Request, name string) string {
	if name == "" {
		return ""
	}
	v := r.PathValue(name)
	if d, err := url.PathUnescape(v); err == nil {
		return d
	}
	return v
}
