package editor

import (
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// misspell writes path again with its summary key spelt "summry", as a
// hand edit of the file might leave it, and a note of the therapist's own
// after its first line, which a save must keep.
func (fx *fixture) misspell(path string) {
	fx.t.Helper()
	text := strings.Replace(fx.file(path), "\nsummary", "\nsummry", 1)
	first, rest, _ := strings.Cut(text, "\n")
	text = first + "\n# a note of my own\n" + rest
	if err := os.WriteFile(filepath.Join(fx.dir, path), []byte(text), 0o644); err != nil {
		fx.t.Fatal(err)
	}
}

// TestMisspeltKeyCanBeFixed: a page whose settings have a key spelt wrong
// ("summry") could not be saved from the editor, since the form has no
// field for the key and so no way to change it. The form now shows it in
// a box naming it and what it probably means, with "Delete it" and "Put
// it in Summary"; after either, the page saves (the summary is needed, so
// after "Delete it" she types one), in its own format (YAML or TOML), and
// the file keeps the rest of its lines as they were.
func TestMisspeltKeyCanBeFixed(t *testing.T) {
	for _, page := range []string{backPain, "conditions/plantar-fasciitis.md"} {
		for _, action := range []string{"drop:summry", "use:summry"} {
			t.Run(page+" "+action, func(t *testing.T) { misspeltKey(t, page, action) })
		}
	}
}

func misspeltKey(t *testing.T, page, action string) {
	fx := newFixture(t)
	fx.misspell(page)
	before := fx.file(page)
	_, summary, _ := strings.Cut(before, "\nsummry")
	summary = strings.TrimLeft(summary[:strings.IndexByte(summary, '\n')], " :=") // the value as written, quoted

	body := fx.do("GET", "/_relief/edit/"+page, nil).Body.String()
	for _, want := range []string{`id="unknown-keys"`, "“summry” is probably “Summary”", `value="drop:summry"`, `value="use:summry"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the form opened does not have %q in its box", want)
		}
	}
	v := fx.formOf(page)
	if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `<a href="#unknown-keys">The setting “summry”</a>`) {
		t.Errorf("save with summry: status = %d, want 422 with a link to the box\n%s", w.Code, w.Body)
	}

	v.Set("action", action)
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusOK {
		t.Fatalf("POST %s: status = %d, want 200\n%s", action, w.Code, w.Body)
	}
	if fx.file(page) != before {
		t.Fatalf("%s wrote the file; only Save should", action)
	}
	next := formFromPage(t, w.Body.String())
	if strings.Contains(next.Get("keep"), "summry") || strings.Contains(w.Body.String(), `value="drop:summry"`) {
		t.Fatalf("after %s the form still has summry:\n%s", action, w.Body)
	}
	want := summary
	switch {
	case action == "use:summry" && next.Get("summary") == "":
		t.Errorf("after %s the Summary box is empty", action)
	case action == "drop:summry" && next.Get("summary") != "":
		t.Errorf("after %s the Summary box has %q", action, next.Get("summary"))
	case action == "drop:summry": // the summary is needed: she writes one
		next.Set("summary", "A summary typed in its box.")
		want = `"A summary typed in its box."`
	}
	v.Set("keep", next.Get("keep"))
	v.Set("summary", next.Get("summary"))
	v.Set("action", "save")
	if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
		t.Fatalf("save after %s: status = %d, want 303\n%s", action, w.Code, w.Body)
	}
	after := fx.file(page)
	if strings.Contains(after, "summry") || !strings.Contains(after, "\nsummary") || !strings.Contains(after, want) {
		t.Errorf("the file after the save has no summary %s, or still summry:\n%s", want, after)
	}
	rest := func(s string) string { // every line but the summary's
		var keep []string
		for _, l := range strings.Split(s, "\n") {
			if !strings.HasPrefix(l, "summry") && !strings.HasPrefix(l, "summary") {
				keep = append(keep, l)
			}
		}
		return strings.Join(keep, "\n")
	}
	if rest(after) != rest(before) {
		t.Errorf("the save changed other lines of the file:\n%s\nwas\n%s", after, before)
	}
}

// formFromPage reads the values of the edit form's keep input and summary
// box out of the page's HTML, as a browser would post them.
func formFromPage(t *testing.T, page string) url.Values {
	t.Helper()
	v := url.Values{}
	if _, rest, ok := strings.Cut(page, `name="keep" value="`); ok {
		v.Set("keep", html.UnescapeString(rest[:strings.IndexByte(rest, '"')]))
	}
	if _, rest, ok := strings.Cut(page, `id="in-summary" name="summary"`); ok {
		_, rest, _ = strings.Cut(rest, ">\n")
		v.Set("summary", strings.TrimSpace(html.UnescapeString(rest[:strings.Index(rest, "</textarea>")])))
	}
	return v
}

// TestDropped: Save leaves out of the file only the keys the box took out
// of the form's Keep, and refuses to splice a Keep it did not come from.
func TestDropped(t *testing.T) {
	orig := &form{Keep: "summry: one\ncolour: red\n"}
	for _, tt := range []struct {
		name, keep string
		gone       []string
		ok         bool
	}{
		{"the same", orig.Keep, nil, true},
		{"one taken out", "colour: red\n", []string{"summry"}, true},
		{"all taken out", "", []string{"summry", "colour"}, true},
		{"a key of its own", "colour: red\nsize: big\n", nil, false},
		{"not readable", "colour: [red\n", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			gone, ok := (&form{Keep: tt.keep}).dropped(orig)
			if ok != tt.ok || len(gone) != len(tt.gone) {
				t.Fatalf("dropped = %v, %v; want %v, %v", gone, ok, tt.gone, tt.ok)
			}
			for _, k := range tt.gone {
				if !gone[k] {
					t.Errorf("dropped = %v, want %q among them", gone, k)
				}
			}
		})
	}
}

// TestUnknownKeySaidOnce: a refused save names a misspelt key once, in
// the form's words, linked to its box, not again in the checker's words
// ("unknown key …") among the page-wide problems.
func TestUnknownKeySaidOnce(t *testing.T) {
	fx := newFixture(t)
	text := strings.Replace(fx.file(backPain), "\nweight:", "\nwieght:", 1)
	if err := os.WriteFile(filepath.Join(fx.dir, backPain), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	w := fx.do("POST", "/_relief/save", fx.formOf(backPain))
	body := w.Body.String()
	if w.Code != http.StatusUnprocessableEntity || !strings.Contains(body, `<a href="#unknown-keys">The setting “wieght”</a>`) {
		t.Fatalf("save with wieght: status = %d, want 422 with a link to the box\n%s", w.Code, body)
	}
	if strings.Contains(body, "unknown key") {
		t.Errorf("the refused save also says the checker's words:\n%s", body)
	}
}
