package export

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// sandbox is a folder standing in for a whole disk: a site folder with
// content, templates, static and .git, a home folder, and a link.
func sandbox(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range map[string]string{
		"site/content/site.yaml":           "name: x",
		"site/content/conditions/a.md":     "---\ntitle: A\n---\n",
		"site/templates/base.html":         "<html>",
		"site/static/css/site.css":         "body{}",
		"site/.git/HEAD":                   "ref: refs/heads/main",
		"home/Documents/letter.txt":        "dear",
		"home/.bashrc":                     "alias ll=ls",
		"notes/todo.txt":                   "buy oil",
		"project/.git/HEAD":                "ref: refs/heads/main",
		"project/main.go":                  "package main",
		"old/" + Marker:                    markerHeader + "index.html\ngone/index.html\n",
		"old/index.html":                   "old home",
		"old/gone/index.html":              "a page since deleted",
		"mixed/" + Marker:                  markerHeader + "index.html\n",
		"mixed/index.html":                 "old home",
		"mixed/CNAME":                      "relief.example.com",
		"fake/" + Marker:                   "not ours\n",
		"fake/index.html":                  "x",
		"a-file":                           "x",
		"site/content/public/.placeholder": "",
	} {
		name = filepath.Join(root, name)
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.Symlink(filepath.Join(root, "notes"), filepath.Join(root, "link"))
	os.MkdirAll(filepath.Join(root, "pipe"), 0o755)
	if err := mkfifo(filepath.Join(root, "pipe", Marker)); errors.Is(err, errors.ErrUnsupported) {
		t.Skip("this system has no named pipes, which the sandbox needs")
	} else if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "linked-marker"), 0o755)
	os.Symlink(filepath.Join(root, "old", Marker), filepath.Join(root, "linked-marker", Marker))
	return root
}

// digest describes every file under root, its content and every link, so
// that a test can tell that nothing changed.
func digest(t *testing.T, root string, skip string) map[string]string {
	t.Helper()
	d := map[string]string{}
	filepath.WalkDir(root, func(name string, e fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, name)
		if err != nil || rel == skip || strings.HasPrefix(rel, skip+string(filepath.Separator)) {
			return err
		}
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(name)
			d[rel] = "link to " + target
		case e.Type().IsRegular():
			data, _ := os.ReadFile(name)
			d[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		default:
			d[rel] = e.Type().String()
		}
		return nil
	})
	return d
}

func TestExportRefusesDangerousFolders(t *testing.T) {
	st := testSite(t)
	keep := []string{"site/content", "site/templates", "site/static"}
	tests := []struct {
		out   string
		clean bool
		keep  []string
		want  string
	}{
		{"site", true, keep, "export: site holds site/content, which the site is read from: give -out a folder of its own, like ./public"},
		{"site/content", true, keep, "export: site/content is the folder the site is read from: give -out a folder of its own, like ./public"},
		{"site/content/public", true, keep, "export: site/content/public is inside site/content, which the site is read from: give -out a folder outside it, like ./public"},
		{".", true, keep, "export: . holds site/content, which the site is read from: give -out a folder of its own, like ./public"},
		{"site", true, nil, "export: site holds .git, so it looks like a site's or a project's folder, not an export: give -out a folder of its own, like ./public"},
		{"project", true, nil, "export: project holds .git, so it looks like a site's or a project's folder, not an export: give -out a folder of its own, like ./public"},
		{"home", true, nil, "export: home is a home folder: give -out a folder of its own, like ./public"},
		{"/", true, nil, "export: / is the top of the disk: give -out a folder of its own, like ./public"},
		{"link", true, nil, "export: link is a symbolic link: relief will not write through a link (it could point anywhere); give -out the real folder, or a new folder name"},
		{"a-file", true, nil, "export: a-file is a file, not a folder: give -out a folder name"},
		{"notes", false, nil, "export: notes is not empty and was not written by relief build (it has no .relief-export file): choose an empty or new folder; relief never deletes files it did not write"},
		{"notes", true, nil, "export: notes is not empty and was not written by relief build (it has no .relief-export file): choose an empty or new folder; relief never deletes files it did not write"},
		{"old", false, nil, "export: old holds a previous export: add -clean to replace it, or choose an empty folder"},
		{"mixed", true, nil, "export: mixed holds files the last export did not write (CNAME): move them out of the folder, then run relief build -clean again; relief never deletes files it did not write"},
		{"fake", true, nil, "export: fake/.relief-export is not a file relief wrote: remove it, or choose another folder"},
		{"pipe", true, nil, "export: pipe/.relief-export is not a file relief wrote: remove it, or choose another folder"},
		{"linked-marker", true, nil, "export: linked-marker/.relief-export is not a file relief wrote: remove it, or choose another folder"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s clean=%v", tt.out, tt.clean), func(t *testing.T) {
			root := sandbox(t)
			t.Chdir(root)
			before := digest(t, root, "")
			_, err := Write(t.Context(), tt.out, st, Options{Clean: tt.clean, Keep: tt.keep, Home: filepath.Join(root, "home")})
			if err == nil || err.Error() != tt.want {
				t.Errorf("Write(%s): error = %v\nwant %s", tt.out, err, tt.want)
			}
			if after := digest(t, root, ""); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("Write(%s) changed files:\nbefore %v\nafter  %v", tt.out, before, after)
			}
		})
	}
}

