package dev_test

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/dev"
	"github.com/relief-massage/relief/internal/syncbuf"
)

// TestPreviewFolderReplaced replaces each watched folder under the running
// preview, the ways people and tools do it, and checks that an edit made
// afterwards still shows, and reloads the browser. The edit is made at
// once: the preview may not have looked at the folder yet (it must then
// find the edit when it does), or may be rebuilding from the new folder
// (the edit comes after).
func TestPreviewFolderReplaced(t *testing.T) {
	type edit struct{ file, old, new, path, want string }
	content := edit{"content/conditions/sciatica.md", `title: "Sciatica"`, `title: "Sciatica, after the move"`,
		"/conditions/sciatica", "<h1>Sciatica, after the move</h1>"}
	templates := edit{"templates/condition.html", "<h1>", "<h1 data-moved>", "/conditions/sciatica", "<h1 data-moved>Sciatica</h1>"}
	static := edit{"static/css/site.css", "", "/* after the move */\n", "/static/css/site.css", "/* after the move */"}
	// removeAndCopy is rm -rf folder && cp -r backup folder: on ext4 the
	// new folder often has the old one's inode number.
	removeAndCopy := func(t *testing.T, pv *preview, folder string) {
		backup := filepath.Join(pv.dir, "backup-"+folder)
		copyDir(t, filepath.Join(pv.dir, folder), backup)
		if err := os.RemoveAll(filepath.Join(pv.dir, folder)); err != nil {
			t.Fatal(err)
		}
		copyDir(t, backup, filepath.Join(pv.dir, folder))
	}
	// removeSeenAndCopy removes the folder, waits for the preview to
	// say it is gone, and copies the backup back.
	removeSeenAndCopy := func(t *testing.T, pv *preview, folder string) {
		backup := filepath.Join(pv.dir, "backup-"+folder)
		copyDir(t, filepath.Join(pv.dir, folder), backup)
		if err := os.RemoveAll(filepath.Join(pv.dir, folder)); err != nil {
			t.Fatal(err)
		}
		waitLog(t, pv.log, "a watched folder is gone")
		copyDir(t, backup, filepath.Join(pv.dir, folder))
	}
	moveAndCopy := func(t *testing.T, pv *preview, folder string) {
		old := filepath.Join(pv.dir, folder+".old")
		if err := os.Rename(filepath.Join(pv.dir, folder), old); err != nil {
			t.Fatal(err)
		}
		copyDir(t, old, filepath.Join(pv.dir, folder))
	}
	tests := []struct {
		name    string
		folder  string
		replace func(t *testing.T, pv *preview, folder string)
		edit    edit
	}{
		{"rm -rf content && cp -r", "content", removeAndCopy, content},
		{"rm -rf content; cp -r", "content", removeSeenAndCopy, content},
		{"mv content content.old && cp -r", "content", moveAndCopy, content},
		{"rm -rf templates && cp -r", "templates", removeAndCopy, templates},
		{"rm -rf templates; cp -r", "templates", removeSeenAndCopy, templates},
		{"mv templates templates.old && cp -r", "templates", moveAndCopy, templates},
		{"rm -rf static && cp -r", "static", removeAndCopy, static},
		{"rm -rf static; cp -r", "static", removeSeenAndCopy, static},
		{"mv static static.old && cp -r", "static", moveAndCopy, static},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pv := startPreview(t, copyBuiltIn(t))
			tt.replace(t, pv, tt.folder)

			text := pv.read(t, tt.edit.file)
			if tt.edit.old == "" {
				text = tt.edit.new + text
			} else {
				text = strings.Replace(text, tt.edit.old, tt.edit.new, 1)
			}
			pv.write(t, tt.edit.file, text)
			pv.waitFor(t, tt.edit.path, tt.edit.want)
			// The site with the edit is swapped in, and every swap is
			// followed by a reload: one is on its way if not already here.
			if ev := pv.next(t); ev != "reload" {
				t.Fatalf("after editing %s in the new %s folder: event %q, want reload", tt.edit.file, tt.folder, ev)
			}
		})
	}
}

// copyDir copies the folder from to the new folder to, as cp -r does.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	if err := os.CopyFS(to, os.DirFS(from)); err != nil {
		t.Fatalf("copying %s to %s: %v", from, to, err)
	}
}

