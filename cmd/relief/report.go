package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/relief-massage/relief/internal/misses"
)

// runReport prints the searches that found nothing, from the file that
// relief serve -misses keeps: what visitors looked for and did not find.
func runReport(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("report", "report -misses FILE [-days 7]", stdout, stderr)
	path := fs.String("misses", "", "the `FILE` that relief serve -misses writes")
	days := fs.Int("days", 7, "how many days back, today included")
	if err := parseFlags(fs, args, stdout); err != nil {
		return helpOK(err)
	}
	if *path == "" || *days < 1 {
		fs.Usage()
		return usageError{errors.New("report needs -misses FILE (the file given to relief serve -misses) and -days of 1 or more")}
	}
	l, err := misses.Open(*path, time.Now)
	if err != nil {
		return fmt.Errorf("relief: %w", err)
	}
	return l.Report(stdout, *days)
}
