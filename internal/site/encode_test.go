package site

import (
	"bytes"
	"testing"

	"github.com/relief-massage/relief/internal/cache"
)

// TestDiskCacheSameEncodings builds the fixture without a disk cache, then
// twice with one (filling it, then reading from it): every page and asset
// has the same compressed forms and ETags each time.
func TestDiskCacheSameEncodings(t *testing.T) {
	disk, err := cache.Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	want := fixture(t, Options{})
	<-want.Compressed()
	for _, run := range []string{"cold", "warm"} {
		got := fixture(t, Options{Disk: disk})
		<-got.Compressed()
		disk.Wait()
		for _, path := range want.Paths() {
			w, g := want.Lookup(path), got.Lookup(path)
			wbr, wbrTag := w.Brotli()
			gbr, gbrTag := g.Brotli()
			wgz, wgzTag := w.Gzip()
			ggz, ggzTag := g.Gzip()
			if !bytes.Equal(g.Plain(), w.Plain()) || !bytes.Equal(ggz, wgz) || !bytes.Equal(gbr, wbr) ||
				g.ETag != w.ETag || ggzTag != wgzTag || gbrTag != wbrTag {
				t.Errorf("%s cache: %s differs from the page built without a cache", run, path)
			}
		}
	}
}

// TestFormsWhileCompressing follows one body from the moment its page is
// rendered to the moment it keeps only its compressed forms: before its
// gzip form is made it is served as it is, with Vary (it will vary);
// then gzip; then brotli; and its bytes are the same at every step.
func TestFormsWhileCompressing(t *testing.T) {
	body := bytes.Repeat([]byte("<p>Gentle pressure along the lower back.</p>\n"), 100)
	e := &Encodings{}
	e.setBody(body)
	gz, _ := e.Gzip()
	br, _ := e.Brotli()
	if gz != nil || br != nil || !e.Varies() || !bytes.Equal(e.Plain(), body) {
		t.Fatalf("before compressing: gzip %d bytes, brotli %d, Varies %v: want none, none, true", len(gz), len(br), e.Varies())
	}
	c := newCompressor(nil)
	c.gzip(e, htmlType)
	if gz, etag := e.Gzip(); gz == nil || etag != e.ETag[:len(e.ETag)-1]+`-gz"` || !e.Varies() {
		t.Fatalf("after gzip: %d bytes, ETag %q, Varies %v", len(gz), etag, e.Varies())
	}
	if br, _ := e.Brotli(); br != nil {
		t.Fatal("a brotli form before it was made")
	}
	c.brotli(e, htmlType)
	e.dropPlain(newHotBodies(hotPlainBytes))
	if br, etag := e.Brotli(); br == nil || etag != e.ETag[:len(e.ETag)-1]+`-br"` {
		t.Fatalf("after brotli: %d bytes, ETag %q", len(br), etag)
	}
	if e.plain.Load() != nil || !bytes.Equal(e.Plain(), body) {
		t.Error("once compressed: the body is kept as it is, or Plain does not give it back")
	}
}

// TestFormETags: the ETags setETag keeps in one string are the ones
// formETag makes, whatever the length of the identity ETag (formETagOf
// slices them out by that length, each form's 3 bytes longer).
func TestFormETags(t *testing.T) {
	for _, etag := range []string{`"5d41402abc4b2a76"`, `"a"`, `""`} {
		var e Encodings
		e.setETag(etag)
		if e.ETag != etag {
			t.Errorf("setETag(%s): ETag %s", etag, e.ETag)
		}
		for i, suffix := range []string{"gz", "br"} {
			if got, want := e.formETagOf(i), formETag(etag, suffix); got != want {
				t.Errorf("setETag(%s): the %s form's ETag is %s, want %s", etag, suffix, got, want)
			}
		}
	}
}
