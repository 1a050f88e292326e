package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// TestReload is what SIGHUP does: a good tree is swapped in, a bad one is
// refused with every problem logged, and the old site keeps serving.
func TestReload(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, relief.Content()); err != nil {
		t.Fatal(err)
	}
	files := site.Files{Content: os.DirFS(dir), Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir}
	st, err := site.Load(files, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, server.Options{})
	var log bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&log, nil))
	r := testReloader(t, dir, srv, logger)
	sciatica := filepath.Join(dir, "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)

	os.WriteFile(sciatica, bytes.Replace(text, []byte(`title: "Sciatica"`), []byte(`title: "Sciatica (reloaded)"`), 1), 0o644)
	if err := r.reload(t.Context()); err != nil {
		t.Fatalf("reload of a good tree: %v", err)
	}
	if p := srv.Site().Lookup("/conditions/sciatica"); p == nil || !bytes.Contains(p.Body, []byte("Sciatica (reloaded)")) {
		t.Fatalf("after reloading a good tree, /conditions/sciatica is not the new page")
	}
	good := srv.Site()

	os.WriteFile(sciatica, bytes.Replace(text, []byte("title:"), []byte("titel:"), 1), 0o644)
	os.WriteFile(filepath.Join(dir, "conditions", "hip-pain.md"), []byte("no frontmatter\n"), 0o644)
	if err := r.reload(t.Context()); err == nil {
		t.Fatal("reload of a broken tree succeeded")
	}
	if srv.Site() != good {
		t.Error("a broken tree replaced the site being served")
	}
	for _, want := range []string{"reload refused", `sciatica.md:2:1: error: unknown key \"titel\"`, "hip-pain.md:1:1: error: the file does not start with frontmatter"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log does not contain %q:\n%s", want, log.String())
		}
	}
}

// testReloader reloads the content in dir, with the built-in templates and
// static files, waiting only briefly for files to settle.
func testReloader(t *testing.T, dir string, srv *server.Server, logger *slog.Logger) *reloader {
	t.Helper()
	dirs := dirFlags{content: dir}
	return &reloader{open: dirs.files, srv: srv, logger: logger, settle: 20 * time.Millisecond, tries: 3, stall: time.Minute}
}
