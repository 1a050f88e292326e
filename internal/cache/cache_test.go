package cache

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestStore(t *testing.T) {
	s, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	k := s.Key("gzip", []byte("body"))
	if _, ok := s.Get(k); ok {
		t.Fatalf("Get before Put: found an entry")
	}
	s.Put(k, []byte("compressed"))
	if _, ok := s.Get(k); ok {
		t.Fatalf("Get after Put, before Flush: found an entry; want it queued")
	}
	s.Wait()
	if got, ok := s.Get(k); !ok || string(got) != "compressed" {
		t.Fatalf("Get after Put = %q, %v; want %q, true", got, ok, "compressed")
	}
	// Every input, its kind and the program version are in the key, and
	// where one input ends and the next begins.
	other, _ := Open(t.TempDir(), "v2")
	for name, k2 := range map[string]Key{
		"other body":    s.Key("gzip", []byte("bodx")),
		"other kind":    s.Key("brotli", []byte("body")),
		"other version": other.Key("gzip", []byte("body")),
		"split inputs":  s.Key("gzip", []byte("bo"), []byte("dy")),
	} {
		if k2 == k {
			t.Errorf("%s: same key as the original", name)
		}
	}
}

func TestNilStoreIsOff(t *testing.T) {
	var s *Store
	k := s.Key("gzip", []byte("body"))
	s.Put(k, []byte("x"))
	if _, ok := s.Get(k); ok {
		t.Fatal("a nil Store found an entry")
	}
}

func TestPutLeavesNoTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir, "v1")
	s.Put(s.Key("k"), []byte("data"))
	s.Wait()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, filepath.Base(p))
		}
		return nil
	})
	if len(files) != 1 || files[0][0] == '.' {
		t.Fatalf("files after one Put = %q, want one entry", files)
	}
}

func TestDir(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"RELIEF_CACHE": "/srv/cache", "HOME": "/home/a"}, "/srv/cache"},
		{map[string]string{"RELIEF_CACHE": "off", "HOME": "/home/a"}, ""},
		{map[string]string{"XDG_CACHE_HOME": "/x", "HOME": "/home/a"}, "/x/relief"},
		{map[string]string{"HOME": "/home/a"}, "/home/a/.cache/relief"},
		{map[string]string{"HOME": "relative"}, ""},
		{map[string]string{"LocalAppData": "/w/local"}, "/w/local/relief"}, // Windows
		{map[string]string{}, ""},
	} {
		if got := Dir(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("Dir(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}

// TestPrune: entries no run used for MaxAge go, then the least recently
// used until the rest fit, and stray temporary files; Get marks a stale
// entry used; PruneIfDue looks at the folder once a day.
func TestPrune(t *testing.T) {
	s, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	age := map[string]time.Duration{"old": 40 * 24 * time.Hour, "yesterday": 30 * time.Hour, "today": 0}
	keys := map[string]Key{}
	for name := range age {
		keys[name] = s.Key("test", []byte(name))
		s.Put(keys[name], []byte("0123456789"))
	}
	s.Wait()
	for name, a := range age {
		os.Chtimes(s.path(keys[name]), now.Add(-a), now.Add(-a))
	}
	tmp := filepath.Join(filepath.Dir(s.path(keys["today"])), ".tmp-123")
	os.WriteFile(tmp, []byte("half"), 0o644)
	os.Chtimes(tmp, now.Add(-2*time.Hour), now.Add(-2*time.Hour))

	if n, err := s.Prune(now, MaxAge, 1<<20); n != 2 || err != nil {
		t.Errorf("Prune by age = %d, %v; want 2 (the 40-day-old entry and the temporary file)", n, err)
	}
	if _, ok := s.Get(keys["old"]); ok {
		t.Errorf("the entry unused for 40 days is still there")
	}
	if n, _ := s.Prune(now, MaxAge, 14); n != 1 { // each entry: 10 bytes and a 4-byte checksum
		t.Errorf("Prune to 14 bytes deleted %d entries, want 1 (the least recently used)", n)
	}
	if _, ok := s.Get(keys["yesterday"]); ok {
		t.Errorf("the least recently used entry is still there")
	}
	if _, ok := s.Get(keys["today"]); !ok {
		t.Errorf("the entry used today was deleted")
	}

	// Get marks a stale entry used.
	os.Chtimes(s.path(keys["today"]), now.Add(-48*time.Hour), now.Add(-48*time.Hour))
	s.Get(keys["today"])
	if st, _ := os.Stat(s.path(keys["today"])); time.Since(st.ModTime()) > time.Hour {
		t.Errorf("Get left the entry dated %v, want now", st.ModTime())
	}

	// Once a day.
	if _, err := s.PruneIfDue(MaxAge, 0); err != nil {
		t.Fatal(err)
	}
	s.Put(keys["old"], []byte("again"))
	s.Wait()
	if n, _ := s.PruneIfDue(MaxAge, 0); n != 0 {
		t.Errorf("a second PruneIfDue the same day deleted %d entries, want none", n)
	}
}

func TestMaxBytesFrom(t *testing.T) {
	for v, want := range map[string]int64{"": MaxBytes, "512": 512 << 20, "-1": -1, "lots": -1, "1.5": -1} {
		got, err := MaxBytesFrom(func(string) string { return v })
		if want < 0 {
			if err == nil || !strings.Contains(err.Error(), "whole number") {
				t.Errorf("RELIEF_CACHE_MAX_MB=%q: error %v, want one that says to write a whole number", v, err)
			}
			continue
		}
		if got != want || err != nil {
			t.Errorf("RELIEF_CACHE_MAX_MB=%q: %d, %v; want %d", v, got, err, want)
		}
	}
}

func TestEmpty(t *testing.T) {
	var off *Store
	if off.Empty() {
		t.Error("a nil Store (no cache) is empty; want not")
	}
	dir := t.TempDir()
	s, err := Open(dir, "v")
	if err != nil {
		t.Fatal(err)
	}
	if !s.Empty() {
		t.Error("a new cache folder is not empty; want empty")
	}
	s.Put(s.Key("k", []byte("x")), []byte("y"))
	s.Wait()
	if s.Empty() {
		t.Error("a folder with an entry is empty; want not")
	}
	if again, _ := Open(dir, "other"); again.Empty() {
		t.Error("a folder with another version's entry is empty; want not")
	}
}

// TestOpenedEmpty: a Store opened on an empty folder misses without
// looking until it writes an entry itself; an entry another Store wrote
// meanwhile is only missed (its work is done again), and a Store opened
// later finds it.
func TestOpenedEmpty(t *testing.T) {
	dir := t.TempDir()
	first, _ := Open(dir, "v")
	other, _ := Open(dir, "v")
	k, k2 := first.Key("k", []byte("x")), first.Key("k", []byte("x2"))
	other.Put(k, []byte("y"))
	other.Wait()
	if _, ok := first.Get(k); ok {
		t.Error("Get of an entry another Store wrote after this one found the folder empty: hit; want a miss")
	}
	if later, _ := Open(dir, "v"); !later.Has(k) {
		t.Error("a Store opened after the entry was written: Has = false, want true")
	} else if got, ok := later.Get(k); !ok || string(got) != "y" {
		t.Errorf("a Store opened after the entry was written: Get = %q, %v; want \"y\", true", got, ok)
	}
	first.Put(k2, []byte("z"))
	first.Wait()
	for _, key := range []Key{k, k2} {
		if _, ok := first.Get(key); !ok {
			t.Errorf("Get after this Store wrote an entry: miss of %x; want every entry on disk found", key[:4])
		}
	}
}
