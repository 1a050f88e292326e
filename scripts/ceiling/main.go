// Command ceiling is the throughput ceiling for scripts/load.sh: a bare
// net/http handler that writes one page's bytes from memory, gzipped when
// the client accepts gzip, with no routing, logging or lookups. Without
// -plain-headers and -gzip-headers it sends only Content-Type and
// Content-Length; with them (header dumps of relief's own responses, as
// `curl -D` writes them) it sends exactly relief's headers too, so that
// the two servers put the same bytes on the wire and the comparison
// measures relief's own work per request. With -timeouts it also bounds
// reading, writing and idle connections as relief serve does
// (httpServer in cmd/relief/ops.go): net/http moves those deadlines on
// every request, and a server facing the internet needs them.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"log"
	"net/http"
	"net/textproto"
	"os"
	"strconv"
	"strings"
	"time"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18932", "listen on `HOST:PORT`")
	plainFile := flag.String("plain", "", "the page, as `FILE`")
	gzipFile := flag.String("gzip", "", "the page gzipped, as `FILE`")
	plainHeaders := flag.String("plain-headers", "", "send the headers dumped in `FILE` with the page")
	gzipHeaders := flag.String("gzip-headers", "", "send the headers dumped in `FILE` with the gzipped page")
	timeouts := flag.Bool("timeouts", false, "set relief serve's read, write and idle timeouts")
	flag.Parse()
	plain := response(*plainFile, *plainHeaders, "")
	gz := response(*gzipFile, *gzipHeaders, "gzip")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp := plain
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			resp = gz
		}
		hd := w.Header()
		for k, v := range resp.header {
			hd[k] = v
		}
		w.Write(resp.body)
	})
	srv := &http.Server{Addr: *addr, Handler: h}
	if *timeouts { // as in cmd/relief/ops.go
		srv.ReadHeaderTimeout = 5 * time.Second
		srv.ReadTimeout = 10 * time.Second
		srv.WriteTimeout = 30 * time.Second
		srv.IdleTimeout = 120 * time.Second
	}
	log.Fatal(srv.ListenAndServe())
}

// canned is a response held in memory.
type canned struct {
	header http.Header
	body   []byte
}

// response reads a body and, when headersFile is given, the headers to
// send with it; otherwise just Content-Type (and Content-Encoding).
func response(bodyFile, headersFile, encoding string) canned {
	body, err := os.ReadFile(bodyFile)
	if err != nil {
		log.Fatal(err)
	}
	h := http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	if encoding != "" {
		h["Content-Encoding"] = []string{encoding}
	}
	if headersFile != "" {
		h = readHeaders(headersFile)
	}
	delete(h, "Date") // net/http sets it, as for relief
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	return canned{h, body}
}

// readHeaders parses a header dump: a status line, then header lines.
func readHeaders(name string) http.Header {
	data, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(data)))
	if _, err := r.ReadLine(); err != nil { // HTTP/1.1 200 OK
		log.Fatal(err)
	}
	mh, err := r.ReadMIMEHeader()
	if err != nil && len(mh) == 0 {
		log.Fatalf("%s: %v", name, err)
	}
	return http.Header(mh)
}
