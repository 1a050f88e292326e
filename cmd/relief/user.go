package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"github.com/relief-massage/relief/internal/auth"
)

// runUser manages the accounts of the browser editor (relief user add,
// remove, list), reading passwords from stdin.
func runUser(stdin io.Reader) func(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	return func(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
		return userCommand(args, stdin, stdout, stderr)
	}
}

// userCommand runs relief user with its arguments: a subcommand, then
// flags and the account name in any order.
func userCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("user", "user add|remove|list [-state DIR | -content DIR] [NAME]", stdout, stderr)
	state := fs.String("state", "", "the state folder `DIR` that holds the accounts, as given to relief serve -state (default: .relief-state beside the content folder)")
	content := fs.String("content", "", "the content folder `DIR` given to relief serve -content (default: content)")
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return helpOK(parseFlags(fs, []string{a}, stdout))
		}
	}
	var words []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			return usageError{}
		}
		if fs.NArg() == 0 {
			break
		}
		words, rest = append(words, fs.Arg(0)), fs.Args()[1:]
	}
	users := auth.OpenUsers(stateFolder(*state, *content))
	switch {
	case len(words) == 1 && words[0] == "list":
		return listUsers(users, stdout, stderr)
	case len(words) == 2 && words[0] == "add":
		return addUser(users, words[1], stdin, stdout, stderr)
	case len(words) == 2 && words[0] == "remove":
		if err := users.Remove(words[1]); err != nil {
			return fmt.Errorf("relief: %w", err)
		}
		fmt.Fprintf(stdout, "removed the account %s: it cannot log in any more, and its open sessions have ended\n", strings.ToLower(words[1]))
		return nil
	}
	fs.Usage()
	return usageError{errors.New("say what to do: relief user add NAME, relief user remove NAME, or relief user list")}
}

// stateFolder is the state folder relief serve uses for these flags: the
// -state flag, or .relief-state beside the content folder (./content
// when -content is not given).
func stateFolder(state, content string) string {
	if state != "" {
		return state
	}
	return filepath.Join(filepath.Dir(filepath.Clean(cmp.Or(content, "content"))), ".relief-state")
}

func listUsers(users *auth.Users, stdout, stderr io.Writer) error {
	names, err := users.List()
	if err != nil {
		return fmt.Errorf("relief: %w", err)
	}
	if len(names) == 0 {
		fmt.Fprintf(stderr, "no accounts yet in %s: add one with relief user add NAME\n", users.Path())
	}
	for _, n := range names {
		fmt.Fprintln(stdout, n)
	}
	return nil
}

// addUser asks for name's password and adds the account (or changes its
// password).
func addUser(users *auth.Users, name string, stdin io.Reader, stdout, stderr io.Writer) error {
	n, err := auth.NormalName(name)
	if err != nil {
		return usageError{err}
	}
	password, err := readPassword(n, stdin, stderr)
	if err != nil {
		return err
	}
	changed, err := users.Add(n, password)
	if err != nil {
		return fmt.Errorf("relief: %w", err)
	}
	if changed {
		fmt.Fprintf(stdout, "changed the password of %s (in %s); sessions already open go on until they end or %s logs out\n", n, users.Path(), n)
		return nil
	}
	fmt.Fprintf(stdout, "added the account %s (in %s): log in at /_relief/login on the website, served with relief serve -content DIR\n", n, users.Path())
	return nil
}

// readPassword reads a password: on a terminal it asks twice without
// showing what is typed, checking the rule after the first time (three
// tries); otherwise it reads one line from stdin.
func readPassword(name string, stdin io.Reader, stderr io.Writer) (string, error) {
	f, ok := stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return "", fmt.Errorf("relief: reading the password from stdin: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return "", errors.New("relief: no password on stdin: run relief user add on a terminal to be asked for it, or give it as one line, e.g. from a password manager")
		}
		if err := auth.CheckPassword(name, line); err != nil {
			return "", fmt.Errorf("relief: %w", err)
		}
		return line, nil
	}
	fmt.Fprintf(stderr, "Choose a password for %s: at least %d characters; a short sentence of four or five words works well.\n", name, auth.MinPasswordLength)
	for try := 0; try < 3; try++ {
		first, err := askHidden(f, stderr, "Password: ")
		if err != nil {
			return "", err
		}
		if err := auth.CheckPassword(name, first); err != nil {
			fmt.Fprintf(stderr, "Not that one: %v.\n", err)
			continue
		}
		again, err := askHidden(f, stderr, "The same password again: ")
		if err != nil {
			return "", err
		}
		if again == first {
			return first, nil
		}
		fmt.Fprintln(stderr, "The two passwords are not the same. Let's start again.")
	}
	return "", errors.New("relief: no password chosen after three tries; run relief user add again")
}

// askHidden prompts on stderr and reads a line from the terminal f
// without echoing it.
func askHidden(f *os.File, stderr io.Writer, prompt string) (string, error) {
	fmt.Fprint(stderr, prompt)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(stderr)
	if err != nil {
		return "", fmt.Errorf("relief: reading the password: %w", err)
	}
	return string(b), nil
}
