package export

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// An export's files are hard links to the one copy of their bytes in the
// cache folder (Options.Files; package cache, "the store of files"), not
// new files. Creating a file costs the file system a new inode, and right
// after `rm -rf public` it searches past every inode just freed, which was
// most of a build's time; a link costs a name in a folder. The store
// checks that what it links has the length and the mark of its bytes,
// and replaces a stored file that was written into since (see
// cache.Store.Link); a file of the export is never written into, only
// deleted and made again.
//
// When a link cannot be made (the export folder is on another disk than
// the cache, the file system has no links, the cache is read-only or off)
// the build writes that file and every file after it, as before: the
// export holds the same bytes either way.
//
// Every exported file is read-only (fileMode): changes belong in the
// content, and an exported file may be one name of a file the cache and
// the previous export share. A web server reads it all the same; deploy
// it with a tool that replaces files (rsync, cp -f, aws s3 sync) rather
// than one that writes into them.

// fileMode is the mode of every file of an export, linked or written.
const fileMode = 0o444

// mkdirAll makes the folder dir and the folders it is in, asking the
// system to make dir first (os.MkdirAll first asks whether it exists,
// and an export's folders are almost all new); mkdir is sys_linux.go's
// or sys_portable.go's.
func mkdirAll(dir string) error {
	err := mkdir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err := mkdirAll(filepath.Dir(dir)); err != nil {
			return err
		}
		err = mkdir(dir)
	}
	if errors.Is(err, fs.ErrExist) { // made by another goroutine, or a file in its way
		if st, serr := os.Lstat(dir); serr != nil || !st.IsDir() {
			return &os.PathError{Op: "mkdir", Path: dir, Err: errors.New("a file of that name is in the way")}
		}
		return nil
	}
	if err != nil {
		return &os.PathError{Op: "mkdir", Path: dir, Err: err}
	}
	return nil
}
