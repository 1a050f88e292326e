package reload

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
	"github.com/relief-massage/relief/internal/syncbuf"
)

// syncBuffer is the log a server (or child process) writes while the test
// reads it.
type syncBuffer = syncbuf.Buffer

// stallFS is a content folder whose every open waits until release is
// closed: a disk that stopped answering.
type stallFS struct {
	fs.FS
	release chan struct{}
}

func (s stallFS) Open(name string) (fs.File, error) {
	<-s.release
	return s.FS.Open(name)
}

func load(_ context.Context, files site.Files) (*site.Site, error) {
	return site.Load(files, site.Options{})
}

func builtIn() site.Files {
	return site.Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}
}

// onDisk opens the content folder dir through package guard, with the
// built-in templates and static files, as serve -content does.
func onDisk(dir string) func() (site.Files, func(), error) {
	return func() (site.Files, func(), error) {
		f := builtIn()
		folder, err := guard.Open(dir)
		if err != nil {
			return f, func() {}, err
		}
		f.Content, f.ContentDir = folder, dir
		return f, func() { folder.Close() }, nil
	}
}

// stallFirst opens the built-in folders; the first open's content stalls
// until release is closed.
func stallFirst(release chan struct{}) func() (site.Files, func(), error) {
	var opened atomic.Int32
	return func() (site.Files, func(), error) {
		f := builtIn()
		if opened.Add(1) == 1 {
			f.Content = stallFS{relief.Content(), release}
		}
		return f, func() {}, nil
	}
}

// servedCopy copies the built-in content into a folder and serves the
// site loaded from it, returning the folder and the server.
func servedCopy(t *testing.T) (string, *server.Server) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, relief.Content()); err != nil {
		t.Fatal(err)
	}
	st, err := site.Load(site.Files{Content: os.DirFS(dir), Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir}, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return dir, server.New(st, server.Options{})
}

