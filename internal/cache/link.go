package cache

import (
	"crypto/sha256"
	"errors"
	"io/fs"
	"os"
	"time"
)

// Link makes dst a new hard link to the stored file of the given sum and
// size, storing body() first when the store has no such file or only a
// damaged one, and marks it used at now (Stamp). dst must not exist. An
// error means dst was not made (the store is on another file system or
// read-only, the file system makes no links, or keeps no mark: its clock
// counts whole seconds, or hundreds of nanoseconds as on Windows): the
// caller writes dst itself. A nil store always returns an error.
//
// The calls to the system are link_linux.go's (without the runtime's
// wrappers) or link_portable.go's (the standard library's, on every other
// system, and on Linux with the build tag portable, which tests them).
func (s *Store) Link(dst string, sum [sha256.Size]byte, size int64, body func() []byte, now time.Time) error {
	if s == nil {
		return ErrNotLinked
	}
	src := s.filePath(sum)
	for try := 0; ; try++ {
		err := link(src, dst)
		if errors.Is(err, fs.ErrNotExist) && try == 0 {
			if err := s.storeFile(src, sum, body(), now); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return &os.LinkError{Op: "link", Old: src, New: dst, Err: err}
		}
		if mtime, ok := linked(dst, size); ok && Stamped(sum, mtime) {
			if mtime.Unix() == now.Unix() {
				return nil // stored or linked already at this second
			}
			return s.touch(dst, sum, now)
		}
		unlink(dst) // written into since it was stored: store the bytes again
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
	if err := setMtime(dst, Stamp(sum, now)); err != nil {
		unlink(dst)
		return ErrNotLinked
	}
	return nil
}
