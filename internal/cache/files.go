package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"time"
)

// The store of files keeps whole files by the SHA-256 of their bytes,
// beside the entries, as DIR/v1/<first two hex digits>/<sum>.file, so
// that `relief build` can hard-link each file of an export to the one
// copy of its bytes instead of creating a file (Link). A link makes no
// new inode and writes no data: creating thousands of files into a folder
// just emptied (`rm -rf public`) costs the file system far more, as it
// searches its inode table past every inode freed a moment ago.
//
// An exported file then is the stored file, under a second name, so it
// must never be changed in place: stored files are read-only (0444), and
// an export only ever deletes a file and links or writes a new one. Still
// someone may write into an exported file (root ignores the mode; some
// editors write into a file that has other links), and the change would
// show through every name of that file. So the store marks each file it
// hands out: its modification time's nanoseconds are taken from its sum
// (Stamp), and Link checks, after linking, that the file has its length
// and its mark. Any write sets the time to the clock's, which matches the
// mark once in a billion: such a file is replaced in the store by its
// bytes, and linked again. The bytes themselves are not hashed again:
// they were hashed when stored, under their sum, with O_EXCL and a rename,
// and reading them back would cost about what linking saves.
//
// The modification time's seconds say when a file was last linked into an
// export as a new file there, which is what deploy tools that compare
// dates (rsync, aws s3 sync) need, and what Prune goes by: stored files
// are pruned with the entries, by the same rules.

// fileSuffix ends the name of a stored file.
const fileSuffix = ".file"

// filePath returns where the store keeps the bytes with the given sum.
func (s *Store) filePath(sum [sha256.Size]byte) string {
	name := hex.EncodeToString(sum[:])
	return filepath.Join(s.dir, name[:2], name+fileSuffix)
}

// Stamp returns the modification time a stored file with the given sum
// gets when linked at now: now's second, and nanoseconds taken from the
// sum (see the store of files).
func Stamp(sum [sha256.Size]byte, now time.Time) time.Time {
	return time.Unix(now.Unix(), int64(binary.BigEndian.Uint32(sum[:4])%1e9))
}

// Stamped reports whether mtime carries the mark of the file with the
// given sum: true unless something wrote into the file since the store
// made or linked it.
func Stamped(sum [sha256.Size]byte, mtime time.Time) bool {
	return mtime.Nanosecond() == Stamp(sum, mtime).Nanosecond()
}

var errWrongSum = errors.New("cache: the bytes to store do not have the sum given")

// ErrNotLinked is returned by Link when the link was made but not kept:
// the file system does not keep the mark (its clock counts whole seconds)
// or it refused to set it. Write the file instead.
var ErrNotLinked = errors.New("cache: the stored file cannot be marked here")

// storeFile writes data as the stored file of sum at path, read-only and
// marked, replacing any file there. It refuses data whose SHA-256 is not
// sum (the caller's record of the bytes is damaged), so a stored file's
// name is always the sum of its bytes.
func (s *Store) storeFile(path string, sum [sha256.Size]byte, data []byte, now time.Time) error {
	if sha256.Sum256(data) != sum {
		return errWrongSum
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o444)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		t := Stamp(sum, now)
		err = os.Chtimes(f.Name(), t, t)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
