package guard

import (
	"io/fs"
	"slices"
	"time"
)

// Stamp is how a file looked at one moment: its size and the time it was
// last written.
type Stamp struct {
	Size    int64
	ModTime time.Time
}

// Snapshot is the Stamp of every file in a tree, by path. Comparing two
// snapshots, taken before and after reading the tree, tells whether a file
// was being written in between. Dot-files and dot-folders (editors' swap
// files, .git) are left out, as the content loader ignores them.
type Snapshot map[string]Stamp

// Take stamps every file in fsys without reading any, and without
// following links.
func Take(fsys fs.FS) (Snapshot, error) {
	s := Snapshot{}
	err := Files(fsys, func(name string, info fs.FileInfo) error {
		s[name] = Stamp{info.Size(), info.ModTime()}
		return nil
	})
	return s, err
}

// Newest returns the latest time any file was written.
func (s Snapshot) Newest() time.Time {
	var t time.Time
	for _, st := range s {
		if st.ModTime.After(t) {
			t = st.ModTime
		}
	}
	return t
}

// Changed lists, sorted, the files that were added, removed or written
// between s and later.
func (s Snapshot) Changed(later Snapshot) []string {
	var names []string
	for name, st := range s {
		if lt, ok := later[name]; !ok || lt.Size != st.Size || !lt.ModTime.Equal(st.ModTime) {
			names = append(names, name)
		}
	}
	for name := range later {
		if _, ok := s[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}
