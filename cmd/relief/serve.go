package main

import (
	"context"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// dirFlags are the -content, -templates and -static flags shared by the
// commands that read a site.
type dirFlags struct {
	content, templates, static string
}

func (d *dirFlags) register(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&d.content, "content", "", "read content from `DIR` instead of the built-in content")
	fs.StringVar(&d.templates, "templates", "", "read templates from `DIR` instead of the built-in templates")
	fs.StringVar(&d.static, "static", "", "read static files from `DIR` instead of the built-in ones")
}

// files returns the folders to read: a directory on disk for each flag
// given, the embedded one otherwise.
func (d *dirFlags) files() (site.Files, error) {
	f := site.Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}
	for _, x := range []struct {
		dir string
		fs  *iofs.FS
	}{{d.content, &f.Content}, {d.templates, &f.Templates}, {d.static, &f.Static}} {
		if x.dir == "" {
			continue
		}
		if st, err := os.Stat(x.dir); err != nil || !st.IsDir() {
			return f, fmt.Errorf("relief: %s is not a folder: check the path", x.dir)
		}
		*x.fs = os.DirFS(x.dir)
	}
	if d.content != "" {
		f.ContentDir = d.content
	}
	return f, nil
}

func runServe(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "serve [-dev] [-addr HOST:PORT] [-content DIR] [-templates DIR] [-static DIR]", stdout, stderr)
	addr := fs.String("addr", "", "listen on `HOST:PORT` (default 127.0.0.1:8080, or $ADDR, or :$PORT)")
	devMode := fs.Bool("dev", false, "preview: read ./content, ./templates and ./static from disk (or the flags), show drafts, rebuild and reload the browser on every change")
	var dirs dirFlags
	dirs.register(fs)
	var ops opsFlags
	ops.register(fs)
	if err := parseFlags(fs, args, stdout); err != nil {
		return helpOK(err)
	}
	logger, closeLog := ops.logger(stderr)
	defer closeLog()
	if *devMode {
		return serveDev(ctx, dirs, listenAddr(*addr, getenv), &ops, logger)
	}
	start := time.Now()
	files, st, err := dirs.load("start", func(w string) { logger.Warn(w) })
	if err != nil {
		return err
	}
	logger.Info("site loaded", "pages", len(st.Paths()), "took", time.Since(start).Round(time.Millisecond))
	go func() {
		<-st.Compressed()
		logger.Info("brotli forms made", "took", time.Since(start).Round(time.Millisecond))
	}()
	srv := server.New(st, ops.serverOptions(logger))
	reloadOnHangup(ctx, files, dirs.fromDisk(), srv, logger)
	return ops.listenAndServe(ctx, listenAddr(*addr, getenv), srv, logger)
}

// load reads and builds the site from the folders the flags name, passing
// each content warning to warn. doing says what the problems prevent, for
// the error: "start", "be built".
func (d *dirFlags) load(doing string, warn func(string)) (site.Files, *site.Site, error) {
	files, err := d.files()
	if err != nil {
		return files, nil, err
	}
	st, err := site.Load(files, site.Options{})
	if err != nil {
		return files, nil, fmt.Errorf("relief: the site cannot %s until these problems are fixed:\n%w", doing, err)
	}
	for _, w := range st.Content.Warnings {
		warn(w.String())
	}
	return files, st, nil
}

// listenAddr picks the address: the flag, then $ADDR, then :$PORT, then
// 127.0.0.1:8080.
func listenAddr(flagAddr string, getenv env) string {
	switch {
	case flagAddr != "":
		return flagAddr
	case getenv("ADDR") != "":
		return getenv("ADDR")
	case getenv("PORT") != "":
		return ":" + getenv("PORT")
	}
	return "127.0.0.1:8080"
}
