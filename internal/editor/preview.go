package editor

import (
	"encoding/json"
	"net/http"
	"path"
	"strconv"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// preview renders a form (POST) or the saved file (GET ?path=) as the page
// would look, with the real templates and stylesheet, for the preview
// frame. When the change has errors the frame lists them instead.
func (e *Editor) preview(w http.ResponseWriter, r *http.Request) {
	files, done, ok := e.open(w, r)
	if !ok {
		return
	}
	defer done()
	var f *form
	if r.Method == http.MethodGet {
		t, err := parseTarget(r.URL.Query().Get("path"))
		if err != nil {
			e.framed(w, http.StatusNotFound, "message", "Not found", err.Error())
			return
		}
		data, err := readFile(files, t)
		if err != nil || data == nil {
			e.framed(w, http.StatusNotFound, "message", "Nothing to preview", "This page could not be read; open it again from the list of pages.")
			return
		}
		f = formFromFile(t, data)
	} else {
		var err error
		if f, err = formFromRequest(w, r); err != nil {
			e.framed(w, http.StatusBadRequest, "message", "This form could not be previewed", err.Error())
			return
		}
		withBase(files, f)
	}
	text, _, _ := f.compose()
	cs, problems, err := e.loadWith(files, f, []byte(text))
	if err != nil {
		e.framed(w, http.StatusInternalServerError, "message", "No preview", err.Error())
		return
	}
	if cs == nil {
		e.framed(w, http.StatusOK, "preview-problems", "Not yet", summary(f, place(f, problems, e.titleAt)))
		return
	}
	st, err := e.render(files, cs, f.Target)
	if err != nil {
		e.framed(w, http.StatusOK, "message", "No preview", err.Error())
		return
	}
	page := st.Lookup(pageURL(cs, f.Target))
	if page == nil {
		e.framed(w, http.StatusOK, "message", "No preview", "This page has no address on the site yet.")
		return
	}
	body := page.Plain()
	w.Header().Set("Content-Type", page.ContentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Write(body)
}

// pageURL is the address of t's page in cs, drafts included; "" if none.
// A translation's page is in the site of its language, under its code
// (/es/conditions/ciatica).
func pageURL(cs *content.Site, t target) string {
	prefix := ""
	if t.Lang != "" {
		if cs = cs.Translation(t.Lang); cs == nil {
			return ""
		}
		prefix = cs.Lang.Prefix()
	}
	switch t.Kind {
	case content.KindHome:
		return route.In(prefix, route.URL(route.Home, ""))
	case content.KindCondition:
		for _, c := range cs.Conditions {
			if path.Base(c.Path) == path.Base(t.Path) {
				return c.URL()
			}
		}
	case content.KindPage:
		for _, p := range cs.Pages {
			if path.Base(p.Path) == path.Base(t.Path) {
				return route.In(prefix, route.URL(route.Page, p.Slug))
			}
		}
	}
	return ""
}

// checked is the answer of /_relief/check: the problems of a form, placed.
type checked struct {
	Fields  map[string][]problemView `json:"fields"`
	Body    []problemView            `json:"body"`
	General []problemView            `json:"general"`
	Errors  bool                     `json:"errors"`
	// Worth is every warning as the "Worth a look" list at the top of
	// the form shows it, and WorthIntro the sentence above it: the script
	// keeps that list as she types, not only after a save.
	Worth      []problemLink `json:"worth"`
	WorthIntro string        `json:"worthIntro"`
}

// check answers the problems of a posted form as JSON, placed by field and
// body line, for the script to show as the therapist types.
func (e *Editor) check(w http.ResponseWriter, r *http.Request) {
	f, err := formFromRequest(w, r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, checked{General: []problemView{{Severity: "error", Text: err.Error()}}, Errors: true})
		return
	}
	files, done, ok := e.open(w, r)
	if !ok {
		return
	}
	defer done()
	withBase(files, f)
	text, _, _ := f.compose()
	_, problems, err := e.loadWith(files, f, []byte(text))
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, checked{General: []problemView{{Severity: "error", Text: err.Error()}}, Errors: true})
		return
	}
	pl := place(f, problems, e.titleAt)
	worth := links(f, pl, "warning")
	writeJSON(w, http.StatusOK, checked{Fields: pl.Fields, Body: pl.Body, General: pl.General, Errors: pl.Errors, Worth: worth, WorthIntro: worthIntro(len(worth))})
}

// writeJSON sends v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	w.Write(data)
}
