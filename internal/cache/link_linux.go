//go:build linux && !portable

package cache

import (
	"time"

	"golang.org/x/sys/unix"
)

// The calls to the system behind Link (link.go), made directly: a build
// links thousands of files.

// link makes dst a new name of the file src.
func link(src, dst string) error { return unix.Link(src, dst) }

// linked returns the modification time of dst when it is a regular file
// (not followed through a link) of size bytes.
func linked(dst string, size int64) (time.Time, bool) {
	var st unix.Stat_t
	if unix.Lstat(dst, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != size {
		return time.Time{}, false
	}
	return time.Unix(st.Mtim.Unix()), true
}

// unlink deletes the name dst, as best it can.
func unlink(dst string) { unix.Unlink(dst) }

// setMtime sets the modification time of dst to t, leaving its access
// time alone.
func setMtime(dst string, t time.Time) error {
	ts := []unix.Timespec{{Nsec: unix.UTIME_OMIT}, unix.NsecToTimespec(t.UnixNano())}
	return unix.UtimesNanoAt(unix.AT_FDCWD, dst, ts, unix.AT_SYMLINK_NOFOLLOW)
}
