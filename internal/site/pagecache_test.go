package site

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/images"
)

// memFS copies fsys into memory, to edit.
func memFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// edit replaces old with new in the file name of m, which must hold old.
func edit(t *testing.T, m fstest.MapFS, name, old, new string) {
	t.Helper()
	f := m[name]
	if f == nil || !bytes.Contains(f.Data, []byte(old)) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	m[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1), Mode: 0o644}
}

// loadWith builds the site from the three folders with the disk cache
// (nil: none), and waits until every compressed form is made and every
// cache entry written.
func loadWith(t *testing.T, files Files, disk *cache.Store, imgs *images.Processor) *Site {
	t.Helper()
	files.ContentDir, files.Disk, files.BuiltinTemplates = "content", disk, true
	s, err := Load(files, Options{Images: imgs})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	<-s.Compressed()
	disk.Wait()
	return s
}

// TestPageCacheEqualsNoCache: after each kind of edit, a build that takes
// what it can from the page cache of the build before is, byte for byte,
// the build without a cache; and the edit of one condition's text
// renders that page alone. Every other case reads the cache mapped
// (cache.Store.MapEntries).
func TestPageCacheEqualsNoCache(t *testing.T) {
	imgs := images.NewProcessor(nil) // the pictures' variants are no part of the pages' bytes: made once
	tests := []struct {
		name  string
		edit  func(t *testing.T, f *Files)
		fresh int // pages rendered anew after the edit; -1: not counted
	}{
		{"nothing", func(*testing.T, *Files) {}, 0},
		{"body of one condition", func(t *testing.T, f *Files) {
			edit(t, f.Content.(fstest.MapFS), "conditions/sciatica.md", "It can feel sharp", "It can feel very sharp")
		}, 1},
		{"title of a related condition", func(t *testing.T, f *Files) {
			edit(t, f.Content.(fstest.MapFS), "conditions/chronic-back-pain.md", `title: "Chronic Back Pain"`, `title: "Long-lasting Back Pain"`)
		}, -1},
		{"site.yaml", func(t *testing.T, f *Files) {
			edit(t, f.Content.(fstest.MapFS), "site.yaml", "name:", "name: Relief Two #")
		}, -1},
		{"words", func(t *testing.T, f *Files) {
			edit(t, f.Templates.(fstest.MapFS), "words.yaml", "title:", "title: A")
		}, -1},
		{"a template", func(t *testing.T, f *Files) {
			edit(t, f.Templates.(fstest.MapFS), "partials/footer.html", `<div class="wrap">`, `<div class="wrap edited">`)
		}, -1},
		{"a static file", func(t *testing.T, f *Files) {
			edit(t, f.Static.(fstest.MapFS), "css/site.css", "}", "}\n/* edited */")
		}, -1},
		{"a picture", func(t *testing.T, f *Files) {
			edit(t, f.Content.(fstest.MapFS), "images/tension-band.svg", `fill="#f3f1f6"`, `fill="#f3f1f7"`)
		}, -1},
	}
	for i, tt := range tests {
		mapped := i%2 == 1 // a store that maps its entries, as relief build's does
		t.Run(tt.name, func(t *testing.T) {
			files := Files{Content: memFS(t, relief.Content()), Templates: memFS(t, relief.Templates()), Static: memFS(t, relief.Static())}
			disk, err := cache.Open(t.TempDir(), "test")
			if err != nil {
				t.Fatal(err)
			}
			before := loadWith(t, files, disk, imgs)
			tt.edit(t, &files)
			if mapped {
				disk.MapEntries()
			}
			got := loadWith(t, files, disk, imgs)
			want := loadWith(t, files, nil, imgs)
			same(t, got, want)
			fresh := 0
			for _, p := range got.paths {
				if got.pages[p].key != nil { // rendered by this build, not taken from the cache
					fresh++
				}
			}
			if tt.fresh >= 0 && fresh != tt.fresh {
				t.Errorf("%d pages rendered anew, want %d", fresh, tt.fresh)
			}
			if tt.fresh < 0 && fresh == 0 {
				t.Error("no page rendered anew")
			}
			changed := 0
			for _, p := range want.paths {
				if b := before.Lookup(p); b == nil || !bytes.Equal(b.Plain(), want.Lookup(p).Plain()) {
					changed++
				}
			}
			if tt.name != "nothing" && changed == 0 {
				t.Error("the edit changed no page: the test does not test anything")
			}
		})
	}
}

