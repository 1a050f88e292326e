package server

import (
	"net/http"

	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/site"
)

// healthz answers monitoring. It is always 200 while a site is served, so
// that a load balancer keeps sending visitors; when the server is degraded
// (serving an older version than the folders on disk, see SetDegraded) the
// body reads "degraded: <reason>" and the header X-Relief-Health says
// "degraded" (otherwise "ok").
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	s.policy.apply(w.Header(), Private)
	if reason := s.degraded.Load(); reason != nil {
		w.Header().Set("X-Relief-Health", "degraded")
		write(w, r, http.StatusOK, "text/plain; charset=utf-8", []byte("degraded: "+*reason+"\n"))
		return
	}
	w.Header().Set("X-Relief-Health", "ok")
	write(w, r, http.StatusOK, "text/plain; charset=utf-8", []byte("ok\n"))
}

// page serves the pre-rendered page at path with the headers of kind, or,
// when the site has none there (a condition that does not exist), the 404
// page.
func (s *Server) page(w http.ResponseWriter, r *http.Request, path string, kind Kind) {
	if p := s.site.Load().Lookup(path); p != nil {
		serveEncoded(w, r, p.ContentType, &p.Encodings, s.policy, kind)
		return
	}
	s.notFound(w, r)
}

// notFound redirects an old path (redirect_from) or serves the 404 page.
//
// The 404 page carries a suggestion made for its path, so it cannot be
// compressed ahead of time; it is a few kilobytes, sent as it is rather
// than compressed on every request.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	st := s.site.Load()
	if lang, _ := route.SplitLang(r.URL.Path + "/"); lang != "" && r.URL.Path == "/"+lang && st.In(lang) != nil {
		s.policy.apply(w.Header(), Redirect) // /es → /es/, the language's home
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	}
	if to := st.Redirect(r.URL.Path); to != "" {
		s.policy.apply(w.Header(), Redirect)
		http.Redirect(w, r, to, http.StatusMovedPermanently)
		return
	}
	body, err := st.NotFound(r.URL.Path)
	if err != nil {
		s.serverError(w, r, "rendering the 404 page", err)
		return
	}
	s.policy.apply(w.Header(), NotFound)
	write(w, r, http.StatusNotFound, "text/html; charset=utf-8", body)
}

// slash sends a path missing or adding a final slash to its canonical
// form (route.Slash): /conditions to /conditions/, /conditions/sciatica/
// to /conditions/sciatica.
func (s *Server) slash(w http.ResponseWriter, r *http.Request) {
	to := route.Slash(r.URL.Path)
	if to == "" {
		s.notFound(w, r)
		return
	}
	s.policy.apply(w.Header(), Redirect)
	http.Redirect(w, r, to, http.StatusMovedPermanently)
}

// static serves a file of the static folder, under its plain or its
// fingerprinted name (each its own kind in the policy).
func (s *Server) static(w http.ResponseWriter, r *http.Request, name string) {
	st := s.site.Load()
	as, fingerprinted := st.Assets.Lookup(route.URL(route.Static, name))
	if as == nil {
		s.image(w, r, st, route.URL(route.Static, name))
		return
	}
	kind := Page
	if fingerprinted {
		kind = Fingerprinted
	}
	serveEncoded(w, r, as.ContentType, &as.Encodings, s.policy, kind)
}

func (s *Server) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Allow", "GET, HEAD")
	s.policy.apply(w.Header(), Private)
	write(w, r, http.StatusMethodNotAllowed, "text/plain; charset=utf-8", []byte("method not allowed: this site only answers GET and HEAD\n"))
}

// image serves an image variant (/static/images/…), which may wait for
// the variant to be made (see site.Site.Image), or the 404 page.
func (s *Server) image(w http.ResponseWriter, r *http.Request, st *site.Site, path string) {
	f, ok, err := st.Image(r.Context(), path)
	switch {
	case !ok:
		s.notFound(w, r)
	case err != nil:
		s.log.Warn("image", "path", path, "err", err)
		s.policy.apply(w.Header(), Private)
		write(w, r, http.StatusServiceUnavailable, "text/plain; charset=utf-8", []byte("this picture cannot be shown right now\n"))
	default:
		s.policy.apply(w.Header(), Fingerprinted)
		write(w, r, http.StatusOK, f.Type, f.Data)
	}
}
