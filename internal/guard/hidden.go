package guard

import (
	"io/fs"
	"strings"
)

// Hidden reports whether a file or folder name (one element of a path, not
// the path) is one relief leaves alone in every folder it reads: a
// dot-file or dot-folder, such as .git, .DS_Store, or an editor's swap file
// (.sciatica.md.swp). Such files are never pages, assets or templates,
// never listed as ignored, and never watched. This is the one place that
// decides it.
func Hidden(name string) bool { return strings.HasPrefix(name, ".") && name != "." }

// Files calls fn for every file in fsys that is not Hidden and not inside
// a Hidden folder, in lexical order, with its information (from Lstat, so
// a link is seen as a link, not followed). An error from fn stops the walk
// and is returned.
func Files(fsys fs.FS, fn func(name string, info fs.FileInfo) error) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if Hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		return fn(name, info)
	})
}
