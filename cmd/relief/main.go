// Command relief serves a massage-therapy practice's website from one
// binary: the Markdown content, templates and static files are built in.
//
// Usage:
//
//	relief [serve] [-addr HOST:PORT] [-content DIR] [-templates DIR] [-static DIR] [production flags]
//	relief serve -dev        preview: read ./content etc. from disk, reload the browser on save
//	relief check [-content DIR] [-static DIR] [-strict]
//	relief new [-content DIR] "Title"
//	relief build -out DIR [-clean] [-content DIR] [-templates DIR] [-static DIR]
//	relief user add|remove|list [-state DIR | -content DIR] [NAME]   the browser editor's accounts
//	relief version
//
// Run "relief -h" or "relief COMMAND -h" for details.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...";
// otherwise it comes from the module's build info.
var version = ""

func main() {
	// A closed stderr (or stdout) must not end the server: with SIGPIPE
	// ignored, a write to it fails with EPIPE, which the log writer counts
	// as lost lines, instead of killing the process (exit status 141).
	signal.Ignore(syscall.SIGPIPE)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err (if any) and returns the process exit status:
// 0 for success, 2 for a usage mistake, 1 for anything else.
func exitCode(err error, stderr io.Writer) int {
	var u usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		if u.err != nil {
			fmt.Fprintln(stderr, "relief:", u.err)
		}
		return 2
	default:
		fmt.Fprintln(stderr, err)
		return 1
	}
}
