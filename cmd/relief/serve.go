package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"log/slog"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/misses"
	"github.com/relief-massage/relief/internal/reload"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// dirFlags are the -content, -templates and -static flags shared by the
// commands that read a site.
type dirFlags struct {
	content, templates, static string
	disk                       *cache.Store // the cache of earlier runs' work, or nil (see openCache)
	// images makes the pictures' variants for every load of a running
	// server (the start, each reload), so a reload makes none again; nil
	// makes one per load (relief build and check load once).
	images *images.Processor
	// listening, when not nil, is closed once relief serve listens: the
	// compression of the pages waits for it (site.Options.CompressAfter).
	listening <-chan struct{}
}

func (d *dirFlags) register(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&d.content, "content", "", "read content from `DIR` instead of the built-in content")
	fs.StringVar(&d.templates, "templates", "", "read templates from `DIR` instead of the built-in templates")
	fs.StringVar(&d.static, "static", "", "read static files from `DIR` instead of the built-in ones")
}

// files opens the folders to read: a folder on disk for each flag given,
// read through package guard (ordinary files only, no links), the
// embedded one otherwise. Call done when the site is loaded: nothing
// reads the folders after that. Each call opens the folders afresh, so a
// folder replaced on disk is read anew.
func (d *dirFlags) files() (f site.Files, done func(), err error) {
	f = site.Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content", Disk: d.disk, Images: d.images, CompressAfter: d.listening}
	var opened []*guard.Folder
	done = func() {
		for _, o := range opened {
			o.Close()
		}
	}
	for _, x := range []struct {
		dir string
		fs  *iofs.FS
	}{{d.content, &f.Content}, {d.templates, &f.Templates}, {d.static, &f.Static}} {
		if x.dir == "" {
			continue
		}
		folder, err := guard.Open(x.dir)
		if err != nil {
			done()
			return f, func() {}, fmt.Errorf("relief: %w", err)
		}
		opened = append(opened, folder)
		*x.fs = folder
	}
	if d.content != "" {
		f.ContentDir = d.content
	}
	f.BuiltinTemplates = d.templates == ""
	return f, done, nil
}

// keep lists the folders given on the command line, which a build may not
// write into.
func (d *dirFlags) keep() []string {
	var dirs []string
	for _, dir := range []string{d.content, d.templates, d.static} {
		if dir != "" {
			dirs = append(dirs, dir)
		}
	}
	return dirs
}

// serveFlags are relief serve's flags.
type serveFlags struct {
	addr   string
	dev    bool
	state  string
	misses string
	dirs   dirFlags
	ops    opsFlags
	hook   publishFlags // -on-publish
}

// parseServe parses relief serve's command line, and checks that the
// flags go together. The README's commands are tested against it.
func parseServe(args []string, stdout, stderr io.Writer) (*serveFlags, error) {
	f := &serveFlags{}
	fs := newFlags("serve", "serve [-dev] [-addr HOST:PORT] [-content DIR] [-templates DIR] [-static DIR] [-state DIR] [-misses FILE]", stdout, stderr)
	fs.StringVar(&f.addr, "addr", "", "listen on `HOST:PORT` (default 127.0.0.1:8080, or $ADDR, or :$PORT)")
	fs.BoolVar(&f.dev, "dev", false, "preview: read ./content, ./templates and ./static from disk (or the flags), show drafts, rebuild and reload the browser on every change")
	f.dirs.register(fs)
	fs.StringVar(&f.state, "state", "", "keep relief's own files in `DIR`: the last version of the -content, -templates and -static folders that loaded (served when the folders have errors at start-up), and the browser editor's accounts and sessions (default: .relief-state beside the content folder)")
	fs.StringVar(&f.misses, "misses", "", "count the searches that found nothing in `FILE` (the words and the day only), for relief report")
	f.ops.register(fs)
	f.hook.register(fs)
	if err := parseFlags(fs, args, stdout); err != nil {
		return nil, err
	}
	if err := f.ops.check(); err != nil {
		return nil, err
	}
	if err := f.hook.check(f.dirs.content, f.dev); err != nil {
		return nil, err
	}
	return f, nil
}

