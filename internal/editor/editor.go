package editor

import (
	"context"
	"errors"
	"html/template"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/history"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/publish"
	"github.com/relief-massage/relief/internal/site"
)

// History is the content folder's history, as package history keeps it
// (*history.Repo).
type History interface {
	Commit(author, message string, paths ...string) (history.Version, error)
	Log(path string, limit int) ([]history.Version, error)
	File(path, hash string) ([]byte, error)
	Removed() ([]history.Version, error)
}

// Options are what the editor needs. Site and Logger are required.
type Options struct {
	// ContentDir is the content folder on disk, where saves go. Empty: the
	// site is the built-in content, which can be read and previewed but
	// not saved (the editor says so).
	ContentDir string
	// Files opens the folders the site is made from (the content,
	// templates and static folders, read through package guard), afresh
	// on each call, as the reload service does; done closes them.
	// Required.
	Files func() (files site.Files, done func(), err error)
	// Site returns the site being served.
	Site func() *site.Site
	// Reload swaps in the site as the folders now are, and returns its
	// problems (nil: the new site is served): reload.Service.Now.
	Reload func(ctx context.Context) content.Problems
	// Swap, when set, serves a site the editor built itself and returns
	// its problems: reload.Service.Swap. A save then swaps in the site it
	// has just checked, built as the public site is built (no drafts),
	// instead of reading every file again through Reload, and Site must
	// return the public site. Nil: every save calls Reload.
	Swap func(ctx context.Context, st *site.Site) content.Problems
	// History records each save; nil, or one answering
	// history.ErrNotBuilt, keeps none.
	History History
	// User returns the name of the person making the request, for logs
	// and history (auth.User of the request's context). Nil: "editor".
	User func(*http.Request) string
	// Publish runs the -on-publish command after each change that was
	// written and swapped in; the dashboard shows its last failure. Nil:
	// none.
	Publish *publish.Runner
	// Preview is true for relief serve -dev, the preview on the
	// therapist's own computer: a save changes the preview at once, and
	// what visitors see only at the site's next update, and the notice
	// after a save says so. False: the served site, where a save is
	// published at once.
	Preview bool
	// Accounts is true when package auth asks for a login: the pages
	// offer "Log out".
	Accounts bool
	// Logger receives a line for every save, upload and refusal.
	Logger *slog.Logger
	// Now is the clock (the dashboard's review dates, "Reviewed today").
	// Nil: time.Now.
	Now func() time.Time
}

// Editor serves the editor's pages.
type Editor struct {
	opts   Options
	log    *slog.Logger
	pages  map[string]*template.Template
	saving sync.Mutex // one save at a time: see save.go
	// live is the site the last save swapped in itself and the content
	// folder as it was then (live.go); guarded by saving.
	live struct {
		site  *site.Site
		files guard.Snapshot
	}
	// images makes the variants of the content's images for every site
	// the editor builds (a preview, a change handed over), so each image
	// is made once, not on every keystroke or save; see processor.
	images     *images.Processor
	imagesOnce sync.Once

	// loading is held by every load of the content (preview, check,
	// save): one at a time bounds the memory and CPU the editor takes
	// from the public site, and guards the state below.
	loading sync.Mutex
	cache   *content.Cache                            // how each content file parsed: a load re-parses only the changed ones
	shown   *site.Site                                // the last preview built, which the next rebuilds from
	shownAt string                                    // the file that preview changed
	write   func(dir, name string, data []byte) error // guard.WriteFile; tests make it fail
	handler http.Handler
}

// New returns the editor's handler.
func New(opts Options) (http.Handler, error) {
	if opts.Site == nil || opts.Files == nil {
		return nil, errors.New("editor: Options.Site and Options.Files must be set")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.User == nil {
		opts.User = func(*http.Request) string { return "editor" }
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	if opts.Reload == nil {
		opts.Reload = func(context.Context) content.Problems { return nil }
	}
	e := &Editor{opts: opts, log: opts.Logger, pages: pages, write: guard.WriteFile, cache: content.NewCache()}
	e.handler = e.routes()
	return e, nil
}

// ServeHTTP implements http.Handler.
func (e *Editor) ServeHTTP(w http.ResponseWriter, r *http.Request) { e.handler.ServeHTTP(w, r) }

// processor is e.images, made on first use with the folders' disk cache.
func (e *Editor) processor(disk *cache.Store) *images.Processor {
	e.imagesOnce.Do(func() {
		if e.images == nil {
			e.images = images.NewProcessor(disk)
		}
	})
	return e.images
}

// ReadOnly reports whether saves are refused: the built-in content.
func (e *Editor) readOnly() bool { return e.opts.ContentDir == "" }

// slogLevel is the level of a history that is missing: Debug while it is
// not built yet (nothing to see), Error otherwise.
func slogLevel(notBuilt bool) slog.Level {
	if notBuilt {
		return slog.LevelDebug
	}
	return slog.LevelError
}
