package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// reloader reloads the site from its folders into srv (kill -HUP).
//
// It reads settled files only: before loading it waits until the newest
// content file is settle old, and after loading it checks that no content
// file changed while it read them; if one did, it waits and tries again,
// and after a few tries refuses the reload, naming the files.
//
// SIGHUPs that arrive while a reload runs are folded into one more reload
// after it. A reload that runs longer than stall is logged as stalled and
// no longer holds the next SIGHUP back: that one starts a fresh reload at
// once. The newest reload that succeeds wins; an older one finishing later
// is dropped.
type reloader struct {
	open   func() (site.Files, func(), error) // opens the folders afresh, so a replaced folder is read anew
	srv    *server.Server
	logger *slog.Logger
	settle time.Duration // how old the newest file must be; and the wait between tries
	tries  int           // loads before a tree that keeps changing is refused
	stall  time.Duration // a reload running this long is logged as stalled
	// done, when set, is told how each reload ended: nil when its site is
	// now served, else why it was refused (see runServe: /healthz and the
	// last good version).
	done func(error)

	mu      sync.Mutex
	started int  // number of the last reload started
	swapped int  // number of the reload now serving
	busy    bool // a reload that has not stalled is running: SIGHUPs wait for it
	pending bool // a SIGHUP came while busy: reload once more after it
}

// hangup answers one SIGHUP: it starts a reload, or, while one runs that
// has not stalled, asks for one more after it.
func (r *reloader) hangup(ctx context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.busy {
		r.pending = true
		r.logger.Info("SIGHUP: a reload is running; the site is read again when it ends")
		return
	}
	r.busy = true
	go r.loop(ctx)
}

// loop reloads until no SIGHUP is pending, or until its reload stalls and
// a newer loop takes over.
func (r *reloader) loop(ctx context.Context) {
	for {
		n, _ := r.reloadN(ctx)
		r.mu.Lock()
		if r.started != n || !r.busy {
			r.mu.Unlock() // stalled: a newer loop runs, or will
			return
		}
		if !r.pending {
			r.busy = false
			r.mu.Unlock()
			return
		}
		r.pending = false
		r.mu.Unlock()
	}
}

// reload loads the site again and swaps it into srv. A site with errors is
// refused: every problem is logged, the error returned, and srv keeps
// serving the site it had. Requests never see a half-built site.
func (r *reloader) reload(ctx context.Context) error {
	_, err := r.reloadN(ctx)
	return err
}

// reloadN is reload, also returning the reload's number.
func (r *reloader) reloadN(ctx context.Context) (int, error) {
	r.mu.Lock()
	r.started++
	n := r.started
	r.mu.Unlock()
	err := r.reloadNumbered(ctx, n)
	return n, err
}

func (r *reloader) reloadNumbered(ctx context.Context, n int) error {
	start := time.Now()
	done := make(chan struct{})
	defer close(done)
	go r.watchdog(ctx, done, n)
	st, err := r.loadSettled(ctx)
	if err != nil {
		r.refused(err)
		if r.done != nil {
			r.done(err)
		}
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if n < r.swapped {
		r.logger.Warn("reload finished after a newer one: dropped", "reload", n)
		return nil
	}
	r.swapped = n
	for _, w := range st.Content.Warnings {
		r.logger.Warn(w.String())
	}
	go st.IndexSearch()
	r.srv.Swap(st)
	r.logger.Info("site reloaded", "reload", n, "pages", len(st.Paths()), "took", time.Since(start).Round(time.Millisecond))
	if r.done != nil {
		r.done(nil)
	}
	return nil
}

// watchdog logs a reload that has not finished after r.stall, and lets
// SIGHUPs start fresh reloads from then on: at once for one that came
// while it ran.
func (r *reloader) watchdog(ctx context.Context, done <-chan struct{}, n int) {
	select {
	case <-done:
	case <-time.After(r.stall):
		r.mu.Lock()
		if r.started == n && r.busy {
			r.busy = false // the next SIGHUP starts a fresh reload
			if r.pending {
				r.pending, r.busy = false, true
				go r.loop(ctx)
			}
		}
		r.mu.Unlock()
		r.logger.Warn("reload is still running: the folders may be on a slow or stuck disk; the site keeps serving, and another SIGHUP starts a fresh reload", "reload", n, "after", r.stall)
	}
}

// loadSettled loads the site once its content files have stopped changing.
func (r *reloader) loadSettled(ctx context.Context) (*site.Site, error) {
	for try := 1; ; try++ {
		st, changed, err := r.loadOnce(ctx)
		if len(changed) == 0 || ctx.Err() != nil {
			return st, err
		}
		if try >= r.tries {
			return nil, fmt.Errorf("these files kept changing while the site was read, so they may be half-written: %s. Write a new file beside the old one and rename it into place (see README.md, \"Deploying\"), then send SIGHUP again", strings.Join(changed, ", "))
		}
		r.logger.Info("files changed while the site was read: reading them again", "files", strings.Join(changed, ", "))
		if err := sleep(ctx, r.settle); err != nil {
			return nil, err
		}
	}
}

// loadOnce waits until the newest content file is r.settle old, loads the
// site and returns the content files that changed meanwhile.
func (r *reloader) loadOnce(ctx context.Context) (*site.Site, []string, error) {
	files, closeFiles, err := r.open()
	if err != nil {
		return nil, nil, err
	}
	defer closeFiles()
	before, err := guard.Take(files.Content)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the content folder: %w", err)
	}
	if wait := r.settle - time.Since(before.Newest()); wait > 0 {
		if err := sleep(ctx, min(wait, r.settle)); err != nil {
			return nil, nil, err
		}
	}
	st, err := loadSite(ctx, files)
	// A half-written file can make the load fail or succeed: compare
	// either way.
	after, serr := guard.Take(files.Content)
	if serr != nil {
		return nil, nil, fmt.Errorf("reading the content folder: %w", serr)
	}
	changed := before.Changed(after)
	for i, name := range changed {
		changed[i] = files.ContentDir + "/" + name
	}
	return st, changed, err
}

// refused logs why a reload was refused, one problem a line.
func (r *reloader) refused(err error) {
	r.logger.Error("reload refused: still serving the previous version of the site until these problems are fixed")
	logProblems(err, r.logger)
}

// sleep waits for d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// reloadOnHangup makes SIGHUP reload the site (see reloader) until ctx is
// done. It listens before it returns, so a SIGHUP never kills the server.
// With the built-in folders there is nothing to re-read, and it says so.
func reloadOnHangup(ctx context.Context, r *reloader, fromDisk bool) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		for {
			select {
			case <-ctx.Done():
				return
			case <-hup:
				if !fromDisk {
					r.logger.Info("SIGHUP: the site is built into the binary, so there is nothing to re-read (serve with -content DIR to reload from a folder)")
					continue
				}
				r.logger.Info("SIGHUP: reloading the site")
				r.hangup(ctx)
			}
		}
	}()
}

// fromDisk reports whether any folder is read from disk, and so can
// change while the server runs.
func (d *dirFlags) fromDisk() bool { return d.content != "" || d.templates != "" || d.static != "" }