// waitFor polls path until its body contains want, failing after 30 s.
func (pv *preview) waitFor(t *testing.T, path, want string) {
	t.Helper()
	var body string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if _, body = pv.get(t, path); strings.Contains(body, want) {
			return
		}
	}
	t.Fatalf("GET %s: after 30 s, still no %q in\n%.2000s", path, want, body)
}

// TestWatcherLogsReplacedFolder: the log says when a watched folder goes
// and when it is back, and the change names the folder itself, so that
// the preview reads it all again.
func TestWatcherLogsReplacedFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.MkdirAll(filepath.Join(dir, "conditions"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := dev.NewWatcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	w.Log = slog.New(slog.NewTextHandler(&logs, nil))
	w.Poll = 10 * time.Millisecond
	changes := make(chan []string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go w.Run(ctx, 10*time.Millisecond, func(paths []string) { changes <- paths }, func(err error) { t.Error(err) })

	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	waitLog(t, &logs, "a watched folder is gone")
	copyDir(t, dir+".old", dir)
	for deadline := time.After(30 * time.Second); ; {
		select {
		case paths := <-changes:
			if !slices.Contains(paths, dir) {
				continue
			}
		case <-deadline:
			t.Fatalf("the folder is back, but no change names it; log:\n%s", logs.String())
		}
		break
	}
	waitLog(t, &logs, "a watched folder is back")

	// Later changes in the new folder are seen; the old one is not watched.
	os.WriteFile(filepath.Join(dir+".old", "conditions", "old.md"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "conditions", "new.md"), nil, 0o644)
	for deadline := time.After(30 * time.Second); ; {
		select {
		case paths := <-changes:
			for _, p := range paths {
				if strings.HasSuffix(p, "old.md") {
					t.Errorf("a change in the folder moved away was reported: %s", p)
				}
			}
			if !slices.Contains(paths, filepath.Join(dir, "conditions", "new.md")) {
				continue
			}
		case <-deadline:
			t.Fatal("a file written in the new folder was never reported")
		}
		break
	}
}

func waitLog(t *testing.T, logs *syncBuffer, want string) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if strings.Contains(logs.String(), want) {
			return
		}
	}
	t.Fatalf("the log never said %q:\n%s", want, logs.String())
}

// syncBuffer is the log a server (or child process) writes while the test
// reads it.
type syncBuffer = syncbuf.Buffer

// TestWatcherFolderReplacedUnseen: a watched folder removed and copied
// back, or moved away and back, before the watcher looks (on a busy
// computer) is watched again, though the folder there may have the old
// one's inode number (ext4 gives a freed number to the next folder made),
// so that an edit made afterwards in it is seen. The watcher runs only
// once the folder is back: it cannot have looked sooner.
func TestWatcherFolderReplacedUnseen(t *testing.T) {
	tests := []struct {
		name    string
		replace func(t *testing.T, dir string)
	}{
		{"rm -rf static && cp -r backup static", func(t *testing.T, dir string) {
			copyDir(t, dir, dir+".backup")
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			copyDir(t, dir+".backup", dir)
		}},
		{"mv static away && mv away static", func(t *testing.T, dir string) {
			if err := os.Rename(dir, dir+".away"); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(dir+".away", dir); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "static")
			if err := os.MkdirAll(filepath.Join(dir, "css"), 0o755); err != nil {
				t.Fatal(err)
			}
			w, err := dev.NewWatcher(dir)
			if err != nil {
				t.Fatal(err)
			}
			before, _ := os.Stat(dir)
			tt.replace(t, dir)
			if after, _ := os.Stat(dir); os.SameFile(before, after) {
				t.Log("the folder there has the old one's inode number")
			}
			changes := make(chan []string, 16)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go w.Run(ctx, 10*time.Millisecond, func(paths []string) { changes <- paths }, func(err error) { t.Error(err) })
			waitChange(t, changes, dir, "the folder was replaced, but no change names it")

			edited := filepath.Join(dir, "robots.txt") // in the folder itself: the watch fsnotify drops
			if err := os.WriteFile(edited, []byte("User-agent: *\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			waitChange(t, changes, edited, "a file written in the folder was never reported: the watcher still watches the folder that went away")
		})
	}
}

// waitChange waits for a change naming path, failing with why after 30 s.
func waitChange(t *testing.T, changes <-chan []string, path, why string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case paths := <-changes:
			if slices.Contains(paths, path) {
				return
			}
		case <-deadline:
			t.Fatal(why)
		}
	}
}
