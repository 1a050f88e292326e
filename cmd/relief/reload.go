package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/relief-massage/relief/internal/reload"
)

// reloadOnHangup makes SIGHUP reload the site (see internal/reload) until ctx is
// done. It listens before it returns, so a SIGHUP never kills the server.
// With the built-in folders there is nothing to re-read, and it says so.
// Windows has no SIGHUP (the signal is never delivered there): a server
// reading folders from disk takes up changes through the editor, which
// reloads after every save, or relief dev; otherwise restart it.
func reloadOnHangup(ctx context.Context, r *reload.Service, logger *slog.Logger, fromDisk bool) {
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
				r.Request(ctx)
			}
		}
	}()
}

// fromDisk reports whether any folder is read from disk, and so can
// change while the server runs.
func (d *dirFlags) fromDisk() bool { return d.content != "" || d.templates != "" || d.static != "" }
