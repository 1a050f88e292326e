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
			if !bytes.Equal(g.Plain(), w.Plain()) || !bytes.Equal(g.Gzip, w.Gzip) || !bytes.Equal(gbr, wbr) ||
				g.ETag != w.ETag || g.GzipETag != w.GzipETag || gbrTag != wbrTag {
				t.Errorf("%s cache: %s differs from the page built without a cache", run, path)
			}
		}
	}
}
