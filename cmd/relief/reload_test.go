//go:build unix

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/reload"
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
	g := newLastGood(dirFlags{content: dir}, filepath.Join(t.TempDir(), "state"))
	r := testReloader(dir, srv, logger, func(err error) { reloaded(err, srv, g, logger) })
	sciatica := filepath.Join(dir, "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)

	os.WriteFile(sciatica, bytes.Replace(text, []byte(`title: "Sciatica"`), []byte(`title: "Sciatica (reloaded)"`), 1), 0o644)
	if err := r.Reload(t.Context()); err != nil {
		t.Fatalf("reload of a good tree: %v", err)
	}
	if p := srv.Site().Lookup("/conditions/sciatica"); p == nil || !bytes.Contains(p.Plain(), []byte("Sciatica (reloaded)")) {
		t.Fatalf("after reloading a good tree, /conditions/sciatica is not the new page")
	}
	good := srv.Site()

	os.WriteFile(sciatica, bytes.Replace(text, []byte("title:"), []byte("titel:"), 1), 0o644)
	os.WriteFile(filepath.Join(dir, "conditions", "hip-pain.md"), []byte("no frontmatter\n"), 0o644)
	if err := r.Reload(t.Context()); err == nil {
		t.Fatal("reload of a broken tree succeeded")
	}
	if srv.Site() != good {
		t.Error("a broken tree replaced the site being served")
	}
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	if rec.Header().Get("X-Relief-Health") != "degraded" || !strings.Contains(rec.Body.String(), "the last reload was refused because the files on disk have 2 errors") {
		t.Errorf("after a refused reload, /healthz = %q, want degraded", rec.Body.String())
	}
	for _, want := range []string{"reload refused", `sciatica.md:2:1: error: unknown key \"titel\"`, "hip-pain.md:1:1: error: the file does not start with frontmatter"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log does not contain %q:\n%s", want, log.String())
		}
	}
}

// testReloader reloads the content in dir into srv, with the built-in templates and
// static files, waiting only briefly for files to settle.
func testReloader(dir string, srv *server.Server, logger *slog.Logger, done func(error)) *reload.Service {
	dirs := dirFlags{content: dir}
	return reload.New(reload.Config{Open: dirs.files, Load: loadSite, Target: srv, Logger: logger, Settle: 20 * time.Millisecond, Tries: 3, Stall: time.Minute, Done: done})
}

// healthz returns /healthz's X-Relief-Health header and body.
func healthz(t *testing.T, addr string) (string, string) {
	t.Helper()
	res, err := http.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 {
		t.Errorf("GET /healthz: status = %d, want 200 (even when degraded)", res.StatusCode)
	}
	return res.Header.Get("X-Relief-Health"), string(b)
}

// TestRestartWithBrokenContent is the publishing promise across restarts:
// serve good content, break a file, restart the process: the site still
// serves the last good pages and /healthz says degraded; fix the file and
// send SIGHUP: healthy again.
func TestRestartWithBrokenContent(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "content")
	if err := os.CopyFS(dir, relief.Content()); err != nil {
		t.Fatal(err)
	}
	sciatica := filepath.Join(dir, "conditions", "sciatica.md")
	good, _ := os.ReadFile(sciatica)
	addr := freeAddr(t)
	serve := func() (context.CancelFunc, chan error, *syncBuffer) {
		ctx, cancel := context.WithCancel(context.Background())
		stderr := &syncBuffer{}
		errc := make(chan error, 1)
		go func() {
			errc <- run(ctx, []string{"serve", "-addr", addr, "-content", dir, "-log-format", "text"}, noEnv, io.Discard, stderr)
		}()
		waitHealthy(t, addr, errc)
		return cancel, errc, stderr
	}
	stop := func(cancel context.CancelFunc, errc chan error) {
		cancel()
		if err := <-errc; err != nil {
			t.Fatalf("run after shutdown = %v, want nil", err)
		}
	}
	page := func() string {
		res, err := http.Get("http://" + addr + "/conditions/sciatica")
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("GET /conditions/sciatica: status = %d, want 200", res.StatusCode)
		}
		return string(b)
	}

	cancel, errc, _ := serve()
	if h, _ := healthz(t, addr); h != "ok" {
		t.Errorf("good content: X-Relief-Health = %q, want ok", h)
	}
	stop(cancel, errc)
	if _, err := os.Stat(filepath.Join(root, ".relief-state", "last-good", "content", "conditions", "sciatica.md")); err != nil {
		t.Fatalf("no last good copy beside the content folder: %v", err)
	}

	os.WriteFile(sciatica, bytes.Replace(good, []byte("title:"), []byte("titel:"), 1), 0o644)
	cancel, errc, stderr := serve()
	defer func() { stop(cancel, errc) }()
	if !strings.Contains(page(), "<h1>Sciatica</h1>") {
		t.Error("after a restart with a broken file, /conditions/sciatica is not the last good page")
	}
	h, body := healthz(t, addr)
	if h != "degraded" || !strings.Contains(body, "degraded: serving the last good version") || !strings.Contains(body, "1 error") {
		t.Errorf("broken content: /healthz = %q %q, want degraded naming the last good version", h, body)
	}
	if want := `sciatica.md:2:1: error: unknown key \"titel\"`; !strings.Contains(stderr.String(), want) {
		t.Errorf("the log does not name the problem %q:\n%s", want, stderr.String())
	}

	os.WriteFile(sciatica, bytes.Replace(good, []byte(`title: "Sciatica"`), []byte(`title: "Sciatica (fixed)"`), 1), 0o644)
	if err := syscall.Kill(os.Getpid(), syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if h, _ := healthz(t, addr); h == "ok" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after fixing the file and SIGHUP, /healthz never became ok; log:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(page(), "Sciatica (fixed)") {
		t.Error("after SIGHUP, /conditions/sciatica is not the fixed page")
	}
}

