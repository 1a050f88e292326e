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
	"testing"

	"github.com/relief-massage/relief/internal/logline"
)

func TestRequestLog(t *testing.T) {
	var logs bytes.Buffer
	h := New(embeddedSite(t), Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil))})
	rec := request(h, "GET", "/conditions/sciatica", "Accept-Encoding", "gzip")
	id := rec.Header().Get("X-Request-Id")
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(id) {
		t.Errorf("X-Request-Id = %q, want 16 hex digits", id)
	}
	var line struct {
		Msg, Method, Path, ID, Remote string
		Status                        int
		Bytes                         int
		Duration                      int64
	}
	if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
		t.Fatalf("log line %q: %v", logs.String(), err)
	}
	if line.Msg != "request" || line.Method != "GET" || line.Path != "/conditions/sciatica" || line.Status != 200 ||
		line.Bytes != rec.Body.Len() || line.ID != id || line.Remote != "192.0.2.1" || line.Duration <= 0 {
		t.Errorf("log line = %+v; want GET /conditions/sciatica 200 %d bytes, id %s, remote 192.0.2.1", line, rec.Body.Len(), id)
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
		h := New(embeddedSite(t), Options{Logger: slog.New(logline.New(&logs, json))})
		rec := request(h, "GET", "/conditions/sciatica")
		id := rec.Header().Get("X-Request-Id")
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
