package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/relief-massage/relief/internal/site"
)

// discard is a ResponseWriter that keeps nothing, so that the benchmark
// measures the server, not a recorder.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(p []byte) (int, error) { return len(p), nil }
func (d *discard) WriteHeader(int)             {}

// benchSite is the embedded site with every picture made: making them is
// background work that would otherwise run during the first benchmark
// (BenchmarkServeConn/plain/relief measured 116 kB a request of it).
func benchSite(b *testing.B) *site.Site {
	st := embeddedSite(&testing.T{})
	if err := st.WaitImages(context.Background()); err != nil {
		b.Fatal(err)
	}
	return st
}

// BenchmarkServe serves a condition page through the whole handler
// (request log, headers, checks, router, negotiation), as identity and as
// gzip.
func BenchmarkServe(b *testing.B) {
	st := benchSite(b)
	h := New(st, Options{})
	for _, tc := range []struct{ name, ae string }{{"identity", ""}, {"gzip", "gzip"}, {"br", "gzip, deflate, br"}} {
		b.Run(tc.name, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/conditions/sciatica", nil)
			if tc.ae != "" {
				req.Header.Set("Accept-Encoding", tc.ae)
			}
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, req)
			}
		})
	}
}

// BenchmarkNotFound serves the 404 page for a mistyped condition, with its
// suggestion, and for a path near nothing, without one.
func BenchmarkNotFound(b *testing.B) {
	st := benchSite(b)
	h := New(st, Options{})
	for _, path := range []string{"/conditions/sciatca", "/zzzzzzzzzzzzzzzz"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequest("GET", path, nil)
			w := &discard{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, req)
			}
		})
	}
}

// BenchmarkServeLogged is BenchmarkServe/gzip with the request log of a
// real server: JSON lines (to nowhere).
func BenchmarkServeLogged(b *testing.B) {
	st := benchSite(b)
	h := New(st, Options{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))})
	req := httptest.NewRequest("GET", "/conditions/sciatica", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, req)
	}
}
