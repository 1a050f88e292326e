package editor

import (
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/relief-massage/relief/internal/content"
)

// deletePage is the data of the question "Delete this page?".
type deletePage struct {
	Title, Path, Version, Back string
	NamedBy                    []string // conditions that name it as related: they must change first
}

// deletable parses the page a delete names: a condition or a plain page
// (the home page stays).
func deletable(p string) (target, error) {
	t, err := parseTarget(p)
	if err == nil && t.Kind == content.KindHome {
		err = fmt.Errorf("the home page cannot be deleted; change its text instead")
	}
	return t, err
}

// confirmDelete asks before deleting a page.
func (e *Editor) confirmDelete(w http.ResponseWriter, r *http.Request) {
	t, err := deletable(strings.TrimPrefix(r.URL.Path, "/_relief/delete/"))
	if err != nil {
		e.message(w, r, http.StatusNotFound, "Not found", err.Error())
		return
	}
	files, done, ok := e.open(w, r)
	if !ok {
		return
	}
	defer done()
	data, err := readFile(files, t)
	if err != nil || data == nil {
		e.notFound(w, r)
		return
	}
	d := deletePage{Title: titleOf(t, data), Path: t.Path, Version: version(data), Back: t.editURL()}
	for _, c := range e.opts.Site().Content.Conditions {
		for _, rel := range c.Related {
			if t.Kind == content.KindCondition && path.Base(rel.Path) == path.Base(t.Path) {
				d.NamedBy = append(d.NamedBy, c.Title)
			}
		}
	}
	e.show(w, r, http.StatusOK, "delete", "Delete "+d.Title+"?", d)
}

// delete takes a page off the site by removing its file, committed, so it
// can be restored from the deleted pages. A page other pages still name
// (as related) is refused with their names: the site must stay whole.
func (e *Editor) delete(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		e.refuse(w, r, http.StatusBadRequest, "Not deleted", formError(err))
		return
	}
	t, err := deletable(r.PostForm.Get("path"))
	if err != nil {
		e.refuse(w, r, http.StatusBadRequest, "Not deleted", err)
		return
	}
	j, ok := e.begin(w, r, action{title: "Not deleted", target: t, version: r.PostForm.Get("version")})
	if !ok {
		return
	}
	defer j.end()
	title := titleOf(t, j.current)
	c := changes{t.Path: nil}
	cs, problems, err := e.checkChanges(j.files, c)
	if err != nil || problems.Count(content.Error) > 0 {
		e.refuseProblems(w, r, "Not deleted", "Other pages still need "+title+". Change them first, then delete it:", problems, err)
		return
	}
	user := e.opts.User(r)
	if err := e.apply(r.Context(), user, "Deleted "+title, j, cs, c); err != nil {
		e.log.Error("editor: delete failed", "user", user, "path", t.Path, "err", err)
		e.refuse(w, r, http.StatusInternalServerError, "Not deleted", err)
		return
	}
	e.log.Info("editor: deleted", "user", user, "path", t.Path)
	http.Redirect(w, r, "/_relief/deleted?gone="+path.Base(t.Path), http.StatusSeeOther)
}

// deletedPage lists the pages deleted through the editor.
type deletedPage struct {
	Gone  string // the file just deleted, for the notice
	Pages []deletedView
}

// deletedView is one deleted page with the version to restore.
type deletedView struct {
	Title, Path, When, Author string
	Hash                      string // the last version before it was deleted
	History                   string
}

// deleted lists the deleted pages, each with "Restore".
func (e *Editor) deleted(w http.ResponseWriter, r *http.Request) {
	d := deletedPage{Gone: r.URL.Query().Get("gone")}
	if e.opts.History == nil {
		e.message(w, r, http.StatusNotFound, "No history", noHistory)
		return
	}
	removed, err := e.opts.History.Removed()
	if err != nil {
		e.refuse(w, r, http.StatusInternalServerError, "The deleted pages cannot be listed", err)
		return
	}
	for _, v := range removed {
		t, err := parseTarget(v.Path)
		if err != nil {
			continue // not a page: an image, a file made by hand
		}
		vs, err := e.opts.History.Log(t.Path, 2)
		if err != nil || len(vs) < 2 {
			continue
		}
		old, _ := e.opts.History.File(vs[1].Path, vs[1].Hash)
		d.Pages = append(d.Pages, deletedView{Title: titleOf(t, old), Path: t.Path, When: when(v), Author: v.Author,
			Hash: vs[1].Hash, History: "/_relief/history/" + t.Path})
	}
	e.show(w, r, http.StatusOK, "deleted", "Deleted pages", d)
}
