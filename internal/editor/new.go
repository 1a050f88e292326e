package editor

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/relief-massage/relief/internal/content"
)

// newPage is the data of the "New condition" form.
type newPage struct{ Title, Problem string }

// newForm asks for the new condition's name.
func (e *Editor) newForm(w http.ResponseWriter, r *http.Request) {
	e.show(w, r, http.StatusOK, "new", "New condition", newPage{})
}

// create writes a new condition from the scaffold relief new writes (a
// draft, with the standard headings as prompts) and opens it.
func (e *Editor) create(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		e.show(w, r, http.StatusBadRequest, "new", "New condition", newPage{Problem: "The form could not be read. Type the name again and press Create."})
		return
	}
	title := strings.TrimSpace(r.PostForm.Get("title"))
	again := func(status int, problem string) {
		e.show(w, r, status, "new", "New condition", newPage{Title: title, Problem: problem})
	}
	slug := content.Slugify(title)
	if !utf8.ValidString(title) || slug == "" || utf8.RuneCountInString(title) > 120 {
		again(http.StatusUnprocessableEntity, "Type the condition's name in words, like \"Runner's Knee\" (at most 120 letters).")
		return
	}
	t := target{Path: "conditions/" + slug + ".md", Kind: content.KindCondition}
	j, ok := e.begin(w, r, action{title: "Not made", target: t,
		readOnly: func() {
			again(http.StatusForbidden, "The built-in pages cannot be changed. Start relief with your own content folder to add pages.")
		},
		changed: func([]byte) {
			again(http.StatusConflict, "There is already a page called "+slug+". Open it from the list of pages, or choose another name.")
		},
	})
	if !ok {
		return
	}
	defer j.end()
	var regions []string
	for _, rg := range e.opts.Site().Content.Config.Regions {
		regions = append(regions, rg.Slug)
	}
	text := content.NewCondition(title, slug, regions, e.opts.Now())
	f := formFromFile(t, []byte(text))
	f.Version = ""
	e.commitForm(w, r, j, f, []byte(text))
}
