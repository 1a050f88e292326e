package dev

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/reload"
	"github.com/relief-massage/relief/internal/site"
)

// Config says where the preview's folders are.
type Config struct {
	// Content, Templates and Static are folders on disk.
	Content, Templates, Static string
	// ContentDir is how the content folder is named in problems and on
	// error pages, e.g. "content".
	ContentDir string
	// Logger receives the same problems the error pages show.
	Logger *slog.Logger
	// Quiet is how long the folders must stay unchanged before a rebuild;
	// zero means DefaultQuiet.
	Quiet time.Duration
	// Disk is the cache of earlier runs' work, as relief serve has it, or
	// nil: the pictures' variants are kept there, so the first build after
	// a restart takes them from it instead of making every one again.
	Disk *cache.Store
}

// DefaultQuiet is how long the folders must stay unchanged before the
// preview rebuilds. Editors save in a burst of events that lasts well
// under a millisecond (measured: os.WriteFile, a temp file renamed into
// place, vim with and without its backup copy); a few milliseconds more
// cover a save paused by a busy computer, and the therapist does not
// notice them. A file moved aside in the middle of a save gets longer
// (Watcher.Grace).
const DefaultQuiet = 5 * time.Millisecond

// Preview keeps the preview site up to date with the folders on disk. It
// reloads through a reload.Service, like SIGHUP does: the preview only
// supplies the loader (load, reading its tree in memory and making error
// pages for broken files) and the target the site is swapped into; the
// service swaps and reports.
type Preview struct {
	cfg    Config
	log    *slog.Logger
	broker *Broker
	cache  *content.Cache
	reload *reload.Service
	target *target

	// mu is held by load: the state below is touched by one load at a
	// time, whoever asks the reload service for it.
	mu      sync.Mutex
	changed []string          // the files changed since the last load
	all     bool              // read every folder at the next load
	tree    *tree             // the content files as they are on disk
	good    map[string][]byte // the last good bytes of every content file
	used    map[string][]byte // the content the last built site was made from
	built   *site.Site        // the last site that built, before error pages

	scanner  *images.Scanner   // the images folder, read again only where it changed
	images   *images.Processor // each image processed once, whatever is saved
	imagesAt string            // the Digest of the images the last built site shows
}

// target is where the reload service swaps each site in: the server, once
// Start has named it; before that it only keeps the site, for Build.
type target struct {
	mu   sync.Mutex
	swap func(*site.Site)
	last *site.Site
}

// Swap implements reload.Target.
func (t *target) Swap(st *site.Site) {
	t.mu.Lock()
	t.last = st
	swap := t.swap
	t.mu.Unlock()
	if swap != nil {
		swap(st)
	}
}

