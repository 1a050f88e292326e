package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/relief-massage/relief/internal/site"
)

// request sends one request with the given headers through h.
func request(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decode undoes a response's Content-Encoding.
func decode(t *testing.T, rec *httptest.ResponseRecorder) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(rec.Body.Bytes())
	switch ce := rec.Header().Get("Content-Encoding"); ce {
	case "":
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatalf("gzip body: %v", err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(r)
	default:
		t.Fatalf("unexpected Content-Encoding %q", ce)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("decoding %s body: %v", rec.Header().Get("Content-Encoding"), err)
	}
	return b
}

// checkSecurityHeaders checks the headers every response must carry.
func checkSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy": contentSecurityPolicy,
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
	if csp := h.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("%s: CSP = %q, want no unsafe-inline and frame-ancestors 'none'", what, csp)
	}
}

// TestPageHeaderCount checks that a page's response, in every encoding and
// as a 304, sets at most eight headers: past eight, net/http's header map
// and the copy it makes at WriteHeader grow into tables, 1.2 kB more
// garbage a response (see the policy's headers in policy.go).
func TestPageHeaderCount(t *testing.T) {
	st := embeddedSite(t)
	h := New(st, Options{CacheMaxAge: 5 * time.Minute})
	for _, ae := range []string{"", "gzip", "gzip, deflate, br"} {
		rec := request(h, "GET", "/conditions/sciatica", "Accept-Encoding", ae)
		if n := len(rec.Header()); n > 8 {
			t.Errorf("GET /conditions/sciatica (Accept-Encoding %q): %d headers %v, want at most 8", ae, n, rec.Header())
		}
		notModified := request(h, "GET", "/conditions/sciatica", "Accept-Encoding", ae, "If-None-Match", rec.Header().Get("ETag"))
		if notModified.Code != http.StatusNotModified || len(notModified.Header()) > 8 {
			t.Errorf("GET /conditions/sciatica (Accept-Encoding %q, If-None-Match): status %d, %d headers, want 304 with at most 8",
				ae, notModified.Code, len(notModified.Header()))
		}
	}
}

// encodedRoute is a URL whose bytes are built ahead, with what its
// Cache-Control must be.
type encodedRoute struct {
	path, cacheControl string
}

// encodedRoutes lists every pre-rendered page and every static file, under
// both its names: the table the header tests run over, so that a new page
// kind is covered without touching the tests.
func encodedRoutes(st *site.Site) []encodedRoute {
	var out []encodedRoute
	for _, p := range st.Paths() {
		out = append(out, encodedRoute{p, "public, max-age=300"})
	}
	for _, as := range st.Assets.All() {
		out = append(out,
			encodedRoute{as.Fingerprint, "public, max-age=31536000, immutable"},
			encodedRoute{"/static/" + as.Name, "public, max-age=300"})
	}
	return out
}

// TestEncodedRoutes checks, for every pre-rendered URL, the security and
// cache headers, that each encoding decodes to the same bytes under its
// own ETag, that If-None-Match answers 304 with the caching headers, and
// that HEAD sends the headers without a body.
func TestEncodedRoutes(t *testing.T) {
	st := embeddedSite(t)
	h := New(st, Options{CacheMaxAge: 5 * time.Minute})
	for _, rt := range encodedRoutes(st) {
		t.Run(rt.path, func(t *testing.T) {
			plain := request(h, "GET", rt.path)
			if plain.Code != 200 {
				t.Fatalf("GET %s: status = %d, want 200", rt.path, plain.Code)
			}
			checkSecurityHeaders(t, "GET "+rt.path, plain.Header())
			if got := plain.Header().Get("Cache-Control"); got != rt.cacheControl {
				t.Errorf("GET %s: Cache-Control = %q, want %q", rt.path, got, rt.cacheControl)
			}
			etags := map[string]string{}
			for _, ae := range []string{"", "gzip", "br", "gzip, deflate, br", "br;q=0.5, gzip"} {
				rec := request(h, "GET", rt.path, "Accept-Encoding", ae)
				what := "GET " + rt.path + " (Accept-Encoding: " + ae + ")"
				if got := decode(t, rec); !bytes.Equal(got, plain.Body.Bytes()) {
					t.Errorf("%s: decoded body differs from the identity body", what)
				}
				ce, etag := rec.Header().Get("Content-Encoding"), rec.Header().Get("ETag")
				if !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) || strings.HasPrefix(etag, "W/") {
					t.Errorf("%s: ETag = %q, want a strong ETag", what, etag)
				}
				if prev, ok := etags[ce]; ok && prev != etag {
					t.Errorf("%s: ETag %q, but %q for the same encoding before", what, etag, prev)
				}
				etags[ce] = etag
				if ce != "" && rec.Header().Get("Vary") != "Accept-Encoding" {
					t.Errorf("%s: Vary = %q, want Accept-Encoding", what, rec.Header().Get("Vary"))
				}
				if ae == "br" && ce != "br" && plain.Body.Len() > 1024 && site.Compressible(plain.Header().Get("Content-Type")) {
					t.Errorf("%s: Content-Encoding %q, want br", what, ce)
				}
				if ce != "" && ae == "" {
					t.Errorf("%s: Content-Encoding %q for a client that asked for none", what, ce)
				}
				nm := request(h, "GET", rt.path, "Accept-Encoding", ae, "If-None-Match", etag)
				if nm.Code != http.StatusNotModified || nm.Body.Len() != 0 {
					t.Errorf("%s with If-None-Match %s: status %d, %d bytes; want 304, none", what, etag, nm.Code, nm.Body.Len())
				}
				for _, k := range []string{"ETag", "Cache-Control", "Vary"} {
					if nm.Header().Get(k) != rec.Header().Get(k) {
						t.Errorf("%s: 304 %s = %q, want %q as on the 200", what, k, nm.Header().Get(k), rec.Header().Get(k))
					}
				}
			}
			seen := map[string]string{}
			for ce, etag := range etags {
				if other, dup := seen[etag]; dup {
					t.Errorf("GET %s: encodings %q and %q share the ETag %s", rt.path, ce, other, etag)
				}
				seen[etag] = ce
			}
			head := request(h, "HEAD", rt.path, "Accept-Encoding", "br")
			if head.Code != 200 || head.Body.Len() != 0 || head.Header().Get("ETag") == "" {
				t.Errorf("HEAD %s: status %d, %d body bytes, ETag %q; want 200, none, an ETag", rt.path, head.Code, head.Body.Len(), head.Header().Get("ETag"))
			}
		})
	}
}

