package dev

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/reload"
	"github.com/relief-massage/relief/internal/site"
)

// TestIncrementalEqualsFull makes the edits a therapist makes, one after
// another, and after each checks that the site the preview reloads
// incrementally (only the changed files read and parsed again, only the
// pages the change touches rendered again) is byte for byte the site a
// full load of the same folders makes: every page's bytes, type and ETags,
// the order of the pages, the redirects, the 404 page, the warnings and
// the problems shown. The full load is made twice: by a preview that went
// through the same edits but reads, parses and builds everything each
// time (it keeps the same last good copy of a broken file), and, while no
// file is broken, by a preview started afresh on the folders.
func TestIncrementalEqualsFull(t *testing.T) {
	for _, tt := range []struct {
		name      string
		bilingual bool
	}{{"one language", false}, {"two languages", true}} {
		t.Run(tt.name, func(t *testing.T) {
			d := &folders{t: t, dir: t.TempDir()}
			d.copyBuiltIn(tt.bilingual)
			inc, ref := d.preview(), d.preview()
			ref.images = inc.images // each picture is made once
			inc.Build()
			ref.Build()
			for _, e := range edits(d, tt.bilingual) {
				paths := e.do()
				incErr := inc.filesChanged(context.Background(), paths)
				refErr := ref.fullReload()
				if got, want := problemText(incErr), problemText(refErr); got != want {
					t.Errorf("%s: problems shown after an incremental reload:\n%s\nafter a full one:\n%s", e.name, got, want)
				}
				if e.broken != (incErr != nil) {
					t.Errorf("%s: problems = %v, want broken = %v", e.name, incErr, e.broken)
				}
				sameSite(t, e.name+", against a full reload", inc.target.last, ref.target.last)
				if !e.broken {
					fresh := d.preview()
					fresh.images = inc.images
					sameSite(t, e.name+", against a fresh start", inc.target.last, fresh.Build())
				}
			}
		})
	}
}

// edit is one change to the folders: do makes it and returns the paths
// the watcher would report.
type edit struct {
	name   string
	do     func() []string
	broken bool // leaves a file with an error
}

func edits(d *folders, bilingual bool) []edit {
	var whiplash string // its text before it is broken
	es := []edit{
		{name: "body", do: func() []string {
			return d.replace("conditions/neck-pain.md", "Your neck holds up your head", "Your neck carries your head")
		}},
		{name: "title", do: func() []string {
			return d.replace("conditions/neck-pain.md", `title: "Neck Pain"`, `title: "Neck and Shoulder Pain"`)
		}},
		{name: "summary", do: func() []string { return d.replace("conditions/whiplash.md", `summary: "`, `summary: "Gently: `) }},
		{name: "related list", do: func() []string {
			return d.replace("conditions/tmj-disorder.md", "related: [tension-headaches, neck-pain, stress-and-anxiety]", "related: [neck-pain, tension-headaches]")
		}},
		{name: "symptoms", do: func() []string {
			return d.replace("conditions/tmj-disorder.md", "symptoms:\n", "symptoms:\n  - \"clicking when I chew\"\n")
		}},
		{name: "weight", do: func() []string { return d.replace("conditions/hip-pain.md", "weight: ", "weight: 1") }},
		{name: "redirect", do: func() []string {
			return d.replace("conditions/hip-pain.md", "weight: ", "redirect_from: [/hips]\nweight: ")
		}},
		{name: "new file", do: func() []string {
			return d.write("conditions/jaw-ache.md", strings.Replace(d.read("conditions/tmj-disorder.md"), `title: "TMJ Disorder"`, `title: "Jaw Ache"`, 1))
		}},
		{name: "rename", do: func() []string { return d.rename("conditions/jaw-ache.md", "conditions/jaw-pain.md") }},
		{name: "delete", do: func() []string { return d.remove("conditions/jaw-pain.md") }},
		{name: "broken file", broken: true, do: func() []string {
			whiplash = d.read("conditions/whiplash.md")
			return d.replace("conditions/whiplash.md", "title:", "titel:")
		}},
		{name: "another edit while it is broken", broken: true, do: func() []string {
			return d.replace("conditions/neck-pain.md", "Your neck carries your head", "Your neck holds your head up")
		}},
		{name: "broken file fixed", do: func() []string { return d.write("conditions/whiplash.md", whiplash) }},
		{name: "broken new file", broken: true, do: func() []string {
			return d.write("conditions/oops.md", "---\ntitle: \"Oops\"\nsummary: \"Not finished yet\"\n")
		}},
		{name: "broken new file removed", do: func() []string { return d.remove("conditions/oops.md") }},
		{name: "draft", do: func() []string { return d.replace("conditions/whiplash.md", "weight: ", "draft: true\nweight: ") }},
		{name: "site.yaml", do: func() []string {
			return d.replace("site.yaml", `tagline: "Calm, careful massage`, `tagline: "Gentle, careful massage`)
		}},
		{name: "plain page", do: func() []string { return d.replace("pages/about.md", "\n---\n", "\n---\nA new first line.\n\n") }},
		{name: "home page", do: func() []string { return d.replace("index.md", "\n---\n", "\n---\nWelcome back.\n\n") }},
		{name: "a picture", do: func() []string { return d.write("images/back-2.png", d.read("images/lower-back.png")) }},
		{name: "a page shows the picture", do: func() []string {
			return d.replace("conditions/neck-pain.md", "\nregions:", "\nimage: \"back-2.png\"\nimage_alt: \"A drawing of a back\"\nregions:")
		}},
		{name: "body after the picture", do: func() []string {
			return d.replace("conditions/neck-pain.md", "Your neck holds your head up", "Your neck holds up your head")
		}},
	}
	if bilingual {
		es = append(es,
			edit{name: "a translation's body", do: func() []string {
				return d.replace("conditions/sciatica.es.md", "\n---\n", "\n---\nUna línea nueva.\n\n")
			}},
			edit{name: "a translated page's original", do: func() []string {
				return d.replace("conditions/sciatica.md", `title: "Sciatica"`, `title: "Sciatica (leg pain)"`)
			}},
		)
	}
	return es
}