// same reports every page of got that differs from want's in its bytes,
// ETags or compressed forms.
func same(t *testing.T, got, want *Site) {
	t.Helper()
	if g, w := strings.Join(got.paths, " "), strings.Join(want.paths, " "); g != w {
		t.Fatalf("paths differ:\n got %s\nwant %s", g, w)
	}
	for _, path := range want.paths {
		g, w := got.Lookup(path), want.Lookup(path)
		gb, ge := g.Brotli()
		wb, we := w.Brotli()
		gz, gze := g.Gzip()
		wz, wze := w.Gzip()
		switch {
		case !bytes.Equal(g.Plain(), w.Plain()):
			t.Errorf("%s: body differs from a build without a cache", path)
		case g.ETag != w.ETag || gze != wze || ge != we:
			t.Errorf("%s: ETags %s %s %s, want %s %s %s", path, g.ETag, gze, ge, w.ETag, wze, we)
		case !bytes.Equal(gz, wz) || !bytes.Equal(gb, wb):
			t.Errorf("%s: compressed forms differ from a build without a cache", path)
		case g.ContentType != w.ContentType:
			t.Errorf("%s: Content-Type %q, want %q", path, g.ContentType, w.ContentType)
		case g.Size() != len(w.Plain()):
			t.Errorf("%s: Size() = %d, want %d", path, g.Size(), len(w.Plain()))
		}
		if sums := g.Sums(); sums != nil { // taken from the cache: the sums of the bytes, for the export
			for i, b := range [][]byte{w.Plain(), wz, wb} {
				if sums[i] != sha256.Sum256(b) {
					t.Errorf("%s: Sums()[%d] is not the SHA-256 of that form", path, i)
				}
			}
		}
	}
}

// TestPageCacheDamaged: with every entry of the cache folder damaged (a
// byte changed, or cut short, in its middle: a page's forms), a load that
// reads the entries whole renders every page again, and is byte for byte
// the build without a cache; one that maps them (a build) takes a page by
// its entry's whole head and refuses its forms (cache.ErrDamaged), which
// makes `relief build` build again (cmd/relief TestBuildOverDamagedCache).
func TestPageCacheDamaged(t *testing.T) {
	imgs := images.NewProcessor(nil)
	for _, damage := range []string{"a byte changed", "cut short"} {
		t.Run(damage, func(t *testing.T) {
			dir := t.TempDir()
			files := Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static()}
			disk, err := cache.Open(dir, "test")
			if err != nil {
				t.Fatal(err)
			}
			first := loadWith(t, files, disk, imgs)
			n := 0
			err = filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || strings.HasSuffix(name, ".file") || filepath.Base(name) == "pruned" {
					return err
				}
				data, err := os.ReadFile(name)
				if err != nil || len(data) < 2 {
					return err
				}
				if damage == "cut short" {
					data = data[:len(data)/2]
				} else {
					data[len(data)/2] ^= 0x20
				}
				n++
				return os.WriteFile(name, data, 0o644)
			})
			if err != nil || n == 0 {
				t.Fatalf("damaging %d entries: %v", n, err)
			}
			want := loadWith(t, files, nil, imgs)
			// Mapped, as a build reads them, a page whose entry's head is
			// whole is taken, its forms read only when asked for: then
			// they are refused, never other bytes.
			disk.MapEntries()
			got := loadWith(t, files, disk, imgs)
			taken := 0
			for _, path := range got.paths {
				g, w := got.Lookup(path), want.Lookup(path)
				if g.stored == nil {
					continue
				}
				taken++
				if g.ETag != w.ETag || *g.Sums() != *sumsOf(w) || g.Sizes() != w.Sizes() {
					t.Errorf("%s: mapped, the head of a damaged entry differs from a build without a cache", path)
				}
				for i := range 3 {
					if b, err := g.Form(i); !errors.Is(err, cache.ErrDamaged) || b != nil {
						t.Errorf("%s: mapped, Form(%d) of a damaged entry = %d bytes, %v; want cache.ErrDamaged", path, i, len(b), err)
					}
				}
				if g.Plain() != nil {
					t.Errorf("%s: mapped, Plain() of a damaged entry = %d bytes, want none", path, len(g.Plain()))
				}
			}
			if taken == 0 {
				t.Error("mapped: no page's head was whole (each entry was damaged in its middle, in the forms)")
			}
			// Read whole, as a server reads them, a damaged entry is a miss.
			disk.ReadEntries()
			got = loadWith(t, files, disk, imgs)
			same(t, got, want)
			for _, p := range got.paths {
				if got.pages[p].key == nil && first.pages[p].key != nil { // rendered and cached by the first build
					t.Errorf("%s: taken from a damaged entry", p)
				}
			}
		})
	}
}

// sumsOf returns the SHA-256 of the body, gzip form and brotli form of p.
func sumsOf(p *Page) *[3][sha256.Size]byte {
	var sums [3][sha256.Size]byte
	for i := range sums {
		b, _ := p.Form(i)
		sums[i] = sha256.Sum256(b)
	}
	return &sums
}