// TestExportCleanReplacesOnlyItsOwn replaces a previous export: the new one
// is in place, the old one's pages are gone, and nothing beside it changed
// or was left behind.
func TestExportCleanReplacesOnlyItsOwn(t *testing.T) {
	st := testSite(t)
	root := sandbox(t)
	t.Chdir(root)
	before := digest(t, root, "old")
	if _, err := Write(t.Context(), "old", st, Options{Clean: true}); err != nil {
		t.Fatalf("Write(old, clean): %v", err)
	}
	if _, err := os.Stat("old/gone/index.html"); err == nil {
		t.Error("the previous export's old/gone/index.html is still there")
	}
	if home, _ := os.ReadFile("old/index.html"); !strings.Contains(string(home), "<!DOCTYPE html>") {
		t.Errorf("old/index.html is not the new home page: %.40q", home)
	}
	after := digest(t, root, "old")
	for name := range after {
		if name == ".relief-previous-old" || strings.HasPrefix(name, ".relief-previous-old"+string(filepath.Separator)) {
			delete(after, name) // the previous export, kept for the next build: spare.go
		}
	}
	if fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("files outside old/ changed:\nbefore %v\nafter  %v", before, after)
	}
	if prev, _ := os.ReadFile(".relief-previous-old/index.html"); string(prev) != "old home" {
		t.Errorf(".relief-previous-old/index.html = %.40q, want the previous export's", prev)
	}
	wrote, err := readMarker(filepath.Join(root, "old"))
	if err != nil || len(foreign(filepath.Join(root, "old"), wrote, nil)) > 0 {
		t.Errorf("the new marker does not list every file: %v %v", err, foreign(filepath.Join(root, "old"), wrote, nil))
	}
	// A second export over the first, and into a new folder, both work.
	for _, out := range []string{"old", "new/public"} {
		if _, err := Write(t.Context(), out, st, Options{Clean: true}); err != nil {
			t.Errorf("Write(%s): %v", out, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(root, "*", ".relief-build-*"))
	left2, _ := filepath.Glob(filepath.Join(root, ".relief-build-*"))
	if left = slices.Concat(left, left2); len(left) > 0 {
		t.Errorf("build folders left behind: %v", left)
	}
}

// TestExportStoppedLeavesTheOldOne: a build stopped part-way (SIGINT)
// leaves the previous export whole and no build folder behind.
func TestExportStoppedLeavesTheOldOne(t *testing.T) {
	st := testSite(t)
	root := sandbox(t)
	t.Chdir(root)
	before := digest(t, root, "")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Write(ctx, "old", st, Options{Clean: true}); err == nil || !strings.Contains(err.Error(), "stopped: context canceled") {
		t.Errorf("Write with a cancelled context: error = %v, want stopped", err)
	}
	if after := digest(t, root, ""); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a stopped export changed files:\nbefore %v\nafter  %v", before, after)
	}
}

