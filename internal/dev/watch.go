package dev

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/relief-massage/relief/internal/guard"
)

// Watcher watches folders and everything below them, including folders
// created later, and the folders themselves being removed or replaced
// (rm -rf content && cp -r backup content; mv content content.old && cp -r
// content.old content; a symlink pointed elsewhere): see checkRoots.
type Watcher struct {
	// Log receives a line when a watched folder disappears and when it is
	// back. NewWatcher sets a logger that discards.
	Log *slog.Logger
	// Poll is how often the watched folders are checked for having been
	// removed or replaced, in case no event said so. NewWatcher sets 200ms.
	Poll time.Duration
	// Grace is how long a file moved away or removed may take to come
	// back before its absence counts (see Run). NewWatcher sets 50ms.
	Grace time.Duration

	fw    *fsnotify.Watcher
	roots []*root
}

// root is one of the folders given to NewWatcher.
type root struct {
	path string
	info os.FileInfo // the folder being watched; nil while it is gone
	// lost is set when the folder being watched was removed or moved
	// away: whatever is at path now is another folder, even when it has
	// the same inode number (ext4 gives a freed number to the next folder
	// made, so rm -rf static && cp -r backup static can look unchanged).
	lost bool
}

// NewWatcher starts watching every folder under each of roots. When it
// returns, changes are being recorded, so a change made right after is
// never missed.
func NewWatcher(roots ...string) (*Watcher, error) {
	w := &Watcher{Log: slog.New(slog.DiscardHandler), Poll: 200 * time.Millisecond, Grace: 50 * time.Millisecond}
	for _, path := range roots {
		st, err := os.Stat(path)
		if err != nil {
			return nil, err
		}
		w.roots = append(w.roots, &root{path: path, info: st})
	}
	fw, err := w.watchRoots()
	if err != nil {
		return nil, err
	}
	w.fw = fw
	return w, nil
}

// watchRoots returns a new fsnotify watcher on every folder under the
// roots that are there.
func (w *Watcher) watchRoots() (*fsnotify.Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	for _, r := range w.roots {
		if r.info == nil {
			continue
		}
		if err := addTree(fw, r.path); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return fw, nil
}

// addTree watches dir and every folder below it. Linux has no recursive
// watch, so each folder is added on its own.
func addTree(fw *fsnotify.Watcher, dir string) error {
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
		if p != dir && guard.Hidden(d.Name()) {
			return fs.SkipDir // .git and editors' folders
		}
		return fw.Add(p)
	})
}

// Run calls onChange with the paths that changed, as soon as events have
// stopped arriving for quiet (a save is a burst of events: write a temp
// file, rename it over the old one, change its mode; editors make the
// whole burst in well under a millisecond, so a few milliseconds of quiet
// coalesce it without the therapist waiting). A file that was there
// before the burst and is gone at its end is given up to Grace to come
// back before the change counts: an editor that moves the old file aside
// and then writes the new one may be paused in between, and a page
// vanishing for one reload would flash a missing page at the therapist.
// onChange runs on Run's goroutine, so calls never overlap. Changes inside
// a watched folder that is gone wait until it is back; then the folder
// itself is among the paths. Run returns when ctx is done.
func (w *Watcher) Run(ctx context.Context, quiet time.Duration, onChange func(paths []string), onError func(error)) {
	defer func() { w.fw.Close() }()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	poll := time.NewTicker(w.Poll)
	defer poll.Stop()
	pending := map[string]*change{}
	note := func(name string, op fsnotify.Op) {
		c := pending[name]
		if c == nil {
			c = &change{created: op.Has(fsnotify.Create)}
			pending[name] = c
		}
		c.at = time.Now()
		timer.Reset(quiet)
	}
	check := func() {
		for _, r := range w.checkRoots(onError) {
			note(r, fsnotify.Write)
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-poll.C:
			check()
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
				if err := addTree(w.fw, ev.Name); err != nil && !errors.Is(err, fs.ErrNotExist) {
					onError(err)
				}
			}
			if w.isRoot(ev.Name) && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				w.lose(ev.Name)
				check()
			}
			note(ev.Name, ev.Op)
		case <-timer.C:
			check()
			if wait := w.missing(pending); wait > 0 {
				timer.Reset(wait)
				continue
			}
			if paths := w.ready(pending); len(paths) > 0 {
				onChange(paths)
			}
		}
	}
}

// change is a path with events waiting to be acted on.
type change struct {
	created bool      // its first event in the burst made it: an editor's temp file
	at      time.Time // its last event
}

// missing returns how much longer to wait for a file that was there
// before the burst, is gone now, and may still come back (see Run), or
// zero when nothing is worth waiting for.
func (w *Watcher) missing(pending map[string]*change) time.Duration {
	var wait time.Duration
	for name, c := range pending {
		if c.created || w.isRoot(name) {
			continue
		}
		left := w.Grace - time.Since(c.at)
		if left <= 0 {
			continue
		}
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			wait = max(wait, left)
		}
	}
	return wait
}

// ready takes out of pending, sorted, the paths that are not inside a
// watched folder that is gone.
func (w *Watcher) ready(pending map[string]*change) []string {
	var paths []string
	for p := range pending {
		if !w.inGoneRoot(p) {
			paths = append(paths, p)
			delete(pending, p)
		}
	}
	slices.Sort(paths)
	return paths
}

// lose notes that the folder watched at the root path was removed or moved
// away (an event on the folder itself said so): the watch on it has ended,
// so checkRoots watches whatever folder is at path now, and rebuilds.
func (w *Watcher) lose(path string) {
	for _, r := range w.roots {
		if r.path == path && r.info != nil {
			r.lost = true
		}
	}
}

// checkRoots looks at every watched folder. One that is gone is logged
// (once), and its changes wait. One that is back, or was replaced by
// another folder of the same name (a different file, or one lost: see
// root.lost), is logged and watched again (with a new
// fsnotify watcher: the old one may still watch the folder that was moved
// away, under the old names); checkRoots returns the paths of those.
func (w *Watcher) checkRoots(onError func(error)) (back []string) {
	for _, r := range w.roots {
		st, err := os.Stat(r.path)
		switch {
		case err != nil || !st.IsDir():
			if r.info != nil {
				r.info = nil
				w.Log.Warn("a watched folder is gone: the preview keeps showing its last version, and watches for it to come back", "folder", r.path)
			}
		case r.info == nil:
			r.info, r.lost = st, false
			w.Log.Info("a watched folder is back: watching it again and rebuilding", "folder", r.path)
			back = append(back, r.path)
		case r.lost || !os.SameFile(r.info, st):
			r.info, r.lost = st, false
			w.Log.Info("a watched folder was replaced: watching the new one and rebuilding", "folder", r.path)
			back = append(back, r.path)
		}
	}
	if back == nil {
		return nil
	}
	fw, err := w.watchRoots()
	if err != nil {
		// Gone again while we walked it, perhaps: try again at the next poll.
		for _, r := range w.roots {
			if slices.Contains(back, r.path) {
				r.info = nil
			}
		}
		onError(err)
		return nil
	}
	w.fw.Close()
	w.fw = fw
	return back
}

func (w *Watcher) isRoot(name string) bool {
	return slices.ContainsFunc(w.roots, func(r *root) bool { return r.path == name })
}

func (w *Watcher) inGoneRoot(name string) bool {
	return slices.ContainsFunc(w.roots, func(r *root) bool { return r.info == nil && within(r.path, name) })
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
