package editor

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/site"
)

// overlay is the content folder as it would be with one file's text
// replaced (or added): the preview's and the save's view of a change that
// is not on disk. Every other file is read from base.
type overlay struct {
	base fs.FS
	name string // slash-separated path inside the folder
	file fstest.MapFS
}

func newOverlay(base fs.FS, name string, text []byte) overlay {
	return overlay{base: base, name: name, file: fstest.MapFS{name: {Data: text, Mode: 0o644, ModTime: time.Now()}}}
}

// Open implements fs.FS.
func (o overlay) Open(name string) (fs.File, error) {
	if name == o.name {
		return o.file.Open(name)
	}
	return o.base.Open(name)
}

// Stat implements fs.StatFS.
func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if name == o.name {
		return o.file.Stat(name)
	}
	return fs.Stat(o.base, name)
}

// ReadDir implements fs.ReadDirFS: the base's entries, with the file in
// its folder.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	ents, err := fs.ReadDir(o.base, name)
	if name != path.Dir(o.name) {
		return ents, err
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	mine, err := o.file.ReadDir(name)
	if err != nil {
		return nil, err
	}
	ents = slices.DeleteFunc(ents, func(d fs.DirEntry) bool { return d.Name() == path.Base(o.name) })
	ents = append(ents, mine...)
	slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return ents, nil
}

// loadWith loads the whole content tree of files with f's file replaced
// by text (f composed, or a whole text from the conflict view): what the
// site would be if it were saved. The site is nil when the change (or any
// other file) has errors; problems lists every problem found, errors and
// warnings, the form's own (a required field left empty) first.
func (e *Editor) loadWith(files site.Files, f *form, text []byte) (*content.Site, content.Problems, error) {
	_, fieldAt, _ := f.compose()
	if ps := f.missing(fieldAt); ps != nil {
		return nil, ps, nil
	}
	return e.loadTree(files, newOverlay(files.Content, f.Target.Path, text))
}

// loadTree loads tree as the content folder (files' content with a change
// laid over it), one load at a time, through the editor's content cache.
// The site is nil when there are errors; problems lists every problem.
func (e *Editor) loadTree(files site.Files, tree fs.FS) (*content.Site, content.Problems, error) {
	e.loading.Lock()
	defer e.loading.Unlock()
	cs, err := content.Load(tree, content.Options{URLs: route.Names{}, Static: files.Static, Now: e.opts.Now(), Cache: e.cache})
	var problems content.Problems
	switch {
	case errors.As(err, &problems):
		return nil, problems, nil
	case err != nil:
		return nil, nil, err
	}
	return cs, cs.Warnings, nil
}

// render builds the site of cs, loaded with t's file changed, with
// drafts shown, for the preview. After the first it rebuilds from the last
// preview (site.Rebuild), re-rendering only what a change to t's file and
// to the file the last preview changed can touch; the home page, a plain
// page or site.yaml mean a full build.
func (e *Editor) render(files site.Files, cs *content.Site, t target) (*site.Site, error) {
	e.loading.Lock()
	defer e.loading.Unlock()
	opts := site.Options{Dev: true, NoLiveReload: true, Images: e.processor(files.Disk)}
	var st *site.Site
	var err error
	if e.shown == nil || t.Kind != content.KindCondition || e.shownAt == "" {
		st, err = site.Build(cs, files.Templates, files.Static, opts)
	} else {
		changed := map[string]bool{t.Path: true, e.shownAt: true}
		st, err = site.Rebuild(e.shown, cs, files.Templates, files.Static, opts, changed)
	}
	if err != nil {
		e.shown = nil
		return nil, err
	}
	e.shown, e.shownAt = st, ""
	if t.Kind == content.KindCondition {
		e.shownAt = t.Path
	}
	return st, nil
}

// readFile reads t's file from the content folder of files; a file that
// does not exist reads as nil, without error.
func readFile(files site.Files, t target) ([]byte, error) {
	data, err := guard.NewReader(guard.Limits{File: content.MaxFileSize}).ReadFile(files.Content, t.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// withBase gives f the bytes of its file when the form was opened from
// them (the file is still at the form's version), so that compose keeps
// the file's format and comments.
func withBase(files site.Files, f *form) {
	if f.Base != nil || f.Version == "" {
		return
	}
	if data, err := readFile(files, f.Target); err == nil && data != nil && version(data) == f.Version {
		f.Base = data
	}
}

// open opens the folders for one request; when they cannot be opened it
// says so to the therapist and returns false.
func (e *Editor) open(w http.ResponseWriter, r *http.Request) (site.Files, func(), bool) {
	files, done, err := e.opts.Files()
	if err != nil {
		e.refuse(w, r, http.StatusInternalServerError, "The site's folders cannot be read", err)
		return files, nil, false
	}
	return files, done, true
}
