package dev_test

import (
	"bufio"
	"context"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/dev"
	"github.com/relief-massage/relief/internal/server"
)

// preview is a running preview server over a copy of the built-in site,
// with one tab listening to its events.
type preview struct {
	dir    string
	url    string
	events <-chan string
	log    *syncBuffer // what the preview logged
}

func startPreview(t testing.TB, write func(dir string)) *preview {
	return startPreviewQuiet(t, write, 20*time.Millisecond)
}

func startPreviewQuiet(t testing.TB, write func(dir string), quiet time.Duration) *preview {
	t.Helper()
	dir := t.TempDir()
	write(dir)
	var logs syncBuffer
	p, err := dev.New(dev.Config{
		Content: filepath.Join(dir, "content"), Templates: filepath.Join(dir, "templates"), Static: filepath.Join(dir, "static"),
		ContentDir: "content", Quiet: quiet, Logger: teeLogger(&logs), Disk: pictures,
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(p.Build(), server.Options{Events: p.Events()})
	ts := httptest.NewServer(srv)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); ts.Close() })
	if err := p.Start(ctx, srv.Swap); err != nil {
		t.Fatal(err)
	}
	pv := &preview{dir: dir, url: ts.URL, events: listen(t, ctx, ts.URL+"/_relief/events"), log: &logs}
	if ev := pv.next(t); ev != "hello" {
		t.Fatalf("first event = %q, want hello", ev)
	}
	return pv
}

// copyBuiltIn writes the built-in content, templates and static files
// into dir.
func copyBuiltIn(t testing.TB) func(dir string) {
	return func(dir string) {
		for _, x := range []struct {
			name string
			err  error
		}{
			{"content", os.CopyFS(filepath.Join(dir, "content"), relief.Content())},
			{"templates", os.CopyFS(filepath.Join(dir, "templates"), relief.Templates())},
			{"static", os.CopyFS(filepath.Join(dir, "static"), relief.Static())},
		} {
			if x.err != nil {
				t.Fatalf("copying %s: %v", x.name, x.err)
			}
		}
	}
}

// listen connects an event-stream client and sends the name of every
// event it reads.
func listen(t testing.TB, ctx context.Context, url string) <-chan string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("GET %s: Content-Type = %q, want text/event-stream", url, ct)
	}
	ch := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				ch <- name
			}
		}
		close(ch)
	}()
	return ch
}

// next returns the next event, failing after a few seconds.
func (pv *preview) next(t testing.TB) string {
	t.Helper()
	select {
	case ev := <-pv.events:
		return ev
	case <-time.After(30 * time.Second):
		t.Fatal("no event after 30 s (the preview makes the site's pictures in the background too, which takes long on a busy machine)")
		return ""
	}
}

