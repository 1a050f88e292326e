//go:build !linux || portable

package export

import (
	"cmp"
	"os"
	"path"
)

// scan (scan.go) with the standard library: os.ReadDir's names, unsorted,
// and a file's date from its fs.DirEntry. The state of a folder is not
// known here (the change time is not in os.FileInfo), so rescan looks
// through every folder again.

// lstatFolder returns the zero state (not known) of the folder dir, or
// the error that says it is gone.
func lstatFolder(dir string) (folderState, error) {
	_, err := os.Lstat(dir)
	return folderState{}, err
}

// folder scans the folder dir, at rel under the root.
func (s *scanner) folder(dir, rel string) {
	f, err := os.Open(dir)
	var entries []os.DirEntry
	if err == nil {
		entries, err = f.ReadDir(-1)
		f.Close()
	}
	if err != nil {
		s.stop = !s.visit(cmp.Or(rel, "."), scanned{})
		return
	}
	if s.record != nil {
		s.record[rel] = folderState{}
	}
	var subs []string
	for _, e := range entries {
		if s.stop {
			break
		}
		if e.IsDir() {
			subs = append(subs, e.Name())
			continue
		}
		f := scanned{regular: e.Type().IsRegular()}
		if s.dates && f.regular {
			info, err := e.Info()
			if err != nil {
				f = scanned{}
			} else {
				f.mtime = info.ModTime()
			}
		}
		s.stop = !s.visit(path.Join(rel, e.Name()), f)
	}
	s.subfolders(dir, rel, subs)
}
