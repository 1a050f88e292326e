package dev

import (
	"bytes"
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
// of every broken file so that the rest of the site still builds. It
// returns the site, the files it was loaded from, and each broken file's
// problems by its path in the tree. fatal is set when no stand-in makes
// the tree load: site-wide problems, or a first version already broken.
func (p *Preview) loadContent() (cs *content.Site, used map[string][]byte, broken map[string][]fileError, fatal []fileError) {
	used = maps.Clone(p.tree.files)
	refused := maps.Clone(p.tree.refused)
	broken = map[string][]fileError{}
	lib := p.scanner.Scan(folder(filepath.Join(p.cfg.Content, images.Folder)))
	for range 20 {
		var err error
		cs, err = content.Load(fsys(used, p.tree.others, refused), content.Options{URLs: route.Names{}, Dir: p.cfg.ContentDir, Static: p.static(), Cache: p.cache, Images: lib})
		var list content.Problems
		if err == nil || !errors.As(err, &list) {
			break
		}
		if fatal = p.standIn(list, used, refused, broken); fatal != nil {
			return nil, nil, nil, fatal
		}
	}
	if cs == nil {
		return nil, nil, nil, p.errors(p.cfg.ContentDir, "the content does not load even without the broken files")
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
// is replaced by it (or left out when it has none). Only when no such file
// is left are the others, broken by a change elsewhere (a related page was
// deleted), left out too: a broken new file must not take down the pages
// that link to the page it replaces. A file that could not be read at all
// (a link, a pipe: see package guard) steps aside the same way. It returns
// the problems as fatal when nothing can help.
func (p *Preview) standIn(list content.Problems, used map[string][]byte, refused map[string]error, broken map[string][]fileError) (fatal []fileError) {
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
		delete(refused, rel)
		p.stepAside(rel, errs, used, broken)
	}
	changed := len(aside) > 0
	for rel, errs := range byRel {
		if good, ok := p.good[rel]; !ok || !bytes.Equal(good, used[rel]) {
			if !ok && rel == "index.md" {
				return errs // the home page cannot be left out
			}
			changed = true
			p.stepAside(rel, errs, used, broken)
		}
	}
	if changed {
		return nil
	}
	for rel, errs := range byRel {
		if rel == "index.md" {
			return errs // the home page cannot be left out
		}
		delete(used, rel)
		broken[rel] = append(broken[rel], errs...)
	}
	return nil
}

// stepAside replaces rel by its last good version, or leaves it out.
func (p *Preview) stepAside(rel string, errs []fileError, used map[string][]byte, broken map[string][]fileError) {
	broken[rel] = append(broken[rel], errs...)
	if good, ok := p.good[rel]; ok {
		used[rel] = good
	} else {
		delete(used, rel)
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

// pageURL returns where the page of the content file rel is served: from
// the map of the site (route.ForFile), with the slug the loaded site gives
// the file when it is there, else the one its name gives.
func pageURL(cs *content.Site, dir, rel string) string {
	want := path.Join(dir, rel)
	lang, original := route.FileLang(rel) // a translation: sciatica.es.md
	if ls := cs.Translation(lang); lang != "" && ls != nil {
		cs = ls
	}
	rel = original
	slug := ""
	for _, c := range cs.Conditions {
		if c.Path == want {
			slug = c.Slug
		}
	}
	for _, pg := range cs.Pages {
		if pg.Path == want {
			slug = pg.Slug
		}
	}
	if ref := route.ForFile(rel, slug); ref.Kind != route.None {
		return route.In(lang, ref.URL())
	}
	return route.In(lang, route.URL(route.Page, strings.TrimSuffix(path.Base(rel), ".md")))
}
