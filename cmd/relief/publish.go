package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/relief-massage/relief/internal/publish"
)

// publishFlags are relief serve's -on-publish and -on-publish-timeout.
type publishFlags struct {
	command string
	timeout time.Duration
}

func (p *publishFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&p.command, "on-publish", "", "after each publish from the browser editor, run `COMMAND` with sh -c in the content folder, in the background (e.g. \"git push backup main\"); $RELIEF_CONTENT is the content folder, $RELIEF_CHANGED the changed files, one per line")
	fs.DurationVar(&p.timeout, "on-publish-timeout", publish.DefaultTimeout, "stop the -on-publish command after `DURATION`")
}

// check refuses -on-publish where nothing can be published: the editor
// edits a content folder on disk.
func (p *publishFlags) check(content string, dev bool) error {
	if p.command != "" && content == "" && !dev {
		return fmt.Errorf("relief: -on-publish runs after publishing from the browser editor, which edits a folder: add -content DIR (or use -dev)")
	}
	if p.timeout <= 0 {
		return fmt.Errorf("relief: -on-publish-timeout must be more than zero, for example 2m")
	}
	return nil
}

// runner returns the on-publish runner for the content folder dir, or nil
// without -on-publish.
func (p *publishFlags) runner(ctx context.Context, dir string, logger *slog.Logger) *publish.Runner {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return publish.New(ctx, publish.Options{Command: p.command, Content: dir, Timeout: p.timeout, Logger: logger})
}