// folders is a preview's folders on disk.
type folders struct {
	t   *testing.T
	dir string
}

// copyBuiltIn writes the built-in site, in its two languages or only in
// the first.
func (d *folders) copyBuiltIn(bilingual bool) {
	d.t.Helper()
	for name, fsys := range map[string]fs.FS{"content": relief.Content(), "templates": relief.Templates(), "static": relief.Static()} {
		if err := os.CopyFS(filepath.Join(d.dir, name), fsys); err != nil {
			d.t.Fatal(err)
		}
	}
	if bilingual {
		return
	}
	matches, _ := filepath.Glob(filepath.Join(d.dir, "content", "*", "*.es.md"))
	matches = append(matches, filepath.Join(d.dir, "content", "index.es.md"), filepath.Join(d.dir, "content", "i18n"))
	for _, m := range matches {
		if err := os.RemoveAll(m); err != nil {
			d.t.Fatal(err)
		}
	}
	yaml := d.read("site.yaml")
	at := strings.Index(yaml, "\n# The languages of the site")
	if at < 0 {
		d.t.Fatal("site.yaml: no languages section to take out")
	}
	d.write("site.yaml", yaml[:at+1])
}

func (d *folders) preview() *Preview {
	d.t.Helper()
	p, err := New(Config{
		Content: filepath.Join(d.dir, "content"), Templates: filepath.Join(d.dir, "templates"), Static: filepath.Join(d.dir, "static"),
		ContentDir: "content",
	})
	if err != nil {
		d.t.Fatal(err)
	}
	return p
}

func (d *folders) path(rel string) string {
	return filepath.Join(d.dir, "content", filepath.FromSlash(rel))
}

func (d *folders) read(rel string) string {
	d.t.Helper()
	data, err := os.ReadFile(d.path(rel))
	if err != nil {
		d.t.Fatal(err)
	}
	return string(data)
}

func (d *folders) write(rel, text string) []string {
	d.t.Helper()
	if err := os.WriteFile(d.path(rel), []byte(text), 0o644); err != nil {
		d.t.Fatal(err)
	}
	return []string{d.path(rel)}
}

func (d *folders) replace(rel, old, new string) []string {
	d.t.Helper()
	text := d.read(rel)
	if !strings.Contains(text, old) {
		d.t.Fatalf("%s: no %q to replace", rel, old)
	}
	return d.write(rel, strings.Replace(text, old, new, 1))
}

func (d *folders) rename(from, to string) []string {
	d.t.Helper()
	if err := os.Rename(d.path(from), d.path(to)); err != nil {
		d.t.Fatal(err)
	}
	return []string{d.path(from), d.path(to)}
}

func (d *folders) remove(rel string) []string {
	d.t.Helper()
	if err := os.Remove(d.path(rel)); err != nil {
		d.t.Fatal(err)
	}
	return []string{d.path(rel)}
}

// fullReload reloads as if every file had changed: everything is read,
// parsed and built again, with the last good copy of each file kept.
func (p *Preview) fullReload() error {
	p.mu.Lock()
	p.all, p.cache, p.built, p.used = true, content.NewCache(), nil, nil
	p.mu.Unlock()
	return p.reload.Reload(context.Background())
}

func problemText(err error) string {
	var lines []string
	for _, pr := range reload.Problems(err) {
		lines = append(lines, pr.String())
	}
	return strings.Join(lines, "\n")
}

// sameSite reports every difference between two sites.
func sameSite(t *testing.T, what string, got, want *site.Site) {
	t.Helper()
	g, w := siteBytes(got), siteBytes(want)
	var keys []string
	for k := range g {
		keys = append(keys, k)
	}
	for k := range w {
		if _, ok := g[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	n := 0
	for _, k := range slices.Compact(keys) {
		if g[k] == w[k] {
			continue
		}
		if n++; n > 5 {
			t.Errorf("%s: and more", what)
			return
		}
		t.Errorf("%s: %s differs: %s", what, k, firstDifference(g[k], w[k]))
	}
}

// siteBytes is everything a site serves, by what it is.
func siteBytes(st *site.Site) map[string]string {
	out := map[string]string{
		"the order of the pages": strings.Join(st.Paths(), "\n"),
		"the 404 page":           string(st.NotFoundPage()),
	}
	for _, path := range st.Paths() {
		pg := st.Lookup(path)
		gz, gzETag := pg.Gzip()
		out["page "+path] = fmt.Sprintf("%s\n%s %s %s %x", pg.Plain(), pg.ContentType, pg.ETag, gzETag, gz)
	}
	for from, to := range st.Redirects() {
		out["redirect "+from] = to
	}
	var warnings []string
	for _, w := range st.Content.Warnings {
		warnings = append(warnings, w.String())
	}
	for _, w := range st.Warnings {
		warnings = append(warnings, w.String())
	}
	out["warnings"] = strings.Join(warnings, "\n")
	return out
}

// firstDifference quotes a and b around where they first differ.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	quote := func(s string) string { return fmt.Sprintf("%q", s[min(from, len(s)):min(i+80, len(s))]) }
	return fmt.Sprintf("at byte %d: incremental %s, full %s", i, quote(a), quote(b))
}
