//go:build unix

package cache

import (
	"crypto/sha256"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// Link makes dst a new hard link to the stored file of the given sum and
// size, storing body() first when the store has no such file or only a
// damaged one, and marks it used at now (Stamp). dst must not exist. An
// error means dst was not made (the store is on another file system or
// read-only, the file system makes no links): the caller writes dst
// itself. A nil store always returns an error.
func (s *Store) Link(dst string, sum [sha256.Size]byte, size int64, body func() []byte, now time.Time) error {
	if s == nil {
		return ErrNotLinked
	}
	src := s.filePath(sum)
	for try := 0; ; try++ {
		err := unix.Link(src, dst)
		if err == unix.ENOENT && try == 0 {
			if err := s.storeFile(src, sum, body(), now); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return &os.LinkError{Op: "link", Old: src, New: dst, Err: err}
		}
		var st unix.Stat_t
		if unix.Lstat(dst, &st) == nil && st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size == size &&
			Stamped(sum, time.Unix(st.Mtim.Unix())) {
			if st.Mtim.Sec == now.Unix() {
				return nil // stored or linked already at this second
			}
			return s.touch(dst, sum, now)
		}
		unix.Unlink(dst) // written into since it was stored: store the bytes again
		if try > 0 {
			return ErrNotLinked // just stored and already unmarked: the mark does not hold here
		}
		if err := s.storeFile(src, sum, body(), now); err != nil {
			return err
		}
	}
}

// touch sets the modification time of the new link dst (and so of every
// name of the file) to the mark of now.
func (s *Store) touch(dst string, sum [sha256.Size]byte, now time.Time) error {
	ts := []unix.Timespec{{Nsec: unix.UTIME_OMIT}, unix.NsecToTimespec(Stamp(sum, now).UnixNano())}
	if err := unix.UtimesNanoAt(unix.AT_FDCWD, dst, ts, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		unix.Unlink(dst)
		return ErrNotLinked
	}
	return nil
}
