package editor

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"path"
	"strings"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/history"
)

// historyShown is how many versions a page's history lists.
const historyShown = 30

// historyPage is the data of a page's history.
type historyPage struct {
	Title, Path string
	Back        string // where the page is edited
	Version     string // the file's version on disk now ("" when deleted): restores check it
	Versions    []versionView
	More        bool // older versions exist than the ones shown
}

// versionView is one version in a history.
type versionView struct {
	Hash, Path, When, Author, Message string
	Deleted, Current                  bool
	Diff                              []diffLine // against the version before it
	Added, Removed                    int
}

// diffLine is a line of a diff as the history shows it.
type diffLine struct {
	Class string // "add", "del", "same" or "gap" (unchanged lines left out)
	Sign  string // "+", "−", " " or "…"
	Text  string
}

// historyTarget checks a path a history page or a restore names: an
// editable page, or site.yaml.
func historyTarget(p string) (target, error) {
	if p == siteFile {
		return target{Path: siteFile}, nil
	}
	return parseTarget(p)
}

// backURL is where the file of t is edited.
func backURL(t target) string {
	if t.Path == siteFile {
		return "/_relief/settings"
	}
	return t.editURL()
}

// history shows a page's versions, newest first, each with what changed.
func (e *Editor) history(w http.ResponseWriter, r *http.Request) {
	t, err := historyTarget(strings.TrimPrefix(r.URL.Path, "/_relief/history/"))
	if err != nil {
		e.message(w, r, http.StatusNotFound, "Not found", err.Error())
		return
	}
	if e.opts.History == nil {
		e.message(w, r, http.StatusNotFound, "No history", noHistory)
		return
	}
	files, done, ok := e.open(w, r)
	if !ok {
		return
	}
	defer done()
	current, err := readFile(files, t)
	if err != nil {
		e.refuse(w, r, http.StatusInternalServerError, "This page's history cannot be shown", err)
		return
	}
	vs, err := e.opts.History.Log(t.Path, historyShown+1)
	if err != nil {
		e.refuse(w, r, http.StatusInternalServerError, "This page's history cannot be shown", err)
		return
	}
	p := historyPage{Path: t.Path, Back: backURL(t), Title: titleOf(t, current)}
	if current != nil {
		p.Version = version(current)
	}
	if p.More = len(vs) > historyShown; p.More {
		vs = vs[:historyShown+1] // the extra one is only the base of the last diff
	}
	texts := make([][]byte, len(vs))
	for i, v := range vs {
		if texts[i], err = e.opts.History.File(v.Path, v.Hash); err != nil && !errors.Is(err, history.ErrNotFound) {
			e.refuse(w, r, http.StatusInternalServerError, "This page's history cannot be shown", err)
			return
		}
	}
	for i, v := range vs[:min(len(vs), historyShown)] {
		vv := versionView{Hash: v.Hash, Path: v.Path, When: when(v), Author: v.Author, Message: v.Message, Deleted: v.Deleted,
			Current: current != nil && !v.Deleted && bytes.Equal(texts[i], current)}
		var before []byte
		if i+1 < len(texts) {
			before = texts[i+1]
		}
		vv.Diff, vv.Added, vv.Removed = compact(history.Diff(before, texts[i]), 3)
		p.Versions = append(p.Versions, vv)
	}
	if p.Title == t.Path && len(texts) > 0 {
		p.Title = cmp.Or(titleOf(t, texts[min(1, len(texts)-1)]), t.Path)
	}
	e.show(w, r, http.StatusOK, "history", "History of "+p.Title, p)
}

// noHistory says why there is no history.
const noHistory = "No versions are kept for this content folder: the history could not be opened when relief started (the server's log says why)."

// when is how the history writes a version's time.
func when(v history.Version) string { return v.When.Local().Format("2 January 2006, 15:04") }

// compact keeps the changed lines of a diff with context unchanged lines
// around each change; longer unchanged runs become one "gap" line.
func compact(lines []history.Line, context int) (out []diffLine, added, removed int) {
	near := make([]bool, len(lines))
	for i, l := range lines {
		if l.Op == ' ' {
			continue
		}
		for j := max(0, i-context); j <= min(len(lines)-1, i+context); j++ {
			near[j] = true
		}
	}
	for i, l := range lines {
		switch {
		case l.Op == '+':
			added++
			out = append(out, diffLine{"add", "+", l.Text})
		case l.Op == '-':
			removed++
			out = append(out, diffLine{"del", "−", l.Text})
		case near[i]:
			out = append(out, diffLine{"same", " ", l.Text})
		case len(out) == 0 || out[len(out)-1].Class != "gap":
			out = append(out, diffLine{"gap", "…", ""})
		}
	}
	if added+removed == 0 {
		return nil, 0, 0
	}
	return out, added, removed
}