// New returns a preview of the folders in cfg. Call Build for the first
// site, then Start.
func New(cfg Config) (*Preview, error) {
	for _, d := range []*string{&cfg.Content, &cfg.Templates, &cfg.Static} {
		abs, err := filepath.Abs(*d)
		if err != nil {
			return nil, err
		}
		*d = abs
	}
	cfg.ContentDir = path.Clean(filepath.ToSlash(cfg.ContentDir))
	if cfg.Quiet == 0 {
		cfg.Quiet = DefaultQuiet
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	broker := NewBroker()
	broker.Log = log
	p := &Preview{
		cfg: cfg, log: log, broker: broker, cache: content.NewCache(), target: &target{},
		scanner: new(images.Scanner), images: images.NewProcessor(cfg.Disk),
		all: true, tree: newTree(cfg.Content), good: map[string][]byte{},
	}
	p.reload = reload.New(reload.Config{
		Load: p.load, ErrorPages: true, Target: p.target, Logger: log,
		Done: func(error) { broker.Reload() },
	})
	return p, nil
}

// Events is the handler of /_relief/events.
func (p *Preview) Events() http.Handler { return p.broker }

// Build reads every folder and builds the site. It never fails: when
// something is broken, the returned site shows error pages instead.
func (p *Preview) Build() *site.Site {
	p.mu.Lock()
	p.all = true
	p.mu.Unlock()
	p.reload.Reload(context.Background())
	p.target.mu.Lock()
	defer p.target.mu.Unlock()
	return p.target.last
}

// Start watches the folders until ctx is done. After every change it
// builds the site again, hands it to swap, and tells every open tab to
// reload. When Start returns, changes are being watched; when ctx is done
// the event streams end, so that the HTTP server can shut down.
func (p *Preview) Start(ctx context.Context, swap func(*site.Site)) error {
	w, err := NewWatcher(p.cfg.Content, p.cfg.Templates, p.cfg.Static)
	if err != nil {
		return err
	}
	w.Log = p.log
	p.target.mu.Lock()
	p.target.swap = swap
	p.target.mu.Unlock()
	go func() {
		defer p.broker.Close()
		w.Run(ctx, p.cfg.Quiet, func(paths []string) { _ = p.filesChanged(ctx, paths) },
			func(err error) { p.log.Warn("watching files", "err", err) })
	}()
	return nil
}

// filesChanged rebuilds the site after paths changed, swaps it in and
// tells the tabs to reload. It returns the problems the site shows.
func (p *Preview) filesChanged(ctx context.Context, paths []string) error {
	p.log.Info("files changed: rebuilding", "changed", p.display(paths))
	p.mu.Lock()
	p.changed = append(p.changed, paths...)
	p.mu.Unlock()
	return p.reload.Reload(ctx)
}

// load is the reload service's loader: it builds the site from the files
// changed since the last load, and never fails: the page of a broken file
// (every page, when the whole site is broken) is an error page, and the
// problems come back with the site, for the service to report.
func (p *Preview) load(context.Context, site.Files) (*site.Site, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	paths, all := p.changed, p.all
	p.changed, p.all = nil, false
	st, errs := p.rebuild(paths, all)
	return st, problems(errs)
}

// rebuild builds the site after paths changed (every folder when all),
// with the problems its error pages show.
func (p *Preview) rebuild(paths []string, all bool) (*site.Site, []fileError) {
	full := all || p.built == nil
	for _, name := range paths {
		switch {
		case within(p.cfg.Content, name):
			p.tree.changed(name)
		case within(p.cfg.Templates, name), within(p.cfg.Static, name):
			full = true
		}
	}
	if all {
		p.tree.readAll()
	}
	if p.tree.err != nil {
		return p.siteWide([]fileError{{Path: p.cfg.ContentDir, Message: p.tree.err.Error()}})
	}
	cs, overlay, broken, fatal := p.loadContent()
	if fatal != nil {
		return p.siteWide(fatal)
	}
	built, err := p.render(cs, overlay, full)
	if err != nil {
		return p.siteWide([]fileError{templateError(err, p.cfg.Templates)})
	}
	return p.withErrors(built, cs, broken)
}

// render builds the site from cs, which was loaded from the content files
// in used: it renders only what changed when it can.
func (p *Preview) render(cs *content.Site, used map[string][]byte, full bool) (*site.Site, error) {
	tfs, static := folder(p.cfg.Templates), folder(p.cfg.Static)
	opts := site.Options{Dev: true, Images: p.images}
	changed, pagesOnly := p.changedConditions(used)
	if d := cs.Images.Digest(); d != p.imagesAt {
		p.imagesAt, full = d, true // an image changed: every page may show it
	}
	var st *site.Site
	var err error
	if full || !pagesOnly {
		st, err = site.Build(cs, tfs, static, opts)
	} else {
		st, err = site.Rebuild(p.built, cs, tfs, static, opts, changed)
	}
	if err != nil {
		p.used = nil // build everything next time
		return nil, err
	}
	p.built, p.used = st, used
	return st, nil
}

// changedConditions compares the content now with the content of the last
// build: it returns the changed condition files (as named in problems),
// and whether nothing but condition files changed.
func (p *Preview) changedConditions(used map[string][]byte) (map[string]bool, bool) {
	changed := map[string]bool{}
	only := true
	note := func(rel string) {
		if !strings.HasPrefix(rel, "conditions/") {
			only = false
		}
		changed[p.problemPath(rel)] = true
	}
	for rel, data := range used {
		if old, ok := p.used[rel]; !ok || !bytes.Equal(old, data) {
			note(rel)
		}
	}
	for rel := range p.used {
		if _, ok := used[rel]; !ok {
			note(rel)
		}
	}
	return changed, only
}

func (p *Preview) problemPath(rel string) string { return path.Join(p.cfg.ContentDir, rel) }

// display names changed files relative to the working folder, for logs.
func (p *Preview) display(paths []string) string {
	wd, _ := os.Getwd()
	out := make([]string, len(paths))
	for i, name := range paths {
		if rel, err := filepath.Rel(wd, name); err == nil && !strings.HasPrefix(rel, "..") {
			name = rel
		}
		out[i] = filepath.ToSlash(name)
	}
	return strings.Join(out, " ")
}

// within reports whether name is dir or inside it.
func within(dir, name string) bool {
	return name == dir || strings.HasPrefix(name, dir+string(filepath.Separator))
}

func (p *Preview) static() fs.FS { return folder(p.cfg.Static) }
