package export

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/relief-massage/relief/internal/cache"
)

// The spare is what makes a second build cheap. After a build swaps its
// new export in, the previous export is not deleted but kept beside the
// export folder, as .relief-previous-<name> (one copy of the site more on
// the disk). The next build brings that spare up to date instead of
// writing every file into an empty folder: a file whose bytes are the ones
// its marker records (the SHA-256 after its name), and that nobody has
// touched since (it is not newer than the marker), stays as it is; every
// other file is written, and the files the site no longer has are
// deleted. Then the spare and the export folder trade places as before,
// in one step, so a web server reading the export folder still never sees
// it half-written, and a build that fails or is stopped leaves the export
// folder as it was (the spare, part-updated, is deleted).
//
// A spare is only used when its marker is relief's and it holds nothing
// the marker does not list. A spare left half-updated by a build that
// was killed (its marker relief's, but files it does not list) is deleted
// and the build writes everything. A folder of that name that relief did
// not write is never touched: the build then writes into a new folder and
// deletes the previous export after the swap, as it did before spares.

// spareOf returns the spare folder of the export folder dir.
func spareOf(dir string) string {
	return filepath.Join(filepath.Dir(dir), ".relief-previous-"+filepath.Base(dir))
}

// openSpare returns the spare of the export folder t, ready to build into,
// and the files in it: each with its SHA-256 when it is known to hold
// those bytes, "" when it must be written again. It returns "" when there
// is no spare to use, or when another build is using it (it holds a lock
// on the folder until the returned release is called).
func openSpare(t *target) (dir string, held map[string]string, release func()) {
	release = func() {}
	if !t.exists {
		return "", nil, release
	}
	dir = spareOf(t.dir)
	if st, err := os.Lstat(dir); err != nil || !st.IsDir() {
		return "", nil, release
	}
	unlock, ok := lockSpare(dir)
	if !ok {
		return "", nil, release // another build is bringing it up to date: build in a new folder
	}
	release = unlock
	dir, held = readSpare(dir)
	return dir, held, release
}

// readSpare returns the spare dir and the files in it (see openSpare),
// or "" when it is not one to use. It looks through the folder once
// (scan), for files its marker does not list and for each file's date.
func readSpare(dir string) (string, map[string]string) {
	held, err := readMarker(dir)
	if err != nil {
		return "", nil // not ours: leave it alone
	}
	found := make(map[string]time.Time, len(held))
	unlisted := false
	scan(dir, true, func(rel string, f scanned) bool {
		if !f.regular || !listed(held, rel) {
			unlisted = true
			return false
		}
		found[rel] = f.mtime
		return true
	})
	if unlisted {
		os.RemoveAll(dir) // ours, left half-updated by a build that was killed
		return "", nil
	}
	marker, ok := found[Marker]
	if !ok {
		return "", nil
	}
	delete(held, Marker)
	for name, sum := range held {
		mtime, ok := found[name]
		switch {
		case !ok:
			delete(held, name)
		case mtime.After(marker) && !stamped(sum, mtime):
			held[name] = "" // changed since the export wrote it: write it again
		default:
			held[name] = sum
		}
	}
	return dir, held
}

// stamped reports whether a file dated mtime, recorded with the hex
// SHA-256 sum, carries the store's mark of those bytes (cache.Stamped): a
// linked file, which a later build may have linked again (its date moves
// on), but which nobody wrote into.
func stamped(sum string, mtime time.Time) bool {
	b, err := hex.DecodeString(sum)
	return err == nil && len(b) == sha256.Size && cache.Stamped([sha256.Size]byte(b), mtime)
}

// keepSpare keeps old, the previous export after a swap, as the spare of
// the export folder dir, unless a folder relief did not write has that
// name; then old is deleted.
func keepSpare(old, dir string) error {
	spare := spareOf(dir)
	if old == spare {
		return nil
	}
	if _, err := os.Lstat(spare); errors.Is(err, fs.ErrNotExist) && os.Rename(old, spare) == nil {
		return nil
	}
	return os.RemoveAll(old)
}

// removeGone deletes from dir the files of old that the new export has
// not (keep), and the folders that leaves empty.
func removeGone(dir string, old map[string]string, keep map[string]string) error {
	for name := range old {
		if _, ok := keep[name]; ok {
			continue
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		for d := path.Dir(name); d != "."; d = path.Dir(d) {
			if os.Remove(filepath.Join(dir, filepath.FromSlash(d))) != nil {
				break // not empty
			}
		}
	}
	return nil
}
