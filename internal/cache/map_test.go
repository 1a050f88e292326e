package cache

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMapEntries: a store that maps its entries returns the same bytes as
// one that reads them, an empty entry as empty, and an entry replaced or
// deleted after it was mapped stays whole in the mapping.
func TestMapEntries(t *testing.T) {
	s, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	k, empty := s.Key("page", []byte("a")), s.Key("page", []byte("empty"))
	s.Put(k, []byte("the first bytes"))
	s.Put(empty, nil)
	s.Wait()
	if s.Mapped() {
		t.Fatal("Mapped before MapEntries")
	}
	s.MapEntries()
	if !s.Mapped() {
		t.Fatal("not Mapped after MapEntries")
	}
	got, ok := s.Get(k)
	if !ok || string(got) != "the first bytes" {
		t.Fatalf("Get = %q, %v; want %q, true", got, ok, "the first bytes")
	}
	s.maps.Store(maxMaps) // past the limit: read, the same bytes
	if again, ok := s.Get(k); !ok || string(again) != "the first bytes" {
		t.Fatalf("Get past maxMaps = %q, %v; want %q, true", again, ok, "the first bytes")
	}
	if e, ok := s.Get(empty); !ok || len(e) != 0 {
		t.Fatalf("Get of an empty entry = %q, %v; want empty, true", e, ok)
	}
	s.Put(k, []byte("other bytes, longer than the first"))
	s.Wait()
	if string(got) != "the first bytes" {
		t.Errorf("after the entry was replaced, the mapping holds %q", got)
	}
	if again, _ := s.Get(k); string(again) != "other bytes, longer than the first" {
		t.Errorf("Get after the entry was replaced = %q", again)
	}
	if err := os.Remove(s.path(k)); err != nil {
		t.Fatal(err)
	}
	if string(got) != "the first bytes" {
		t.Errorf("after the entry was deleted, the mapping holds %q", got)
	}
	if _, ok := s.Get(k); ok {
		t.Error("Get of a deleted entry found it")
	}
	var off *Store
	off.MapEntries()
	if off.Mapped() {
		t.Error("a nil store is Mapped")
	}
}

// TestDamagedEntryIsAMiss: an entry cut short, with a byte changed, or
// under another entry's name is a miss, whether read or mapped.
func TestDamagedEntryIsAMiss(t *testing.T) {
	for _, mapped := range []bool{false, true} {
		s, err := Open(t.TempDir(), "v1")
		if err != nil {
			t.Fatal(err)
		}
		if mapped {
			s.MapEntries()
		}
		k, other := s.Key("page", []byte("a")), s.Key("page", []byte("b"))
		s.Put(k, []byte("the bytes of a page"))
		s.Wait()
		good, err := os.ReadFile(s.path(k))
		if err != nil {
			t.Fatal(err)
		}
		damage := map[string]func() error{
			"cut short":      func() error { return os.WriteFile(s.path(k), good[:len(good)-1], 0o644) },
			"cut to nothing": func() error { return os.WriteFile(s.path(k), nil, 0o644) },
			"a byte changed": func() error {
				b := append([]byte(nil), good...)
				b[3] ^= 1
				return os.WriteFile(s.path(k), b, 0o644)
			},
			"under another name": func() error {
				os.MkdirAll(filepath.Dir(s.path(other)), 0o755)
				return os.WriteFile(s.path(other), good, 0o644)
			},
		}
		for name, f := range damage {
			if err := f(); err != nil {
				t.Fatal(err)
			}
			key := k
			if name == "under another name" {
				key = other
			}
			if got, ok := s.Get(key); ok {
				t.Errorf("mapped %v, entry %s: Get = %q, true; want a miss", mapped, name, got)
			}
		}
		os.WriteFile(s.path(k), good, 0o644)
		if got, ok := s.Get(k); !ok || string(got) != "the bytes of a page" {
			t.Errorf("mapped %v, the entry restored: Get = %q, %v", mapped, got, ok)
		}
	}
}