// TestOtherRoutesHeaders checks the routes that are not pre-rendered bytes:
// security headers everywhere, and no compression where none belongs.
func TestOtherRoutesHeaders(t *testing.T) {
	st := embeddedSite(t)
	h := New(st, Options{CacheMaxAge: 5 * time.Minute})
	tests := []struct {
		method, path string
		status       int
		cacheControl string
	}{
		{"GET", "/healthz", 200, "no-store"},
		{"GET", "/no/such/page", 404, "no-cache"},
		{"GET", "/conditions/sciatca", 404, "no-cache"},
		{"GET", "/static/nope.css", 404, "no-cache"},
		{"GET", "/conditions", 301, "public, max-age=300"},
		{"GET", "/conditions/sciatica/", 301, "public, max-age=300"},
		{"POST", "/", 405, "no-store"},
		{"GET", "/.env", 404, "no-store"},
		{"GET", "/?" + strings.Repeat("q", 2000), 414, "no-store"},
	}
	for _, tt := range tests {
		rec := request(h, tt.method, tt.path, "Accept-Encoding", "gzip, br")
		what := tt.method + " " + tt.path[:min(len(tt.path), 40)]
		if rec.Code != tt.status {
			t.Errorf("%s: status = %d, want %d", what, rec.Code, tt.status)
		}
		checkSecurityHeaders(t, what, rec.Header())
		if got := rec.Header().Get("Cache-Control"); got != tt.cacheControl {
			t.Errorf("%s: Cache-Control = %q, want %q", what, got, tt.cacheControl)
		}
		if ce := rec.Header().Get("Content-Encoding"); ce != "" {
			t.Errorf("%s: Content-Encoding = %q, want none", what, ce)
		}
	}
	if allow := request(h, "DELETE", "/conditions/sciatica").Header().Get("Allow"); allow != "GET, HEAD" {
		t.Errorf("DELETE: Allow = %q, want GET, HEAD", allow)
	}
}

func TestRedirectFrom(t *testing.T) {
	st := embeddedSite(t)
	h := New(st, Options{})
	if len(st.Redirects()) == 0 {
		t.Skip("the embedded content has no redirect_from")
	}
	for from, to := range st.Redirects() {
		rec := request(h, "GET", from)
		if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != to {
			t.Errorf("GET %s: %d to %q, want 301 to %q", from, rec.Code, rec.Header().Get("Location"), to)
		}
	}
}

func TestHSTSOnlyOverTLS(t *testing.T) {
	h := New(embeddedSite(t), Options{})
	if got := request(h, "GET", "/").Header().Get("Strict-Transport-Security"); got != "" {
		t.Errorf("plain HTTP: Strict-Transport-Security = %q, want none", got)
	}
	req := httptest.NewRequest("GET", "https://relief.example.com/", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if got := rec.Header().Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("HTTPS: Strict-Transport-Security = %q, want max-age", got)
	}
}

func TestNegotiate(t *testing.T) {
	tests := []struct {
		header         string
		haveBr, haveGz bool
		want           string
	}{
		{"", true, true, ""},
		{"gzip", true, true, "gzip"},
		{"br", true, true, "br"},
		{"gzip, br", true, true, "br"},
		{"br, gzip", true, false, "br"},
		{"gzip, br", false, true, "gzip"},
		{"br", false, true, ""},
		{"gzip;q=1, br;q=0.5", true, true, "gzip"},
		{"gzip;q=0.5, br;q=0.5", true, true, "br"},
		{"br;q=0, gzip", true, true, "gzip"},
		{"gzip;q=0.5, identity", true, true, ""},
		{"*", true, true, "br"},
		{"*;q=0.5, br;q=0", true, true, "gzip"},
		{"identity;q=0, gzip;q=0", true, true, ""},
		{"identity;q=0, *", true, true, "br"},
		{"x-gzip", false, true, "gzip"},
		{"GZIP", false, true, "gzip"},
		{"deflate", true, true, ""},
		{"gzip;q=nope", true, true, ""},
		{" gzip ; q=0.8 , br ; q=0.9 ", true, true, "br"},
	}
	for _, tt := range tests {
		if got := negotiate(tt.header, tt.haveBr, tt.haveGz); got != tt.want {
			t.Errorf("negotiate(%q, br=%v, gzip=%v) = %q, want %q", tt.header, tt.haveBr, tt.haveGz, got, tt.want)
		}
	}
}

func TestETagMatch(t *testing.T) {
	tests := []struct {
		header string
		want   bool
	}{
		{`"abc"`, true},
		{`W/"abc"`, true},
		{`"x", "abc"`, true},
		{`*`, true},
		{`"abc-gz"`, false},
		{`"ab"`, false},
	}
	for _, tt := range tests {
		if got := etagMatch(tt.header, `"abc"`); got != tt.want {
			t.Errorf("etagMatch(%q, \"abc\") = %v, want %v", tt.header, got, tt.want)
		}
	}
}
