package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/logline"
)

// TestRequestLog checks which requests are logged, and with what: by
// default only the ones that failed on our side or were slow, without the
// visitor's address; with AccessLog every request, with it. No response
// but the 500 page carries X-Request-Id (TestPanicRecovery).
func TestRequestLog(t *testing.T) {
	st := embeddedSite(t)
	tests := []struct {
		name       string
		access     bool
		slow       time.Duration
		target     string
		wantLevel  string // "" for no line
		wantRemote string // quoted; "" for no remote field
		wantStatus int
	}{
		{"a page", false, slowRequest, "/conditions/sciatica", "", "", 200},
		{"a page not found", false, slowRequest, "/conditions/no-such", "", "", 404},
		{"a refusal", false, slowRequest, "/.env", "", "", 404},
		{"a slow page", false, 0, "/conditions/sciatica", "WARN", "", 200},
		{"a page, access log", true, slowRequest, "/conditions/sciatica", "INFO", `"192.0.2.1"`, 200},
		{"a page not found, access log", true, slowRequest, "/conditions/no-such", "INFO", `"192.0.2.1"`, 404},
	}
	for _, tt := range tests {
		var logs bytes.Buffer
		h := New(st, Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), AccessLog: tt.access})
		h.slow = tt.slow
		rec := request(h, "GET", tt.target, "Accept-Encoding", "gzip")
		if id := rec.Header().Get("X-Request-Id"); id != "" {
			t.Errorf("%s: X-Request-Id = %q, want none", tt.name, id)
		}
		if tt.wantLevel == "" {
			if logs.Len() != 0 {
				t.Errorf("%s: logged %q, want nothing", tt.name, logs.String())
			}
			continue
		}
		var line struct {
			Level, Msg, Method, Path, ID string
			Remote                       *string
			Status                       int
			Bytes                        int
			Duration                     int64
		}
		if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
			t.Fatalf("%s: log line %q: %v", tt.name, logs.String(), err)
		}
		remote := "" // no field at all: a remote of "" would still be one
		if line.Remote != nil {
			remote = `"` + *line.Remote + `"`
		}
		if line.Level != tt.wantLevel || line.Msg != "request" || line.Method != "GET" || line.Path != tt.target || line.Status != tt.wantStatus ||
			line.Bytes != rec.Body.Len() || !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(line.ID) || remote != tt.wantRemote || line.Duration <= 0 {
			t.Errorf("%s: log line %s; want %s GET %s %d %d bytes, a 16-digit id, remote %s", tt.name, logs.String(),
				tt.wantLevel, tt.target, tt.wantStatus, rec.Body.Len(), tt.wantRemote)
		}
	}
}

func TestClientAddr(t *testing.T) {
	s := New(embeddedSite(t), Options{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
	tests := []struct {
		remote, xff, want string
	}{
		{"203.0.113.9:5000", "", "203.0.113.9"},
		{"203.0.113.9:5000", "198.51.100.7", "203.0.113.9"}, // not a trusted proxy: ignored
		{"10.0.0.2:5000", "198.51.100.7", "198.51.100.7"},
		{"10.0.0.2:5000", "6.6.6.6, 198.51.100.7", "198.51.100.7"},  // the left part is the client's to forge
		{"10.0.0.2:5000", "198.51.100.7, 10.1.1.1", "198.51.100.7"}, // through two proxies
		{"10.0.0.2:5000", "", "10.0.0.2"},
		{"10.0.0.2:5000", "garbage", "10.0.0.2"},
		{"[::ffff:10.0.0.2]:5000", "2001:db8::1", "2001:db8::1"},
		{"[::ffff:203.0.113.9]:5000", "", "203.0.113.9"},
		{"[2001:db8::2]:5000", "", "2001:db8::2"},
		{"not an address", "", "not an address"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if tt.xff != "" {
			r.Header.Set("X-Forwarded-For", tt.xff)
		}
		if got := s.ClientAddr(r); got != tt.want {
			t.Errorf("remote %s, X-Forwarded-For %q: client = %s, want %s", tt.remote, tt.xff, got, tt.want)
		}
	}
}

// TestFlushThroughLog checks that the request log's writer still lets a
// streaming handler (the dev server's events) flush.
func TestFlushThroughLog(t *testing.T) {
	s := New(embeddedSite(t), Options{})
	flushed := false
	h := s.logRequests(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Write([]byte("data: x\n\n"))
		flushed = http.NewResponseController(w).Flush() == nil
	}))
	rec := request(h, "GET", "/_relief/events")
	if !flushed || !rec.Flushed {
		t.Errorf("Flush through the log writer: ok=%v, recorder flushed=%v; want both", flushed, rec.Flushed)
	}
}

// TestRequestLogFast checks the request line through the process's log
// handler (logline), which writes it by hand: the same fields as slog's.
func TestRequestLogFast(t *testing.T) {
	for _, json := range []bool{true, false} {
		var logs bytes.Buffer
		h := New(embeddedSite(t), Options{Logger: slog.New(logline.New(&logs, json)), AccessLog: true})
		rec := request(h, "GET", "/conditions/sciatica")
		id := `[0-9a-f]{16}`
		want := regexp.MustCompile(`^time=\S+ level=INFO msg=request method=GET path=/conditions/sciatica status=200 bytes=` +
			strconv.Itoa(rec.Body.Len()) + ` duration=\S+ id=` + id + ` remote=192.0.2.1\n$`)
		if json {
			want = regexp.MustCompile(`^\{"time":"[^"]+","level":"INFO","msg":"request","method":"GET","path":"/conditions/sciatica","status":200,"bytes":` +
				strconv.Itoa(rec.Body.Len()) + `,"duration_ms":[0-9.]+,"id":"` + id + `","remote":"192.0.2.1"\}\n$`)
		}
		if !want.Match(logs.Bytes()) {
			t.Errorf("json=%v: log line %q does not match %s", json, logs.String(), want)
		}
	}
}

// TestLogSlowWithoutBody: a handler that returns without writing is
// answered only then, so the wait to its status line is its whole time.
func TestLogSlowWithoutBody(t *testing.T) {
	st := embeddedSite(t)
	var logs bytes.Buffer
	h := New(st, Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	h.slow = time.Hour
	sw := &statusWriter{ResponseWriter: httptest.NewRecorder(), start: time.Now().Add(-2 * time.Hour)}
	h.logRequest(sw, httptest.NewRequest("GET", "/", nil))
	if !strings.Contains(logs.String(), `"level":"WARN"`) {
		t.Errorf("a handler that took 2 h and wrote nothing: logged %q, want a WARN line", logs.String())
	}
}
