package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/relief-massage/relief/internal/site"
)

// serveEncoded answers with a body, in the encoding the client prefers of
// those built for it, or with 304 Not Modified when the client already
// has that very representation (If-None-Match). Every response, the 304
// included, names its ETag, Vary and the headers policy gives kind k. The
// body as it is is asked of enc only when no compressed form is chosen: a
// page may keep only those (see site.Encodings.Plain). Right after a
// start, a body's compressed forms may not be made yet: the client gets
// one that is (gzip before brotli, or the body as it is), and Vary says
// the answer depends on Accept-Encoding all along.
func serveEncoded(w http.ResponseWriter, r *http.Request, contentType string, enc *site.Encodings, p *policy, k Kind) {
	h := w.Header()
	p.apply(h, k)
	var body []byte
	etag, coding := enc.ETag, []string(nil)
	br, brETag := enc.Brotli()
	gz, gzETag := enc.Gzip()
	if enc.Varies() {
		h["Vary"] = p.vary
		switch negotiate(r.Header.Get("Accept-Encoding"), br != nil, gz != nil) {
		case "br":
			body, etag, coding = br, brETag, p.br
		case "gzip":
			body, etag, coding = gz, gzETag, p.gzip
		}
	}
	if coding == nil {
		body = enc.Plain()
	}
	// The values made for this response share one allocation: a request
	// makes little garbage, so the collector rarely walks the whole site.
	v := [...]string{etag, contentType, strconv.Itoa(len(body))}
	vals := v[:]
	if etag != "" {
		h["Etag"] = vals[0:1:1]
		if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	if coding != nil {
		h["Content-Encoding"] = coding
	}
	h["Content-Type"] = vals[1:2:2]
	h["Content-Length"] = vals[2:3:3]
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// negotiate picks the content coding for an Accept-Encoding header: "br",
// "gzip" or "" for the body as it is. It honours q-values; on a tie it
// prefers br, then gzip, then identity. A coding the header does not name
// (nor "*") is not acceptable; identity always is, though after any coding
// it names. A coding we do not have is never picked, and identity is what
// remains when the client refuses all else.
func negotiate(header string, haveBr, haveGzip bool) string {
	if header == "" {
		return ""
	}
	qBr, qGzip, qIdentity, qAny := -1.0, -1.0, -1.0, -1.0
	for header != "" {
		var part string
		part, header, _ = strings.Cut(header, ",")
		name, params, _ := strings.Cut(part, ";")
		q := qValue(params)
		switch name = strings.TrimSpace(name); {
		case strings.EqualFold(name, "br"):
			qBr = q
		case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
			qGzip = q
		case strings.EqualFold(name, "identity"):
			qIdentity = q
		case name == "*":
			qAny = q
		}
	}
	unlisted := max(qAny, 0)
	if qBr < 0 {
		qBr = unlisted
	}
	if qGzip < 0 {
		qGzip = unlisted
	}
	if qIdentity < 0 {
		// Acceptable unless excluded, but after any coding the client named.
		qIdentity = 0.001
		if qAny >= 0 {
			qIdentity = qAny
		}
	}
	best, bestQ := "", 0.0
	if haveBr && qBr > bestQ {
		best, bestQ = "br", qBr
	}
	if haveGzip && qGzip > bestQ {
		best, bestQ = "gzip", qGzip
	}
	if qIdentity > bestQ {
		best = ""
	}
	return best
}

// qValue returns the q parameter of a coding's parameters (" q=0.5"): 1
// when there is none, 0 when it is malformed.
func qValue(params string) float64 {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if !strings.EqualFold(k, "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return 0
		}
		return q
	}
	return 1
}

// etagMatch reports whether an If-None-Match header names etag. As RFC
// 9110 asks for If-None-Match, the comparison is weak: W/"x" matches "x".
func etagMatch(header, etag string) bool {
	for header != "" {
		var tag string
		tag, header, _ = strings.Cut(header, ",")
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}
