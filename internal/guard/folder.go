package guard

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// Folder is a folder on disk, read as an fs.FS by the rules of the package
// comment. It implements fs.ReadDirFS, fs.StatFS and fs.ReadLinkFS (whose
// Lstat lets Reader see links and pipes before opening them).
type Folder struct {
	root *os.Root
	fsys fs.FS // root.FS(), for ReadDir and ReadLink
}

// Open opens the folder dir. dir itself may be a symbolic link; nothing
// inside it may be.
func Open(dir string) (*Folder, error) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s is not a folder: check the path", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot open the folder %s: %w", dir, err)
	}
	return &Folder{root: root, fsys: root.FS()}, nil
}

// Close releases the folder.
func (f *Folder) Close() error { return f.root.Close() }

// Open opens name for reading. It refuses a symbolic link and anything
// that is neither an ordinary file nor a folder, before opening it and
// again after, and never blocks on a named pipe.
func (f *Folder) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, _, err := openIn(f.root, name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

// openIn opens the file rel of root as Folder.Open does, returning what
// the open file says of itself (its type and size, checked).
func openIn(root *os.Root, rel string) (*os.File, fs.FileInfo, error) {
	st, err := root.Lstat(rel)
	if err != nil {
		return nil, nil, err
	}
	if err := refuse(rel, st.Mode(), true); err != nil {
		return nil, nil, err
	}
	file, err := root.OpenFile(rel, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, err
	}
	// The file may have been swapped for a pipe or a link since Lstat.
	st, err = file.Stat()
	if err == nil {
		err = refuse(rel, st.Mode(), true)
	}
	if err != nil {
		file.Close()
		return nil, nil, err
	}
	return file, st, nil
}

// ReadDir lists the folder name, refusing it when it is a link.
func (f *Folder) ReadDir(name string) ([]fs.DirEntry, error) {
	if st, err := f.Lstat(name); err != nil {
		return nil, err
	} else if err := refuse(name, st.Mode(), true); err != nil {
		return nil, err
	}
	return fs.ReadDir(f.fsys, name)
}

// Stat is Lstat: inside a Folder a link is never followed.
func (f *Folder) Stat(name string) (fs.FileInfo, error) { return f.Lstat(name) }

// Lstat describes name without following a link.
func (f *Folder) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: fs.ErrInvalid}
	}
	return f.root.Lstat(name)
}

// ReadLink returns where the link name points.
func (f *Folder) ReadLink(name string) (string, error) { return fs.ReadLink(f.fsys, name) }

// refuse returns why a file of this mode is not read, or nil. Folders
// pass when dirOK is set.
func refuse(name string, mode fs.FileMode, dirOK bool) error {
	var why string
	switch {
	case mode.IsRegular(), dirOK && mode.IsDir():
		return nil
	case mode&fs.ModeSymlink != 0:
		why = "it is a symbolic link: relief reads only real files inside the site's folders, never links (a link can point anywhere on the computer); put the file or folder itself here instead of a link to it"
	case mode.IsDir():
		why = "it is a folder, not a file: rename or move it"
	case mode&fs.ModeNamedPipe != 0:
		why = "it is a named pipe, not a file: relief reads only ordinary files, so remove it from the folder"
	case mode&fs.ModeSocket != 0:
		why = "it is a socket, not a file: relief reads only ordinary files, so remove it from the folder"
	case mode&fs.ModeDevice != 0:
		why = "it is a device, not a file: relief reads only ordinary files, so remove it from the folder"
	default:
		why = "it is not an ordinary file: relief reads only ordinary files, so remove it from the folder"
	}
	return &fs.PathError{Op: "read", Path: name, Err: errors.New(why)}
}
