package server

import (
	"bytes"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/site"
)

// embeddedSite builds the real, embedded site once per test.
func embeddedSite(t *testing.T) *site.Site {
	t.Helper()
	st, err := site.Load(site.Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, site.Options{})
	if err != nil {
		t.Fatalf("the embedded site does not load:\n%v", err)
	}
	<-st.Compressed() // so that br is served wherever it will be
	return st
}

func get(t *testing.T, h http.Handler, method, target string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec.Result()
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestEmbeddedContentIsClean: the shipped content has no errors and no
// warnings, so the therapist starts from a clean slate.
func TestEmbeddedContentIsClean(t *testing.T) {
	st := embeddedSite(t)
	if len(st.Content.Warnings) > 0 {
		t.Errorf("the embedded content has warnings:\n%v", st.Content.Warnings)
	}
	if n := len(st.Content.Conditions); n < 12 {
		t.Errorf("%d conditions shipped, want at least 12", n)
	}
}

func TestRoutes(t *testing.T) {
	h := New(embeddedSite(t), Options{})
	tests := []struct {
		method, path string
		status       int
		contentType  string
		location     string
		contains     []string
	}{
		{"GET", "/", 200, "text/html; charset=utf-8", "", []string{"Book a session", `href="/conditions/chronic-back-pain"`, `<a class="skip-link" href="#main">`}},
		{"GET", "/conditions/", 200, "text/html; charset=utf-8", "", []string{"<h1>All Conditions and Symptoms</h1>", `href="#area-back"`, `id="a-z"`, "Sciatica"}},
		{"GET", "/conditions/chronic-back-pain", 200, "text/html; charset=utf-8", "", []string{
			`<a href="/conditions/">← All Conditions and Symptoms</a>`, "<h1>Chronic Back Pain</h1>",
			`<nav class="toc"`, `Medical disclaimer`, `Page last reviewed: <time datetime="2026-11-01">`,
			`Next review due: <time datetime="2027-11-01">`, `class="callout callout-caution"`, `href="tel:911"`,
			`<a href="/areas/back">Back</a>`, `Related conditions`, `class="button"`,
		}},
		{"GET", "/conditions/plantar-fasciitis", 200, "text/html; charset=utf-8", "", []string{"<h1>Plantar Fasciitis</h1>"}},
		{"GET", "/about", 200, "text/html; charset=utf-8", "", []string{"<h1>About us</h1>"}},
		{"GET", "/contact", 200, "text/html; charset=utf-8", "", []string{"<h1>Contact"}},
		{"GET", "/healthz", 200, "text/plain; charset=utf-8", "", []string{"ok"}},
		{"GET", "/conditions", 301, "", "/conditions/", nil},
		{"GET", "/conditions/sciatica/", 301, "", "/conditions/sciatica", nil},
		{"GET", "/conditions/sciatca", 404, "text/html; charset=utf-8", "", []string{`Were you looking for <a href="/conditions/sciatica">Sciatica</a>?`, `href="/conditions/"`}},
		{"GET", "/no/such/page", 404, "text/html; charset=utf-8", "", []string{"find that page", `href="/conditions/"`}},
		{"GET", "/areas/", 200, "text/html; charset=utf-8", "", []string{"<h1>Browse by body area</h1>", `<a href="/areas/back" aria-label="Back (`}},
		{"GET", "/areas/neck", 200, "text/html; charset=utf-8", "", []string{"<h1>Neck</h1>", `href="/conditions/neck-pain"`}},
		{"GET", "/areas/elbows", 404, "text/html; charset=utf-8", "", []string{"find that page"}},
		{"GET", "/areas", 301, "", "/areas/", nil},
		{"GET", "/symptoms/", 200, "text/html; charset=utf-8", "", []string{"<h1>Symptoms A to Z</h1>", `<dt id="brain-fog">brain fog</dt>`}},
		{"GET", "/symptoms", 301, "", "/symptoms/", nil},
		{"GET", "/search?q=sciatca", 200, "text/html; charset=utf-8", "", []string{`<a href="/conditions/sciatica">Sciatica</a>`, "<mark>Sciatica</mark>"}},
		{"GET", "/search?q=", 200, "text/html; charset=utf-8", "", []string{`area-browser"`}},
		{"GET", "/search?q=xylophone+zebra", 200, "text/html; charset=utf-8", "", []string{"we found nothing for", `href="/areas/back"`}},
		{"GET", "/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27", 200, "text/html; charset=utf-8", "", []string{"&lt;script&gt;alert(1)&lt;/script&gt;&#34;&#39;"}},
		{"GET", "/search?q=%00stiff%E2%80%AE+neck", 200, "text/html; charset=utf-8", "", []string{`href="/conditions/neck-pain"`}},
		{"GET", "/search?q=%ff%fe", 200, "text/html; charset=utf-8", "", nil},
		{"GET", "/search.json?q=fibromialgia", 200, "application/json", "", []string{`"url":"/conditions/fibromyalgia"`}},
		{"GET", "/static/favicon.svg", 200, "image/svg+xml", "", []string{"<svg"}},
		{"GET", "/static/nope.css", 404, "text/html; charset=utf-8", "", nil},
		{"POST", "/", 405, "text/plain; charset=utf-8", "", nil},
		{"HEAD", "/conditions/sciatica", 200, "text/html; charset=utf-8", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			res := get(t, h, tt.method, tt.path)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("%s %s: status = %d, want %d", tt.method, tt.path, res.StatusCode, tt.status)
			}
			if ct := res.Header.Get("Content-Type"); tt.contentType != "" && ct != tt.contentType {
				t.Errorf("%s %s: Content-Type = %q, want %q", tt.method, tt.path, ct, tt.contentType)
			}
			if loc := res.Header.Get("Location"); loc != tt.location {
				t.Errorf("%s %s: Location = %q, want %q", tt.method, tt.path, loc, tt.location)
			}
			for _, want := range tt.contains {
				if !strings.Contains(b, want) {
					t.Errorf("%s %s: body lacks %q", tt.method, tt.path, want)
				}
			}
			if tt.method == "HEAD" && res.Header.Get("Content-Length") == "" {
				t.Errorf("HEAD %s: no Content-Length", tt.path)
			}
		})
	}
}

