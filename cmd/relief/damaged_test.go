package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildOverDamagedCache: a build whose cache entries are all damaged
// in their middle (a page's compressed forms, which a build reads only
// when it writes the page's files) and whose stored files are gone, so
// that every file must be written from those forms, meets the damage,
// builds again checking every entry, and writes, byte for byte, what a
// build without a cache writes.
func TestBuildOverDamagedCache(t *testing.T) {
	dir := t.TempDir()
	cacheDir := filepath.Join(dir, "cache")
	withCache := func(k string) string {
		if k == "RELIEF_CACHE" {
			return cacheDir
		}
		return ""
	}
	build := func(out string, getenv env) {
		t.Helper()
		var stdout, stderr syncBuffer
		if err := run(context.Background(), []string{"build", "-out", out}, getenv, &stdout, &stderr); err != nil {
			t.Fatalf("relief build -out %s: %v\n%s", out, err, stderr.String())
		}
	}
	build(filepath.Join(dir, "first"), withCache)
	n := 0
	err := filepath.WalkDir(cacheDir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(name) == "pruned" {
			return err
		}
		if strings.HasSuffix(name, ".file") {
			return os.Remove(name)
		}
		data, err := os.ReadFile(name)
		if err != nil || len(data) < 2 {
			return err
		}
		data[len(data)/2] ^= 0x20
		n++
		return os.WriteFile(name, data, 0o644)
	})
	if err != nil || n == 0 {
		t.Fatalf("damaging %d entries: %v", n, err)
	}
	build(filepath.Join(dir, "damaged"), withCache)
	build(filepath.Join(dir, "nocache"), func(k string) string {
		if k == "RELIEF_CACHE" {
			return "off"
		}
		return ""
	})
	got, want := tree(t, filepath.Join(dir, "damaged")), tree(t, filepath.Join(dir, "nocache"))
	if len(got) != len(want) {
		t.Errorf("the build over a damaged cache wrote %d files, the build without a cache %d", len(got), len(want))
	}
	for name, sum := range want {
		if got[name] != sum {
			t.Errorf("%s: differs from the build without a cache", name)
		}
	}
}

// tree returns the SHA-256 of every file under root, by its path there.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		sum := sha256.Sum256(data)
		sums[strings.TrimPrefix(name, root)] = hex.EncodeToString(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}
