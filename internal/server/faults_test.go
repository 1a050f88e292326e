package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLogClipsClientFields: a client choosing a 32 KiB path, method or
// User-Agent does not choose the size of the log line.
func TestLogClipsClientFields(t *testing.T) {
	var logs bytes.Buffer
	h := New(embeddedSite(t), Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), AccessLog: true})
	long := strings.Repeat("a", 32<<10)
	tests := []struct {
		method, target string
		header         []string
		field, want    string
	}{
		{"GET", "/" + long, nil, "path", "[cut: 32769 bytes]"},
		{"GET", "/é" + long, nil, "path", "[cut: 32771 bytes]"},
		{"GET", "/", []string{"User-Agent", long, "Referer", "https://x.example/" + long}, "path", "/"},
		{strings.ToUpper(long), "/", nil, "method", "[cut: 32768 bytes]"},
	}
	for _, tt := range tests {
		logs.Reset()
		request(h, tt.method, tt.target, tt.header...)
		what := tt.method[:min(len(tt.method), 10)] + " " + tt.target[:min(len(tt.target), 10)]
		if n := logs.Len(); n > 1024 {
			t.Errorf("%s: log line of %d bytes, want under 1 KiB", what, n)
		}
		var line map[string]any
		if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
			t.Fatalf("%s: log line %.200q: %v", what, logs.String(), err)
		}
		if got, _ := line[tt.field].(string); !strings.HasSuffix(got, tt.want) || len(got) > maxLogField+40 {
			t.Errorf("%s: %s = %.80q… (%d bytes), want at most %d bytes ending in %q", what, tt.field, got, len(got), maxLogField, tt.want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, s := range []string{"", "/conditions/sciatica", strings.Repeat("x", maxLogField), strings.Repeat("é", 300), "/" + strings.Repeat("痛", 300)} {
		got := clip(s)
		if len(s) <= maxLogField {
			if got != s {
				t.Errorf("clip(%.20q) = %.20q, want it whole", s, got)
			}
			continue
		}
		kept, _, ok := strings.Cut(got, "…[cut: ")
		if !ok || !strings.HasPrefix(s, kept) || len(kept) > maxLogField || len(kept) < maxLogField-3 || !utf8.ValidString(got) {
			t.Errorf("clip(%.20q…) = %q; want up to %d bytes of whole characters, then the marker", s, got, maxLogField)
		}
	}
}

// TestHostCheck: with AllowHost set (the preview), a request for another
// name (DNS rebinding) gets 421, our headers and an explanation, and is
// logged; the allowed names, with any port, are served.
func TestHostCheck(t *testing.T) {
	var logs bytes.Buffer
	allow := func(host string) bool { return host == "localhost" || host == "127.0.0.1" || host == "::1" }
	h := New(embeddedSite(t), Options{AllowHost: allow, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	tests := []struct {
		host   string
		status int
	}{
		{"localhost:8080", 200},
		{"LocalHost.:8080", 200},
		{"localhost", 200},
		{"127.0.0.1:8080", 200},
		{"[::1]:8080", 200},
		{"evil.example", 421},
		{"evil.example:8080", 421},
		{"localhost.evil.example:8080", 421},
		{"127.0.0.1.nip.io:8080", 421},
	}
	for _, tt := range tests {
		logs.Reset()
		rec := serve(h, hostRequest(tt.host))
		if rec.Code != tt.status {
			t.Errorf("Host %s: status = %d, want %d", tt.host, rec.Code, tt.status)
		}
		checkSecurityHeaders(t, "Host "+tt.host, rec.Header())
		if tt.status == 421 {
			mustHave(t, "Host "+tt.host, rec.Body.String(), "only answers at addresses of this computer", "localhost")
			mustHave(t, "Host "+tt.host+": log", logs.String(), "refused a request for another site's name", "host="+tt.host)
			if strings.Contains(rec.Body.String(), "<html") {
				t.Errorf("Host %s: the refusal shows the page", tt.host)
			}
		}
	}
	// Without AllowHost (production), any name is served.
	if rec := serve(New(embeddedSite(t), Options{}), hostRequest("evil.example")); rec.Code != 200 {
		t.Errorf("without AllowHost, Host evil.example: status = %d, want 200", rec.Code)
	}
}

func hostRequest(host string) *http.Request {
	req, _ := http.NewRequest("GET", "/", nil)
	req.Host = host
	req.RemoteAddr = "192.0.2.1:1234"
	return req
}

// TestQueryInCharacters: the query limit counts characters, the way the
// search box's maxlength does, so a full box of any script is searched,
// while longer parameters and overlong queries are still refused.
func TestQueryInCharacters(t *testing.T) {
	h := New(embeddedSite(t), Options{})
	q := func(s string) string { return "/search?q=" + url.QueryEscape(s) }
	many := strings.Repeat("&utm="+strings.Repeat("x", 250), 17)
	tests := []struct {
		name, target string
		status       int
	}{
		{"200 Greek letters", q(strings.Repeat("πόνος ", 33) + "πό"), 200},
		{"200 Chinese characters", q(strings.Repeat("痛", 200)), 200},
		{"200 emoji", q(strings.Repeat("😣", 200)), 200},
		{"200 letters", q(strings.Repeat("a", 200)), 200},
		{"a search and tracking parameters", q("stiff neck") + "&utm_source=newsletter&fbclid=" + strings.Repeat("A", 200), 200},
		{"300 Chinese characters", q(strings.Repeat("痛", 300)), 414},
		{"257 letters", q(strings.Repeat("a", 255)), 414},
		{"many parameters, 4,300 bytes", q("neck") + many, 414},
	}
	for _, tt := range tests {
		rec := request(h, "GET", tt.target)
		if rec.Code != tt.status {
			t.Errorf("%s (%d bytes): status = %d, want %d", tt.name, len(tt.target), rec.Code, tt.status)
		}
	}
	rec := request(h, "GET", q(strings.Repeat("痛", 200)))
	mustHave(t, "200 Chinese characters", rec.Body.String(), strings.Repeat("痛", 200))
}

// TestOptionsStar: "OPTIONS *" is refused like every method but GET and
// HEAD, with our headers (the http.Server lets it through: see
// DisableGeneralOptionsHandler in cmd/relief).
func TestOptionsStar(t *testing.T) {
	var logs bytes.Buffer
	h := New(embeddedSite(t), Options{Logger: slog.New(slog.NewJSONHandler(&logs, nil)), AccessLog: true})
	rec := request(h, "OPTIONS", "*")
	if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("OPTIONS *: status %d, Allow %q; want 405, GET, HEAD", rec.Code, rec.Header().Get("Allow"))
	}
	checkSecurityHeaders(t, "OPTIONS *", rec.Header())
	mustHave(t, "OPTIONS *: log", logs.String(), `"method":"OPTIONS"`, `"path":"*"`, `"status":405`)
}

func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func mustHave(t *testing.T, what, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s: no %q in %.500q", what, w, s)
		}
	}
}
