package editor

import (
	"cmp"
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/fuzzy"
	"github.com/relief-massage/relief/internal/publish"
)

// row is one page on the dashboard.
type row struct {
	Title, Kind, Edit string
	Draft             bool
	Reviewed, Due     string // dates as the therapist reads them; "" when none
	Overdue           bool
	Warnings          int
	Filter            string // the words the filter matches, folded
	// A translation's row (translate.go) sits under its original's.
	Language string           // the translation's language, as its speakers name it; "" for an original
	Stale    bool             // a translation whose original was reviewed after it
	Add      []addTranslation // "Add a Spanish version", for each language without one
}

// dashboardPage is the dashboard's data.
type dashboardPage struct {
	Query   string
	Rows    []row
	Total   int
	Overdue int
	Publish publish.Status // the -on-publish command's last run: a failure is shown
}

// dashboard lists every page (see the package doc), narrowed by ?q=.
func (e *Editor) dashboard(w http.ResponseWriter, r *http.Request) {
	rows := e.rows()
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	d := dashboardPage{Query: q, Total: len(rows), Publish: e.opts.Publish.Status()}
	fq := fuzzy.Fold(strings.ToLower(q))
	for _, rw := range rows {
		if rw.Overdue {
			d.Overdue++
		}
		if q == "" || strings.Contains(rw.Filter, fq) {
			d.Rows = append(d.Rows, rw)
		}
	}
	e.show(w, r, http.StatusOK, "dashboard", "Your pages", d)
}

// rows are the dashboard's rows for the site being served: the home page,
// the conditions, the plain pages.
func (e *Editor) rows() []row {
	cs := e.opts.Site().Content
	warnings := map[string]int{}
	for _, p := range cs.Warnings {
		warnings[e.rel(p.Path)]++
	}
	now := e.opts.Now()
	var rows []row
	add := func(p *content.Page, t target, rw row) {
		rw.Title, rw.Kind, rw.Edit, rw.Draft = p.Title, kindName(t.Kind), t.editURL(), p.Draft
		rw.Warnings = warnings[t.Path]
		rw.Filter = fuzzy.Fold(strings.ToLower(p.Title + " " + t.Path + " " + rw.Kind))
		rows = append(rows, rw)
	}
	if cs.Home != nil {
		add(cs.Home, target{Path: "index.md", Kind: content.KindHome}, row{})
	}
	for _, c := range cs.Conditions {
		rw := row{}
		if !c.Reviewed.IsZero() {
			due := c.NextReview()
			rw.Reviewed, rw.Due, rw.Overdue = day(c.Reviewed), day(due), !due.After(now)
		}
		add(&c.Page, target{Path: "conditions/" + path.Base(c.Path), Kind: content.KindCondition}, rw)
	}
	for _, p := range cs.Pages {
		add(p, target{Path: "pages/" + path.Base(p.Path), Kind: content.KindPage}, row{})
	}
	rows = e.withTranslations(rows)
	rows = append(rows, row{Title: "Site settings", Kind: "settings", Edit: "/_relief/settings", Filter: "site settings site.yaml", Warnings: warnings["site.yaml"]})
	return rows
}

// rel turns a path as the served site's problems name it
// ("content/conditions/sciatica.md", after the content folder's name) into
// its path inside the content folder.
func (e *Editor) rel(p string) string {
	dir := path.Clean(filepath.ToSlash(cmp.Or(e.opts.ContentDir, "content")))
	return strings.TrimPrefix(p, dir+"/")
}

// day is how the editor writes a date: "1 November 2026".
func day(t time.Time) string { return t.Format("2 January 2006") }

// titleAt is the title of the page in the file at path (relative to the
// content folder) on the site being served, or the path when the site has
// no such page (a file that does not load).
func (e *Editor) titleAt(path string) string {
	edit := target{Path: path}.editURL()
	for _, rw := range e.rows() {
		if rw.Edit == edit {
			return rw.Title
		}
	}
	return path
}
