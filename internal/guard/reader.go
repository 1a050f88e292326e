package guard

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strings"
	"sync"
	"sync/atomic"
)

// Limits bound what a Reader reads.
type Limits struct {
	// File is the size of the largest file read, in bytes.
	File int64
	// Total is how many bytes all the files read through one Reader may
	// take together; 0 means no limit beyond File.
	Total int64
}

// Reader reads files by the rules of the package comment, counting the
// bytes against its Limits.Total. It is safe for concurrent use; use one
// Reader per load of a site.
//
// A Reader reading a Folder opens each sub-folder it reads a second file
// in once (conditions/, pages/), keeps it open, and opens the files of it
// from there: looking a file up in a folder it has open takes the system one
// step instead of three (the folder, the file, closing the folder), on
// each of the two looks of a file (before opening it and opening it).
// It sees each sub-folder as it was when it first read in it; Close
// closes them. A Reader is made for one load of a site: make a new one
// for the next, so that a sub-folder replaced meanwhile is read anew.
type Reader struct {
	limits Limits
	used   atomic.Int64

	mu   sync.Mutex
	dirs map[folderDir]*os.Root // the sub-folders opened so far
}

// folderDir names a sub-folder of a Folder.
type folderDir struct {
	folder *Folder
	dir    string
}

// NewReader returns a Reader with the given limits.
func NewReader(limits Limits) *Reader { return &Reader{limits: limits} }

// Close closes the sub-folders the Reader keeps open. A Reader not
// closed keeps them until it is collected.
func (r *Reader) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, root := range r.dirs {
		if root != nil {
			root.Close()
		}
	}
	r.dirs = nil
	return nil
}

// ErrTooBig is wrapped by the refusal of a file over Limits.File, and
// ErrBudget by the refusal of a file past Limits.Total.
var (
	ErrTooBig = errors.New("file too big")
	ErrBudget = errors.New("site too big")
)

// tooBig is a refusal that matches ErrTooBig or ErrBudget with errors.Is
// but reads as its message.
type tooBig struct {
	msg  string
	kind error
}

func (e *tooBig) Error() string        { return e.msg }
func (e *tooBig) Is(target error) bool { return target == e.kind }

// ReadFile reads the file name in fsys. It checks the file's type and size
// before opening it (with fs.Lstat, so a link is seen as a link; the file
// of a Folder is looked up as Folder.Open does, which checks its type)
// and again once it is open, then reads at most Limits.File+1 bytes. A
// refusal is a *fs.PathError whose Err says what to do.
func (r *Reader) ReadFile(fsys fs.FS, name string) ([]byte, error) {
	if f, ok := fsys.(*Folder); ok {
		return r.readFolder(f, name)
	}
	st, err := fs.Lstat(fsys, name)
	if err != nil {
		return nil, err
	}
	if err := r.check(name, st); err != nil {
		return nil, err
	}
	if m, ok := fsys.(Memory); ok {
		if data, ok := m.Bytes(name); ok {
			if err := r.spend(name, int64(len(data))); err != nil {
				return nil, err
			}
			return data, nil
		}
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err = f.Stat()
	if err != nil {
		return nil, err
	}
	return r.read(f, name, st)
}

// readFolder is ReadFile of the file name of the Folder f, opened from
// its sub-folder as the Reader keeps it open (see Reader). The checks
// are Folder.Open's: the type before opening and again on the open file.
func (r *Reader) readFolder(f *Folder, name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	root, rel := f.root, name
	if dir, base := path.Split(name); dir != "" {
		sub, err := r.dir(f, strings.TrimSuffix(dir, "/"))
		if err != nil {
			return nil, named(err, name)
		}
		if sub != nil {
			root, rel = sub, base
		}
	}
	file, st, err := openIn(root, rel)
	if err != nil {
		return nil, named(err, name)
	}
	defer file.Close()
	return r.read(file, name, st)
}

// dir returns the sub-folder dir of f, opened on the second call; the
// first returns nil (the file is looked up from the top), so that a
// Reader that reads one file opens no folder.
func (r *Reader) dir(f *Folder, dir string) (*os.Root, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	k := folderDir{f, dir}
	root, seen := r.dirs[k]
	if root != nil || !seen {
		if r.dirs == nil {
			r.dirs = map[folderDir]*os.Root{}
		}
		if !seen {
			r.dirs[k] = nil
		}
		return root, nil
	}
	root, err := f.root.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	r.dirs[k] = root
	return root, nil
}

// named returns err with name, the file's path in its Folder, as the
// path it names (an error from a sub-folder names the file in it).
func named(err error, name string) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: name, Err: pe.Err}
	}
	return err
}

// read checks the open file f (name, described by st) and reads it.
func (r *Reader) read(f io.Reader, name string, st fs.FileInfo) ([]byte, error) {
	if err := r.check(name, st); err != nil {
		return nil, err
	}
	data, err := readAll(f, st.Size(), r.limits.File+1)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if int64(len(data)) > r.limits.File {
		return nil, r.tooBig(name, int64(len(data)))
	}
	if err := r.spend(name, int64(len(data))); err != nil {
		return nil, err
	}
	return data, nil
}

// Memory is a file system that holds its files in memory and never
// changes their bytes once given out (the preview's copy of the content
// folder, see package dev). ReadFile takes a file's bytes from Bytes as
// they are, after the same checks, instead of copying them; whoever reads
// through a Reader must then never change the bytes it gets, which
// content.Load does not.
type Memory interface {
	fs.FS
	// Bytes returns the bytes of the file name, or false when it has
	// none to give (ReadFile then opens and reads it).
	Bytes(name string) ([]byte, bool)
}

// readAll reads at most limit bytes of f into one buffer the size f said
// it has (io.ReadAll starts at 512 bytes and grows, copying, which a load
// of a thousand pages pays a thousand times). A file that grew meanwhile
// is read all the same, up to limit.
func readAll(f io.Reader, size, limit int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, min(max(size, 0), limit)+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(f, limit))
	return buf.Bytes(), err
}

// check refuses what is not an ordinary file or is over the file limit.
func (r *Reader) check(name string, st fs.FileInfo) error {
	if err := refuse(name, st.Mode(), false); err != nil {
		return err
	}
	if st.Size() > r.limits.File {
		return r.tooBig(name, st.Size())
	}
	return nil
}

func (r *Reader) tooBig(name string, size int64) error {
	return &fs.PathError{Op: "read", Path: name, Err: &tooBig{
		msg:  fmt.Sprintf("the file is %s; the limit is %s: is it really a page? Move files that are not pages (videos, archives, images) out of this folder", bytesText(size), bytesText(r.limits.File)),
		kind: ErrTooBig,
	}}
}

// spend takes n bytes from the budget, refusing the file when it runs out.
func (r *Reader) spend(name string, n int64) error {
	if r.limits.Total <= 0 {
		return nil
	}
	if r.used.Add(n) > r.limits.Total {
		return &fs.PathError{Op: "read", Path: name, Err: &tooBig{
			msg:  fmt.Sprintf("the folder's files add up to more than %s, the most relief reads for one site: move what is not a page out of the folder", bytesText(r.limits.Total)),
			kind: ErrBudget,
		}}
	}
	return nil
}

// bytesText writes a size for people: "1,572,864 bytes (1.5 MiB)".
func bytesText(n int64) string {
	if n < 1<<10 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d bytes (%.1f MiB)", n, float64(n)/(1<<20))
}