// TestExportWritesOnlyWhatChanged: the third build into a folder brings the
// spare (the first build's files) up to date and writes only the files
// whose bytes changed; it rewrites a file someone edited, and deletes the
// files of a page that is gone. The result is byte for byte a fresh
// export.
func TestExportWritesOnlyWhatChanged(t *testing.T) {
	root := t.TempDir()
	t.Chdir(root)
	for range 2 {
		if _, err := Write(t.Context(), "public", testSite(t), Options{Clean: true}); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	// Date every file of the spare (the first build) in the past, so that
	// what the third build writes tells by its date.
	long := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	err := filepath.WalkDir(".relief-previous-public", func(name string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			err = os.Chtimes(name, long, long)
		}
		return err
	})
	if err != nil {
		t.Fatalf("after the second build, no spare: %v", err)
	}
	// Someone edits a page in the spare (an export the server read): the
	// next build must not trust it.
	if err := os.WriteFile(".relief-previous-public/about/index.html", []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	edit := func(c fstest.MapFS) {
		f := c["conditions/sciatica.md"]
		f.Data = bytes.Replace(f.Data, []byte("\n\n"), []byte("\n\nA new first line.\n\n"), 1)
		delete(c, "conditions/carpal-tunnel-syndrome.md")
	}
	if _, err := Write(t.Context(), "public", editedSite(t, edit), Options{Clean: true}); err != nil {
		t.Fatalf("Write: %v", err)
	}
	var written []string
	total := 0
	filepath.WalkDir("public", func(name string, d fs.DirEntry, err error) error {
		if info, _ := d.Info(); err == nil && d.Type().IsRegular() {
			total++
			if !info.ModTime().Equal(long) {
				written = append(written, filepath.ToSlash(name))
			}
		}
		return err
	})
	for _, want := range []string{"public/conditions/sciatica/index.html", "public/about/index.html", "public/conditions/index.html"} {
		if !slices.Contains(written, want) {
			t.Errorf("the third build kept the first build's %s: want it written again (written: %v)", want, written)
		}
	}
	if len(written) > total/3 {
		t.Errorf("the third build wrote %d of %d files, want only those that changed: %v", len(written), total, written)
	}
	if _, err := os.Stat("public/conditions/carpal-tunnel-syndrome"); err == nil {
		t.Errorf("the folder of a deleted condition is still in the export")
	}
	if _, err := Write(t.Context(), "fresh", editedSite(t, edit), Options{}); err != nil {
		t.Fatal(err)
	}
	if a, b := digest(t, filepath.Join(root, "public"), ""), digest(t, filepath.Join(root, "fresh"), ""); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the updated export differs from a fresh one:\nupdated %v\nfresh   %v", a, b)
	}
}

// TestExportAfterStopBetweenRenames: a build stopped between the two
// renames of a swap (where the system cannot trade two folders in one
// step) left the old export aside as .relief-previous-public.old and no
// export folder. The next builds put a whole export in place again, and
// the leftover does not stop the one after (it did: "file exists").
func TestExportAfterStopBetweenRenames(t *testing.T) {
	t.Chdir(t.TempDir())
	st := testSite(t)
	for range 2 {
		if _, err := Write(t.Context(), "public", st, Options{Clean: true}); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	if err := os.Rename("public", ".relief-previous-public.old"); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if _, err := Write(t.Context(), "public", st, Options{Clean: true}); err != nil {
			t.Fatalf("build %d after the stop: %v", i+1, err)
		}
	}
	if _, err := Write(t.Context(), "fresh", st, Options{}); err != nil {
		t.Fatal(err)
	}
	if a, b := digest(t, "public", ""), digest(t, "fresh", ""); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("the export after the stop differs from a fresh one:\nafter %v\nfresh %v", a, b)
	}
}

