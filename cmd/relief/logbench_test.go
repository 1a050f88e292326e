package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/relief-massage/relief/internal/server"
)

// nullWriter is a ResponseWriter that keeps nothing.
type nullWriter struct{ h http.Header }

func (d *nullWriter) Header() http.Header         { return d.h }
func (d *nullWriter) Write(p []byte) (int, error) { return len(p), nil }
func (d *nullWriter) WriteHeader(int)             {}

// BenchmarkServeLogged serves a condition page from every core through the
// whole handler, its request line logged as JSON through the process's log
// writer to /dev/null: the cost logging adds to a busy server.
func BenchmarkServeLogged(b *testing.B) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer null.Close()
	logger, closeLog := (&opsFlags{logFormat: "json"}).logger(null)
	defer closeLog()
	st := builtInSite(b)
	h := server.New(st, server.Options{Logger: logger, AccessLog: true})
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest("GET", "/conditions/sciatica", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		w := &nullWriter{h: http.Header{}}
		for pb.Next() {
			clear(w.h)
			h.ServeHTTP(w, req)
		}
	})
}
