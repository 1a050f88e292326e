package dev

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
)

// tree holds the content folder's files in memory, by slash-separated
// path inside the folder. After a change only the changed files are read
// again, so a rebuild of a large site does not read every file.
type tree struct {
	root  string
	files map[string][]byte
	err   error // why the folder could not be read, if it could not
}

func newTree(root string) *tree { return &tree{root: root, files: map[string][]byte{}} }

// readAll reads every file again. Dot-files and dot-folders (editors',
// version control's) are left out, as the content loader ignores them.
func (t *tree) readAll() {
	files := map[string][]byte{}
	t.err = filepath.WalkDir(t.root, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if name != t.root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		files[t.rel(name)] = data
		return nil
	})
	if t.err == nil {
		t.files = files
	}
}

// changed updates the tree after name, a path inside root, changed.
func (t *tree) changed(name string) {
	rel := t.rel(name)
	st, err := os.Stat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		// Removed or renamed away: drop it and, if it was a folder, what
		// was in it.
		delete(t.files, rel)
		for k := range t.files {
			if strings.HasPrefix(k, rel+"/") {
				delete(t.files, k)
			}
		}
	case err != nil, st.IsDir(), rel == ".", t.err != nil:
		t.readAll() // a folder moved in, or a folder we could not read
	case st.Mode().IsRegular() && !hidden(rel):
		if data, err := os.ReadFile(name); err == nil {
			t.files[rel] = data
		} else if errors.Is(err, fs.ErrNotExist) {
			delete(t.files, rel)
		} else {
			t.readAll()
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

// hidden reports whether any element of rel starts with a dot.
func hidden(rel string) bool {
	for _, el := range strings.Split(rel, "/") {
		if strings.HasPrefix(el, ".") {
			return true
		}
	}
	return false
}

// fsys returns files as a file system for the content loader.
func fsys(files map[string][]byte) fs.FS {
	m := make(fstest.MapFS, len(files))
	for name, data := range files {
		m[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return m
}
