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

// logRequests logs the requests that need someone's attention, one line
// each: those answered with a server error (5xx, at level Error) and those
// whose answer took longer than slowRequest to start (Warn). The line has
// the method, path, status, bytes, duration and request id, and no
// address: which health pages an address reads is the visitor's business,
// and a small practice needs no record of it. With Options.AccessLog
// every request is logged (Info), with the visitor's address as well.
//
// The request id is made only for a line that is written (or a trusted
// proxy's X-Request-Id is used), and is the same in every line about the
// request (the error a handler logs, the panic, the request line). It is
// sent back as X-Request-Id on the 500 page only (see errorPage).
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw, _ := s.writers.Get().(*statusWriter)
		if sw == nil {
			sw = new(statusWriter)
		}
		*sw = statusWriter{ResponseWriter: w, start: time.Now()}
		defer s.done(sw, r)
		next.ServeHTTP(sw, r)
	})
}

// done logs the request sw answered, if the log keeps it, and puts sw
// back for a later request. A statusWriter is used again rather than
// made per request: it was most of the garbage of a page request that is
// ours rather than net/http's, and the less garbage a request makes, the
// more rarely the collector walks the whole site (see cmd/relief/gc.go).
// net/http forbids using a ResponseWriter once ServeHTTP has returned, so
// nothing holds sw by then.
func (s *Server) done(sw *statusWriter, r *http.Request) {
	s.logRequest(sw, r)
	*sw = statusWriter{}
	s.writers.Put(sw)
}

// slowRequest is how long a response may take to start (its status line,
// not the whole body, which a slow network stretches) before the log says
// so: a page is ready bytes, so a slow start means a busy or stuck server.
const slowRequest = time.Second

// logRequest writes the line of a request that has been answered, if the
// log keeps it (see logRequests).
func (s *Server) logRequest(sw *statusWriter, r *http.Request) {
	status := sw.statusOr200()
	wait := sw.wait
	if !sw.wroteHeader() {
		wait = time.Since(sw.start) // net/http answers when the handler returns
	}
	level := slog.LevelInfo
	switch {
	case status >= 500:
		level = slog.LevelError
	case wait >= s.slow:
		level = slog.LevelWarn
	case !s.accessLog:
		return // an ordinary request: not logged unless asked
	}
	h := s.log.Handler()
	if !h.Enabled(r.Context(), level) {
		return
	}
	now := time.Now()
	line := logline.Request{
		Method: clip(r.Method), Path: clip(r.URL.Path), Status: status, Bytes: sw.bytes,
		Duration: now.Sub(sw.start), ID: s.requestID(sw, r),
	}
	if s.accessLog {
		line.Remote = s.ClientAddr(r)
	}
	// The process's handler writes the line by hand (a tenth of the
	// server's CPU time went into making it through slog when every
	// request was logged); any other handler gets a record. The record is
	// made here rather than by Logger.LogAttrs, which would look up the
	// caller's program counter for a source the log never shows.
	if fast, ok := h.(*logline.Handler); ok {
		fast.Request(r.Context(), now, level, line)
		return
	}
	rec := slog.NewRecord(now, level, "request", 0)
	rec.AddAttrs(line.Attrs()...)
	h.Handle(r.Context(), rec)
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

// statusWriter records the status, the number of body bytes and how long
// the response took to start. It still lets handlers flush (the dev
// server's event stream) and reach the connection through
// http.ResponseController (Unwrap). It also keeps the request id, once
// one is made (Server.requestID).
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
	start  time.Time     // when the request came in
	wait   time.Duration // from start to the status line
	id     string        // the request id, "" until made
}

// started notes the status of the response, once.
func (w *statusWriter) started(status int) {
	if w.status == 0 {
		w.status = status
		w.wait = time.Since(w.start)
	}
}

func (w *statusWriter) WriteHeader(status int) {
	if status >= 200 {
		w.started(status)
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	w.started(http.StatusOK)
	n, err := w.ResponseWriter.Write(p)
	w.bytes += int64(n)
	return n, err
}

// Flush implements http.Flusher.
func (w *statusWriter) Flush() {
	w.started(http.StatusOK)
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

// requestID returns the id of the request w answers, making it the first
// time: the X-Request-Id a trusted proxy sent, when it looks like an id,
// or 16 new random hex digits. w is the request log's writer, which keeps
// the id for every later line about the request; any other writer gets a
// new id.
func (s *Server) requestID(w http.ResponseWriter, r *http.Request) string {
	sw, ok := w.(*statusWriter)
	if ok && sw.id != "" {
		return sw.id
	}
	id := ""
	if s.trustedAddr(remoteAddr(r)) {
		if v := r.Header.Get("X-Request-Id"); validID(v) {
			id = v
		}
	}
	if id == "" {
		var b [8]byte
		var hexID [16]byte
		binary.LittleEndian.PutUint64(b[:], rand.Uint64())
		hex.Encode(hexID[:], b[:])
		id = string(hexID[:]) // one allocation, where hex.EncodeToString makes two
	}
	if ok {
		sw.id = id
	}
	return id
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
