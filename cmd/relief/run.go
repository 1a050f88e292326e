package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
)

// usageError is a mistake on the command line; it exits with status 2.
// The usage text has already been printed.
type usageError struct{ err error }

func (u usageError) Error() string {
	if u.err == nil {
		return "usage"
	}
	return u.err.Error()
}

// env is how run reads environment variables (os.Getenv in main).
type env func(string) string

// command is one subcommand.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "serve the website (the default)", runServe},
		{"build", "write the site as static files", runBuild},
		{"check", "check the content for mistakes", runCheck},
		{"new", "write a new condition page", runNew},
		{"report", "show the searches that found nothing", runReport},
		{"user", "add, remove or list the accounts of the browser editor", runUser(os.Stdin)},
		{"version", "print the version", runVersion},
	}
}

// run is the whole program: it takes the arguments after the program name.
func run(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	startHeapdump(getenv, stderr)
	name := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	} else if len(args) > 0 && (args[0] == "-h" || args[0] == "-help" || args[0] == "--help") {
		printUsage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, args, getenv, stdout, stderr)
		}
	}
	printUsage(stderr)
	return usageError{fmt.Errorf("unknown command %q", name)}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "relief serves a massage-therapy practice's website from one binary.")
	fmt.Fprintln(w, "\nUsage: relief [command] [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nRun \"relief COMMAND -h\" for a command's flags.")
}

// newFlags returns a flag set that prints its usage to stderr (stdout for
// -h) and never exits the process.
func newFlags(name, synopsis string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: relief %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; -h prints usage to stdout and returns errHelp.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) error {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return errHelp
		}
	}
	if err := fs.Parse(args); err != nil {
		return usageError{}
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// errHelp means -h was given and usage printed: not a failure.
var errHelp = errors.New("help requested")

func runVersion(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("version", "version", stdout, stderr)
	if err := parseFlags(fs, args, stdout); err != nil {
		return helpOK(err)
	}
	fmt.Fprintln(stdout, "relief", buildVersion())
	return nil
}

// helpOK turns errHelp into success.
func helpOK(err error) error {
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
		if v != "" {
			return v
		}
	}
	return "(devel)"
}
