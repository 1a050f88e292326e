//go:build !linux || portable

package cache

import (
	"errors"
	"os"
	"time"
)

// The calls to the system behind Link (link.go), through the standard
// library: macOS, the BSDs and Windows (NTFS) make hard links too. Where
// the file system keeps times to the second (HFS+, FAT) or to hundreds of
// nanoseconds (NTFS), the mark does not hold and Link says so
// (ErrNotLinked): the export writes its files instead.

// link makes dst a new name of the file src.
func link(src, dst string) error {
	err := os.Link(src, dst)
	if le, ok := errors.AsType[*os.LinkError](err); ok {
		return le.Err // Link wraps it once
	}
	return err
}

// linked returns the modification time of dst when it is a regular file
// (not followed through a link) of size bytes.
func linked(dst string, size int64) (time.Time, bool) {
	st, err := os.Lstat(dst)
	if err != nil || !st.Mode().IsRegular() || st.Size() != size {
		return time.Time{}, false
	}
	return st.ModTime(), true
}

// unlink deletes the name dst, as best it can.
func unlink(dst string) { os.Remove(dst) }

// setMtime sets the modification time of dst to t, leaving its access
// time alone (a zero time).
func setMtime(dst string, t time.Time) error { return os.Chtimes(dst, time.Time{}, t) }