// TestExportSpareInUse: a build finding the spare locked by another build
// writes into a new folder instead, and leaves the spare alone.
func TestExportSpareInUse(t *testing.T) {
	t.Chdir(t.TempDir())
	st := testSite(t)
	for range 2 {
		if _, err := Write(t.Context(), "public", st, Options{Clean: true}); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	before := digest(t, ".relief-previous-public", "")
	release, ok := lockSpare(".relief-previous-public") // as another build does
	if !ok {
		t.Fatal("cannot lock the spare")
	}
	defer release()
	if _, err := Write(t.Context(), "public", st, Options{Clean: true}); err != nil {
		t.Fatalf("Write with the spare in use: %v", err)
	}
	if after := digest(t, ".relief-previous-public", ""); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("a build changed the spare another build holds")
	}
	if left, _ := filepath.Glob(".relief-build-*"); len(left) > 0 {
		t.Errorf("build folders left behind: %v", left)
	}
}

// TestForeignLooksAgain: the look before the swap, which asks again only
// about folders whose times changed since the first look (scanSeen), finds
// a file put in a folder, a new folder and a link in place of a file.
func TestForeignLooksAgain(t *testing.T) {
	tests := map[string]func(root string) error{
		"a file in a folder": func(root string) error {
			return os.WriteFile(filepath.Join(root, "a", "b", "CNAME"), nil, 0o644)
		},
		"a new folder": func(root string) error {
			if err := os.MkdirAll(filepath.Join(root, "a", "new", "deep"), 0o755); err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(root, "a", "new", "deep", "notes.txt"), nil, 0o644)
		},
		"a link in place of a file": func(root string) error {
			name := filepath.Join(root, "a", "b", "c", "index.html")
			if err := os.Remove(name); err != nil {
				return err
			}
			return os.Symlink("/etc/passwd", name)
		},
	}
	for name, change := range tests {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			wrote := map[string]string{}
			for _, f := range []string{"index.html", "a/index.html", "a/b/index.html", "a/b/c/index.html", "d/index.html"} {
				os.MkdirAll(filepath.Join(root, filepath.Dir(f)), 0o755)
				if err := os.WriteFile(filepath.Join(root, f), []byte(f), 0o444); err != nil {
					t.Fatal(err)
				}
				wrote[f] = ""
			}
			var seen seenTree
			if extra := foreign(root, wrote, &seen); len(extra) > 0 || len(seen.folders) != 5 {
				t.Fatalf("first look: foreign %v, %d folders seen; want none, 5", extra, len(seen.folders))
			}
			seen.at = time.Now().Add(time.Hour) // as if every folder's times were long settled
			if extra := foreign(root, wrote, &seen); len(extra) > 0 {
				t.Fatalf("looking again, nothing changed: foreign %v", extra)
			}
			if err := change(root); err != nil {
				t.Fatal(err)
			}
			if extra := foreign(root, wrote, &seen); len(extra) != 1 {
				t.Errorf("looking again: foreign %v, want the one change", extra)
			}
		})
	}
}

// TestHomes: the folders that hold the users' home folders, on each
// system; the drive's letter and the case do not matter on Windows.
func TestHomes(t *testing.T) {
	for dir, want := range map[string]bool{
		"/home": true, "/Users": true, "/srv": false, "/home/a": false, "/": false,
	} {
		if got := homes(dir); got != want {
			t.Errorf("homes(%q) = %v, want %v", dir, got, want)
		}
	}
	if filepath.VolumeName(`C:\Users`) != "" { // only Windows knows drives
		for dir, want := range map[string]bool{`C:\Users`: true, `d:\users`: true, `C:\Users\ana`: false, `C:\srv`: false} {
			if got := homes(dir); got != want {
				t.Errorf("homes(%q) = %v, want %v", dir, got, want)
			}
		}
	}
}
