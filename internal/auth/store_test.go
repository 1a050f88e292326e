package auth

import (
	"path/filepath"
	"testing"
	"time"
)

func TestFileStore(t *testing.T) {
	c := newClock()
	path := filepath.Join(t.TempDir(), "state", SessionsFile)
	s, err := openStore(path, c.Now)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit("tok1", []byte("one"), c.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit("tok2", []byte("two"), c.Now().Add(3*time.Hour)); err != nil {
		t.Fatal(err)
	}
	s2, err := openStore(path, c.Now) // a restart
	if err != nil {
		t.Fatal(err)
	}
	if b, ok, _ := s2.Find("tok1"); !ok || string(b) != "one" {
		t.Fatalf("after reopening, Find(tok1) = %q, %v; want one", b, ok)
	}
	if _, ok, _ := s2.Find("nope"); ok {
		t.Error("Find of an unknown token found one")
	}
	c.Add(2 * time.Hour)
	if _, ok, _ := s2.Find("tok1"); ok {
		t.Error("an expired session was found")
	}
	if err := s2.Delete("tok2"); err != nil {
		t.Fatal(err)
	}
	s3, _ := openStore(path, c.Now)
	if _, ok, _ := s3.Find("tok2"); ok {
		t.Error("a deleted session survived a restart")
	}
}
