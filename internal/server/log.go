package server

import (
	"encoding/binary"
	"encoding/hex"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/relief-massage/relief/internal/logline"
)

// logRequests logs one line per request: method, path, status, bytes,
// duration, request id and the client's address. The request id is also
// sent back as X-Request-Id, so that a visitor's report can be matched to
// its line.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		peer := remoteAddr(r)
		fromProxy := s.trustedAddr(peer)
		sw := &statusWriter{ResponseWriter: w}
		sw.id[0] = requestID(r, fromProxy)
		w.Header()["X-Request-Id"] = sw.id[:] // no slice of its own to allocate
		defer func() {
			level := slog.LevelInfo
			if sw.status >= 500 {
				level = slog.LevelError
			}
			h := s.log.Handler()
			if !h.Enabled(r.Context(), level) {
				return
			}
			now := time.Now()
			line := logline.Request{
				Method: clip(r.Method), Path: clip(r.URL.Path), Status: sw.statusOr200(), Bytes: sw.bytes,
				Duration: now.Sub(start), ID: sw.id[0], Remote: s.clientAddr(r, peer, fromProxy),
			}
			// The process's handler writes the line by hand (a tenth of
			// the server's CPU time went into making it through slog);
			// any other handler gets a record. The record is made here
			// rather than by Logger.LogAttrs, which would look up the
			// caller's program counter for a source the log never shows.
			if fast, ok := h.(*logline.Handler); ok {
				fast.Request(r.Context(), now, level, line)
				return
			}
			rec := slog.NewRecord(now, level, "request", 0)
			rec.AddAttrs(line.Attrs()...)
			h.Handle(r.Context(), rec)
		}()
		next.ServeHTTP(sw, r)
	})
}

// maxLogField is the most bytes a log line keeps of a value the client
// chose (the method, the path, the Host header): a request line may be
// 32 KiB long, and a client must not choose the size of our log lines.
// The query, the User-Agent and the Referer are not logged at all: what a
// visitor searched for about their health is theirs.
const maxLogField = 256

// clip returns s cut to maxLogField bytes, on a character boundary, with a
// marker saying how long it was: "/aaaa…[cut: 32768 bytes]".
func clip(s string) string {
	if len(s) <= maxLogField {
		return s
	}
	cut := maxLogField
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…[cut: " + strconv.Itoa(len(s)) + " bytes]"
}

// statusWriter records the status and the number of body bytes of a
// response. It still lets handlers flush (the dev server's event stream)
// and reach the connection through http.ResponseController (Unwrap). It
// also holds the request id, as the value of the X-Request-Id header.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
	id     [1]string
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 && status >= 200 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Flush implements http.Flusher.
func (w *statusWriter) Flush() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// wroteHeader reports whether the response has started.
func (w *statusWriter) wroteHeader() bool { return w.status != 0 }

func (w *statusWriter) statusOr200() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// requestID returns the id of a request: the X-Request-Id a trusted proxy
// sent, when it looks like an id, or 16 new random hex digits.
func requestID(r *http.Request, fromProxy bool) string {
	if fromProxy {
		if id := r.Header.Get("X-Request-Id"); validID(id) {
			return id
		}
	}
	var b [8]byte
	var id [16]byte
	binary.LittleEndian.PutUint64(b[:], rand.Uint64())
	hex.Encode(id[:], b[:])
	return string(id[:]) // one allocation, where hex.EncodeToString makes two
}

func validID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range []byte(id) {
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}

// remoteAddr returns the address of the peer of the connection.
func remoteAddr(r *http.Request) netip.Addr {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return netip.Addr{}
	}
	return ap.Addr().Unmap()
}

func (s *Server) trustedAddr(a netip.Addr) bool {
	for _, p := range s.trusted {
		if a.IsValid() && p.Contains(a) {
			return true
		}
	}
	return false
}

// clientAddr returns the visitor's address. From a trusted proxy, it is
// the last address in X-Forwarded-For that is not itself a trusted proxy
// (the ones before it could have been written by anyone); otherwise it is
// the peer's address. peer is remoteAddr(r), fromProxy whether it is a
// trusted proxy.
func (s *Server) clientAddr(r *http.Request, peer netip.Addr, fromProxy bool) string {
	if !fromProxy {
		switch {
		case !peer.IsValid():
			return r.RemoteAddr
		case peer.Is4() && r.RemoteAddr[0] != '[':
			// "203.0.113.9:5000": the address as netip writes it (it
			// parses no other form of IPv4), without a copy.
			return r.RemoteAddr[:strings.LastIndexByte(r.RemoteAddr, ':')]
		}
		return peer.String()
	}
	client := peer
	hops := strings.Join(r.Header.Values("X-Forwarded-For"), ",")
	for hops != "" {
		var hop string
		if i := strings.LastIndexByte(hops, ','); i >= 0 {
			hops, hop = hops[:i], hops[i+1:]
		} else {
			hops, hop = "", hops
		}
		a, err := netip.ParseAddr(strings.TrimSpace(hop))
		if err != nil {
			break
		}
		client = a.Unmap()
		if !s.trustedAddr(client) {
			break
		}
	}
	return client.String()
}
