package cache

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSplitEntry: a split entry reads back as it was put, read or mapped,
// with a head longer than the first read too.
func TestSplitEntry(t *testing.T) {
	for _, mapped := range []bool{false, true} {
		for _, head := range []string{"", "the head", string(bytes.Repeat([]byte("h"), 3*headRead))} {
			s, err := Open(t.TempDir(), "v1")
			if err != nil {
				t.Fatal(err)
			}
			if mapped {
				s.MapEntries()
			}
			k := s.Key("page", []byte("a"))
			s.PutSplit(k, func() ([]byte, []byte) { return []byte(head), []byte("the tail") })
			s.Wait()
			h, tail, ok := s.GetSplit(k)
			if !ok || string(h) != head {
				t.Fatalf("mapped %v: GetSplit = %.20q, %v; want %.20q", mapped, h, ok, head)
			}
			if b, ok := tail.Bytes(); !ok || string(b) != "the tail" {
				t.Errorf("mapped %v: Tail.Bytes = %q, %v", mapped, b, ok)
			}
		}
	}
}

// TestSplitEntryDamaged: a split entry whose head is damaged is a miss; one
// whose tail is damaged is a miss when read, and when mapped gives its head
// but never its tail (Tail.Bytes is false). Cut short, a byte changed, or
// under another entry's name.
func TestSplitEntryDamaged(t *testing.T) {
	for _, mapped := range []bool{false, true} {
		s, err := Open(t.TempDir(), "v1")
		if err != nil {
			t.Fatal(err)
		}
		if mapped {
			s.MapEntries()
		}
		k, other := s.Key("page", []byte("a")), s.Key("page", []byte("b"))
		s.PutSplit(k, func() ([]byte, []byte) { return []byte("head"), []byte("the bytes of the tail") })
		s.Wait()
		good, err := os.ReadFile(s.path(k))
		if err != nil {
			t.Fatal(err)
		}
		changed := func(i int) func() error {
			return func() error {
				b := bytes.Clone(good)
				b[i] ^= 1
				return os.WriteFile(s.path(k), b, 0o644)
			}
		}
		tests := []struct {
			name      string
			damage    func() error
			headWhole bool // the head is whole (a mapped store gives it)
		}{
			{"cut to nothing", func() error { return os.WriteFile(s.path(k), nil, 0o644) }, false},
			{"cut in the head", func() error { return os.WriteFile(s.path(k), good[:3], 0o644) }, false},
			{"a byte of the head changed", changed(2), false},
			{"cut in the tail", func() error { return os.WriteFile(s.path(k), good[:len(good)-3], 0o644) }, true},
			{"a byte of the tail changed", changed(len(good) - 8), true},
			{"under another name", func() error {
				os.MkdirAll(filepath.Dir(s.path(other)), 0o755)
				return os.WriteFile(s.path(other), good, 0o644)
			}, false},
		}
		for _, tt := range tests {
			if err := tt.damage(); err != nil {
				t.Fatal(err)
			}
			key := k
			if tt.name == "under another name" {
				key = other
			}
			head, tail, ok := s.GetSplit(key)
			switch {
			case ok && (!mapped || !tt.headWhole):
				t.Errorf("mapped %v, %s: GetSplit = %q, true; want a miss", mapped, tt.name, head)
			case mapped && tt.headWhole && (!ok || string(head) != "head"):
				t.Errorf("mapped, %s: GetSplit = %q, %v; want the head", tt.name, head, ok)
			case ok:
				if b, ok := tail.Bytes(); ok {
					t.Errorf("mapped, %s: Tail.Bytes = %q, true; want false", tt.name, b)
				}
			}
		}
		os.WriteFile(s.path(k), good, 0o644)
		if head, tail, ok := s.GetSplit(k); !ok || string(head) != "head" {
			t.Errorf("mapped %v, the entry restored: GetSplit = %q, %v", mapped, head, ok)
		} else if b, ok := tail.Bytes(); !ok || string(b) != "the bytes of the tail" {
			t.Errorf("mapped %v, the entry restored: Tail.Bytes = %q, %v", mapped, b, ok)
		}
	}
}
