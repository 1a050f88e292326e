//go:build unix

package cache

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestLink: the first link stores the bytes (read-only, marked), the next
// ones only link; a stored file written into since is stored again; bytes
// that do not have the given sum are never stored.
func TestLink(t *testing.T) {
	s, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	body := []byte("<p>hello</p>")
	sum := sha256.Sum256(body)
	asked := 0
	get := func() []byte { asked++; return body }
	now := time.Now()
	for i, name := range []string{"a.html", "b.html"} {
		dst := filepath.Join(out, name)
		if err := s.Link(dst, sum, int64(len(body)), get, now); err != nil {
			t.Fatalf("Link %s: %v", name, err)
		}
		st, err := os.Stat(dst)
		if err != nil {
			t.Fatal(err)
		}
		if data, _ := os.ReadFile(dst); string(data) != string(body) || st.Mode().Perm() != 0o444 || !Stamped(sum, st.ModTime()) {
			t.Errorf("%s: %q, mode %v, date %v; want the bytes, 0444, marked", name, data, st.Mode(), st.ModTime())
		}
		if n := st.Sys().(*syscall.Stat_t).Nlink; uint64(n) != uint64(i+2) {
			t.Errorf("%s: %d names, want %d (the store and each link)", name, n, i+2)
		}
	}
	if asked != 1 {
		t.Errorf("the bytes were asked for %d times, want once (the store had them the second time)", asked)
	}

	// Written into through an exported name: the next link stores the
	// bytes again, and the tampered file keeps only its old names.
	os.Chmod(filepath.Join(out, "a.html"), 0o644)
	if err := os.WriteFile(filepath.Join(out, "a.html"), []byte("<p>HELLO</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Link(filepath.Join(out, "c.html"), sum, int64(len(body)), get, now); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "c.html")); string(data) != string(body) {
		t.Errorf("after a same-length write into the stored file, a link holds %q, want %q", data, body)
	}

	// A damaged record of the bytes: refused, nothing stored.
	bad := sha256.Sum256([]byte("other"))
	if err := s.Link(filepath.Join(out, "d.html"), bad, int64(len(body)), get, now); err == nil {
		t.Errorf("Link with a sum that is not the bytes' succeeded")
	}
	if _, err := os.Stat(s.filePath(bad)); err == nil {
		t.Errorf("bytes were stored under a sum that is not theirs")
	}
}

// TestPruneStoredFiles: stored files are pruned with the entries, by the
// date of their last link; a pruned one is stored again when needed.
func TestPruneStoredFiles(t *testing.T) {
	s, _ := Open(t.TempDir(), "v1")
	out := t.TempDir()
	body := []byte("body{}")
	sum := sha256.Sum256(body)
	if err := s.Link(filepath.Join(out, "a.css"), sum, int64(len(body)), func() []byte { return body }, time.Now()); err != nil {
		t.Fatal(err)
	}
	old := Stamp(sum, time.Now().Add(-40*24*time.Hour))
	os.Chtimes(s.filePath(sum), old, old)
	if n, err := s.Prune(time.Now(), MaxAge, MaxBytes); n != 1 || err != nil {
		t.Errorf("Prune = %d, %v; want the stored file unused for 40 days deleted", n, err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "a.css")); string(data) != string(body) {
		t.Errorf("pruning the store changed an exported file: %q", data)
	}
	if err := s.Link(filepath.Join(out, "b.css"), sum, int64(len(body)), func() []byte { return body }, time.Now()); err != nil {
		t.Errorf("Link after the prune: %v", err)
	}
}
