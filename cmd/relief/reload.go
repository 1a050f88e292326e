package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// reload loads the site from files again and swaps it into srv. A site
// with errors is refused: every problem is logged, the error returned, and
// srv keeps serving the site it had. Requests never see a half-built site.
func reload(files site.Files, srv *server.Server, logger *slog.Logger) error {
	start := time.Now()
	st, err := site.Load(files, site.Options{})
	if err != nil {
		logger.Error("reload refused: still serving the previous version of the site until these problems are fixed")
		var list content.Problems
		if !errors.As(err, &list) {
			logger.Error(err.Error())
			return err
		}
		for _, p := range list {
			if p.Severity == content.Error {
				logger.Error(p.String())
			} else {
				logger.Warn(p.String())
			}
		}
		return err
	}
	for _, w := range st.Content.Warnings {
		logger.Warn(w.String())
	}
	srv.Swap(st)
	logger.Info("site reloaded", "pages", len(st.Paths()), "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// reloadOnHangup makes SIGHUP reload the site (see reload) until ctx is
// done. It listens before it returns, so a SIGHUP never kills the server.
// With the built-in folders there is nothing to re-read, and it says so.
func reloadOnHangup(ctx context.Context, files site.Files, fromDisk bool, srv *server.Server, logger *slog.Logger) {
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
					logger.Info("SIGHUP: the site is built into the binary, so there is nothing to re-read (serve with -content DIR to reload from a folder)")
					continue
				}
				logger.Info("SIGHUP: reloading the site")
				reload(files, srv, logger)
			}
		}
	}()
}

// fromDisk reports whether any folder is read from disk, and so can
// change while the server runs.
func (d *dirFlags) fromDisk() bool { return d.content != "" || d.templates != "" || d.static != "" }
