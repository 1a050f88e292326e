package main

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/relief-massage/relief/internal/dev"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// serveDev runs the preview server (serve -dev): the content, templates and
// static folders are read from disk (./content, ./templates and ./static
// unless the flags say otherwise) and watched; every change rebuilds the
// site and reloads the open browser tabs. A mistake in a file shows an
// error page in the browser and in the log; it never stops the server.
//
// The browser editor runs beside it (see guardEditor): with no login on a
// loopback address when the state folder has no accounts, as user.
//
// The pictures' variants go to the same cache as relief serve's
// (dirs.disk, see openCache), so a restarted preview does not make them
// all again.
func serveDev(ctx context.Context, dirs dirFlags, addr, state, user string, ops *opsFlags, hook publishFlags, getenv env, logger *slog.Logger) error {
	cfg := dev.Config{
		Content: cmp.Or(dirs.content, "content"), Templates: cmp.Or(dirs.templates, "templates"), Static: cmp.Or(dirs.static, "static"),
		ContentDir: cmp.Or(dirs.content, "content"), Logger: logger, Disk: dirs.disk,
	}
	for _, d := range []string{cfg.Content, cfg.Templates, cfg.Static} {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			return fmt.Errorf("relief: %s is not a folder: run relief serve -dev in the site's folder (the one with content/, templates/ and static/), or give -content, -templates and -static", d)
		}
	}
	p, err := dev.New(cfg)
	if err != nil {
		return fmt.Errorf("relief: %w", err)
	}
	opts := ops.serverOptions(logger)
	opts.Events = p.Events()
	opts.AllowHost = dev.AllowHost(addr)
	var srv *server.Server
	current := func() *server.Server { return srv }
	setup := editorSetup{content: cfg.ContentDir, state: stateFolder(state, cfg.ContentDir), addr: addr,
		tls: ops.tlsCert != "" || ops.acmeDomain != "", proxied: len(ops.trusted) > 0, dev: true, devUser: user}
	on := dirFlags{content: cfg.Content, templates: cfg.Templates, static: cfg.Static}
	ed, err := newEditor(on, func() *site.Site { return srv.Site() }, nil, nil, hasAccounts(setup.state), true, hook.runner(ctx, cfg.Content, logger), logger) // the preview's watcher takes saves up
	if err != nil {
		return fmt.Errorf("relief: %w", err)
	}
	opts.Editor = guardEditor(setup, ed, current, logger)
	srv = server.New(p.Build(), opts)
	dirs.disk.Flush() // what the first build put in the cache, and all from now on
	go pruneCache(dirs.disk, getenv, func(w string) { logger.Warn(w) })
	if err := p.Start(ctx, srv.Swap); err != nil {
		return fmt.Errorf("relief: cannot watch the folders for changes: %w", err)
	}
	logger.Info("preview: watching for changes", "content", cfg.Content, "templates", cfg.Templates, "static", cfg.Static)
	go gcDevStarted()
	return ops.listenAndServe(ctx, addr, srv, logger)
}
