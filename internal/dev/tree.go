package dev

import (
	"errors"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
)

// tree holds the content folder's files in memory, by slash-separated
// path inside the folder. After a change only the changed files are read
// again, so a rebuild of a large site does not read every file.
//
// Files are read through package guard, as every command reads them: only
// the files the content loader reads (content.Reads) are read at all, so a
// video dropped into the folder costs nothing; a link, a pipe or a file too
// big is kept as a refusal, which the loader reports as a problem in that
// file, exactly as relief check does.
type tree struct {
	root    string
	files   map[string][]byte // the files the loader reads
	others  map[string]bool   // files the loader only lists, to warn they are ignored
	refused map[string]error  // files the loader would read but guard refuses
	err     error             // why the folder could not be read, if it could not
}

func newTree(root string) *tree {
	return &tree{root: root, files: map[string][]byte{}, others: map[string]bool{}, refused: map[string]error{}}
}

// readAll reads every file again. Dot-files and dot-folders (editors',
// version control's) are left out, as the content loader ignores them.
func (t *tree) readAll() {
	next := newTree(t.root)
	folder, err := guard.Open(t.root)
	if err != nil {
		t.err = err
		return
	}
	defer folder.Close()
	r := newReader(content.MaxSiteSize)
	defer r.Close()
	t.err = fs.WalkDir(folder, ".", func(rel string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if guard.Hidden(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			next.read(folder, r, rel)
		}
		return nil
	})
	if t.err == nil {
		t.files, t.others, t.refused = next.files, next.others, next.refused
	}
}

// newReader reads content files as content.Load does.
func newReader(total int64) *guard.Reader {
	return guard.NewReader(guard.Limits{File: content.MaxFileSize, Total: total})
}

// read reads rel into the tree, or notes it as another file or a refusal.
func (t *tree) read(folder fs.FS, r *guard.Reader, rel string) {
	delete(t.files, rel)
	delete(t.others, rel)
	delete(t.refused, rel)
	if !content.Reads(rel) {
		t.others[rel] = true
		return
	}
	data, err := r.ReadFile(folder, rel)
	switch {
	case err == nil:
		t.files[rel] = data
	case !errors.Is(err, fs.ErrNotExist):
		t.refused[rel] = err
	}
}

// changed updates the tree after name, a path inside root, changed.
func (t *tree) changed(name string) {
	rel := t.rel(name)
	if rel == "." || t.err != nil || hidden(rel) {
		if !hidden(rel) {
			t.readAll()
		}
		return
	}
	folder, err := guard.Open(t.root)
	if err != nil {
		t.readAll()
		return
	}
	defer folder.Close()
	st, err := folder.Lstat(rel)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Removed or renamed away: drop it and, if it was a folder, what
		// was in it.
		t.forget(rel)
	case err != nil, st.IsDir():
		t.readAll() // a folder moved in, or a folder we could not read
	default:
		r := newReader(0)
		defer r.Close()
		t.read(folder, r, rel)
	}
}

// forget drops rel and everything under it.
func (t *tree) forget(rel string) {
	for k := range t.others {
		if k == rel || strings.HasPrefix(k, rel+"/") {
			delete(t.others, k)
		}
	}
	for k := range t.files {
		if k == rel || strings.HasPrefix(k, rel+"/") {
			delete(t.files, k)
		}
	}
	for k := range t.refused {
		if k == rel || strings.HasPrefix(k, rel+"/") {
			delete(t.refused, k)
		}
	}
}

func (t *tree) rel(name string) string {
	rel, err := filepath.Rel(t.root, name)
	if err != nil {
		return filepath.ToSlash(name)
	}
	return filepath.ToSlash(rel)
}

// hidden reports whether any element of rel is hidden (guard.Hidden).
func hidden(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if guard.Hidden(el) {
			return true
		}
	}
	return false
}

// fsys returns the content files as a file system for the content loader:
// the files to read with their bytes, the others empty (the loader only
// lists them), and each refused file answering every open with its
// refusal, so the loader reports it.
func fsys(files map[string][]byte, others map[string]bool, refused map[string]error) fs.FS {
	m := make(fstest.MapFS, len(files)+len(others)+len(refused))
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	for name := range others {
		m[name] = &fstest.MapFile{Mode: 0o644}
	}
	for name := range refused {
		m[name] = &fstest.MapFile{Mode: 0o644}
	}
	return refusingFS{m, refused}
}

// refusingFS is a MapFS in which some files cannot be opened.
type refusingFS struct {
	fstest.MapFS
	refused map[string]error
}

func (f refusingFS) Open(name string) (fs.File, error) {
	if err := f.refused[name]; err != nil {
		return nil, err
	}
	return f.MapFS.Open(name)
}

func (f refusingFS) Lstat(name string) (fs.FileInfo, error) {
	if err := f.refused[name]; err != nil {
		return nil, err
	}
	return f.MapFS.Lstat(name)
}

func (f refusingFS) Stat(name string) (fs.FileInfo, error) { return f.Lstat(name) }

// Bytes implements guard.Memory: the loader reads the tree's bytes
// without copying them, and the content cache sees at once that a file is
// the one it parsed (the same bytes at the same address).
func (f refusingFS) Bytes(name string) ([]byte, bool) {
	if mf := f.MapFS[name]; mf != nil && f.refused[name] == nil && mf.Mode.IsRegular() {
		return mf.Data, true
	}
	return nil, false
}

func (f refusingFS) ReadFile(name string) ([]byte, error) {
	if err := f.refused[name]; err != nil {
		return nil, err
	}
	return f.MapFS.ReadFile(name)
}

// folder returns the folder dir on disk read through package guard, or a
// file system whose every open fails with why it cannot be opened.
func folder(dir string) fs.FS {
	f, err := guard.Open(dir)
	if err != nil {
		return failingFS{err}
	}
	return f // closed when collected (os.Root's finalizer)
}

// failingFS is a folder that could not be opened.
type failingFS struct{ err error }

func (f failingFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: path.Clean(name), Err: f.err}
}
