package browsertest

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A route is one kind of page the site serves. Every browser test visits
// every route in routes, so a new kind of page is one new row.
type route struct {
	name    string // names subtests and screenshots: "condition"
	path    string // path (and query) to request
	status  int    // the status a visitor should get
	feature bool   // the feature may not be built yet: skip while the path answers 404

	// discover, when set, replaces path by the first link on the page at path
	// whose URL path starts with discover and is longer (the first area of
	// the areas index, say).
	discover string
}

var routes = []route{
	{name: "home", path: "/", status: 200},
	{name: "index", path: "/conditions/", status: 200},
	{name: "condition", path: "/conditions/chronic-back-pain", status: 200},
	{name: "page", path: "/about", status: 200},
	{name: "notfound", path: "/no-such-page", status: 404},
	{name: "search", path: "/search?q=sciatca", status: 200, feature: true},
	{name: "areas", path: "/areas/", status: 200, feature: true},
	{name: "area", path: "/areas/", status: 200, feature: true, discover: "/areas/"},
	{name: "symptoms", path: "/symptoms/", status: 200, feature: true},
	// The same pages in Spanish, the shipped second language.
	{name: "es-home", path: "/es/", status: 200},
	{name: "es-index", path: "/es/conditions/", status: 200},
	{name: "es-condition", path: "/es/conditions/ciatica", status: 200},
	{name: "es-notfound", path: "/es/no-such-page", status: 404},
	{name: "es-search", path: "/es/search?q=ciatca", status: 200},
	{name: "es-areas", path: "/es/areas/", status: 200},
	{name: "es-area", path: "/es/areas/back", status: 200},
	{name: "es-symptoms", path: "/es/symptoms/", status: 200},
}

// forEachRoute runs fn in a subtest per route, with the route's path
// resolved. Routes of features that are not built yet (404) are skipped.
// With parallel, the subtests run at the same time, each in its own tabs.
func forEachRoute(t *testing.T, parallel bool, fn func(t *testing.T, r route)) {
	base := site(t)
	for _, r := range routes {
		t.Run(r.name, func(t *testing.T) {
			if parallel {
				t.Parallel()
			}
			fn(t, resolve(t, base, r))
		})
	}
}

// resolve checks that the route exists, skipping a feature that is not
// built yet, and fills in a discovered path.
func resolve(t *testing.T, base string, r route) route {
	t.Helper()
	status, body, err := get(base + r.path)
	if err != nil {
		t.Fatal(err)
	}
	if r.feature && status == http.StatusNotFound {
		t.Skipf("GET %s: 404: feature not built yet", r.path)
	}
	if r.discover == "" {
		return r
	}
	for _, link := range links(body) {
		if strings.HasPrefix(link, r.discover) && len(link) > len(r.discover) {
			r.path = link
			return r
		}
	}
	if r.feature {
		t.Skipf("GET %s: no link under %s yet", r.path, r.discover)
	}
	t.Fatalf("GET %s: no link under %s to test", r.path, r.discover)
	return r
}

var client = &http.Client{Timeout: 10 * time.Second}

// get fetches url and returns its status and body.
func get(url string) (int, string, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, "", fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, "", fmt.Errorf("GET %s: %w", url, err)
	}
	return resp.StatusCode, string(body), nil
}

var hrefRE = regexp.MustCompile(`\bhref="([^"]*)"`)

// links returns the site-relative link paths in an HTML page, in order, with
// fragments and queries removed. The site renders its own HTML with quoted
// attributes, so a regular expression is enough.
func links(html string) []string {
	var out []string
	for _, m := range hrefRE.FindAllStringSubmatch(html, -1) {
		href := strings.ReplaceAll(m[1], "&amp;", "&")
		if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "//") {
			continue
		}
		if i := strings.IndexAny(href, "#?"); i >= 0 {
			href = href[:i]
		}
		out = append(out, href)
	}
	return out
}
