package export

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/andybalholm/brotli"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// testSite builds the embedded site, with two old paths redirecting to
// Sciatica.
func testSite(t *testing.T) *site.Site {
	t.Helper()
	return editedSite(t, nil)
}

// editedSite is testSite with edit applied to the content's files first.
func editedSite(t *testing.T, edit func(fstest.MapFS)) *site.Site {
	t.Helper()
	content := fstest.MapFS{}
	err := fs.WalkDir(relief.Content(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(relief.Content(), name)
		if name == "conditions/sciatica.md" {
			b = bytes.Replace(b, []byte("---\n"), []byte("---\nredirect_from: [/conditions/sciatic-nerve-pain, /sciatica.html]\n"), 1)
		}
		content[name] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(content)
	}
	st, err := site.Load(site.Files{Content: content, Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, site.Options{})
	if err != nil {
		t.Fatalf("loading the site: %v", err)
	}
	if len(st.Redirects()) != 2 {
		t.Fatalf("Redirects() = %v, want the two old paths", st.Redirects())
	}
	return st
}

func fetch(t *testing.T, c *http.Client, url string) (int, []byte) {
	t.Helper()
	res, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return res.StatusCode, b
}

// TestExportServesTheSameSite writes the site, serves the folder with
// http.FileServer, and requests every route: each must answer with the
// bytes relief serve sends.
func TestExportServesTheSameSite(t *testing.T) {
	st := testSite(t)
	dir := t.TempDir()
	n, err := Write(t.Context(), dir, st, Options{})
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	if n < len(st.Paths()) {
		t.Errorf("Write wrote %d files, fewer than the %d pages", n, len(st.Paths()))
	}
	relief := server.New(st, server.Options{})
	files := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer files.Close()
	// A client that sends no Accept-Encoding, so that both answer plainly.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 10 * time.Second}

	var routes []string
	routes = append(routes, st.Paths()...)
	variants := st.ImageURLs() // every variant of every image, under its one URL
	routes = append(routes, variants...)
	for _, as := range st.Assets.All() {
		if as.Name == site.DevScript {
			if _, err := os.Stat(filepath.Join(dir, "static", filepath.FromSlash(as.Name))); err == nil {
				t.Errorf("the export has the preview's reload script %s", as.Name)
			}
			continue
		}
		routes = append(routes, as.Fingerprint, "/static/"+as.Name)
	}
	if len(variants) < 10 {
		t.Errorf("the site has %d image variants, want those of the shipped images", len(variants))
	}
	for _, path := range routes {
		rec := httptest.NewRecorder()
		relief.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		status, got := fetch(t, client, files.URL+path)
		if status != 200 || rec.Code != 200 {
			t.Errorf("GET %s: file server %d, relief %d; want 200 from both", path, status, rec.Code)
			continue
		}
		if !bytes.Equal(got, rec.Body.Bytes()) {
			t.Errorf("GET %s: the exported file differs from what relief serves", path)
		}
	}

	notFound, err := os.ReadFile(filepath.Join(dir, "404.html"))
	if err != nil || !bytes.Equal(notFound, st.NotFoundPage()) {
		t.Errorf("404.html: %v; want the 404 page", err)
	}
	for from, to := range st.Redirects() {
		_, got := fetch(t, client, files.URL+from)
		if want := `<meta http-equiv="refresh" content="0; url=` + to + `">`; !bytes.Contains(got, []byte(want)) {
			t.Errorf("GET %s: no %s in:\n%s", from, want, got)
		}
	}
	redirects, _ := os.ReadFile(filepath.Join(dir, "_redirects"))
	want := "/conditions/sciatic-nerve-pain /conditions/sciatica 301\n/sciatica.html /conditions/sciatica 301\n"
	if string(redirects) != want {
		t.Errorf("_redirects = %q, want %q", redirects, want)
	}
}

// TestExportWithoutRedirects: a site without redirect_from gets no
// _redirects file.
func TestExportWithoutRedirects(t *testing.T) {
	st, err := site.Load(site.Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := Write(t.Context(), dir, st, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "_redirects")); err == nil {
		t.Error("Write wrote _redirects for a site without redirects")
	}
}

// TestExportCompressedFiles checks that every .gz and .br file decodes to
// the file beside it, and that every text file has both.
func TestExportCompressedFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(t.Context(), dir, testSite(t), Options{}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	var checked int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, ".gz") || strings.HasSuffix(path, ".br") {
			return err
		}
		plain, _ := os.ReadFile(path)
		text := strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".css") || strings.HasSuffix(path, ".xml") ||
			strings.HasSuffix(path, ".svg") || strings.HasSuffix(path, ".js")
		for _, ext := range []string{".gz", ".br"} {
			packed, err := os.ReadFile(path + ext)
			if err != nil {
				if text && len(plain) > 1024 {
					t.Errorf("%s: no %s beside it", path, ext)
				}
				continue
			}
			var r io.Reader = brotli.NewReader(bytes.NewReader(packed))
			if ext == ".gz" {
				if r, err = gzip.NewReader(bytes.NewReader(packed)); err != nil {
					t.Fatalf("%s%s: %v", path, ext, err)
				}
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, plain) {
				t.Errorf("%s%s does not decode to %s (%v)", path, ext, path, err)
			}
			checked++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 20 {
		t.Errorf("checked only %d compressed files", checked)
	}
}

func TestFileFor(t *testing.T) {
	tests := []struct{ path, contentType, want string }{
		{"/", "text/html; charset=utf-8", "index.html"},
		{"/conditions/", "text/html; charset=utf-8", "conditions/index.html"},
		{"/conditions/sciatica", "text/html; charset=utf-8", "conditions/sciatica/index.html"},
		{"/about", "text/html; charset=utf-8", "about/index.html"},
		{"/back-pain.html", "text/html", "back-pain.html"},
		{"/sitemap.xml", "application/xml; charset=utf-8", "sitemap.xml"},
		{"/robots.txt", "text/plain; charset=utf-8", "robots.txt"},
	}
	for _, tt := range tests {
		if got := fileFor(tt.path, tt.contentType); got != tt.want {
			t.Errorf("fileFor(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
