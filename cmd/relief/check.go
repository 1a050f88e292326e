package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/relief-massage/relief/internal/content"
)

// runCheck validates a content tree and prints every problem, then a
// summary. It fails (exit status 1) when there are errors, or with -strict
// any problem at all.
func runCheck(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("check", "check [-content DIR] [-static DIR] [-strict]", stdout, stderr)
	var dirs dirFlags
	fs.StringVar(&dirs.content, "content", "", "check the content in `DIR` instead of the built-in content")
	fs.StringVar(&dirs.static, "static", "", "check links to /static/ against `DIR` instead of the built-in static files")
	strict := fs.Bool("strict", false, "fail on warnings too")
	if err := parseFlags(fs, args, stdout); err != nil {
		return helpOK(err)
	}
	files, done, err := dirs.files()
	if err != nil {
		return err
	}
	defer done()
	r, err := wait(ctx, func() (content.Report, error) {
		return content.Check(files.Content, content.Options{Dir: files.ContentDir, Static: files.Static, Now: time.Now()}), nil
	})
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
