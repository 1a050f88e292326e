package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
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
	if err := writeNew(name, newCondition(title, slug, regionsOf(*dir), time.Now())); err != nil {
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
	cs, err := content.Load(folder, content.Options{})
	if err != nil || cs == nil {
		return nil
	}
	var slugs []string
	for _, r := range cs.Config.Regions {
		slugs = append(slugs, r.Slug)
	}
	return slugs
}

// newCondition returns the text of a new condition page.
func newCondition(title, slug string, regions []string, now time.Time) string {
	q := strconv.Quote
	region := "[]"
	comment := "body areas from site.yaml"
	if len(regions) > 0 {
		region = "[" + regions[0] + "]"
		comment = "one or more of: " + strings.Join(regions, ", ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\n", q(title))
	fmt.Fprintf(&b, "summary: %s\n", q("One or two sentences: what "+title+" is and how massage can help."))
	fmt.Fprintf(&b, "slug: %s\n", slug)
	fmt.Fprintf(&b, "regions: %s  # %s\n", region, comment)
	b.WriteString("symptoms:  # short phrases a visitor would recognise\n  - \"a symptom, in a client's words\"\n")
	b.WriteString("aliases: []  # other names people search for, like [\"lumbago\"]\n")
	b.WriteString("related: []  # slugs of related conditions, like [sciatica]\n")
	b.WriteString("redirect_from: []  # old addresses of this page, like [/old-page.html]\n")
	fmt.Fprintf(&b, "reviewed: %s  # the day you last checked the page\n", now.Format("2006-01-02"))
	b.WriteString("weight: 100  # lower comes first on the home page\n")
	b.WriteString("draft: true  # change to false to publish the page\n")
	b.WriteString("extra: {}  # your own notes for the templates\n---\n")
	b.WriteString(strings.ReplaceAll(newBody, "TITLE", title))
	return b.String()
}

const newBody = `Write one or two short paragraphs here: what TITLE is, how it feels, and what massage can and cannot do for it.

## Why does TITLE happen?

Explain the usual reasons in plain words.

### Causes

- A cause, in plain words

### Symptoms

- A symptom, as a client would describe it

## How massage therapy can help

Describe what you do in a session, and why it helps.

## When massage helps most

- A situation in which massage helps most

## When to be cautious and see a doctor

> [!CAUTION]
> **Seek urgent care** if you notice any of these red flags:
> - a red flag that needs a doctor today

- A reason to talk to a doctor before booking
`
