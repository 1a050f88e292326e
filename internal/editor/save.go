package editor

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/history"
)

// conflictPage is the data of the view a save gets when the file changed
// since its form was opened.
type conflictPage struct {
	Title, Path, Edit string
	Mine              string
	Theirs            struct{ Version, Text string }
	Differ            []string // what differs between the two, in the form's words ("Summary", "The page's text")
}

// save saves a posted form; see the package doc for the steps.
func (e *Editor) save(w http.ResponseWriter, r *http.Request) {
	f, err := formFromRequest(w, r)
	if err != nil {
		e.refuse(w, r, http.StatusBadRequest, "This form could not be saved", err)
		return
	}
	if whole := r.PostForm.Get("whole"); whole != "" { // "keep mine" from the conflict view
		f = formFromFile(f.Target, []byte(whole))
		f.Version = r.PostForm.Get("version")
	}
	if e.fixKey(w, r, f, r.PostForm.Get("action")) { // a button of the box of keys the form does not know
		return
	}
	if r.PostForm.Get("action") == "today" { // "Reviewed today" without JavaScript
		f.Values["reviewed"] = e.opts.Now().Format(time.DateOnly)
		e.showForm(w, r, http.StatusOK, f, nil)
		return
	}
	text, _, _ := f.compose()
	j, ok := e.begin(w, r, action{title: "Not saved", target: f.Target, version: f.Version,
		readOnly: func() {
			e.showForm(w, r, http.StatusForbidden, f, content.Problems{{Path: "", Severity: content.Error,
				Message: "the built-in pages cannot be changed; start relief with your own content folder (relief serve -content DIR) to save"}})
		},
		changed: func(current []byte) { e.conflict(w, r, f, text, current) },
	})
	if !ok {
		return
	}
	defer j.end()
	if f.Base == nil { // begin found the file at the form's version: keep its format
		f.Base = j.current
		text, _, _ = f.compose()
	}
	e.commitForm(w, r, j, f, []byte(text))
}

// commitForm validates text as f's file, writes it and swaps the site,
// as the action j begun.
func (e *Editor) commitForm(w http.ResponseWriter, r *http.Request, j *job, f *form, text []byte) {
	cs, problems, err := e.loadWith(j.files, f, text)
	if err != nil {
		e.refuse(w, r, http.StatusInternalServerError, "Not saved", err)
		return
	}
	if cs == nil {
		e.showForm(w, r, http.StatusUnprocessableEntity, f, problems)
		return
	}
	user := e.opts.User(r)
	if err := e.write(e.opts.ContentDir, f.Target.Path, text); err != nil {
		e.log.Error("editor: save failed", "user", user, "path", f.Target.Path, "err", err)
		e.refuse(w, r, http.StatusInternalServerError, "Not saved", fmt.Errorf("%w; the page on the site is unchanged, and your text is still in this browser", err))
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
	defer cancel()
	if ps := e.goLive(ctx, j.files, cs, []string{f.Target.Path}, j.before); ps.Count(content.Error) > 0 {
		e.log.Error("editor: saved, but the site was not reloaded", "user", user, "path", f.Target.Path, "problems", ps.Error())
	}
	e.record(user, "Edited "+cmp.Or(f.Values["title"], f.Target.Path), f.Target.Path)
	e.log.Info("editor: saved", "user", user, "path", f.Target.Path, "bytes", len(text))
	http.Redirect(w, r, f.Target.editURL()+"?saved=1", http.StatusSeeOther)
}

// record commits paths to the history, when there is one, then starts
// the on-publish command; a history or a command that fails is logged,
// never undoes the save.
func (e *Editor) record(user, message string, paths ...string) {
	defer e.opts.Publish.Published(paths...) // after the commit: a git push sends it
	if e.opts.History == nil {
		return
	}
	if _, err := e.opts.History.Commit(user, message, paths...); err != nil {
		level := slogLevel(errors.Is(err, history.ErrNotBuilt))
		e.log.Log(context.Background(), level, "editor: not kept in the history", "user", user, "paths", paths, "err", err)
	}
}

// conflict shows the form's text beside the file's text now.
func (e *Editor) conflict(w http.ResponseWriter, r *http.Request, f *form, mine string, theirs []byte) {
	c := conflictPage{Title: cmp.Or(f.Values["title"], f.Target.Path), Path: f.Target.Path, Edit: f.Target.editURL(), Mine: mine}
	c.Theirs.Version, c.Theirs.Text = version(theirs), string(theirs)
	if theirs == nil {
		c.Theirs.Text = "(the page was deleted)"
	} else {
		c.Differ = differ(f, formFromFile(f.Target, theirs))
	}
	e.log.Warn("editor: save refused, the page changed since it was opened", "user", e.opts.User(r), "path", f.Target.Path)
	e.show(w, r, http.StatusConflict, "conflict", "Someone else changed this page", c)
}

// differ names what differs between two forms of a page, field by field in
// the form's order, then the text: the two whole files side by side are
// long, and the one changed line is hard to find in them.
func differ(mine, theirs *form) []string {
	var d []string
	for _, fd := range mine.Target.fields() {
		if strings.TrimSpace(mine.Values[fd.Name]) != strings.TrimSpace(theirs.Values[fd.Name]) {
			d = append(d, cmp.Or(labels[fd.Name], fd.Name))
		}
	}
	if strings.TrimSpace(mine.Body) != strings.TrimSpace(theirs.Body) {
		d = append(d, "The page's text")
	}
	return d
}

// refuse shows why a request did nothing, and logs it.
func (e *Editor) refuse(w http.ResponseWriter, r *http.Request, status int, title string, err error) {
	e.log.Warn("editor: refused", "user", e.opts.User(r), "path", r.URL.Path, "err", err)
	e.message(w, r, status, title, err.Error())
}
