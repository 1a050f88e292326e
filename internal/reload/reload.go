package reload

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/site"
)

// Target is what serves the site: server.Server. Swap must replace the
// site in one step.
type Target interface {
	Swap(*site.Site)
}

// Config is what a Service needs. Load, Target and Logger are required.
type Config struct {
	// Open opens the folders afresh; its func is called when the load is
	// done with them. Without Open, Load is given no files (it reads its
	// own, as the preview reads its tree in memory) and the settle check
	// is skipped.
	Open func() (site.Files, func(), error)
	// Load builds and validates the site from files. It returns an error
	// (content.Problems when the content is wrong) and no site when the
	// site must not be served, and returns early when ctx is done. With
	// ErrorPages it may return a site and its problems together.
	Load func(ctx context.Context, files site.Files) (*site.Site, error)
	// ErrorPages is the preview's way of reloading: a site Load returns
	// with problems shows an error page for each broken file, and is
	// served instead of keeping the old site; its problems are logged
	// all the same, and returned. A warning the previous reload logged is
	// not logged again (the preview reloads on every save), and the search
	// index is left to be built on the first search.
	ErrorPages bool
	Target     Target
	Logger     *slog.Logger
	// Settle is how old the newest content file must be before a load,
	// and the wait between tries.
	Settle time.Duration
	// Tries is how many loads a tree that keeps changing gets before the
	// reload is refused; below 1 means 1.
	Tries int
	// Stall is how long a reload runs before it is logged as stalled;
	// zero means never.
	Stall time.Duration
	// Done, when set, is told how each reload ended: nil when its site is
	// now served, else why it was refused. It runs before Now returns.
	Done func(error)
}

// Service reloads the site into its target; see the package doc.
type Service struct {
	cfg Config

	mu      sync.Mutex
	started int             // number of the last reload started
	swapped int             // number of the reload now serving
	busy    bool            // a Request-started reload that has not stalled is running
	pending bool            // a Request came while busy: reload once more after it
	warned  map[string]bool // with ErrorPages: the warnings the last reload logged
}

// New returns a service reloading with cfg.
func New(cfg Config) *Service {
	cfg.Tries = max(cfg.Tries, 1)
	return &Service{cfg: cfg}
}

// Now reloads at once and waits for the result: nil when the new site is
// served (or a newer reload's site is), else every problem that made it
// refuse the reload, while the old site keeps serving.
func (s *Service) Now(ctx context.Context) content.Problems {
	return Problems(s.Reload(ctx))
}

// Reload is Now returning the error itself: nil, content.Problems, or
// another error (a folder that cannot be read, files that kept changing,
// ctx done).
func (s *Service) Reload(ctx context.Context) error {
	_, err := s.reloadN(ctx)
	return err
}

// Swap serves st, a site already built and validated from the folders as
// they now are (the editor's save: the site it checked with the change in
// memory, built as Load builds the public site), as a reload would:
// logged, told to Done, and dropped when a newer reload has swapped in
// first. It reads nothing, so it costs the swap alone; whoever built st
// must make sure no other file changed since (else call Now).
func (s *Service) Swap(ctx context.Context, st *site.Site) content.Problems {
	s.mu.Lock()
	s.started++
	n := s.started
	s.mu.Unlock()
	return Problems(s.reloadNumbered(ctx, n, func(context.Context) (*site.Site, error) { return st, nil }))
}

// Request answers a SIGHUP: it starts a reload in the background, or,
// while one runs that has not stalled, asks for one more after it.
func (s *Service) Request(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.busy {
		s.pending = true
		s.cfg.Logger.Info("SIGHUP: a reload is running; the site is read again when it ends")
		return
	}
	s.busy = true
	go s.loop(ctx)
}

// Problems turns a reload's error into a list of problems: the list
// itself for content.Problems, one error naming err otherwise, nil for
// nil.
func Problems(err error) content.Problems {
	if err == nil {
		return nil
	}
	var list content.Problems
	if errors.As(err, &list) {
		return list
	}
	return content.Problems{{Severity: content.Error, Message: err.Error()}}
}

// LogProblems logs every problem of a failed load, errors as errors and
// warnings as warnings, and returns how many errors there were.
func LogProblems(err error, logger *slog.Logger) int {
	var list content.Problems
	if !errors.As(err, &list) {
		logger.Error(err.Error())
		return 1
	}
	for _, p := range list {
		if p.Severity == content.Error {
			logger.Error(p.String())
		} else {
			logger.Warn(p.String())
		}
	}
	return list.Count(content.Error)
}

// loop reloads until no Request is pending, or until its reload stalls
// and a newer loop takes over.
func (s *Service) loop(ctx context.Context) {
	for {
		n, _ := s.reloadN(ctx)
		s.mu.Lock()
		if s.started != n || !s.busy {
			s.mu.Unlock() // stalled: a newer loop runs, or will
			return
		}
		if !s.pending {
			s.busy = false
			s.mu.Unlock()
			return
		}
		s.pending = false
		s.mu.Unlock()
	}
}

