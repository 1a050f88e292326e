package cache

import (
	"os"
	"path/filepath"
	"testing"
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
		{map[string]string{}, ""},
	} {
		if got := Dir(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("Dir(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}
