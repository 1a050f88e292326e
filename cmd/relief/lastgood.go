package main

import (
	"cmp"
	"context"
	"fmt"
	iofs "io/fs"
	"log/slog"
	"path/filepath"
	"sync"
	"time"

	"github.com/relief-massage/relief/internal/reload"
	"github.com/relief-massage/relief/internal/site"
	"github.com/relief-massage/relief/internal/snapshot"
)

// lastGood keeps the last version of the folders on disk that loaded
// without errors in a state folder (see package snapshot), so that a
// restart with a broken edit on disk still serves the site visitors had.
type lastGood struct {
	dirs  dirFlags
	disk  []string // the folders read from disk: "content", "templates", "static"
	state string   // the state folder; "" keeps no snapshot

	saving sync.Mutex     // one save at a time: the start's and a reload's may meet
	later  sync.WaitGroup // the save keepLater began in the background
}

// newLastGood returns the keeper for the folders the flags name. The
// state folder is stateDir, or else .relief-state beside the first folder
// read from disk (beside content/ when -content is given).
func newLastGood(d dirFlags, stateDir string) *lastGood {
	g := &lastGood{dirs: d, state: stateDir}
	for _, x := range []struct{ name, dir string }{{"content", d.content}, {"templates", d.templates}, {"static", d.static}} {
		if x.dir == "" {
			continue
		}
		g.disk = append(g.disk, x.name)
		if g.state == "" {
			g.state = filepath.Join(filepath.Dir(filepath.Clean(x.dir)), ".relief-state")
		}
	}
	return g
}

// folder returns a pointer to the named folder of f.
func folder(f *site.Files, name string) *iofs.FS {
	switch name {
	case "content":
		return &f.Content
	case "templates":
		return &f.Templates
	}
	return &f.Static
}

// save copies the folders on disk again (read through package guard) as
// the last good version: call it after a load from them succeeded.
// Failing to save is logged, never fatal: the site itself is fine.
func (g *lastGood) save(logger *slog.Logger) {
	if g.state == "" || len(g.disk) == 0 {
		return
	}
	g.saving.Lock()
	defer g.saving.Unlock()
	err := func() error {
		files, done, err := g.dirs.files()
		if err != nil {
			return err
		}
		defer done()
		from := map[string]iofs.FS{}
		for _, name := range g.disk {
			from[name] = *folder(&files, name)
		}
		return snapshot.Save(g.state, from, time.Now())
	}()
	if err != nil {
		logger.Warn("cannot keep a copy of this version as the last good one (a restart with broken files would then not start): give -state a folder relief may write", "state", g.state, "error", err)
	}
}

// wait returns once the copy keepLater began in the background is kept.
func (g *lastGood) wait() { g.later.Wait() }

// keepLater keeps what start loaded from the folders as they are as the
// last good version, in the background: reading and copying every file
// again would delay the first page, so a server calls it once it
// listens (the previous copy stays until the new one replaces it whole;
// call wait before exiting). degraded is what start returned: after a
// start that fell back to the last good version it keeps nothing.
func (g *lastGood) keepLater(degraded string, logger *slog.Logger) {
	if degraded == "" {
		g.later.Go(func() { g.save(logger) })
	}
}

// start loads the site for serving (keepLater then keeps what loaded as
// the last good version). When the folders on
// disk have problems, it logs each one and falls back to the last good
// version, returning why the server is degraded (for /healthz). Without
// a last good version it fails as before: there is nothing safe to serve.
func (g *lastGood) start(ctx context.Context, logger *slog.Logger) (*site.Site, string, error) {
	files, done, err := g.dirs.files()
	if err != nil {
		return nil, "", err
	}
	st, err := loadSite(ctx, files)
	done()
	if ctx.Err() != nil {
		return nil, "", cmp.Or(err, ctx.Err()) // stopping: SIGINT or SIGTERM during the load
	}
	if err == nil {
		return st, "", nil
	}
	refused := fmt.Errorf("relief: the site cannot start until these problems are fixed:\n%w", err)
	if len(g.disk) == 0 {
		return nil, "", refused
	}
	folders, saved, serr := snapshot.Open(g.state)
	if serr != nil {
		return nil, "", refused
	}
	for _, name := range g.disk {
		if folders[name] == nil {
			return nil, "", refused
		}
		*folder(&files, name) = folders[name]
	}
	st, lerr := loadSite(ctx, files)
	if lerr != nil {
		return nil, "", refused
	}
	n := reload.LogProblems(err, logger)
	reason := fmt.Sprintf("serving the last good version, saved %s, because the files on disk have %s (listed in the log); fix them and reload",
		saved.Local().Format("2006-01-02 15:04:05"), plural(n, "error"))
	logger.Error("start-up: " + reason)
	return st, reason, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