func runServe(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	f, err := parseServe(args, stdout, stderr)
	if err != nil {
		return helpOK(err)
	}
	dirs, ops := f.dirs, &f.ops
	logger, closeLog := ops.logger(stderr)
	defer closeLog()
	start := time.Now()
	dirs.disk = openCache(getenv, func(w string) { logger.Warn(w) })
	if f.dev {
		return serveDev(ctx, dirs, listenAddr(f.addr, getenv), f.state, cmp.Or(getenv("USER"), "preview"), ops, f.hook, getenv, logger)
	}
	dirs.images = images.NewProcessor(dirs.disk) // one for the start and every reload
	listening := make(chan struct{})
	dirs.listening = listening
	g := newLastGood(dirs, f.state)
	defer g.wait()
	gcLoading(getenv, dirs.disk.Empty())
	var srv *server.Server
	current := func() *server.Server { return srv }
	editing := makeEditor(dirs, func() *site.Site { return srv.Site() }, g, f.hook.runner(ctx, dirs.content, logger), logger)
	st, degraded, err := g.start(ctx, logger)
	ed := <-editing // also when the load failed: a first commit is never cut off
	if err != nil {
		return err
	}
	logger.Info("site loaded", "pages", len(st.Paths()), "took", time.Since(start).Round(time.Millisecond))
	// The start's work that no request waits for begins once the server
	// has answered its first request (or soon after it listens: see
	// afterFirst), so that the way to the first page has the CPUs to itself:
	// the compression of the pages (until a page's gzip form is made it
	// is sent as it is), logging the content's warnings (a thousand generated pages give two thousand,
	// 50-100 ms of CPU), the search index (a search before it is made
	// makes it; gcAfterStart builds it under a memory limit), writing
	// what this start put in the cache, pruning it, and keeping this
	// version as the last good one.
	background := func() {
		close(listening)
		go func() {
			for _, w := range st.Content.Warnings {
				logger.Warn(w.String())
			}
		}()
		go gcAfterStart(getenv, st, logger)
		dirs.disk.Flush()
		go pruneCache(dirs.disk, getenv, func(w string) { logger.Warn(w) })
		g.keepLater(degraded, logger)
	}
	go func() {
		<-st.Compressed()
		logger.Info("brotli forms made", "took", time.Since(start).Round(time.Millisecond))
	}()
	opts := ops.serverOptions(logger)
	if f.misses != "" {
		ml, err := misses.Open(f.misses, time.Now)
		if err != nil {
			return fmt.Errorf("relief: %w", err)
		}
		defer func() {
			if err := ml.Close(); err != nil {
				logger.Error("saving the searches that found nothing", "err", err)
			}
		}()
		opts.Misses = ml
	}
	addr := listenAddr(f.addr, getenv)
	if ed.err != nil {
		return fmt.Errorf("relief: %w", ed.err)
	}
	opts.Editor = guardEditor(editorSetup{content: dirs.content, state: g.state, addr: addr,
		tls: ops.tlsCert != "" || ops.acmeDomain != "", proxied: len(ops.trusted) > 0}, ed.handler, current, logger)
	srv = server.New(st, opts)
	ed.swapInto(srv)
	srv.SetDegraded(degraded)
	r := reload.New(reload.Config{Open: dirs.files, Load: loadSite, Target: srv, Logger: logger, Settle: time.Second, Tries: 5, Stall: 30 * time.Second,
		Done: func(err error) { reloaded(err, srv, g, logger) }})
	reloadOnHangup(ctx, r, logger, dirs.fromDisk())
	after := &afterFirst{work: background}
	err = ops.listenAndServe(ctx, addr, after.handler(srv), logger, after.listening)
	after.stopped()
	return err
}

