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

// misspell writes path again with its "summary:" key spelt "summry:", as
// a hand edit of the file might leave it.
func (fx *fixture) misspell(path string) {
	fx.t.Helper()
	text := strings.Replace(fx.file(path), "\nsummary:", "\nsummry:", 1)
	if err := os.WriteFile(filepath.Join(fx.dir, path), []byte(text), 0o644); err != nil {
		fx.t.Fatal(err)
	}
}

// TestMisspeltKeyCanBeFixed: a page whose settings have a key spelt wrong
// ("summry:") could not be saved from the editor, since the form has no
// field for the key and so no way to change it. The form now shows it in
// a box naming it and what it probably means, with "Delete it" and "Put
// it in Summary"; after either, the page saves, and the file keeps the
// rest of its lines as they were.
func TestMisspeltKeyCanBeFixed(t *testing.T) {
	for _, tt := range []struct {
		action string
		want   string // in the file after the save
	}{
		{"drop:summry", `summary: "A summary typed in its box."`},
		{"use:summry", "summary: "},
	} {
		t.Run(tt.action, func(t *testing.T) {
			fx := newFixture(t)
			fx.misspell(backPain)
			before := fx.file(backPain)
			summary := before[strings.Index(before, "summry:")+len("summry:"):]
			summary = strings.TrimSpace(summary[:strings.IndexByte(summary, '\n')])

			body := fx.do("GET", "/_relief/edit/"+backPain, nil).Body.String()
			for _, want := range []string{`id="unknown-keys"`, "summry", "probably", "Summary", `value="drop:summry"`, `value="use:summry"`} {
				if !strings.Contains(body, want) {
					t.Errorf("the form opened does not have %q in its box", want)
				}
			}
			v := fx.formOf(backPain)
			if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusUnprocessableEntity || !strings.Contains(w.Body.String(), `href="#unknown-keys"`) {
				t.Errorf("save with summry: status = %d, want 422 with a link to the box", w.Code)
			}

			v.Set("action", tt.action)
			w := fx.do("POST", "/_relief/save", v)
			if w.Code != http.StatusOK {
				t.Fatalf("POST %s: status = %d, want 200\n%s", tt.action, w.Code, w.Body)
			}
			if fx.file(backPain) != before {
				t.Fatalf("%s wrote the file; only Save should", tt.action)
			}
			next := formFromPage(t, w.Body.String())
			if strings.Contains(next.Get("keep"), "summry") || strings.Contains(w.Body.String(), `value="drop:summry"`) {
				t.Fatalf("after %s the form still has summry:\n%s", tt.action, w.Body)
			}
			if got, want := next.Get("summary") != "", strings.HasPrefix(tt.action, "use:"); got != want {
				t.Errorf("after %s the Summary field has %q", tt.action, next.Get("summary"))
			}
			v.Set("keep", next.Get("keep"))
			v.Set("summary", next.Get("summary"))
			if tt.action == "drop:summry" { // the summary is needed: she writes one
				v.Set("summary", "A summary typed in its box.")
			}
			v.Set("action", "save")
			if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
				t.Fatalf("save after %s: status = %d, want 303\n%s", tt.action, w.Code, w.Body)
			}
			after := fx.file(backPain)
			if tt.action == "use:summry" {
				tt.want += summary
			}
			if strings.Contains(after, "summry") || !strings.Contains(after, tt.want) {
				t.Errorf("the file after the save:\n%s", after)
			}
			rest := func(s string) string { // every line but the summary's
				var keep []string
				for _, l := range strings.Split(s, "\n") {
					if !strings.HasPrefix(l, "summry:") && !strings.HasPrefix(l, "summary:") {
						keep = append(keep, l)
					}
				}
				return strings.Join(keep, "\n")
			}
			if rest(after) != rest(before) {
				t.Errorf("the save changed other lines of the file:\n%s\nwas\n%s", after, before)
			}
		})
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