// titleOf is the title written in a content file, or its path.
func titleOf(t target, data []byte) string {
	if t.Path == siteFile {
		return "Site settings"
	}
	if data == nil {
		return t.Path
	}
	return cmp.Or(formFromFile(t, data).Values["title"], t.Path)
}

// restore makes an older version of a file the current one: checked as a
// save is, written, swapped in and committed as a new version.
func (e *Editor) restore(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		e.refuse(w, r, http.StatusBadRequest, "Not restored", formError(err))
		return
	}
	t, err := historyTarget(r.PostForm.Get("path"))
	if err != nil {
		e.refuse(w, r, http.StatusBadRequest, "Not restored", err)
		return
	}
	from, err := historyTarget(cmp.Or(r.PostForm.Get("from"), t.Path))
	if err != nil {
		e.refuse(w, r, http.StatusBadRequest, "Not restored", err)
		return
	}
	if e.opts.History == nil && !e.readOnly() {
		e.message(w, r, http.StatusForbidden, "Not restored", noHistory)
		return
	}
	j, ok := e.begin(w, r, action{title: "Not restored", target: t, version: r.PostForm.Get("version")})
	if !ok {
		return
	}
	defer j.end()
	hash := r.PostForm.Get("hash")
	old, err := e.opts.History.File(from.Path, hash)
	if err != nil {
		e.refuse(w, r, http.StatusNotFound, "Not restored", fmt.Errorf("that version of %s cannot be found (%w); open the page's history again and choose one from the list", t.Path, err))
		return
	}
	c := changes{t.Path: old}
	cs, problems, err := e.checkChanges(j.files, c)
	if err != nil || problems.Count(content.Error) > 0 {
		e.refuseProblems(w, r, "Not restored", "That version cannot go back on the site as it is, because the site has changed since:", problems, err)
		return
	}
	user, title := e.opts.User(r), titleOf(t, old)
	msg := "Restored " + title + " to the version of " + r.PostForm.Get("when")
	if r.PostForm.Get("when") == "" {
		msg = "Restored " + title
	}
	if err := e.apply(r.Context(), user, msg, j, cs, c); err != nil {
		e.log.Error("editor: restore failed", "user", user, "path", t.Path, "err", err)
		e.refuse(w, r, http.StatusInternalServerError, "Not restored", fmt.Errorf("%w; the page on the site is unchanged", err))
		return
	}
	e.log.Info("editor: restored", "user", user, "path", t.Path, "version", hash)
	http.Redirect(w, r, backURL(t)+"?saved=1", http.StatusSeeOther)
}

// refuseProblems shows the errors that stop an action.
func (e *Editor) refuseProblems(w http.ResponseWriter, r *http.Request, title, intro string, problems content.Problems, err error) {
	if err != nil {
		e.refuse(w, r, http.StatusInternalServerError, title, err)
		return
	}
	p := refusedPage{Intro: intro}
	for _, pr := range problems {
		if pr.Severity == content.Error {
			p.Items = append(p.Items, e.refusal(pr))
		}
	}
	e.log.Warn("editor: refused", "user", e.opts.User(r), "path", r.URL.Path, "problems", problems.Count(content.Error))
	e.show(w, r, http.StatusUnprocessableEntity, "refused", title, p)
}

// refusedPage is the data of templates/refused.html: what refuseProblems
// shows, the intro and then each error on a line of its own.
type refusedPage struct {
	Intro string
	Items []problemLink
}

// refusal is one error that stops an action as refuseProblems lists it:
// the page it is in by its title, linked to its form, with the checker's
// message in the form's words, as a form shows another page's errors
// (elsewhere): "The page “Neck Pain”: Related conditions: there is no
// condition at /conditions/whiplash", not "conditions/neck-pain.md:17:30:
// error: related: …". The site's settings are named with the line and
// linked to their form; another file that is no page (a strings file) is
// named with its line, not linked: the editor has no form for it.
func (e *Editor) refusal(pr content.Problem) problemLink {
	if title := e.titleAt(pr.Path); title != pr.Path {
		v := elsewhere(pr, title)
		return problemLink{Where: v.Where, Href: v.Href, Text: v.Text}
	}
	l := problemLink{Where: pr.Path, Text: plainWords(pr.Message)}
	if path.Base(pr.Path) == "site.yaml" {
		l.Where, l.Href = "The site's settings", backURL(target{Path: siteFile})
	}
	if pr.Line > 0 {
		l.Where += fmt.Sprintf(", line %d", pr.Line)
	}
	return l
}

// readOnlyText is the message for the built-in content, or "".
func readOnlyText(readOnly bool) string {
	if !readOnly {
		return ""
	}
	return "The built-in pages cannot be changed; start relief with your own content folder (relief serve -content DIR)."
}
