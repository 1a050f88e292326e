package server

import (
	"crypto/tls"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/route"
)

// common is what every response carries, over plain HTTP.
var common = map[string]string{
	"Content-Security-Policy": contentSecurityPolicy,
	"Referrer-Policy":         "strict-origin-when-cross-origin",
}

// with returns common plus the given name, value pairs.
func with(kv ...string) map[string]string {
	m := maps.Clone(common)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// wantHeaders is the policy written out: every kind and exactly its
// headers, for a server with -cache-max-age 5m, over plain HTTP.
var wantHeaders = map[Kind]map[string]string{
	Page:          with("Cache-Control", "public, max-age=300"),
	Redirect:      with("Cache-Control", "public, max-age=300"),
	Fingerprinted: with("Cache-Control", "public, max-age=31536000, immutable"),
	Search:        with("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff"),
	NotFound:      with("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff"),
	Private:       with("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"),
	Events:        with("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"),
	Editor: with("Cache-Control", "no-store", "X-Robots-Tag", "noindex, nofollow",
		"Content-Security-Policy", editorSecurityPolicy, "X-Frame-Options", "SAMEORIGIN",
		"X-Content-Type-Options", "nosniff", "Permissions-Policy", permissionsPolicy),
}

// flat turns a header into name → its one value, failing on repeats.
func flat(t *testing.T, what string, h http.Header) map[string]string {
	t.Helper()
	m := map[string]string{}
	for k, v := range h {
		if len(v) != 1 {
			t.Errorf("%s: %s has %d values %q, want one", what, k, len(v), v)
		}
		m[k] = strings.Join(v, ", ")
	}
	return m
}

// diff lists how got differs from want, one line per header.
func diff(got, want map[string]string) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if got[k] != want[k] {
			out = append(out, k+": got "+quote(got, k)+", want "+quote(want, k))
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			out = append(out, k+": got "+quote(got, k)+", want none")
		}
	}
	return strings.Join(out, "; ")
}

func quote(m map[string]string, k string) string {
	if v, ok := m[k]; ok {
		return `"` + v + `"`
	}
	return "none"
}

// TestPolicy checks that every kind gets exactly its headers from the
// policy, HSTS added over TLS only, and that -cache-max-age 0 turns the
// configured caching into revalidation.
func TestPolicy(t *testing.T) {
	if len(wantHeaders) != int(numKinds) {
		t.Fatalf("wantHeaders covers %d kinds, the policy has %d: add the new kind to the test", len(wantHeaders), numKinds)
	}
	p := newPolicy(5 * time.Minute)
	for k := range numKinds {
		for _, overTLS := range []bool{false, true} {
			h := http.Header{}
			p.secure(h, overTLS)
			p.apply(h, k)
			want := maps.Clone(wantHeaders[k])
			if overTLS {
				want["Strict-Transport-Security"] = "max-age=63072000"
			}
			if d := diff(flat(t, k.String(), h), want); d != "" {
				t.Errorf("%s (TLS %v): %s", k, overTLS, d)
			}
		}
	}
	zero := newPolicy(0)
	for _, k := range []Kind{Page, Redirect} {
		h := http.Header{}
		zero.apply(h, k)
		if got := h.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("-cache-max-age 0: %s: Cache-Control = %q, want no-cache", k, got)
		}
	}
}

// policyHeaders are the headers the policy decides; the response tests
// compare exactly these and leave the others (Content-Type, ETag, ...).
var policyHeaders = []string{
	"Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
	"Permissions-Policy", "X-Frame-Options", "Strict-Transport-Security", "Vary", "X-Robots-Tag", "X-Request-Id",
}

// TestResponseKinds sends a request of every kind the server answers
// through the whole server and checks that the response has exactly the
// headers of its kind: no handler adds or forgets one.
func TestResponseKinds(t *testing.T) {
	st := embeddedSite(t)
	events := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("data: hello\n\n")) })
	h := New(st, Options{CacheMaxAge: 5 * time.Minute, Events: events})
	fingerprinted := st.Assets.All()[0].Fingerprint
	tests := []struct {
		method, target string
		kind           Kind
		encoded        bool // built in several encodings: Vary too
	}{
		{"GET", "/", Page, true},
		{"GET", "/conditions/", Page, true},
		{"GET", "/conditions/sciatica", Page, true},
		{"GET", "/areas/", Page, true},
		{"GET", "/areas/back", Page, true},
		{"GET", "/symptoms/", Page, true},
		{"GET", "/about", Page, true},
		{"GET", "/sitemap.xml", Page, true},
		{"GET", "/robots.txt", Page, true},
		{"GET", "/static/favicon.svg", Page, true},
		{"GET", fingerprinted, Fingerprinted, true},
		{"GET", "/conditions", Redirect, false},
		{"GET", "/conditions/sciatica/", Redirect, false},
		{"GET", "/search?q=neck", Search, false},
		{"GET", "/search.json?q=neck", Search, false},
		{"GET", "/no/such/page", NotFound, false},
		{"GET", "/static/nope.css", NotFound, false},
		{"GET", "/healthz", Private, false},
		{"POST", "/", Private, false},
		{"GET", "/.env", Private, false},
		{"GET", "/a/../b", Private, false},
		{"GET", "/?" + strings.Repeat("q", 5000), Private, false},
		{"GET", "/_relief/events", Events, false},
	}
	for _, tt := range tests {
		for _, overTLS := range []bool{false, true} {
			req := httptest.NewRequest(tt.method, tt.target, nil)
			req.Header.Set("Accept-Encoding", "gzip, br")
			if overTLS {
				req.TLS = &tls.ConnectionState{}
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			what := tt.method + " " + tt.target[:min(len(tt.target), 40)]
			got := map[string]string{}
			for _, k := range policyHeaders {
				if v := rec.Header().Values(k); len(v) > 0 {
					got[k] = strings.Join(v, ", ")
				}
			}
			want := maps.Clone(wantHeaders[tt.kind])
			if tt.encoded {
				want["Vary"] = "Accept-Encoding"
			}
			if overTLS {
				want["Strict-Transport-Security"] = "max-age=63072000"
			}
			if d := diff(got, want); d != "" {
				t.Errorf("%s (TLS %v, status %d): want the headers of %s: %s", what, overTLS, rec.Code, tt.kind, d)
			}
		}
	}
}

// TestRoutesPolicy checks that every row of the map of the site names a
// kind of response the policy has.
func TestRoutesPolicy(t *testing.T) {
	for _, rt := range route.Routes() {
		if _, ok := kindNamed(rt.Cache); !ok {
			t.Errorf("route %s: Cache %q is no kind of response in policy.go", rt.Name, rt.Cache)
		}
	}
	if _, ok := kindNamed(route.Of(route.NotFound).Cache); !ok {
		t.Errorf("route not found: Cache %q is no kind of response in policy.go", route.Of(route.NotFound).Cache)
	}
}
