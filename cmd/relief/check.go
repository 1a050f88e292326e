package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/site"
)

// runCheck validates a site and prints which folders it checked, every
// problem, then a summary. It fails (exit status 1) when there are errors,
// or with -strict any problem at all.
//
// What it checks is what the therapist means: run in the site's folder, it
// checks ./content, ./templates and ./static there (each flag overrides
// its folder); only where there is no ./content folder, or with -built-in,
// does it check the copy built into the program.
func runCheck(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check [-content DIR] [-templates DIR] [-static DIR] [-built-in] [-strict]", stdout, stderr)
	var dirs dirFlags
	fs.StringVar(&dirs.content, "content", "", "check the content in `DIR` (default: ./content when it exists, else the built-in content)")
	fs.StringVar(&dirs.templates, "templates", "", "check the templates in `DIR` (default: ./templates when it exists, else the built-in templates)")
	fs.StringVar(&dirs.static, "static", "", "check links to /static/ against `DIR` (default: ./static when it exists, else the built-in static files)")
	builtIn := fs.Bool("built-in", false, "check the content, templates and static files built into this program (make build does, before it keeps the binary)")
	strict := fs.Bool("strict", false, "fail on warnings too")
	if err := parseFlags(fs, args, stdout); err != nil {
		return helpOK(err)
	}
	if *builtIn && (dirs.content != "" || dirs.templates != "" || dirs.static != "") {
		fs.Usage()
		return usageError{errors.New("-built-in checks the copy inside the program: leave out -content, -templates and -static")}
	}
	if !*builtIn {
		dirs.localDefaults()
	}
	files, done, err := dirs.files()
	if err != nil {
		return err
	}
	defer done()
	fmt.Fprintln(stdout, dirs.describe())
	r, err := wait(ctx, func() (content.Report, error) { return checkSite(files), nil })
	if err != nil {
		return err
	}
	if _, err := r.WriteTo(stdout); err != nil {
		return err
	}
	if r.Failed(*strict) > 0 {
		return fmt.Errorf("relief check: fix the problems above, then run it again")
	}
	return nil
}

// localDefaults fills in the folders the flags leave out with ./content,
// ./templates and ./static, when the current folder is a site's folder
// (it has ./content). Otherwise the built-in copies are used.
func (d *dirFlags) localDefaults() {
	if d.content == "" && !isDir("content") {
		return
	}
	for _, x := range []struct {
		dir  *string
		name string
	}{{&d.content, "content"}, {&d.templates, "templates"}, {&d.static, "static"}} {
		if *x.dir == "" && isDir(x.name) {
			*x.dir = x.name
		}
	}
}

func isDir(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.IsDir()
}

// describe says which folders are read: "checking content, templates and
// static in /srv/site" or "checking the content built into relief".
func (d *dirFlags) describe() string {
	var disk, builtIn []string
	for _, x := range []struct{ dir, name string }{{d.content, "content"}, {d.templates, "templates"}, {d.static, "static"}} {
		if x.dir == "" {
			builtIn = append(builtIn, x.name)
			continue
		}
		abs, err := filepath.Abs(x.dir)
		if err != nil {
			abs = x.dir
		}
		disk = append(disk, abs)
	}
	switch {
	case len(disk) == 0 && isDir("content"):
		return "checking the content, templates and static files built into relief, not the content folder here"
	case len(disk) == 0:
		return "checking the content, templates and static files built into relief (there is no content folder here; run relief check in the site's folder to check yours)"
	case len(builtIn) == 0:
		return "checking " + strings.Join(disk, ", ")
	}
	return fmt.Sprintf("checking %s, and the %s built into relief", strings.Join(disk, ", "), strings.Join(builtIn, " and "))
}

// checkSite checks the content, then, when it has no errors, builds the
// whole site so that a mistake in a template is found too.
func checkSite(files site.Files) content.Report {
	r := content.Check(files.Content, content.Options{URLs: route.Names{}, Dir: files.ContentDir, Static: files.Static, Now: time.Now()})
	if r.Problems.Count(content.Error) > 0 {
		return r
	}
	st, err := site.Load(files, site.Options{})
	if err != nil && !errors.As(err, new(content.Problems)) {
		r.Problems = append(r.Problems, content.Problem{Path: "templates", Line: 1, Col: 1, Severity: content.Error, Message: err.Error()})
	}
	if err == nil {
		if err := st.WaitImages(context.Background()); err != nil {
			path, msg, _ := strings.Cut(err.Error(), ": ")
			r.Problems = append(r.Problems, content.Problem{Path: path, Line: 1, Col: 1, Severity: content.Error, Message: msg})
		}
	}
	if st != nil {
		r.Problems = append(r.Problems, st.Warnings...) // a strings file's missing words
		slices.SortStableFunc(r.Problems, func(a, b content.Problem) int { return strings.Compare(a.Path, b.Path) })
	}
	return r
}
