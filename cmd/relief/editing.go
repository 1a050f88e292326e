package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/editor"
	"github.com/relief-massage/relief/internal/history"
	"github.com/relief-massage/relief/internal/site"
)

// newEditor returns the browser editor for the folders of dirs, serving
// the site current returns and swapping changes in with reload (nil: the
// preview's watcher takes saves up by itself).
func newEditor(dirs dirFlags, current func() *site.Site, reload func(context.Context) content.Problems, logger *slog.Logger) (http.Handler, error) {
	var hist editor.History
	if dirs.content != "" {
		repo, err := history.Open(dirs.content)
		if err != nil {
			logger.Debug("editor: no history of the content folder", "err", err)
		}
		hist = repo
	}
	return editor.New(editor.Options{
		ContentDir: dirs.content, StaticDir: dirs.static,
		Files: dirs.files, Site: current, Reload: reload, History: hist, Logger: logger,
	})
}

// loopback reports whether addr listens on this computer only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
