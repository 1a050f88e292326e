package browsertest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"testing"
	"time"
)

// TestExportSearch exports the site, serves the folder with a plain static
// file server (no relief), and searches from the exported search page as a
// visitor would: the query lands on a page that lists the right condition
// first, not on "Sorry, we can't find that page".
func TestExportSearch(t *testing.T) {
	browser(t)
	srv, _ := exportSite(t)
	for _, tt := range []struct{ query, first string }{
		{"can't raise my arm", "/conditions/frozen-shoulder"},
		{"pain everywhere and always tired", "/conditions/fibromyalgia"},
		{"jaw clicks", "/conditions/tmj-disorder"},
		{"sciatica", "/conditions/sciatica"},
	} {
		v := openAt(t, srv.URL, route{name: "export-search", path: "/search?q=" + url.QueryEscape(tt.query), status: 200}, phone, false)
		var first string
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			first = eval[string](t, v, `(document.querySelector('#static-results .result a') || {}).pathname || ''`)
			if first != "" {
				break
			}
		}
		if first != tt.first {
			t.Errorf("exported site, search %q: first result %q, want %s", tt.query, first, tt.first)
		}
		if h1 := eval[string](t, v, `document.querySelector('h1').textContent`); h1 != "Search results" {
			t.Errorf("exported site, search %q: heading %q, want Search results", tt.query, h1)
		}
	}
}

// exportSite builds the site built into relief with relief build -out into
// a folder of the test's and serves that folder with a plain static file
// server (no relief), closed when the test ends. It returns the server
// and the folder.
func exportSite(t *testing.T) (*httptest.Server, string) {
	t.Helper()
	bin, cleanup, err := reliefBinary()
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	dir := t.TempDir()
	if out, err := exec.Command(bin, "build", "-out", dir, "-clean").CombinedOutput(); err != nil {
		t.Fatalf("relief build: %v\n%s", err, out)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv, dir
}