// reloadN reloads, also returning the reload's number.
func (s *Service) reloadN(ctx context.Context) (int, error) {
	s.mu.Lock()
	s.started++
	n := s.started
	s.mu.Unlock()
	return n, s.reloadNumbered(ctx, n, s.loadSettled)
}

// reloadNumbered loads the site with load and swaps it in, as reload n.
func (s *Service) reloadNumbered(ctx context.Context, n int, load func(context.Context) (*site.Site, error)) error {
	start := time.Now()
	if s.cfg.Stall > 0 {
		done := make(chan struct{})
		defer close(done)
		go s.watchdog(ctx, done, n)
	}
	st, err := load(ctx)
	if err != nil && (st == nil || !s.cfg.ErrorPages) {
		s.cfg.Logger.Error("reload refused: still serving the previous version of the site until these problems are fixed")
		LogProblems(err, s.cfg.Logger)
		if s.cfg.Done != nil {
			s.cfg.Done(err)
		}
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if n < s.swapped {
		s.cfg.Logger.Warn("reload finished after a newer one: dropped", "reload", n)
		return nil
	}
	s.swapped = n
	attrs := []any{"reload", n}
	if err != nil {
		attrs = append(attrs, "errors", LogProblems(err, s.cfg.Logger))
	}
	s.logWarnings(st.Content)
	if !s.cfg.ErrorPages {
		go st.IndexSearch()
	}
	s.cfg.Target.Swap(st)
	s.cfg.Logger.Info("site reloaded", append(attrs, "pages", len(st.Paths()), "took", time.Since(start).Round(time.Millisecond))...)
	if s.cfg.Done != nil {
		s.cfg.Done(err)
	}
	return err
}

// logWarnings logs the warnings of cs (none when the site shows only
// error pages), with ErrorPages only those the last reload did not.
func (s *Service) logWarnings(cs *content.Site) {
	if cs == nil {
		return
	}
	warned := map[string]bool{}
	for _, w := range cs.Warnings {
		if !s.warned[w.String()] {
			s.cfg.Logger.Warn(w.String())
		}
		warned[w.String()] = true
	}
	if s.cfg.ErrorPages {
		s.warned = warned
	}
}

// watchdog logs a reload that has not finished after Stall, and lets
// Request start fresh reloads from then on: at once for one that came
// while it ran.
func (s *Service) watchdog(ctx context.Context, done <-chan struct{}, n int) {
	t := time.NewTimer(s.cfg.Stall)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		s.mu.Lock()
		if s.started == n && s.busy {
			s.busy = false // the next Request starts a fresh reload
			if s.pending {
				s.pending, s.busy = false, true
				go s.loop(ctx)
			}
		}
		s.mu.Unlock()
		s.cfg.Logger.Warn("reload is still running: the folders may be on a slow or stuck disk; the site keeps serving, and another SIGHUP starts a fresh reload", "reload", n, "after", s.cfg.Stall)
	}
}

// loadSettled loads the site once its content files have stopped changing.
func (s *Service) loadSettled(ctx context.Context) (*site.Site, error) {
	for try := 1; ; try++ {
		st, changed, err := s.loadOnce(ctx)
		if len(changed) == 0 || ctx.Err() != nil {
			return st, err
		}
		if try >= s.cfg.Tries {
			return nil, fmt.Errorf("these files kept changing while the site was read, so they may be half-written: %s. Write a new file beside the old one and rename it into place (see README.md, \"Deploying\"), then send SIGHUP again", strings.Join(changed, ", "))
		}
		s.cfg.Logger.Info("files changed while the site was read: reading them again", "files", strings.Join(changed, ", "))
		if err := sleep(ctx, s.cfg.Settle); err != nil {
			return nil, err
		}
	}
}

// loadOnce waits until the newest content file is Settle old, loads the
// site and returns the content files that changed meanwhile.
func (s *Service) loadOnce(ctx context.Context) (*site.Site, []string, error) {
	if s.cfg.Open == nil {
		st, err := s.cfg.Load(ctx, site.Files{})
		return st, nil, err
	}
	files, closeFiles, err := s.cfg.Open()
	if err != nil {
		return nil, nil, err
	}
	defer closeFiles()
	before, err := guard.Take(files.Content)
	if err != nil {
		return nil, nil, fmt.Errorf("reading the content folder: %w", err)
	}
	if wait := s.cfg.Settle - time.Since(before.Newest()); wait > 0 {
		if err := sleep(ctx, min(wait, s.cfg.Settle)); err != nil {
			return nil, nil, err
		}
	}
	st, err := s.cfg.Load(ctx, files)
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