func (pv *preview) write(t testing.TB, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(pv.dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (pv *preview) read(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(pv.dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func (pv *preview) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(pv.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// change writes a file and waits for the reload event.
func (pv *preview) change(t testing.TB, name, text string) {
	t.Helper()
	pv.write(t, name, text)
	if ev := pv.next(t); ev != "reload" {
		t.Fatalf("after writing %s: event %q, want reload", name, ev)
	}
}

func mustContain(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: does not contain %q", what, w)
		}
	}
}

func TestPreviewReloads(t *testing.T) {
	pv := startPreview(t, copyBuiltIn(t))
	const sciatica = "content/conditions/sciatica.md"
	good := pv.read(t, sciatica)
	_, neck := pv.get(t, "/conditions/neck-pain")

	// An edit shows up after the reload event.
	pv.change(t, sciatica, strings.Replace(good, `title: "Sciatica"`, `title: "Sciatica, edited"`, 1))
	if _, body := pv.get(t, "/conditions/sciatica"); !strings.Contains(body, "<h1>Sciatica, edited</h1>") {
		t.Fatalf("GET /conditions/sciatica after the edit: no new title in\n%s", body)
	}
	edited := pv.read(t, sciatica)

	// A broken file shows the error page; every other page is as it was.
	pv.change(t, sciatica, strings.Replace(edited, "title:", "titel:", 1))
	code, body := pv.get(t, "/conditions/sciatica")
	if code != http.StatusOK {
		t.Errorf("GET /conditions/sciatica when broken: status %d, want 200", code)
	}
	mustContain(t, "the error page", body,
		`class="dev-error"`, "content/conditions/sciatica.md, line 2, column 1",
		"unknown key &#34;titel&#34;: did you mean title?",
		`<mark>   2 | titel: &#34;Sciatica, edited&#34;</mark>`,
		`<script src="/static/js/dev-reload.`)
	if strings.Contains(body, "<style") || strings.Contains(body, "<script>") {
		t.Errorf("the error page has inline style or script, which the Content-Security-Policy blocks")
	}
	if _, now := pv.get(t, "/conditions/neck-pain"); now != neck {
		t.Errorf("GET /conditions/neck-pain changed while sciatica.md was broken")
	}
	if _, index := pv.get(t, "/conditions/"); !strings.Contains(index, "Sciatica, edited") {
		t.Errorf("GET /conditions/: the index lost the last good version of sciatica")
	}

	// Fixing it brings the page back.
	pv.change(t, sciatica, good)
	if _, body := pv.get(t, "/conditions/sciatica"); !strings.Contains(body, "<h1>Sciatica</h1>") || strings.Contains(body, "dev-error") {
		t.Fatalf("GET /conditions/sciatica after the fix: not the fixed page")
	}
}

func TestPreviewTemplateError(t *testing.T) {
	pv := startPreview(t, copyBuiltIn(t))
	const name = "templates/condition.html"
	good := pv.read(t, name)
	pv.change(t, name, "{{.Title\n"+good)
	for _, path := range []string{"/", "/conditions/", "/conditions/sciatica"} {
		_, body := pv.get(t, path)
		mustContain(t, "GET "+path+" with a broken template", body, `class="dev-error"`, "templates/condition.html", "<mark>")
	}
	pv.change(t, name, good)
	// A busy machine may split the broken save into two reloads, so the
	// event change waited for can be the broken one's: wait for the page.
	pv.waitFor(t, "/conditions/sciatica", "<h1>Sciatica</h1>")
}

func TestPreviewDeleteAndRename(t *testing.T) {
	pv := startPreview(t, copyBuiltIn(t))
	// whiplash is related to nothing that would break without it.
	text := pv.read(t, "content/conditions/tmj-disorder.md")
	pv.change(t, "content/conditions/jaw-ache.md", strings.Replace(text, `title: "TMJ Disorder"`, `title: "Jaw Ache"`, 1))
	if code, _ := pv.get(t, "/conditions/jaw-ache"); code != http.StatusOK {
		t.Fatalf("GET /conditions/jaw-ache after adding it: status %d", code)
	}
	if err := os.Rename(filepath.Join(pv.dir, "content/conditions/jaw-ache.md"), filepath.Join(pv.dir, "content/conditions/jaw-pain.md")); err != nil {
		t.Fatal(err)
	}
	if ev := pv.next(t); ev != "reload" {
		t.Fatalf("after renaming: event %q, want reload", ev)
	}
	if code, _ := pv.get(t, "/conditions/jaw-ache"); code != http.StatusNotFound {
		t.Errorf("GET /conditions/jaw-ache after renaming it: status %d, want 404", code)
	}
	if code, _ := pv.get(t, "/conditions/jaw-pain"); code != http.StatusOK {
		t.Errorf("GET /conditions/jaw-pain after renaming: status %d, want 200", code)
	}
	if err := os.Remove(filepath.Join(pv.dir, "content/conditions/jaw-pain.md")); err != nil {
		t.Fatal(err)
	}
	pv.next(t)
	if _, index := pv.get(t, "/conditions/"); strings.Contains(index, "Jaw Ache") {
		t.Errorf("GET /conditions/: still lists the deleted page")
	}
}

func TestPreviewNewFolder(t *testing.T) {
	pv := startPreview(t, copyBuiltIn(t))
	if err := os.MkdirAll(filepath.Join(pv.dir, "static", "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	pv.next(t)
	pv.change(t, "static/img/dot.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	if code, _ := pv.get(t, "/static/img/dot.svg"); code != http.StatusOK {
		t.Errorf("GET /static/img/dot.svg in a new folder: status %d, want 200", code)
	}
}

// testLogger logs to stderr with -v -log, and discards otherwise.
func testLogger() *slog.Logger {
	if os.Getenv("RELIEF_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.DiscardHandler)
}

// teeLogger logs to w, and to stderr too with -v -log.
func teeLogger(w io.Writer) *slog.Logger {
	if os.Getenv("RELIEF_TEST_LOG") != "" {
		w = io.MultiWriter(w, os.Stderr)
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// TestPreviewPicturesInDiskCache: the preview keeps the pictures' variants
// in the disk cache, as relief serve does, and a restarted preview serves
// them from there instead of making them again.
func TestPreviewPicturesInDiskCache(t *testing.T) {
	dir, cacheDir := t.TempDir(), t.TempDir()
	copyBuiltIn(t)(dir)
	start := func() (*cache.Store, *httptest.Server) {
		disk, err := cache.Open(cacheDir, "test")
		if err != nil {
			t.Fatal(err)
		}
		// Cleanups run last first: the server stops, then the store's
		// writes end, then the temporary folders go (a write left running
		// made their removal fail with "directory not empty").
		t.Cleanup(disk.Wait)
		p, err := dev.New(dev.Config{
			Content: filepath.Join(dir, "content"), Templates: filepath.Join(dir, "templates"), Static: filepath.Join(dir, "static"),
			ContentDir: "content", Logger: testLogger(), Disk: disk,
		})
		if err != nil {
			t.Fatal(err)
		}
		st := p.Build()
		// Every picture is made in the background, and each goes to the
		// store when made: wait for them all before the store's writes.
		t.Cleanup(func() { st.WaitImages(context.Background()) })
		ts := httptest.NewServer(server.New(st, server.Options{}))
		t.Cleanup(ts.Close)
		return disk, ts
	}
	get := func(ts *httptest.Server, path string) string {
		t.Helper()
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status = %d, want 200", path, resp.StatusCode)
		}
		return string(body)
	}

	disk, ts := start()
	src := regexp.MustCompile(`src="(/static/images/portrait\.[0-9a-f]+\.\d+\.jpg)"`).FindStringSubmatch(get(ts, "/about"))
	if src == nil {
		t.Fatal("GET /about: no picture of portrait.jpg")
	}
	if body := get(ts, src[1]); !strings.HasPrefix(body, "\xff\xd8") {
		t.Fatalf("GET %s: not a JPEG", src[1])
	}
	disk.Flush()
	disk.Wait()
	// Only the pictures go to the disk cache in the preview: mark every
	// entry, so that the next preview shows where its picture came from.
	const mark = "from the disk cache"
	n := 0
	err := filepath.WalkDir(cacheDir, func(p string, d os.DirEntry, err error) error {
		k, herr := hex.DecodeString(d.Name()) // an entry's name is its key
		if err == nil && d.Type().IsRegular() && herr == nil && len(k) == len(cache.Key{}) {
			n++
			disk.Put(cache.Key(k), []byte(mark)) // written with the entry's checksum
		}
		return err
	})
	disk.Wait()
	if err != nil || n == 0 {
		t.Fatalf("after the first preview: %d entries in the disk cache (%v), want the pictures' variants", n, err)
	}

	_, ts = start()
	if body := get(ts, src[1]); body != mark {
		t.Errorf("GET %s after a restart: the picture was made again (%d bytes), want it from the disk cache", src[1], len(body))
	}
}

// TestPreviewNoBodyArea: a condition with its body areas taken out reads,
// on its error page, what to write and where, with each body area's name
// beside the short name the file uses, not a bare list of short names.
func TestPreviewNoBodyArea(t *testing.T) {
	pv := startPreview(t, copyBuiltIn(t))
	const sciatica = "content/conditions/sciatica.md"
	good := pv.read(t, sciatica)
	var kept []string
	for _, line := range strings.Split(good, "\n") {
		if !strings.HasPrefix(line, "regions:") {
			kept = append(kept, line)
		}
	}
	pv.change(t, sciatica, strings.Join(kept, "\n"))
	_, body := pv.get(t, "/conditions/sciatica")
	mustContain(t, "the error page of a condition with no body area", body,
		"choose at least one body area, so visitors browsing by body area find this page",
		"write a line like regions: [head-jaw] between the --- lines at the top",
		"Head and Jaw (head-jaw), Neck (neck)")
}
