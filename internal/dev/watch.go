package dev

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher watches folders and everything below them, including folders
// created later.
type Watcher struct {
	fw *fsnotify.Watcher
}

// NewWatcher starts watching every folder under each of roots. When it
// returns, changes are being recorded, so a change made right after is
// never missed.
func NewWatcher(roots ...string) (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{fw: fw}
	for _, root := range roots {
		if err := w.addTree(root); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder below it. Linux has no recursive
// watch, so each folder is added on its own.
func (w *Watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p != dir {
				return nil // removed while we walked
			}
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return fs.SkipDir // .git and editors' folders
		}
		return w.fw.Add(p)
	})
}

// Run calls onChange with the paths that changed, once events have stopped
// arriving for quiet (a save is often a burst: write a temp file, rename
// it, change its mode). onChange runs on Run's goroutine, so calls never
// overlap. Run returns when ctx is done.
func (w *Watcher) Run(ctx context.Context, quiet time.Duration, onChange func(paths []string), onError func(error)) {
	defer w.fw.Close()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	pending := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fw.Errors:
			if !ok {
				return
			}
			onError(err)
		case ev, ok := <-w.fw.Events:
			if !ok {
				return
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				// A new folder (or one renamed into place): watch it too. Files
				// created in it before the watch began are caught by the
				// rebuild, which reads the whole tree.
				if err := w.addTree(ev.Name); err != nil && !errors.Is(err, fs.ErrNotExist) {
					onError(err)
				}
			}
			pending[ev.Name] = true
			timer.Reset(quiet)
		case <-timer.C:
			paths := make([]string, 0, len(pending))
			for p := range pending {
				paths = append(paths, p)
			}
			clear(pending)
			slices.Sort(paths)
			onChange(paths)
		}
	}
}

// ignored reports whether name is an editor's temporary file, whose
// changes never matter: vim's swap files and its "4913" probe, Emacs'
// lock and autosave files, and backups ending in "~".
func ignored(name string) bool {
	base := filepath.Base(name)
	switch {
	case base == "4913",
		strings.HasSuffix(base, "~"),
		strings.HasPrefix(base, ".#"),
		strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swx"), strings.HasSuffix(base, ".swo"):
		return true
	}
	return false
}
