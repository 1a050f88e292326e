package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/relief-massage/relief/internal/auth"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/editor"
	"github.com/relief-massage/relief/internal/history"
	"github.com/relief-massage/relief/internal/publish"
	"github.com/relief-massage/relief/internal/reload"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// newEditor returns the browser editor for the folders of dirs, serving
// the site current returns and swapping changes in with reload (nil: the
// preview's watcher takes saves up by itself) or, for a site a save has
// built itself, with swap (nil: reload), running onPublish (nil:
// none) after each change. preview is true for relief serve -dev, whose
// saves visitors see only at the site's next update (editor.Options.Preview).
// A history that cannot be opened (a damaged
// .git) is logged with what to do; editing works on without one.
func newEditor(dirs dirFlags, current func() *site.Site, reload func(context.Context) content.Problems, swap func(context.Context, *site.Site) content.Problems, accounts, preview bool, onPublish *publish.Runner, logger *slog.Logger) (http.Handler, error) {
	var hist editor.History
	if dirs.content != "" {
		repo, err := history.Open(dirs.content)
		if err != nil {
			logger.Error("editor: no versions of the pages will be kept", "err", err)
		} else {
			hist = repo // never a nil *history.Repo in the interface
		}
	}
	return editor.New(editor.Options{
		ContentDir: dirs.content,
		Files:      dirs.files, Site: current, Reload: reload, Swap: swap, History: hist, Publish: onPublish, Logger: logger,
		User: func(r *http.Request) string { return auth.User(r.Context()) }, Accounts: accounts, Preview: preview,
	})
}

// hasAccounts reports whether the state folder has editor accounts: the
// editor then asks for a login, and offers "Log out".
func hasAccounts(state string) bool {
	names, err := auth.OpenUsers(state).List()
	return err == nil && len(names) > 0
}

// servedParts is the browser editor of relief serve, as servedEditor
// returns it.
type servedParts struct {
	handler  http.Handler         // nil when the editor is off
	swapInto func(*server.Server) // call with the server once it exists
	err      error
}

// makeEditor makes relief serve's editor (servedEditor) on its own
// goroutine, so that it is made while the site loads, and sends it on the
// channel returned. Opening the content folder's history reads it, and
// the first time commits every file in it: seconds, at thousands of
// pages, that the first page used to wait for. It is made only when the
// editor can be on: a content folder from disk and at least one account
// (guardEditor decides the rest), since relief keeps the history of the
// folder for the editor, and only with the editor on (README, "Every
// version is kept"). Receive from the channel before returning, also when
// the load fails, so that a first commit is never cut off.
func makeEditor(dirs dirFlags, current func() *site.Site, g *lastGood, onPublish *publish.Runner, logger *slog.Logger) <-chan servedParts {
	out := make(chan servedParts, 1)
	if dirs.content == "" || !hasAccounts(g.state) {
		out <- servedParts{swapInto: func(*server.Server) {}}
		return out
	}
	go func() {
		h, swapInto, err := servedEditor(dirs, current, g, onPublish, logger)
		out <- servedParts{h, swapInto, err}
	}()
	return out
}

// servedEditor returns the editor of relief serve (not -dev), for the
// site current returns, before package auth's login is put in front of it
// (auth.New(...).Wrap): saves swap the site in through a reload service of
// their own, which reads the folders at once (no Settle wait, since the
// editor writes whole files in one rename), or takes the site a save has
// already built and checked (reload.Service.Swap), and, like SIGHUP's, makes
// /healthz degraded on a refusal and keeps the last good copy on success.
// swapInto is called with the server once it exists. onPublish (nil:
// none) runs after each change (-on-publish).
func servedEditor(dirs dirFlags, current func() *site.Site, g *lastGood, onPublish *publish.Runner, logger *slog.Logger) (ed http.Handler, swapInto func(*server.Server), err error) {
	var svc *reload.Service
	reloadNow := func(ctx context.Context) content.Problems { return svc.Now(ctx) }
	swap := func(ctx context.Context, st *site.Site) content.Problems { return svc.Swap(ctx, st) }
	ed, err = newEditor(dirs, current, reloadNow, swap, true, false, onPublish, logger) // makeEditor calls it only with accounts
	swapInto = func(srv *server.Server) {
		svc = reload.New(reload.Config{Open: dirs.files, Load: loadSite, Target: srv, Logger: logger, Tries: 3, Settle: 50 * time.Millisecond, Stall: 30 * time.Second,
			Done: func(err error) { reloaded(err, srv, g, logger) }})
	}
	return ed, swapInto, err
}
