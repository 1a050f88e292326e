package server

import (
	"log/slog"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/relief-massage/relief/internal/site"
)

// Options configure the server.
type Options struct {
	// Logger receives request and error logs. Nil discards them.
	Logger *slog.Logger
	// Events, when set, serves /_relief/events: the live-reload stream of
	// the dev server.
	Events http.Handler
}

// Server serves the current site.
type Server struct {
	site    atomic.Pointer[site.Site]
	log     *slog.Logger
	events  http.Handler
	handler http.Handler
}

// New returns a server for s.
func New(s *site.Site, opts Options) *Server {
	srv := &Server{log: opts.Logger, events: opts.Events}
	if srv.log == nil {
		srv.log = slog.New(slog.DiscardHandler)
	}
	srv.site.Store(s)
	srv.handler = srv.routes()
	return srv
}

// Swap replaces the site being served. Requests already running finish
// with the site they started with.
func (s *Server) Swap(next *site.Site) { s.site.Store(next) }

// Site returns the site being served.
func (s *Server) Site() *site.Site { return s.site.Load() }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// write sends a body with its type. For HEAD, net/http drops the body but
// keeps Content-Length.
func write(w http.ResponseWriter, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}
