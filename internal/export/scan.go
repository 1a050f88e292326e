package export

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"path"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// An export's folder is looked through three times a build: the export
// folder before building (does it hold only what the last export wrote?),
// the spare (the same, and which of its files changed since: spare.go),
// and the export folder again just before the swap (has anything been
// put there meanwhile?). With thousands of
// folders, filepath.WalkDir (which sorts each folder's names and asks
// about every file by its full path) was a tenth of what a second build
// cost; scan asks the system for each folder's names in large reads, and
// about a file only by its folder and name.

// The third look, just before the swap, asks again only about the
// folders that may have changed since the first (rescan): a folder
// whose device, inode, modification and change times are as the first
// look found them holds the same names, since adding, removing or
// renaming a file in a folder sets its times to the clock's. The file
// system's clock may lag the system's by a tick (a few milliseconds,
// and it does not tick between two changes in one tick), so that only
// holds of a folder whose times were older than the first look by more
// than settled: every other folder is looked through again.

// settled is how much older than the first look a folder's times must
// be for the third look to take them as proof that it did not change.
const settled = 2 * time.Second

// folderState is what tells whether a folder's names changed: see above.
type folderState struct {
	dev, ino     uint64
	mtime, ctime int64 // in nanoseconds
}

func stateOf(st *unix.Stat_t) folderState {
	return folderState{uint64(st.Dev), uint64(st.Ino), st.Mtim.Nano(), st.Ctim.Nano()}
}

// seenTree is what the first look through a folder saw of its folders
// (by their path relative to it, "" for itself) and when it began.
type seenTree struct {
	at      time.Time
	folders map[string]folderState
	wrote   map[string]string // the files its marker listed then (see checkContents)
}

// scanned is what scan says of one file (anything but a folder).
type scanned struct {
	regular bool      // a regular file, not a link, pipe or device
	mtime   time.Time // when it was last changed (only when scan was asked for dates)
}

// scan calls visit for every file under root that is not a folder, with
// its path relative to root (with slashes), until visit returns false.
// With dates, it reads each file's modification time too. A folder it
// cannot read is passed to visit as a file that is not regular.
func scan(root string, dates bool, visit func(rel string, f scanned) bool) {
	s := &scanner{buf: make([]byte, 64<<10), dates: dates, visit: visit}
	s.folder(root, "")
}

// scanSeen is scan without dates that records in seen, when it is empty,
// the state of every folder; else it looks again only through the
// folders that may have changed since seen was recorded, and the folders
// new since (see rescan).
func scanSeen(root string, seen *seenTree, visit func(rel string, f scanned) bool) {
	s := &scanner{buf: make([]byte, 64<<10), visit: visit}
	if seen.folders != nil {
		s.rescan(root, seen)
		return
	}
	seen.at, seen.folders = time.Now(), map[string]folderState{}
	s.record = seen.folders
	s.folder(root, "")
}

type scanner struct {
	buf    []byte // for the folders' names, reused
	dates  bool
	visit  func(rel string, f scanned) bool
	stop   bool
	record map[string]folderState // when set, the state of each folder scanned goes here
	known  map[string]folderState // when set, folders in it are not looked into (rescan does)
}

// rescan looks through the folders of seen whose state changed, or was
// not settled when recorded, and through the folders new since.
func (s *scanner) rescan(root string, seen *seenTree) {
	s.known = seen.folders
	for rel, was := range seen.folders {
		if s.stop {
			return
		}
		dir := filepath.Join(root, filepath.FromSlash(rel))
		var st unix.Stat_t
		if err := unix.Lstat(dir, &st); err == unix.ENOENT {
			continue // gone: nothing in it to refuse
		} else if err == nil && st.Mode&unix.S_IFMT == unix.S_IFDIR && stateOf(&st) == was &&
			max(was.mtime, was.ctime) < seen.at.Add(-settled).UnixNano() {
			continue
		}
		s.folder(dir, rel)
	}
}

// folder scans the folder dir, at rel under the root.
func (s *scanner) folder(dir, rel string) {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	if err == unix.EINTR {
		fd, err = unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0)
	}
	if err != nil {
		s.stop = !s.visit(cmp.Or(rel, "."), scanned{})
		return
	}
	if s.record != nil {
		var st unix.Stat_t
		if unix.Fstat(fd, &st) == nil {
			s.record[rel] = stateOf(&st)
		}
	}
	var subs []string
	for !s.stop {
		n, err := unix.Getdents(fd, s.buf)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			s.stop = !s.visit(cmp.Or(rel, "."), scanned{})
		}
		if n <= 0 {
			break
		}
		for b := s.buf[:n]; len(b) >= 19 && !s.stop; {
			// struct linux_dirent64: inode (8 bytes), offset (8), length
			// of this record (2), type (1), name ending with a zero byte.
			size := int(binary.NativeEndian.Uint16(b[16:18]))
			if size < 19 || size > len(b) {
				break
			}
			typ, name := b[18], b[19:size]
			if i := bytes.IndexByte(name, 0); i >= 0 {
				name = name[:i]
			}
			b = b[size:]
			if string(name) == "." || string(name) == ".." {
				continue
			}
			s.entry(fd, path.Join(rel, string(name)), string(name), typ, &subs)
		}
	}
	unix.Close(fd)
	for _, sub := range subs {
		if s.stop {
			return
		}
		if _, ok := s.known[path.Join(rel, sub)]; ok {
			continue // rescan looks at it
		}
		s.folder(filepath.Join(dir, sub), path.Join(rel, sub))
	}
}

// entry visits the file name (at rel) of the open folder fd, or notes it
// in subs when it is a folder.
func (s *scanner) entry(fd int, rel, name string, typ uint8, subs *[]string) {
	f := scanned{regular: typ == unix.DT_REG}
	if typ == unix.DT_UNKNOWN || (s.dates && typ == unix.DT_REG) {
		var st unix.Stat_t
		if err := unix.Fstatat(fd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
			s.stop = !s.visit(rel, scanned{})
			return
		}
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFDIR:
			typ = unix.DT_DIR
		case unix.S_IFREG:
			f.regular = true
		}
		f.mtime = time.Unix(st.Mtim.Unix())
	}
	if typ == unix.DT_DIR {
		*subs = append(*subs, name)
		return
	}
	s.stop = !s.visit(rel, f)
}