var hrefRE = regexp.MustCompile(`(?:href|src)="(/[^"#]*)(?:#([^"]*))?"`)

// TestEveryInternalLinkResolves crawls the site from the home page and
// requests every internal link and asset it finds, in every language
// (the language switcher links them); each must answer 200, and every
// #fragment must name an id on its target page.
func TestEveryInternalLinkResolves(t *testing.T) {
	seen := crawl(t, New(embeddedSite(t), Options{}))
	for _, want := range []string{"/", "/conditions/sciatica", "/es/", "/es/conditions/", "/es/conditions/ciatica", "/es/areas/back", "/es/symptoms/"} {
		if _, ok := seen[want]; !ok {
			t.Errorf("the crawl from / never reached %s: is every language linked?", want)
		}
	}
}

// crawl requests every page and file linked from the home page, checking
// each as TestEveryInternalLinkResolves says, and returns the bodies by
// path.
func crawl(t *testing.T, h http.Handler) map[string]string {
	t.Helper()
	seen := map[string]string{} // path -> body
	queue := []string{"/"}
	type ref struct{ from, path, frag string }
	var frags []ref
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if _, ok := seen[p]; ok {
			continue
		}
		res := get(t, h, "GET", p)
		b := body(t, res)
		seen[p] = b
		if res.StatusCode != 200 {
			t.Errorf("GET %s: status = %d, want 200", p, res.StatusCode)
			continue
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			continue
		}
		for _, m := range hrefRE.FindAllStringSubmatch(b, -1) {
			target := m[1]
			if target == "" {
				target = p
			}
			queue = append(queue, target)
			if m[2] != "" {
				frags = append(frags, ref{p, target, m[2]})
			}
		}
	}
	for _, f := range frags {
		if !strings.Contains(seen[f.path], `id="`+f.frag+`"`) {
			t.Errorf("%s links to %s#%s, but that page has no such id", f.from, f.path, f.frag)
		}
	}
	if len(seen) < 20 {
		t.Errorf("crawled %d paths, want the whole site", len(seen))
	}
	return seen
}

// TestPagesBeforeRouter checks the shortcut of pages: every page of the
// site, asked by its exact path, gets from the whole server what the
// router alone would answer, byte for byte and header for header (but the
// request id, new on each request), in every encoding and for HEAD.
func TestPagesBeforeRouter(t *testing.T) {
	st := embeddedSite(t)
	srv := New(st, Options{})
	router := srv.middleware(srv.routes())
	for _, path := range st.Paths() {
		for _, tc := range []struct{ method, ae string }{{"GET", ""}, {"GET", "gzip"}, {"GET", "gzip, br"}, {"HEAD", "gzip"}} {
			req := func() *http.Request {
				r := httptest.NewRequest(tc.method, path, nil)
				r.Header.Set("Accept-Encoding", tc.ae)
				return r
			}
			fast, slow := httptest.NewRecorder(), httptest.NewRecorder()
			srv.ServeHTTP(fast, req())
			router.ServeHTTP(slow, req())
			fast.Header().Del("X-Request-Id")
			slow.Header().Del("X-Request-Id")
			if fast.Code != slow.Code || !reflect.DeepEqual(fast.Header(), slow.Header()) || !bytes.Equal(fast.Body.Bytes(), slow.Body.Bytes()) {
				t.Errorf("%s %s (Accept-Encoding %q): the server answers %d %v (%d bytes), the router %d %v (%d bytes): want the same",
					tc.method, path, tc.ae, fast.Code, fast.Header(), fast.Body.Len(), slow.Code, slow.Header(), slow.Body.Len())
			}
		}
	}
}

// TestPageRequestAllocs guards the garbage a page request makes through
// the whole handler (request log, headers, checks, router, negotiation)
// beyond net/http's own: the less a request makes, the more rarely the
// collector walks the whole served site (cmd/relief/gc.go). Today that
// is the three header values made for the response (one allocation) and
// the body's length as text. It counts allocations, never time.
func TestPageRequestAllocs(t *testing.T) {
	h := New(embeddedSite(t), Options{})
	for _, tc := range []struct{ name, ae string }{{"identity", ""}, {"gzip", "gzip"}, {"br", "gzip, deflate, br"}} {
		req := httptest.NewRequest("GET", "/conditions/sciatica", nil)
		if tc.ae != "" {
			req.Header.Set("Accept-Encoding", tc.ae)
		}
		w := &discard{h: http.Header{}}
		h.ServeHTTP(w, req) // the plain body kept for the page, the first time
		// AllocsPerRun counts the whole process's allocations, and a
		// busy machine can leave an earlier test's background work (a
		// site still compressing) running meanwhile: it only ever adds,
		// so the fewest of a few tries is the request's own count.
		got := math.Inf(1)
		for range 5 {
			got = min(got, testing.AllocsPerRun(200, func() {
				clear(w.h)
				h.ServeHTTP(w, req)
			}))
		}
		if want := 2.0; got > want {
			t.Errorf("GET /conditions/sciatica (%s): %v allocations a request, want at most %v", tc.name, got, want)
		}
	}
}
