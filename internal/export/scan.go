package export

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"time"
)

// An export's folder is looked through three times a build: the export
// folder before building (does it hold only what the last export wrote?),
// the spare (the same, and which of its files changed since: spare.go),
// and the export folder again just before the swap (has anything been
// put there meanwhile?). With thousands of
// folders, filepath.WalkDir (which sorts each folder's names and asks
// about every file by its full path) was a tenth of what a second build
// cost; scan asks the system for each folder's names in large reads, and
// about a file only by its folder and name (scan_linux.go; elsewhere, and with
// the build tag portable, the standard library's os.ReadDir: scan_portable.go).

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
// The zero folderState is a folder whose state is not known (where the
// system's calls are the standard library's, scan_portable.go, which
// cannot tell the change time): rescan always looks through it again.
type folderState struct {
	dev, ino     uint64
	mtime, ctime int64 // in nanoseconds
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
		now, err := lstatFolder(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue // gone: nothing in it to refuse
		} else if err == nil && now != (folderState{}) && now == was &&
			max(was.mtime, was.ctime) < seen.at.Add(-settled).UnixNano() {
			continue
		}
		s.folder(dir, rel)
	}
}

// subfolders scans the folders subs of the folder dir (at rel under the
// root), but those rescan looks at.
func (s *scanner) subfolders(dir, rel string, subs []string) {
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
