package editor

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

//go:embed templates
var templateFiles embed.FS

// pageNames are the editor's pages, each templates/NAME.html executed
// inside templates/layout.html, with the pieces several pages share
// (translation.html, refusal.html).
var pageNames = []string{"dashboard", "edit", "conflict", "message", "new", "preview-problems",
	"history", "delete", "deleted", "rename", "settings", "refused"}

// parseTemplates parses every page with the layout.
func parseTemplates() (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"has":   has,
		"lines": func(s string) int { return strings.Count(s, "\n") + 1 },
		"chars": func(s string) int { return utf8.RuneCountInString(strings.TrimSpace(s)) },
		"kind":  kindName,
		"plus":  func(a, b int) int { return a + b },
		"sentence": func(s string) string {
			if s == "" {
				return s
			}
			return strings.ToUpper(s[:1]) + s[1:] + "."
		},
	}
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/translation.html", "templates/refusal.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("editor: %w", err)
		}
		pages[name] = t
	}
	return pages, nil
}

// has reports whether list, one item a line, holds item.
func has(list, item string) bool {
	for _, l := range strings.Split(list, "\n") {
		if l == item {
			return true
		}
	}
	return false
}

// view is what every page's template gets.
type view struct {
	Title    string // the page's name, in the tab and the heading
	User     string
	Accounts bool    // a login is asked for: offer "Log out"
	ReadOnly bool    // the built-in content: nothing can be saved
	Notice   *notice // what a save did, on the page after it; nil for none
	Framed   bool    // shown in the preview frame: no bar, no skip link
	Page     any     // the page's own data
}

// show executes page into a buffer and writes it with status: a template
// error becomes a plain 500, never half a page.
func (e *Editor) show(w http.ResponseWriter, r *http.Request, status int, page, title string, data any) {
	v := view{Title: title, User: e.opts.User(r), Accounts: e.opts.Accounts, ReadOnly: e.readOnly(), Page: data}
	if r.URL.Query().Get("saved") != "" {
		v.Notice = e.savedNotice(data)
	}
	e.send(w, status, page, v)
}

// framed is show for what the preview frame holds instead of the page: the
// words alone, without the editor's bar, whose links and Log out would
// open inside the frame.
func (e *Editor) framed(w http.ResponseWriter, status int, page, title string, data any) {
	e.send(w, status, page, view{Title: title, Framed: true, Page: data})
}

// send executes the template page with v and sends it.
func (e *Editor) send(w http.ResponseWriter, status int, page string, v view) {
	var buf bytes.Buffer
	if err := e.pages[page].Execute(&buf, v); err != nil {
		e.log.Error("editor: showing a page", "page", page, "err", err)
		http.Error(w, "The editor could not show this page. The error is in the server's log.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// message shows a page with a heading and one message, for refusals.
func (e *Editor) message(w http.ResponseWriter, r *http.Request, status int, title, text string) {
	e.show(w, r, status, "message", title, text)
}

func (e *Editor) notFound(w http.ResponseWriter, r *http.Request) {
	e.message(w, r, http.StatusNotFound, "Not found", "There is no editor page at this address. Go back to the list of pages and choose one from there.")
}

func (e *Editor) methodNotAllowed(w http.ResponseWriter, r *http.Request) {
	e.message(w, r, http.StatusMethodNotAllowed, "Not allowed", "This address cannot be used that way. Go back to the list of pages and try again from there.")
}
