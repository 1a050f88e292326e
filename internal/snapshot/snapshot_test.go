package snapshot

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
	"time"
)

func TestSaveOpen(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state")
	if _, _, err := Open(state); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open of an empty state folder: %v, want fs.ErrNotExist", err)
	}
	src := fstest.MapFS{
		"site.yaml":          {Data: []byte("name: A\n")},
		"conditions/a.md":    {Data: []byte("---\ntitle: A\n---\n")},
		".a.md.swp":          {Data: []byte("swap")},
		".git/HEAD":          {Data: []byte("ref")},
		"conditions/.b.md~":  {Data: []byte("backup")},
		"pages/nested/x.txt": {Data: []byte("x")},
	}
	when := time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)
	for i := range 2 { // the second Save replaces the first
		if err := Save(state, map[string]fs.FS{"content": src}, when.Add(time.Duration(i)*time.Hour)); err != nil {
			t.Fatalf("Save %d: %v", i, err)
		}
	}
	folders, saved, err := Open(state)
	if err != nil {
		t.Fatal(err)
	}
	if want := when.Add(time.Hour); !saved.Equal(want) {
		t.Errorf("saved = %v, want %v", saved, want)
	}
	if err := fstest.TestFS(folders["content"], "site.yaml", "conditions/a.md", "pages/nested/x.txt"); err != nil {
		t.Error(err)
	}
	for _, name := range []string{".a.md.swp", ".git/HEAD", "conditions/.b.md~"} {
		if _, err := fs.Stat(folders["content"], name); err == nil {
			t.Errorf("Save kept the dot-file %s", name)
		}
	}
	for name, f := range src {
		if got, err := fs.ReadFile(folders["content"], name); err == nil && string(got) != string(f.Data) {
			t.Errorf("%s = %q, want %q", name, got, f.Data)
		}
	}
	entries, _ := os.ReadDir(state)
	if len(entries) != 1 || entries[0].Name() != "last-good" {
		t.Errorf("state folder holds %v, want only last-good", entries)
	}
}

// TestOpenHalfSwapped: a crash between Save's two renames leaves only
// last-good.old, which Open still finds.
func TestOpenHalfSwapped(t *testing.T) {
	state := t.TempDir()
	if err := Save(state, map[string]fs.FS{"content": fstest.MapFS{"a": {Data: []byte("a")}}}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(state, "last-good"), filepath.Join(state, "last-good.old")); err != nil {
		t.Fatal(err)
	}
	folders, _, err := Open(state)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(folders["content"], "a"); err != nil {
		t.Errorf("the half-swapped snapshot lost its file: %v", err)
	}
}
