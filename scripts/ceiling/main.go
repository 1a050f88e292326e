// Command ceiling is the throughput ceiling for scripts/load.sh: a bare
// net/http handler that writes one page's bytes from memory, gzipped when
// the client accepts gzip, with no routing, logging or extra headers.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"strconv"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18932", "listen on `HOST:PORT`")
	plainFile := flag.String("plain", "", "the page, as `FILE`")
	gzipFile := flag.String("gzip", "", "the page gzipped, as `FILE`")
	flag.Parse()
	plain, err := os.ReadFile(*plainFile)
	if err != nil {
		log.Fatal(err)
	}
	gz, err := os.ReadFile(*gzipFile)
	if err != nil {
		log.Fatal(err)
	}
	plainLen, gzLen := strconv.Itoa(len(plain)), strconv.Itoa(len(gz))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Type", "text/html; charset=utf-8")
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			hd.Set("Content-Encoding", "gzip")
			hd.Set("Content-Length", gzLen)
			w.Write(gz)
			return
		}
		hd.Set("Content-Length", plainLen)
		w.Write(plain)
	})
	log.Fatal(http.ListenAndServe(*addr, h))
}
