package export

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/cache"
)

// shape describes every file under root by its mode and, in linked,
// whether it is a link to a stored file (more than one name).
func shape(t *testing.T, root string) (modes map[string]fs.FileMode, linked int) {
	t.Helper()
	modes = map[string]fs.FileMode{}
	filepath.WalkDir(root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, name)
		modes[rel] = info.Mode()
		if d.Type().IsRegular() && links(info) > 1 {
			linked++
		}
		return nil
	})
	return modes, linked
}

func openStore(t *testing.T) *cache.Store {
	t.Helper()
	store, err := cache.Open(filepath.Join(t.TempDir(), "cache"), "test")
	if err != nil {
		t.Fatal(err)
	}
	return store
}

// TestExportLinksTheSameFiles: an export linked to the store (with the
// store empty, then full) holds the files an export without it writes,
// byte for byte and mode for mode; so does one where every link is
// refused (another disk), which writes them all.
func TestExportLinksTheSameFiles(t *testing.T) {
	t.Chdir(t.TempDir())
	st := testSite(t)
	store := openStore(t)
	exdev := func(dst string, _ [sha256.Size]byte, _ int64, _ func() []byte, _ time.Time) error {
		return &os.LinkError{Op: "link", New: dst, Err: syscall.EXDEV}
	}
	for _, tc := range []struct {
		dir    string
		opts   Options
		linked bool
	}{
		{"written", Options{}, false},
		{"linked-first", Options{Files: store}, true},
		{"linked-again", Options{Files: store}, true},
		{"refused", Options{Files: store, link: exdev}, false},
	} {
		if _, err := Write(t.Context(), tc.dir, st, tc.opts); err != nil {
			t.Fatalf("Write %s: %v", tc.dir, err)
		}
		modes, linked := shape(t, tc.dir)
		if tc.dir == "written" {
			continue
		}
		if want := digest(t, "written", ""); fmt.Sprint(digest(t, tc.dir, "")) != fmt.Sprint(want) {
			t.Errorf("%s: the files differ from an export written without the store", tc.dir)
		}
		if want, _ := shape(t, "written"); fmt.Sprint(modes) != fmt.Sprint(want) {
			t.Errorf("%s: modes %v, want those of an export without the store %v", tc.dir, modes, want)
		}
		if got := linked > len(modes)/2; got != tc.linked {
			t.Errorf("%s: %d of %d files are links, want linked = %v", tc.dir, linked, len(modes), tc.linked)
		}
	}
	if m, _ := shape(t, "written"); m["index.html"] != fileMode {
		t.Errorf("index.html has mode %v, want %v (read-only, readable by a web server)", m["index.html"], fs.FileMode(fileMode))
	}
}

// TestExportNeverLinksATamperedFile: someone writes into exported files
// (root ignores the read-only mode), which are the stored ones; the next
// exports, into a new folder and over the previous one, still hold the
// site's own bytes.
func TestExportNeverLinksATamperedFile(t *testing.T) {
	t.Chdir(t.TempDir())
	st := testSite(t)
	store := openStore(t)
	if _, err := Write(t.Context(), "written", st, Options{}); err != nil {
		t.Fatal(err)
	}
	want := digest(t, "written", "")
	for range 2 { // the second leaves the first beside it, as the spare
		if _, err := Write(t.Context(), "public", st, Options{Files: store, Clean: true}); err != nil {
			t.Fatal(err)
		}
	}
	tamper := func(name string, at int64, b []byte) {
		os.Chmod(name, 0o644) // needed unless root
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if at < 0 {
			st, _ := f.Stat()
			at = st.Size()
		}
		if _, err := f.WriteAt(b, at); err != nil {
			t.Fatal(err)
		}
	}
	tamper("public/index.html", -1, []byte("<!-- added by hand -->\n"))       // longer
	tamper("public/about/index.html", 0, []byte("<!DOCTYPE html><!-- x -->")) // as long as it was
	for _, tc := range []struct {
		dir  string
		opts Options
	}{
		{"fresh", Options{Files: store}},
		{"public", Options{Files: store, Clean: true}}, // into the spare, which shares the files
		{"public", Options{Files: store, Clean: true}}, // into the first export
	} {
		if _, err := Write(t.Context(), tc.dir, st, tc.opts); err != nil {
			t.Fatalf("Write %s: %v", tc.dir, err)
		}
		if got := digest(t, tc.dir, ""); fmt.Sprint(got) != fmt.Sprint(want) {
			for name, sum := range got {
				if sum != want[name] {
					t.Errorf("%s/%s holds other bytes than the site's", tc.dir, name)
				}
			}
		}
	}
}
