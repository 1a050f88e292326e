package server

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/logline"
)

// BenchmarkServeConn serves a condition page over a real connection
// (loopback TCP, one keep-alive connection, net/http's own response
// writer and header writing), through relief's handler with its JSON
// request log and, side by side, through a bare handler sending the same
// bytes: the ceiling of ../shared/bench/bench-serve. BenchmarkServe
// leaves out net/http's part, which is where the number of headers costs
// (the header map, its copy, sorting and writing every line); here the
// bytes and allocations per request of the two handlers compare whole.
// The client reads raw bytes and allocates nothing, so the allocations
// are the server's. Read the ratio of the two ns/op (noisy on a busy
// machine) and the difference in B/op and allocs/op (steady), which sets
// how often the collector runs over the whole site while serving.
func BenchmarkServeConn(b *testing.B) {
	st := benchSite(b)
	p := st.Lookup("/conditions/sciatica")
	gz, _ := p.Gzip()
	handlers := []struct {
		name string
		h    http.Handler
	}{
		{"relief", New(st, Options{Logger: slog.New(logline.New(io.Discard, true)), CacheMaxAge: 5 * time.Minute})},
		{"ceiling", ceiling(p.Plain(), gz)},
		{"ceiling+policy", withPolicy(ceiling(p.Plain(), gz))},
	}
	for _, pass := range []struct{ name, ae string }{{"plain", ""}, {"gzip", "gzip"}} {
		for _, hc := range handlers {
			b.Run(pass.name+"/"+hc.name, func(b *testing.B) {
				req := "GET /conditions/sciatica HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: bench\r\n"
				if pass.ae != "" {
					req += "Accept-Encoding: " + pass.ae + "\r\n"
				}
				benchConn(b, hc.h, []byte(req+"\r\n"))
			})
		}
	}
}

// ceiling is the bare handler of ../shared/bench/bench-serve: the same
// bytes, gzipped when the client accepts gzip, with only Content-Type,
// Vary, Content-Encoding and Content-Length.
func ceiling(body, gz []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Type", "text/html; charset=utf-8")
		hd.Set("Vary", "Accept-Encoding")
		b := body
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			hd.Set("Content-Encoding", "gzip")
			b = gz
		}
		hd.Set("Content-Length", strconv.Itoa(len(b)))
		w.Write(b)
	})
}

// withPolicy adds to h's answers the headers relief's policy gives a page
// beyond the ceiling's (Cache-Control, the CSP, the Referrer-Policy and an
// ETag), set as cheaply as relief sets them: what the ceiling would cost
// if it sent them, which leaves relief's own work as the difference.
func withPolicy(h http.Handler) http.Handler {
	p := newPolicy(5 * time.Minute)
	etag := []string{`"3ff204f1e128fb5d"`}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		p.secure(hd, false)
		p.apply(hd, Page)
		hd["Etag"] = etag
		h.ServeHTTP(w, r)
	})
}

// benchConn serves h on loopback with the timeouts of relief serve, and
// sends req b.N times on one connection, reading each response whole.
func benchConn(b *testing.B, h http.Handler, req []byte) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	buf := make([]byte, 256<<10)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Write(req); err != nil {
			b.Fatal(err)
		}
		if err := readResponse(c, buf); err != nil {
			b.Fatal(err)
		}
	}
}

// readResponse reads one response with a Content-Length into buf.
func readResponse(c net.Conn, buf []byte) error {
	n, end, length := 0, -1, -1
	for end < 0 || n < end+length {
		m, err := c.Read(buf[n:])
		if err != nil {
			return err
		}
		n += m
		if end >= 0 {
			continue
		}
		if i := bytes.Index(buf[:n], []byte("\r\n\r\n")); i >= 0 {
			end = i + 4
			j := bytes.Index(buf[:i], []byte("\r\nContent-Length: "))
			if j < 0 {
				return io.ErrUnexpectedEOF
			}
			v := buf[j+len("\r\nContent-Length: "):]
			v = v[:bytes.IndexByte(v, '\r')]
			length = 0
			for _, d := range v {
				length = length*10 + int(d-'0')
			}
		}
	}
	return nil
}
