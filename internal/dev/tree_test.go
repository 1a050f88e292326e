package dev

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTreeReadsOnlyContent checks that files the loader never reads (a
// video, a README) are listed but not read into memory.
func TestTreeReadsOnlyContent(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string]string{
		"site.yaml": "name: x", "index.md": "home", "conditions/a.md": "a", "conditions/notes.txt": "n",
		"video.mp4": "pretend this is 200 MB", "pages/b.md": "b", "drafts/c.md": "c", ".git/HEAD": "x",
	} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755)
		os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644)
	}
	tr := newTree(dir)
	tr.readAll()
	if tr.err != nil {
		t.Fatal(tr.err)
	}
	for _, name := range []string{"site.yaml", "index.md", "conditions/a.md", "pages/b.md"} {
		if _, ok := tr.files[name]; !ok {
			t.Errorf("%s was not read", name)
		}
	}
	for _, name := range []string{"video.mp4", "conditions/notes.txt", "drafts/c.md"} {
		if _, ok := tr.files[name]; ok || !tr.others[name] {
			t.Errorf("%s: read = %v, listed = %v; want listed, not read", name, ok, tr.others[name])
		}
	}
	if len(tr.files)+len(tr.others) != 7 {
		t.Errorf("the tree has %d files, want 7 (no .git)", len(tr.files)+len(tr.others))
	}
}
