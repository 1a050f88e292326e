package server

import (
	"net/http"
	"path"
	"regexp"
	"strings"
	"testing"
)

// TestImageCrawl requests every page of the shipped site, then every image
// URL its pages name (src, srcset, og:image): each answers 200 with the
// type its name says and is cached forever, and the shipped practice
// shows images at all.
func TestImageCrawl(t *testing.T) {
	st := embeddedSite(t)
	h := New(st, Options{})
	urls := map[string]string{} // image URL → the page that names it
	ref := regexp.MustCompile(`/static/images/[^\s"',]+`)
	for _, p := range st.Paths() {
		res := get(t, h, http.MethodGet, p)
		for _, u := range ref.FindAllString(body(t, res), -1) {
			urls[u] = p
		}
	}
	if len(urls) < 10 {
		t.Fatalf("the shipped pages name %d image files, want the variants of at least 3 images", len(urls))
	}
	types := map[string]string{".webp": "image/webp", ".jpg": "image/jpeg", ".png": "image/png", ".svg": "image/svg+xml"}
	for u, page := range urls {
		res := get(t, h, http.MethodGet, u)
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s (named by %s): status = %d, want 200", u, page, res.StatusCode)
			continue
		}
		if got, want := res.Header.Get("Content-Type"), types[path.Ext(u)]; got != want {
			t.Errorf("GET %s: Content-Type = %q, want %q", u, got, want)
		}
		if cc := res.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
			t.Errorf("GET %s: Cache-Control = %q, want immutable", u, cc)
		}
		if n := len(body(t, res)); n == 0 {
			t.Errorf("GET %s: empty body", u)
		}
	}
}