// TestNow is the editor's call: a good tree is swapped in and Now returns
// no problems; a broken one is refused, Now returns every problem, and the
// old site keeps serving.
func TestNow(t *testing.T) {
	dir, srv := servedCopy(t)
	var log syncBuffer
	var ended []error
	s := New(Config{Open: onDisk(dir), Load: load, Target: srv, Logger: slog.New(slog.NewTextHandler(&log, nil)), Settle: time.Millisecond, Tries: 2, Stall: time.Hour,
		Done: func(err error) { ended = append(ended, err) }})
	sciatica := filepath.Join(dir, "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)

	os.WriteFile(sciatica, bytes.Replace(text, []byte(`title: "Sciatica"`), []byte(`title: "Sciatica (new)"`), 1), 0o644)
	if problems := s.Now(t.Context()); problems != nil {
		t.Fatalf("Now with a good tree: %v", problems)
	}
	if p := srv.Site().Lookup("/conditions/sciatica"); p == nil || !bytes.Contains(p.Plain(), []byte("Sciatica (new)")) {
		t.Fatal("after Now with a good tree, /conditions/sciatica is not the new page")
	}
	good := srv.Site()

	os.WriteFile(sciatica, bytes.Replace(text, []byte("title:"), []byte("titel:"), 1), 0o644)
	os.WriteFile(filepath.Join(dir, "conditions", "hip-pain.md"), []byte("no frontmatter\n"), 0o644)
	problems := s.Now(t.Context())
	if n := problems.Count(content.Error); n != 2 {
		t.Errorf("Now with a broken tree: %d errors, want 2: %v", n, problems)
	}
	for _, want := range []string{`conditions/sciatica.md:2:1: error: unknown key "titel"`, "conditions/hip-pain.md:1:1: error: the file does not start with frontmatter"} {
		if !strings.Contains(problems.Error(), want) {
			t.Errorf("the problems lack %q:\n%v", want, problems)
		}
	}
	if srv.Site() != good {
		t.Error("a broken tree replaced the site being served")
	}
	if len(ended) != 2 || ended[0] != nil || ended[1] == nil {
		t.Errorf("Done was told %v, want [nil, the problems]", ended)
	}
	if !strings.Contains(log.String(), "reload refused") {
		t.Errorf("the log does not say the reload was refused:\n%s", log.String())
	}
}

// TestProblems: any error a reload returns becomes a list of problems.
func TestProblems(t *testing.T) {
	if Problems(nil) != nil {
		t.Error("Problems(nil) is not nil")
	}
	p := Problems(os.ErrNotExist)
	if len(p) != 1 || p[0].Severity != content.Error || p[0].Message != os.ErrNotExist.Error() {
		t.Errorf("Problems(an error) = %v, want one error with its message", p)
	}
}

// TestReloadStallDoesNotBlockTheNext: a reload stuck on its disk is logged;
// the next SIGHUP's reload runs and is swapped in; the stuck one, when it
// finally ends, does not replace the newer site.
func TestReloadStallDoesNotBlockTheNext(t *testing.T) {
	st, err := site.Load(builtIn(), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(st, server.Options{})
	var log syncBuffer
	release := make(chan struct{})
	r := New(Config{Open: stallFirst(release), Load: load, Target: srv, Logger: slog.New(slog.NewTextHandler(&log, nil)), Settle: time.Millisecond, Tries: 2, Stall: 20 * time.Millisecond})
	first := make(chan error, 1)
	go func() { first <- r.Reload(t.Context()) }()
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(log.String(), "reload is still running") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if err := r.Reload(t.Context()); err != nil {
		t.Fatalf("second reload: %v", err)
	}
	newer := srv.Site()
	if newer == st {
		t.Error("the second reload was not swapped in")
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatalf("first reload: %v", err)
	}
	if srv.Site() != newer {
		t.Error("the stalled reload, ending last, replaced the newer site")
	}
	for _, want := range []string{"reload is still running", "reload=1", "reload finished after a newer one: dropped"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log lacks %q:\n%s", want, log.String())
		}
	}
}

// growingFS is a content folder in which one file grows each time it is
// opened: a copy still under way while the site is read.
type growingFS struct {
	*guard.Folder
	dir, name string
}

func (g growingFS) Open(name string) (fs.File, error) {
	if name == g.name {
		f, err := os.OpenFile(filepath.Join(g.dir, name), os.O_APPEND|os.O_WRONLY, 0)
		if err == nil {
			f.WriteString("More text arriving.\n")
			f.Close()
		}
	}
	return g.Folder.Open(name)
}

// TestReloadRefusesHalfWrittenFile is SIGHUP while a page is being
// written: the reload waits, sees the file still changing, and refuses,
// naming it; the old site keeps serving.
func TestReloadRefusesHalfWrittenFile(t *testing.T) {
	dir, srv := servedCopy(t)
	var log syncBuffer
	open := onDisk(dir)
	r := New(Config{Load: load, Target: srv, Logger: slog.New(slog.NewTextHandler(&log, nil)), Settle: 20 * time.Millisecond, Tries: 3, Stall: time.Minute})
	r.cfg.Open = func() (site.Files, func(), error) {
		files, done, err := open()
		if err == nil {
			files.Content = growingFS{files.Content.(*guard.Folder), dir, "conditions/sciatica.md"}
		}
		return files, done, err
	}
	sciatica := filepath.Join(dir, "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)
	st := srv.Site()
	err := r.Reload(t.Context())
	if err == nil || !strings.Contains(err.Error(), "these files kept changing while the site was read, so they may be half-written: "+dir+"/conditions/sciatica.md. Write a new file beside the old one and rename it into place") {
		t.Errorf("reload during a write: error = %v, want a refusal naming sciatica.md", err)
	}
	if srv.Site() != st {
		t.Error("a reload during a write replaced the site")
	}
	if n := strings.Count(log.String(), "files changed while the site was read: reading them again"); n != r.cfg.Tries-1 {
		t.Errorf("the reload read the site again %d times, want %d:\n%s", n, r.cfg.Tries-1, log.String())
	}
	r.cfg.Open = open

	// Written the atomic way (beside, then renamed), the next reload takes it.
	tmp := filepath.Join(dir, "conditions", ".sciatica.md.tmp")
	os.WriteFile(tmp, bytes.Replace(text, []byte(`title: "Sciatica"`), []byte(`title: "Sciatica (new)"`), 1), 0o644)
	if err := os.Rename(tmp, sciatica); err != nil {
		t.Fatal(err)
	}
	if err := r.Reload(t.Context()); err != nil {
		t.Fatalf("reload after an atomic replace: %v\n%s", err, log.String())
	}
	if p := srv.Site().Lookup("/conditions/sciatica"); p == nil || !bytes.Contains(p.Plain(), []byte("Sciatica (new)")) {
		t.Error("the atomically replaced page is not served")
	}
}

// TestHangupsFoldIntoOneMoreReload: SIGHUPs during a reload ask for one
// more reload after it, not one each; a stalled reload lets a new one
// start.
func TestHangupsFoldIntoOneMoreReload(t *testing.T) {
	st, err := site.Load(builtIn(), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	release := make(chan struct{})
	r := New(Config{Open: stallFirst(release), Load: load, Target: server.New(st, server.Options{}), Logger: slog.New(slog.NewTextHandler(&log, nil)), Settle: time.Millisecond, Tries: 2, Stall: time.Hour})
	for range 5 {
		r.Request(t.Context())
	}
	close(release)
	deadline := time.Now().Add(30 * time.Second)
	for strings.Count(log.String(), "site reloaded") < 2 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if n := strings.Count(log.String(), "site reloaded"); n != 2 {
		t.Errorf("5 SIGHUPs during a reload: %d reloads, want 2 (the first and one more):\n%s", n, log.String())
	}
}

// TestSwapServesABuiltSite hands the service a site built elsewhere (the
// editor's save): it is served at once, without opening the folders, Done
// is told, and it is logged as a reload.
func TestSwapServesABuiltSite(t *testing.T) {
	st, err := site.Load(builtIn(), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var log syncBuffer
	srv := server.New(st, server.Options{})
	var done []error
	svc := New(Config{
		Open: func() (site.Files, func(), error) {
			t.Error("Swap opened the folders")
			return site.Files{}, nil, fs.ErrClosed
		},
		Load:   load,
		Target: srv, Logger: slog.New(slog.NewTextHandler(&log, nil)),
		Done: func(err error) { done = append(done, err) },
	})
	built, err := site.Load(builtIn(), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ps := svc.Swap(context.Background(), built); ps != nil {
		t.Fatalf("Swap: %v", ps)
	}
	if srv.Site() != built {
		t.Errorf("the site handed over is not served")
	}
	if len(done) != 1 || done[0] != nil {
		t.Errorf("Done was told %v, want one nil", done)
	}
	if !strings.Contains(log.String(), "site reloaded") {
		t.Errorf("the swap was not logged:\n%s", log.String())
	}
}