// TestReloadMakesNoPictures: relief serve gives every load one picture
// processor (dirFlags.images), so a reload after a content edit finds
// every picture made, in memory: it reads no original, makes no variant
// and writes none to the cache, even when the cache has lost them since
// (pruned, or deleted by hand). The pictures are still served.
func TestReloadMakesNoPictures(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, relief.Content()); err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	store, err := cache.Open(cacheDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	store.Flush() // write entries as they come, as relief serve does once it is ready
	var sites []*site.Site
	t.Cleanup(func() { // the brotli forms go on being made, and kept, after the test
		for _, s := range sites {
			<-s.Compressed()
		}
		store.Wait()
	})
	dirs := dirFlags{content: dir, disk: store, images: images.NewProcessor(store)}
	files, done, err := dirs.files()
	if err != nil {
		t.Fatal(err)
	}
	st, err := loadSite(t.Context(), files)
	done()
	if err != nil {
		t.Fatal(err)
	}
	sites = append(sites, st)
	if err := st.WaitImages(t.Context()); err != nil {
		t.Fatal(err)
	}
	store.Wait()
	if n := pictureEntries(t, cacheDir); n == 0 {
		t.Fatal("the first load wrote no picture to the cache: the test cannot see picture work")
	}
	if err := os.RemoveAll(cacheDir); err != nil {
		t.Fatal(err)
	}

	srv := server.New(st, server.Options{})
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	r := reload.New(reload.Config{Open: dirs.files, Load: loadSite, Target: srv, Logger: logger, Settle: 20 * time.Millisecond, Tries: 3, Stall: time.Minute})
	sciatica := filepath.Join(dir, "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)
	os.WriteFile(sciatica, bytes.Replace(text, []byte(`title: "Sciatica"`), []byte(`title: "Sciatica (edited)"`), 1), 0o644)
	if err := r.Reload(t.Context()); err != nil {
		t.Fatalf("reload after an edit: %v", err)
	}
	reloaded := srv.Site()
	if reloaded == st {
		t.Fatal("the reload did not swap in a new site")
	}
	sites = append(sites, reloaded)
	if err := reloaded.WaitImages(t.Context()); err != nil {
		t.Fatal(err)
	}
	store.Wait()
	if n := pictureEntries(t, cacheDir); n != 0 {
		t.Errorf("the reload wrote %d pictures to the cache: it made them again", n)
	}
	urls := reloaded.ImageURLs()
	if len(urls) == 0 {
		t.Fatal("the reloaded site has no pictures")
	}
	for _, u := range urls {
		if f, ok, err := reloaded.Image(t.Context(), u); !ok || err != nil || len(f.Data) == 0 {
			t.Errorf("after the reload, %s: ok %v, %d bytes, error %v; want the picture", u, ok, len(f.Data), err)
		}
	}
}

// pictureEntries counts the cache entries under dir that are JPEG, PNG or
// WebP pictures (by their first bytes: the cache keeps raw bytes).
func pictureEntries(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if bytes.HasPrefix(data, []byte("\xff\xd8\xff")) || bytes.HasPrefix(data, []byte("\x89PNG")) ||
			len(data) > 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