// reloaded is told how a SIGHUP reload ended: a refusal makes /healthz
// report the server degraded; a success makes it healthy and keeps the
// new version as the last good one.
func reloaded(err error, srv *server.Server, g *lastGood, logger *slog.Logger) {
	if err != nil {
		var list content.Problems
		n := 1
		if errors.As(err, &list) {
			n = list.Count(content.Error)
		}
		srv.SetDegraded(fmt.Sprintf("the last reload was refused because the files on disk have %s (listed in the log); still serving the previous version", plural(n, "error")))
		return
	}
	g.save(logger) // before healthy, so "ok" on /healthz means the copy is kept
	srv.SetDegraded("")
}

// load reads and builds the site from the folders the flags name, passing
// each content warning to warn. doing says what the problems prevent, for
// the error: "start", "be built". It returns as soon as ctx is done.
func (d *dirFlags) load(ctx context.Context, doing string, warn func(string)) (*site.Site, error) {
	files, done, err := d.files()
	if err != nil {
		return nil, err
	}
	defer done()
	st, err := loadSite(ctx, files)
	if ctx.Err() != nil {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("relief: the site cannot %s until these problems are fixed:\n%w", doing, err)
	}
	for _, w := range st.Content.Warnings {
		warn(w.String())
	}
	return st, nil
}

// loadSite is site.Load that gives up waiting when ctx is done, so that
// SIGINT and SIGTERM stop the program promptly whatever the loader is
// doing (a slow disk, a huge tree). The load itself then runs on until it
// ends by itself, its result unused: the process is about to exit, or a
// newer reload has started.
func loadSite(ctx context.Context, files site.Files) (*site.Site, error) {
	return wait(ctx, func() (*site.Site, error) { return site.Load(files, site.Options{}) })
}

// wait runs f on its own goroutine and returns its result, or ctx's error
// as soon as ctx is done.
func wait[T any](ctx context.Context, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		var zero T
		return zero, fmt.Errorf("relief: stopped: %w", context.Cause(ctx))
	}
}

// listenAddr picks the address: the flag, then $ADDR, then :$PORT, then
// 127.0.0.1:8080.
func listenAddr(flagAddr string, getenv env) string {
	switch {
	case flagAddr != "":
		return flagAddr
	case getenv("ADDR") != "":
		return getenv("ADDR")
	case getenv("PORT") != "":
		return ":" + getenv("PORT")
	}
	return "127.0.0.1:8080"
}

// openCache opens the cache of work done by earlier runs (rendered
// Markdown, compressed pages) in the folder cache.Dir picks, or returns
// nil, switching it off, when there is none or it cannot be used; warn
// says why. Results only: every file is still read and checked.
func openCache(getenv env, warn func(string)) *cache.Store {
	dir := cache.Dir(getenv)
	if dir == "" {
		return nil
	}
	version, err := cache.ExecutableVersion()
	if err != nil {
		warn(fmt.Sprintf("relief: working without a cache (cannot read the program file: %v)", err))
		return nil
	}
	st, err := cache.Open(dir, version)
	if err != nil {
		warn(fmt.Sprintf("relief: working without a cache: %v (set RELIEF_CACHE to a folder relief may write to, or RELIEF_CACHE=off)", err))
		return nil
	}
	return st
}

// pruneCache deletes, at most once a day, the cache entries no run has
// used for a month, and the least recently used ones past the size limit
// ($RELIEF_CACHE_MAX_MB, 2 GiB by default): see package cache. It first
// waits until this run's own entries are written. warn reports a limit
// it cannot read.
func pruneCache(disk *cache.Store, getenv env, warn func(string)) {
	if disk == nil {
		return
	}
	maxBytes, err := cache.MaxBytesFrom(getenv)
	if err != nil {
		warn("relief: " + err.Error())
	}
	disk.Wait()
	disk.PruneIfDue(cache.MaxAge, maxBytes)
}
