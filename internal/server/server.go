package server

import (
	"log/slog"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/relief-massage/relief/internal/misses"
	"github.com/relief-massage/relief/internal/site"
)

// Options configure the server.
type Options struct {
	// Logger receives request and error logs. Nil discards them.
	Logger *slog.Logger
	// AccessLog logs every request, with the visitor's address, rather
	// than only the ones that failed or were slow (see logRequests).
	AccessLog bool
	// Events, when set, serves /_relief/events: the live-reload stream of
	// the dev server.
	Events http.Handler
	// Editor, when set, is the therapist's browser editor (package
	// editor, behind package auth's login): it receives every request
	// under /_relief/ except /_relief/events, of any method, with the
	// Editor row of the header policy. Nil: those paths are not found.
	Editor http.Handler
	// CacheMaxAge is how long browsers and shared caches may keep a page,
	// a redirect or a static file under its plain (not fingerprinted) name
	// before asking again. Zero sends "no-cache": always revalidate, which
	// the ETag makes cheap.
	CacheMaxAge time.Duration
	// TrustedProxies are the networks of the reverse proxies in front of
	// the server. Only a request from one of them has its X-Forwarded-For
	// (and X-Request-Id) believed; anyone else could forge them.
	TrustedProxies []netip.Prefix
	// AllowHost, when set, is asked about the host name of every request
	// (from its Host header, without the port, in lower case); a name it
	// refuses gets 421 Misdirected Request and an explanation. The preview
	// sets it (see dev.AllowHost).
	AllowHost func(host string) bool
	// Misses, when set, counts the searches that found nothing (the words
	// and the day, nothing about who searched).
	Misses *misses.Log
}

// Server serves the current site.
type Server struct {
	site      atomic.Pointer[site.Site]
	degraded  atomic.Pointer[string] // why /healthz says degraded; nil when healthy
	log       *slog.Logger
	accessLog bool          // log every request: Options.AccessLog
	slow      time.Duration // log requests slower than this to start: slowRequest
	events    http.Handler
	editor    http.Handler
	policy    *policy // the headers of every kind of response: policy.go
	trusted   []netip.Prefix
	allowHost func(host string) bool
	misses    *misses.Log // the searches that found nothing; nil when not kept
	handler   http.Handler
	writers   sync.Pool // *statusWriter, used again request after request (logRequests)
}

// New returns a server for s.
func New(s *site.Site, opts Options) *Server {
	srv := &Server{log: opts.Logger, accessLog: opts.AccessLog, slow: slowRequest, events: opts.Events, editor: opts.Editor, trusted: opts.TrustedProxies, allowHost: opts.AllowHost, misses: opts.Misses}
	if srv.log == nil {
		srv.log = slog.New(slog.DiscardHandler)
	}
	srv.policy = newPolicy(opts.CacheMaxAge)
	srv.site.Store(s)
	srv.handler = srv.middleware(srv.pages(srv.routes()))
	return srv
}

// middleware wraps the router in what every request goes through, outermost
// first: the request log (which sees the final status, even of a panic),
// panic recovery, the security headers, the host check (when AllowHost is
// set), and the checks of method and path that run before any routing.
func (s *Server) middleware(h http.Handler) http.Handler {
	h = s.checkRequest(h)
	if s.allowHost != nil {
		h = s.checkHost(s.allowHost, h)
	}
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	return s.logRequests(h)
}

// Swap replaces the site being served. Requests already running finish
// with the site they started with.
func (s *Server) Swap(next *site.Site) { s.site.Store(next) }

// SetDegraded makes /healthz report the server as degraded, for reason
// (one line, for the person on call: "serving the last good version ...");
// "" makes it healthy again. The site keeps being served either way.
func (s *Server) SetDegraded(reason string) {
	if reason == "" {
		s.degraded.Store(nil)
		return
	}
	s.degraded.Store(&reason)
}

// Site returns the site being served.
func (s *Server) Site() *site.Site { return s.site.Load() }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// write sends a body with its type and length. For HEAD it sends only
// the headers, Content-Length included.
func write(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
