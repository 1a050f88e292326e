package editor

import (
	"net/http"
	"strings"
	"testing"
)

// TestAnotherPagesErrorsInPlainWords: a save refused for errors in other
// pages names each page by its title, linked to its form, in the form's
// words. It listed the checker's lines before
// ("conditions/sciatica.md:18:30: error: related: there is no condition at
// /conditions/hip-pain"): a file path, line and column and a key of the
// file, none of which the therapist can act on from the page she is on.
func TestAnotherPagesErrorsInPlainWords(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(fx *fixture) // breaks something outside the form saved
		page  string            // the page saved
		edit  func(v map[string][]string)
		want  []string
	}{{
		name: "a new web address leaves links behind",
		page: "conditions/hip-pain.md",
		edit: func(v map[string][]string) { v["slug"] = []string{"hips"} },
		want: []string{
			`<a href="/_relief/edit/conditions/sciatica.md">The page “Sciatica”</a>: Related conditions: there is no condition at /conditions/hip-pain`,
			`<a href="#field-slug">Web address</a>: the new address leaves other pages&#39; links to /conditions/hip-pain behind: put back what the box had, then use “Change the address” at the top of the page, which moves the page and its links together`,
		},
	}, {
		name:  "a key misspelt by hand in another file",
		setup: func(fx *fixture) { fx.misspell("conditions/whiplash.md") },
		page:  backPain,
		want: []string{
			`<a href="/_relief/edit/conditions/whiplash.md">The page “Whiplash”</a>: it has a setting the form does not know (“summry”): open the page and take it out in the box at the top of its form`,
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			fx := newFixture(t)
			if tc.setup != nil {
				tc.setup(fx)
			}
			v := fx.formOf(tc.page)
			if tc.edit != nil {
				tc.edit(v)
			}
			w := fx.do("POST", "/_relief/save", v)
			body := w.Body.String()
			if w.Code != http.StatusUnprocessableEntity {
				t.Fatalf("POST /_relief/save: status = %d, want 422\n%s", w.Code, body)
			}
			for _, want := range tc.want {
				if !strings.Contains(body, want) {
					t.Errorf("the refused form does not say %q\n%s", want, problemsOf(body))
				}
			}
			for _, bad := range []string{": error: ", ".md:"} {
				if strings.Contains(problemsOf(body), bad) {
					t.Errorf("the refused form still has the checker's %q\n%s", bad, problemsOf(body))
				}
			}
		})
	}
}

// problemsOf is the box at the top of a refused form.
func problemsOf(body string) string {
	_, rest, _ := strings.Cut(body, `id="problems"`)
	box, _, _ := strings.Cut(rest, "</div>")
	return box
}
