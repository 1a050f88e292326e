package server

import (
	"net/http"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"github.com/relief-massage/relief/internal/guard"
)

// securityHeaders sets the headers every response carries (see policy.go)
// before anything else runs, so that refusals get them too.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.policy.secure(w.Header(), r.TLS != nil)
		next.ServeHTTP(w, r)
	})
}

// The limits of a query string. The search box takes 200 characters
// (maxlength="200", which counts characters, not bytes), and a character
// can take 4 bytes in UTF-8 and each byte 3 when percent-encoded ("%E2"):
// a full box of Greek, Chinese or emoji is up to 2,400 bytes on the wire.
// So the query is judged twice: each parameter ("q=stiff neck"), decoded,
// may hold maxParamChars characters, the search box's 200 and room for the
// name and a few more; and the whole query, as sent, maxQueryBytes bytes,
// which keeps every request line short whatever it holds.
const (
	maxParamChars = 256
	maxQueryBytes = 4096
)

// checkRequest turns away, before any routing, what the site never
// answers: methods other than GET and HEAD (405, OPTIONS * included: the
// http.Server leaves it to us; the editor under /_relief/ takes any), long
// query strings (414, see maxParamChars), and paths that try to escape or probe: ".." or "."
// segments, an encoded slash, backslashes, NUL and other control
// characters, invalid UTF-8 (400), and dot-files such as /.env or
// /static/.git/config (404). Static files are served from memory, so no
// path reaches the disk anyway; this keeps such requests out of the
// handlers altogether.
func (s *Server) checkRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead && !s.forEditor(r) {
			s.methodNotAllowed(w, r)
			return
		}
		if queryTooLong(r.URL.RawQuery) {
			s.plainError(w, r, http.StatusRequestURITooLong, "the address is too long\n")
			return
		}
		if status := pathStatus(r.URL.Path, r.URL.RawPath); status != 0 {
			s.plainError(w, r, status, strings.ToLower(http.StatusText(status))+"\n")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// queryTooLong reports whether the raw query is over maxQueryBytes, or has
// a parameter of more than maxParamChars characters once decoded ("%C3%A9"
// and "é" are one character, "+" is a space). It reads the query once
// and allocates nothing.
func queryTooLong(raw string) bool {
	if len(raw) > maxQueryBytes {
		return true
	}
	chars := 0
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '&':
			chars = 0
			continue
		case c == '%' && i+2 < len(raw) && ishex(raw[i+1]) && ishex(raw[i+2]):
			c = unhex(raw[i+1])<<4 | unhex(raw[i+2])
			i += 2
		}
		if !utf8.RuneStart(c) {
			continue // a later byte of a character already counted
		}
		if chars++; chars > maxParamChars {
			return true
		}
	}
	return false
}

func ishex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}

// pathStatus returns 0 for a path the router may see, or the status to
// answer: 400 for a malformed or escaping path, 404 for a dot-file. path is
// decoded; rawPath is the encoded form when it differs ("" otherwise).
func pathStatus(path, rawPath string) int {
	if !strings.HasPrefix(path, "/") || !utf8.ValidString(path) {
		return http.StatusBadRequest
	}
	for i := 0; i < len(path); i++ {
		if c := path[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return http.StatusBadRequest
		}
	}
	if strings.Contains(strings.ToLower(rawPath), "%2f") {
		return http.StatusBadRequest
	}
	for seg := range strings.SplitSeq(path[1:], "/") {
		switch {
		case seg == "." || seg == "..":
			return http.StatusBadRequest
		case guard.Hidden(seg) && seg != ".well-known": // never a file of the site: guard skips them all
			return http.StatusNotFound
		}
	}
	return 0
}

// recoverPanics turns a panic in a handler into a 500 page and a log line
// with the stack; the server keeps serving.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic serving request", "method", clip(r.Method), "path", clip(r.URL.Path),
				"id", s.requestID(w, r), "panic", v, "stack", string(debug.Stack()))
			if sw, ok := w.(*statusWriter); ok && sw.wroteHeader() {
				return // too late for an error page: the response has started
			}
			s.errorPage(w, r)
		}()
		next.ServeHTTP(w, r)
	})
}

// serverError logs err, with what was being done, and answers with the
// 500 page: the way a handler reports a failure of ours (a template that
// fails to execute), without a panic.
func (s *Server) serverError(w http.ResponseWriter, r *http.Request, doing string, err error) {
	s.log.Error(doing+": "+err.Error(), "method", clip(r.Method), "path", clip(r.URL.Path), "id", s.requestID(w, r))
	s.errorPage(w, r)
}

// errorPage answers with the 500 page, dropping what a handler may have
// set for the response it meant to send. It names the request's id in
// X-Request-Id, the id of the log lines about it.
func (s *Server) errorPage(w http.ResponseWriter, r *http.Request) {
	s.policy.apply(w.Header(), Private)
	w.Header().Set("X-Request-Id", s.requestID(w, r))
	w.Header().Del("Vary")
	w.Header().Del("Content-Encoding")
	w.Header().Del("ETag")
	write(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", s.Site().ServerErrorPage())
}

// plainError answers with a short text and no caching.
func (s *Server) plainError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.policy.apply(w.Header(), Private)
	write(w, r, status, "text/plain; charset=utf-8", []byte(msg))
}
