package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/route"
)

// runNew writes a new condition page, a draft with every frontmatter key
// filled in and the standard sections as prompts.
func runNew(ctx context.Context, args []string, getenv env, stdout, stderr io.Writer) error {
	fs := newFlags("new", `new [-content DIR] "Title"`, stdout, stderr)
	dir := fs.String("content", "content", "write into the content folder `DIR`")
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" {
			return helpOK(parseFlags(fs, args, stdout))
		}
	}
	// Accept the flags before or after the title.
	if err := fs.Parse(args); err != nil {
		return usageError{}
	}
	rest := fs.Args()
	if len(rest) > 1 {
		if err := fs.Parse(rest[1:]); err != nil {
			return usageError{}
		}
		rest = append(rest[:1], fs.Args()...)
	}
	if len(rest) != 1 {
		fs.Usage()
		return usageError{errors.New(`give the condition's title, in quotes: relief new "Frozen Shoulder"`)}
	}
	title := strings.TrimSpace(rest[0])
	slug := content.Slugify(title)
	if slug == "" {
		return usageError{fmt.Errorf("%q has no letters or digits to make an address from: give the condition's title", title)}
	}
	name := filepath.Join(*dir, "conditions", slug+".md")
	if err := writeNew(name, content.NewCondition(title, slug, regionsOf(*dir), time.Now())); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", filepath.ToSlash(name))
	preview := "relief serve -dev"
	if *dir != "content" {
		preview += " -content " + *dir
	}
	fmt.Fprintf(stdout, "preview it: %s, then open http://127.0.0.1:8080/conditions/%s\n", preview, slug)
	return nil
}

// writeNew creates name with text, refusing to replace a file.
func writeNew(name, text string) error {
	if st, err := os.Stat(filepath.Dir(filepath.Dir(name))); err != nil || !st.IsDir() {
		return fmt.Errorf("relief new: there is no content folder %s: run this in the site's folder, or give -content DIR", filepath.Dir(filepath.Dir(name)))
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("relief new: %w", err)
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, iofs.ErrExist) {
		return fmt.Errorf("relief new: %s already exists: edit it, or choose another title", filepath.ToSlash(name))
	}
	if err != nil {
		return fmt.Errorf("relief new: %w", err)
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return fmt.Errorf("relief new: %w", err)
	}
	return f.Close()
}

// regionsOf returns the body areas of the site.yaml in dir, or none when
// it cannot be read.
func regionsOf(dir string) []string {
	folder, err := guard.Open(dir)
	if err != nil {
		return nil
	}
	defer folder.Close()
	cs, err := content.Load(folder, content.Options{URLs: route.Names{}})
	if err != nil || cs == nil {
		return nil
	}
	var slugs []string
	for _, r := range cs.Config.Regions {
		slugs = append(slugs, r.Slug)
	}
	return slugs
}
