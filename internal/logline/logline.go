// Package logline is the process's log format: slog's own text and JSON
// lines (durations in JSON as milliseconds, "duration_ms": 1.25), with one
// fast path for the line written most, the one per request.
//
// With -access-log a busy server writes one request line per page it
// sends (by default it logs only failed and slow requests); made by slog
// (a Record, attributes, the handler's state, json.Marshal for the float)
// that line was a tenth of the server's CPU time. Handler.Request writes
// the same bytes by hand into a pooled buffer, formatting the date and the
// clock to the second once a second (stamp.go), not on every line. When a
// field holds anything slog would quote or escape (a space, a quote, a
// backslash, '=', a control byte, anything not ASCII), the line goes
// through slog instead, so the output is always exactly slog's
// (TestRequestMatchesSlog checks this for a table of requests in both
// formats, TestRequestTimes for a run of lines through one handler).
package logline

import (
	"context"
	"io"
	"log/slog"
	"math"
	"strconv"
	"sync"
	"time"
)

// Request is what the log says about one request.
type Request struct {
	Method, Path string
	Status       int
	Bytes        int64
	Duration     time.Duration
	ID           string
	// Remote is the client's address; when empty the line has no
	// remote field (the server's default log keeps no addresses).
	Remote string
}

// Handler is a slog.Handler writing slog's text or JSON lines to a writer,
// with a fast path for request lines (Request).
type Handler struct {
	slog.Handler // slog's own handler, for every other line
	w            io.Writer
	json         bool
	stamps       stamps // the time of request lines
}

// New returns a Handler writing to w: JSON lines when json is true, text
// lines otherwise, at level Info and above. w must be safe to call from
// several goroutines at once (the request path writes to it without
// slog's lock); each line is written in one Write call.
func New(w io.Writer, json bool) *Handler {
	h := &Handler{w: w, json: json}
	if json {
		h.Handler = slog.NewJSONHandler(w, &slog.HandlerOptions{ReplaceAttr: Milliseconds})
	} else {
		h.Handler = slog.NewTextHandler(w, nil)
	}
	return h
}

// Milliseconds writes durations as milliseconds, under the key with "_ms"
// added ("duration_ms": 1.25): log tools read a number, and raw
// nanoseconds (slog's default in JSON) read as nonsense to people. It is
// the JSON handler's ReplaceAttr.
func Milliseconds(groups []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindDuration {
		return slog.Float64(a.Key+"_ms", millis(a.Value.Duration()))
	}
	return a
}

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Attrs returns the attributes of a request line, in the order the line
// has them: what slog writes when the fast path cannot.
func (r Request) Attrs() []slog.Attr {
	attrs := []slog.Attr{
		slog.String("method", r.Method),
		slog.String("path", r.Path),
		slog.Int("status", r.Status),
		slog.Int64("bytes", r.Bytes),
		slog.Duration("duration", r.Duration),
		slog.String("id", r.ID),
	}
	if r.Remote != "" {
		attrs = append(attrs, slog.String("remote", r.Remote))
	}
	return attrs
}

var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// Request writes the line "request" at level, time t, with the fields of
// r: byte for byte what the slog handler writes for a Record with r.Attrs().
// The caller checks Enabled first.
func (h *Handler) Request(ctx context.Context, t time.Time, level slog.Level, r Request) error {
	ms := millis(r.Duration)
	if !plain(r.Method) || !plain(r.Path) || !plain(r.ID) || (r.Remote != "" && !plain(r.Remote)) ||
		(ms != 0 && math.Abs(ms) < 1e-6) || math.Abs(ms) >= 1e21 || t.IsZero() || t.Year() < 0 || t.Year() >= 10000 {
		rec := slog.NewRecord(t, level, "request", 0)
		rec.AddAttrs(r.Attrs()...)
		return h.Handler.Handle(ctx, rec)
	}
	bp := buffers.Get().(*[]byte)
	b := (*bp)[:0]
	t = t.Round(0)
	if h.json {
		b = append(b, `{"time":"`...)
		b = h.stamps.appendRFC3339Nano(b, t)
		b = append(b, `","level":"`...)
		b = append(b, level.String()...)
		b = append(b, `","msg":"request","method":"`...)
		b = append(b, r.Method...)
		b = append(b, `","path":"`...)
		b = append(b, r.Path...)
		b = append(b, `","status":`...)
		b = strconv.AppendInt(b, int64(r.Status), 10)
		b = append(b, `,"bytes":`...)
		b = strconv.AppendInt(b, r.Bytes, 10)
		b = append(b, `,"duration_ms":`...)
		b = strconv.AppendFloat(b, ms, 'f', -1, 64) // what json.Marshal writes between 1e-6 and 1e21
		b = append(b, `,"id":"`...)
		b = append(b, r.ID...)
		if r.Remote != "" {
			b = append(b, `","remote":"`...)
			b = append(b, r.Remote...)
		}
		b = append(b, "\"}\n"...)
	} else {
		b = append(b, "time="...)
		b = h.stamps.appendRFC3339Millis(b, t)
		b = append(b, " level="...)
		b = append(b, level.String()...)
		b = append(b, " msg=request method="...)
		b = append(b, r.Method...)
		b = append(b, " path="...)
		b = append(b, r.Path...)
		b = append(b, " status="...)
		b = strconv.AppendInt(b, int64(r.Status), 10)
		b = append(b, " bytes="...)
		b = strconv.AppendInt(b, r.Bytes, 10)
		b = append(b, " duration="...)
		b = append(b, r.Duration.String()...)
		b = append(b, " id="...)
		b = append(b, r.ID...)
		if r.Remote != "" {
			b = append(b, " remote="...)
			b = append(b, r.Remote...)
		}
		b = append(b, '\n')
	}
	_, err := h.w.Write(b)
	if cap(b) <= 64<<10 { // a huge line's buffer is left to the collector
		*bp = b
		buffers.Put(bp)
	}
	return err
}

// plain reports whether s is written as it is by both of slog's formats:
// not empty, printable ASCII without space, '"', '\\' or '='.
func plain(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || c == '"' || c == '\\' || c == '=' {
			return false
		}
	}
	return true
}
