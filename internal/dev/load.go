package dev

import (
	"bytes"
	"cmp"
	"errors"
	"maps"
	"path"
	"path/filepath"
	"strings"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/images"
	"github.com/relief-massage/relief/internal/route"
)

// loadContent loads the content tree, standing in the last good version
// of every broken file so that the rest of the site still builds; a broken
// file without one stays in the tree, for the checks that span files, but
// out of the site (content.Options.LeftOut). It returns the site, the
// files it was made from, and each broken file's problems by its path in
// the tree. fatal is set when nothing makes the tree load: site-wide
// problems, or a home page already broken.
func (p *Preview) loadContent() (cs *content.Site, used map[string][]byte, broken map[string][]fileError, fatal []fileError) {
	used = maps.Clone(p.tree.files)
	refused := maps.Clone(p.tree.refused)
	broken = map[string][]fileError{}
	out := map[string]bool{}
	lib := p.scanner.Scan(folder(filepath.Join(p.cfg.Content, images.Folder)))
	for range 20 {
		var err error
		cs, err = content.Load(fsys(used, p.tree.others, refused), content.Options{URLs: route.Names{}, Dir: p.cfg.ContentDir, Static: p.static(), Cache: p.cache, Images: lib, LeftOut: out})
		var list content.Problems
		if err == nil || !errors.As(err, &list) {
			break
		}
		if fatal = p.standIn(list, used, refused, out, broken); fatal != nil {
			return nil, nil, nil, fatal
		}
	}
	if cs == nil {
		return nil, nil, nil, p.errors(p.cfg.ContentDir, "the content does not load even without the broken files")
	}
	for rel := range out {
		delete(used, rel) // not what the site was made from
	}
	for rel, data := range used {
		if bytes.Equal(data, p.tree.files[rel]) {
			p.good[rel] = data
		}
	}
	for rel := range p.good {
		if _, ok := p.tree.files[rel]; !ok {
			delete(p.good, rel)
		}
	}
	return cs, used, broken, nil
}

// standIn makes the files with errors in list step aside, recording
// their problems in broken. A file that differs from its last good version
// is replaced by it (or left out, in out, when it has none). Only when no
// such file is left are the others, broken by a change elsewhere (a
// related page was deleted), left out too: a broken new file must not
// take down the pages that link to the page it replaces. A file that
// could not be read at all (a link, a pipe: see package guard) steps
// aside the same way. It returns the problems as fatal when nothing can
// help.
func (p *Preview) standIn(list content.Problems, used map[string][]byte, refused map[string]error, out map[string]bool, broken map[string][]fileError) (fatal []fileError) {
	byRel, aside := map[string][]fileError{}, map[string][]fileError{}
	for _, pr := range list {
		if pr.Severity != content.Error {
			continue
		}
		rel := p.rel(pr.Path)
		fe := fileError{Path: pr.Path, Line: pr.Line, Col: pr.Col, Message: pr.Message, Source: used[rel]}
		if refused[rel] != nil && rel != "site.yaml" && rel != "index.md" {
			aside[rel] = append(aside[rel], fe)
			continue
		}
		if _, inTree := used[rel]; !inTree || rel == "site.yaml" {
			fatal = append(fatal, fe)
			continue
		}
		byRel[rel] = append(byRel[rel], fe)
	}
	if fatal != nil {
		return fatal
	}
	for rel, errs := range aside {
		p.stepAside(rel, errs, used, refused, out, broken)
	}
	changed := len(aside) > 0
	for rel, errs := range byRel {
		if good, ok := p.good[rel]; !ok || !bytes.Equal(good, used[rel]) {
			if !ok && rel == "index.md" {
				return errs // the home page cannot be left out
			}
			changed = true
			p.stepAside(rel, errs, used, refused, out, broken)
		}
	}
	if changed {
		return nil
	}
	for rel, errs := range byRel {
		if rel == "index.md" {
			return errs // the home page cannot be left out
		}
		out[rel] = true
		broken[rel] = append(broken[rel], errs...)
	}
	return nil
}

// stepAside replaces rel by its last good version, or leaves it out.
func (p *Preview) stepAside(rel string, errs []fileError, used map[string][]byte, refused map[string]error, out map[string]bool, broken map[string][]fileError) {
	broken[rel] = append(broken[rel], errs...)
	if good, ok := p.good[rel]; ok {
		used[rel] = good
		delete(refused, rel)
	} else {
		out[rel] = true
	}
}

// rel turns a problem's path back into a path inside the content folder.
func (p *Preview) rel(problemPath string) string {
	dir := p.cfg.ContentDir
	if dir == "" || dir == "." {
		return problemPath
	}
	return strings.TrimPrefix(strings.TrimPrefix(problemPath, dir), "/")
}

// errors returns a site-wide problem.
func (p *Preview) errors(name, msg string) []fileError {
	return []fileError{{Path: name, Message: msg}}
}

// pageURL returns where the page of the content file rel, whose bytes
// are data, is served: from the map of the site (route.ForFile), with the
// slug the loaded site gives the file when it is there, else the one the
// file writes (content.WrittenSlug), else its original's (a translation),
// else the one its name gives.
func pageURL(cs *content.Site, dir, rel string, data []byte) string {
	lang, original := route.FileLang(rel) // a translation: sciatica.es.md
	in := cs
	if lang != "" {
		in = cs.Translation(lang) // nil when the language is left out
	}
	slug := cmp.Or(slugOf(in, path.Join(dir, rel)), content.WrittenSlug(data))
	if lang != "" && slug == "" {
		slug = slugOf(cs, path.Join(dir, original))
	}
	if ref := route.ForFile(original, slug); ref.Kind != route.None {
		return route.In(lang, ref.URL())
	}
	return route.In(lang, route.URL(route.Page, strings.TrimSuffix(path.Base(original), ".md")))
}

// slugOf returns the slug of the page of the file named want (as
// problems name it) in cs, or "" when cs (nil: none) does not have it.
func slugOf(cs *content.Site, want string) string {
	if cs == nil {
		return ""
	}
	for _, c := range cs.Conditions {
		if c.Path == want {
			return c.Slug
		}
	}
	for _, pg := range cs.Pages {
		if pg.Path == want {
			return pg.Slug
		}
	}
	return ""
}
