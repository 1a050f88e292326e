package server

import (
	"bytes"
	"io/fs"
	"log/slog"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/site"
)

// TestSearchTemplateError: a search template that fails when it runs gives
// the 500 page and one log line naming the failure, with no panic (and so
// no stack in the log), and the server goes on serving.
func TestSearchTemplateError(t *testing.T) {
	tmpl := fstest.MapFS{}
	err := fs.WalkDir(relief.Templates(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(relief.Templates(), name)
		tmpl[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tmpl["search.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{index .Search.Hits 99}}{{end}}`)}
	st, err := site.Load(site.Files{Content: relief.Content(), Templates: tmpl, Static: relief.Static(), ContentDir: "content"}, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	h := New(st, Options{Logger: slog.New(slog.NewJSONHandler(&log, nil))})
	rec := request(h, "GET", "/search?q=neck")
	if rec.Code != 500 || !strings.Contains(rec.Body.String(), "Sorry, something went wrong") {
		t.Errorf("GET /search with a broken template: status %d, want 500 and the error page", rec.Code)
	}
	if got := rec.Header().Get("Cache-Control"); got != "no-store" {
		t.Errorf("GET /search with a broken template: Cache-Control = %q, want no-store", got)
	}
	if !strings.Contains(log.String(), "rendering the search page") || strings.Contains(log.String(), `"stack"`) {
		t.Errorf("log = %s\nwant the failure named, and no panic stack", log.String())
	}
	if rec := request(h, "GET", "/"); rec.Code != 200 {
		t.Errorf("GET / after: status %d, want 200", rec.Code)
	}
}
