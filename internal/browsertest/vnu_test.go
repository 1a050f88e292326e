package browsertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// maxPages bounds the crawl, in case a bug makes links without end.
const maxPages = 2000

// TestHTMLValid checks the HTML of every page with the Nu Html Checker
// (vnu-jar from npm, on the machine's Java): zero errors. Warnings are
// logged. The pages are every route plus every page linked from them,
// crawled over HTTP; a broken internal link fails the test too.
func TestHTMLValid(t *testing.T) {
	jar := nodeModule(t, "vnu-jar/build/dist/vnu.jar")
	java, err := exec.LookPath("java")
	requireTool(t, err == nil, "java", "apt-get install default-jre-headless")
	pages := crawl(t, site(t))
	for _, e := range vnu(t, java, jar, pages) {
		t.Error(e)
	}
	t.Logf("vnu checked %d pages", len(pages))
}

// vnu checks the pages in one run of the Nu Html Checker, logs its warnings
// and returns its errors: "vnu: /about line 12: …".
func vnu(t testing.TB, java, jar string, pages []fetched) []string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{} // file URL → page path
	args := []string{"-jar", jar, "--format", "json", "--stdout"}
	for i, p := range pages {
		name := filepath.Join(dir, fmt.Sprintf("page%04d.html", i))
		if err := os.WriteFile(name, []byte(p.body), 0o644); err != nil {
			t.Fatal(err)
		}
		files["file:"+name] = p.path
		args = append(args, name)
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exits 1 when there are errors
	var report struct {
		Messages []struct {
			Type, SubType, URL, Message, Extract string
			LastLine                             int
		}
	}
	if err := json.Unmarshal(stdout.Bytes(), &report); err != nil {
		t.Fatalf("vnu: %v (%v)\n%s", err, runErr, stderr.String())
	}
	var errs []string
	for _, m := range report.Messages {
		page := files[m.URL]
		if page == "" {
			page = m.URL
		}
		msg := fmt.Sprintf("vnu: %s line %d: %s: %s", page, m.LastLine, m.Message, strings.TrimSpace(m.Extract))
		if m.Type == "error" || m.Type == "non-document-error" {
			errs = append(errs, msg)
		} else {
			t.Log(msg)
		}
	}
	return errs
}

type fetched struct{ path, body string }

// crawl fetches every route and every HTML page linked from the site,
// failing the test for a route with the wrong status or a broken link.
func crawl(t *testing.T, base string) []fetched {
	t.Helper()
	var out []fetched
	seen := map[string]bool{}
	var queue []string
	for _, r := range routes {
		status, body, err := get(base + r.path)
		if err != nil {
			t.Fatal(err)
		}
		if r.feature && status == 404 || r.discover != "" {
			continue // not built yet, or found by the crawl
		}
		if status != r.status {
			t.Errorf("GET %s: status = %d, want %d", r.path, status, r.status)
		}
		seen[r.path] = true
		out = append(out, fetched{r.path, body})
		queue = append(queue, links(body)...)
	}
	for len(queue) > 0 && len(out) < maxPages {
		p := queue[0]
		queue = queue[1:]
		if seen[p] || !isPage(p) {
			continue
		}
		seen[p] = true
		status, body, err := get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		if status != 200 {
			t.Errorf("GET %s: status = %d, want 200 (a broken link)", p, status)
			continue
		}
		out = append(out, fetched{p, body})
		queue = append(queue, links(body)...)
	}
	return out
}

// isPage reports whether a link path is an HTML page rather than an asset.
func isPage(p string) bool {
	ext := filepath.Ext(p)
	return ext == "" || ext == ".html"
}
