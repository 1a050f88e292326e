package editor

import (
	"cmp"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// renamePage is the data of the form that changes a condition's address.
type renamePage struct {
	Title, Path, Version, Back string
	Slug, URL                  string // the address now
	Problem                    string
}

// renamable parses the page a rename names: conditions only, the pages
// that take redirect_from.
func renamable(p string) (target, error) {
	t, err := parseTarget(p)
	if err == nil && t.Kind != content.KindCondition {
		err = fmt.Errorf("only a condition's address can be changed here")
	}
	return t, err
}

// slugOf is the address part of a condition: its slug: key, or its file
// name.
func slugOf(f *form) string {
	return cmp.Or(f.Values["slug"], strings.TrimSuffix(path.Base(f.Target.Path), ".md"))
}

// renameForm asks for a condition's new address.
func (e *Editor) renameForm(w http.ResponseWriter, r *http.Request) {
	t, err := renamable(strings.TrimPrefix(r.URL.Path, "/_relief/rename/"))
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
	f := formFromFile(t, data)
	p := renamePage{Title: titleOf(t, data), Path: t.Path, Version: f.Version, Back: t.editURL(), Slug: slugOf(f)}
	p.URL = route.URL(route.Condition, p.Slug)
	e.show(w, r, http.StatusOK, "rename", "Change the address of "+p.Title, p)
}

// rename moves a condition to a new address: its file becomes
// conditions/NEW.md (its slug: changed too, when it has one), the old
// address is added to redirect_from so links and bookmarks keep working,
// and both are one commit, so the history follows the page.
func (e *Editor) rename(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		e.refuse(w, r, http.StatusBadRequest, "The address was not changed", formError(err))
		return
	}
	t, err := renamable(r.PostForm.Get("path"))
	if err != nil {
		e.refuse(w, r, http.StatusBadRequest, "The address was not changed", err)
		return
	}
	slug := strings.ToLower(strings.TrimSpace(r.PostForm.Get("slug")))
	to, err := parseTarget("conditions/" + slug + ".md")
	if err != nil || !slugRE.MatchString(slug) {
		e.refuse(w, r, http.StatusBadRequest, "The address was not changed",
			fmt.Errorf("%q cannot be an address: use lowercase letters, digits and hyphens, like chronic-back-pain", slug))
		return
	}
	j, ok := e.begin(w, r, action{title: "The address was not changed", target: t, version: r.PostForm.Get("version")})
	if !ok {
		return
	}
	defer j.end()
	f := formFromFile(t, j.current)
	old := slugOf(f)
	if existing, _ := readFile(j.files, to); existing != nil || slug == old {
		e.refuse(w, r, http.StatusConflict, "The address was not changed",
			fmt.Errorf("a page already has the address %s; choose another", route.URL(route.Condition, slug)))
		return
	}
	text := renamed(f, to, old, slug)
	c := changes{t.Path: nil, to.Path: text}
	if to.Path == t.Path { // same file name, a different slug: key
		c = changes{t.Path: text}
	}
	cs, problems, err := e.checkChanges(j.files, c)
	if err != nil || problems.Count(content.Error) > 0 {
		e.refuseProblems(w, r, "The address was not changed", "With the new address the site would have mistakes (other pages may name this one in their related conditions: change those first):", problems, err)
		return
	}
	user, title := e.opts.User(r), titleOf(t, j.current)
	msg := "Renamed " + title + ": " + route.URL(route.Condition, old) + " is now " + route.URL(route.Condition, slug)
	if err := e.apply(r.Context(), user, msg, j, cs, c); err != nil {
		e.log.Error("editor: rename failed", "user", user, "path", t.Path, "err", err)
		e.refuse(w, r, http.StatusInternalServerError, "The address was not changed", err)
		return
	}
	e.log.Info("editor: renamed", "user", user, "path", t.Path, "to", to.Path)
	http.Redirect(w, r, to.editURL()+"?saved=1", http.StatusSeeOther)
}

// renamed is the text of f's file at its new address slug (file to): the
// old address joins redirect_from, the new one leaves it (a page renamed
// back), and a slug: key follows the new address.
func renamed(f *form, to target, old, slug string) []byte {
	oldURL, newURL := route.URL(route.Condition, old), route.URL(route.Condition, slug)
	var from []string
	if v := f.Values["redirect_from"]; v != "" {
		from = strings.Split(v, "\n")
	}
	from = slices.DeleteFunc(from, func(s string) bool { return s == newURL })
	if !slices.Contains(from, oldURL) {
		from = append(from, oldURL)
	}
	f.Values["redirect_from"] = strings.Join(from, "\n")
	if f.Values["slug"] != "" {
		f.Values["slug"] = slug
	}
	f.Target = to
	text, _, _ := f.compose()
	return []byte(text)
}
