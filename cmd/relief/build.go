package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/export"
)

// runBuild writes the whole site as static files (see package export).
func runBuild(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("build", "build -out DIR [-clean] [-content DIR] [-templates DIR] [-static DIR]", stdout, stderr)
	out := fs.String("out", "", "write the site into `DIR` (created if missing; must be empty unless -clean)")
	clean := fs.Bool("clean", false, "replace the export a previous relief build wrote in -out (only that: a folder holding anything else is refused)")
	var dirs dirFlags
	dirs.register(fs)
	if err := parseFlags(fs, args, stdout); err != nil {
		return helpOK(err)
	}
	if *out == "" {
		fs.Usage()
		return usageError{errors.New("build needs -out DIR: the folder to write the site into")}
	}
	start := time.Now()
	// The warnings go out in large writes, not one a line (2,000 for a
	// generated site of 1,000 pages), each batch before what follows it.
	warnings := bufio.NewWriterSize(stderr, 64<<10)
	defer warnings.Flush()
	warn := func(w string) { fmt.Fprintln(warnings, w) }
	dirs.disk = openCache(getenv, warn)
	dirs.disk.MapEntries() // a build looks at a small part of most entries (see cache.Store.MapEntries)
	st, err := dirs.load(ctx, "be built", warn)
	warnings.Flush()
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("relief: stopped before writing anything: %w", context.Cause(ctx))
	}
	opts := export.Options{Clean: *clean, Keep: dirs.keep(), Home: cmp.Or(getenv("HOME"), getenv("USERPROFILE")), Files: dirs.disk}
	n, err := export.Write(ctx, *out, st, opts)
	if errors.Is(err, cache.ErrDamaged) {
		// A page taken from the cache, whose forms are read only when a
		// file needs them, turned out damaged then (the disk changed it):
		// build again, checking every entry as it is read, so that the
		// damaged ones are made anew. The export folder is as it was.
		warn("relief: a page kept in the cache folder was damaged on the disk; building again, checking every page kept there (nothing was written yet)")
		dirs.disk.ReadEntries()
		if st, err = dirs.load(ctx, "be built", func(string) {}); err == nil {
			n, err = export.Write(ctx, *out, st, opts)
		}
	}
	pruneCache(dirs.disk, getenv, warn) // after writing what this build cached, for the next
	warnings.Flush()
	if err != nil {
		return fmt.Errorf("relief: %w", err)
	}
	fmt.Fprintf(stdout, "relief: wrote %d pages (%d files) to %s in %s\n", len(st.Paths()), n, *out, time.Since(start).Round(time.Millisecond))
	return nil
}
