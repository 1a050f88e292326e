package editor

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"
	"testing/fstest"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/site"
)

// changes are the files one action of the editor writes (new bytes) or
// removes (nil), by slash-separated path inside the content folder: a
// restore writes one file, a delete removes one, a rename does both. Save
// (save.go) is the one-file case with its own form; the actions of
// history.go, delete.go, rename.go and settings.go go through apply.
type changes map[string][]byte

// paths are the changed paths, sorted.
func (c changes) paths() []string {
	ps := make([]string, 0, len(c))
	for p := range c {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// edited is the content folder as it would be with changes applied: what
// the site is checked against before anything is written.
type edited struct {
	base fs.FS
	c    changes
}

func (o edited) file(name string) (fstest.MapFS, bool) {
	data, ok := o.c[name]
	if !ok {
		return nil, false
	}
	return fstest.MapFS{name: {Data: data, Mode: 0o644, ModTime: time.Now()}}, true
}

// Open implements fs.FS.
func (o edited) Open(name string) (fs.File, error) {
	if m, ok := o.file(name); ok {
		if o.c[name] == nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
		return m.Open(name)
	}
	return o.base.Open(name)
}

// Stat implements fs.StatFS.
func (o edited) Stat(name string) (fs.FileInfo, error) {
	if m, ok := o.file(name); ok {
		if o.c[name] == nil {
			return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
		}
		return m.Stat(name)
	}
	return fs.Stat(o.base, name)
}

// ReadDir implements fs.ReadDirFS: the base's entries, without the removed
// files, with the written ones.
func (o edited) ReadDir(name string) ([]fs.DirEntry, error) {
	ents, err := fs.ReadDir(o.base, name)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	for p, data := range o.c {
		if path.Dir(p) != name {
			continue
		}
		ents = slices.DeleteFunc(ents, func(d fs.DirEntry) bool { return d.Name() == path.Base(p) })
		if data != nil {
			m, _ := o.file(p)
			mine, err := m.ReadDir(name)
			if err != nil {
				return nil, err
			}
			ents = append(ents, mine...)
		}
	}
	if err != nil && len(ents) == 0 {
		return nil, err
	}
	slices.SortFunc(ents, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return ents, nil
}

// checkChanges loads the whole content tree of files with c applied, as
// a save does (loadTree). The site is nil when there are errors; problems
// lists every problem found.
func (e *Editor) checkChanges(files site.Files, c changes) (*content.Site, content.Problems, error) {
	return e.loadTree(files, edited{files.Content, c})
}

// apply writes c to the content folder (each file atomically, as a save
// does; removals last, so a failed write removes nothing), swaps the site
// in (live.go; cs is the content checked with c applied), records one
// commit with message and starts the on-publish command, as the action j
// begun.
func (e *Editor) apply(ctx context.Context, user, message string, j *job, cs *content.Site, c changes) error {
	var removed []string
	for _, p := range c.paths() {
		if c[p] == nil {
			removed = append(removed, p)
			continue
		}
		if err := e.write(e.opts.ContentDir, p, c[p]); err != nil {
			return err
		}
	}
	for _, p := range removed {
		if err := removeFile(e.opts.ContentDir, p); err != nil {
			return err
		}
	}
	e.loading.Lock()
	e.shown = nil // a removed or moved file: the next preview builds afresh
	e.loading.Unlock()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if ps := e.goLive(ctx, j.files, cs, c.paths(), j.before); ps.Count(content.Error) > 0 {
		e.log.Error("editor: changed, but the site was not reloaded", "user", user, "paths", c.paths(), "problems", ps.Error())
	}
	e.record(user, message, c.paths()...)
	return nil
}

// removeFile removes name, a slash-separated path inside dir, through
// os.Root (name cannot leave dir), and syncs the folder so the removal
// survives a power cut. A file already gone is not an error.
func removeFile(dir, name string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("cannot open the folder %s to remove %s: %w", dir, name, err)
	}
	defer root.Close()
	if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot remove %s: %w", name, err)
	}
	d, err := root.Open(path.Dir(name))
	if err != nil {
		return nil
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}
