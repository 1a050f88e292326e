package editor

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sciatica, sciaticaES = "conditions/sciatica.md", "conditions/sciatica.es.md"

func TestSplitLang(t *testing.T) {
	tests := []struct{ in, orig, code string }{
		{"conditions/sciatica.es.md", "conditions/sciatica.md", "es"},
		{"index.es.md", "index.md", "es"},
		{"pages/about.pt-br.md", "pages/about.md", "pt-br"},
		{"conditions/sciatica.md", "conditions/sciatica.md", ""},
		{"conditions/a.b.c.md", "conditions/a.b.c.md", ""}, // "c" is no language code
	}
	for _, tt := range tests {
		orig, code := splitLang(tt.in)
		if orig != tt.orig || code != tt.code {
			t.Errorf("splitLang(%q) = %q, %q, want %q, %q", tt.in, orig, code, tt.orig, tt.code)
		}
	}
	for _, bad := range []string{"conditions/../sciatica.es.md", "conditions/Sciatica.es.md", "secret/x.es.md"} {
		if _, err := parseTarget(bad); err == nil {
			t.Errorf("parseTarget(%q) took it", bad)
		}
	}
}

func TestDashboardListsTranslationsUnderTheirOriginals(t *testing.T) {
	fx := newFixture(t)
	w := fx.do("GET", "/_relief/edit/", nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status = %d\n%s", w.Code, w.Body)
	}
	body := w.Body.String()
	orig := strings.Index(body, `href="/_relief/edit/conditions/sciatica.md"`)
	tr := strings.Index(body, `href="/_relief/edit/conditions/sciatica.es.md"`)
	next := strings.Index(body, `href="/_relief/edit/conditions/stress-and-anxiety.md"`)
	if orig < 0 || tr < orig || next < tr {
		t.Errorf("the Spanish sciatica is not listed right under the English one (at %d, %d, next %d)", orig, tr, next)
	}
	if !strings.Contains(body, "Ciática</a> <span class=\"lang\">(Español)</span>") {
		t.Errorf("the translation's row does not name its language")
	}
	neck := body[strings.Index(body, `href="/_relief/edit/conditions/neck-pain.md"`):]
	neck = neck[:strings.Index(neck, "</tr>")]
	if !strings.Contains(neck, "Add a Spanish version") || !strings.Contains(neck, `name="lang" value="es"`) {
		t.Errorf("neck pain (no translation) does not offer one:\n%s", neck)
	}
	sc := body[orig:tr]
	if strings.Contains(sc, "Add a Spanish version") {
		t.Errorf("sciatica, translated already, offers another translation")
	}
}

func TestDashboardMarksAStaleTranslation(t *testing.T) {
	fx := newFixture(t)
	text := fx.file(sciaticaES)
	text = strings.Replace(text, "slug: ciatica\n", "slug: ciatica\nreviewed: 2020-01-01\n", 1)
	if err := os.WriteFile(filepath.Join(fx.dir, sciaticaES), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if ps := fx.ed.opts.Reload(t.Context()); ps != nil {
		t.Fatal(ps)
	}
	body := fx.do("GET", "/_relief/edit/", nil).Body.String()
	if !strings.Contains(body, "may be out of date") {
		t.Errorf("a translation reviewed before its original is not marked")
	}
}

func TestAddATranslation(t *testing.T) {
	fx := newFixture(t)
	const es = "conditions/neck-pain.es.md"
	w := fx.do("POST", "/_relief/translate", map[string][]string{"path": {"conditions/neck-pain.md"}, "lang": {"es"}})
	if w.Code != http.StatusSeeOther || !strings.HasPrefix(w.Header().Get("Location"), "/_relief/edit/"+es) {
		t.Fatalf("status = %d, Location %q, want 303 to the new page\n%s", w.Code, w.Header().Get("Location"), w.Body)
	}
	got := fx.file(es)
	orig := formFromFile(target{Path: "conditions/neck-pain.md", Kind: "conditions"}, []byte(fx.file("conditions/neck-pain.md")))
	for _, want := range []string{"title: " + `"` + orig.Values["title"] + `"`, "summary:", "symptoms:", "draft: true", orig.Body} {
		if !strings.Contains(got, want) {
			t.Errorf("the new translation does not have %q:\n%s", want, got)
		}
	}
	for _, shared := range []string{"regions:", "related:", "weight:", "reviewed:"} {
		if strings.Contains(got, shared) {
			t.Errorf("the new translation writes the shared %s, which it should take from the original:\n%s", shared, got)
		}
	}
	// Asked again (another tab): the same page opens, nothing is written.
	w = fx.do("POST", "/_relief/translate", map[string][]string{"path": {"conditions/neck-pain.md"}, "lang": {"es"}})
	if w.Code != http.StatusSeeOther || fx.file(es) != got {
		t.Errorf("a second request: status %d, and the file changed: %v", w.Code, fx.file(es) != got)
	}
	for _, bad := range []map[string][]string{
		{"path": {"conditions/neck-pain.md"}, "lang": {"fr"}},
		{"path": {"conditions/neck-pain.md"}, "lang": {"en"}},
		{"path": {sciaticaES}, "lang": {"es"}},
		{"path": {"../site.yaml"}, "lang": {"es"}},
	} {
		if w := fx.do("POST", "/_relief/translate", bad); w.Code != http.StatusBadRequest {
			t.Errorf("POST /_relief/translate %v: status = %d, want 400", bad, w.Code)
		}
	}
}

func TestEditATranslation(t *testing.T) {
	fx := newFixture(t)
	w := fx.do("GET", "/_relief/edit/"+sciaticaES, nil)
	if w.Code != http.StatusOK {
		t.Fatalf("status = %d\n%s", w.Code, w.Body)
	}
	page := w.Body.String()
	for _, want := range []string{`name="title"`, `name="summary"`, `name="symptoms"`, "taken from the English page", `href="/_relief/edit/conditions/sciatica.md"`,
		`id="original-body"`, "Sciatica is pain"} {
		if !strings.Contains(page, want) {
			t.Errorf("the translation's form does not have %q", want)
		}
	}
	for _, shared := range []string{`name="regions"`, `name="related"`, `name="weight"`} {
		if strings.Contains(page, shared) {
			t.Errorf("the translation's form lets the therapist change %s, a shared field", shared)
		}
	}

	englishBefore := fx.file(sciatica)
	v := fx.formOf(sciaticaES)
	v.Set("summary", "Un resumen nuevo, escrito en el editor, sobre la ciática y el masaje.")
	w = fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save: status = %d\n%s", w.Code, w.Body)
	}
	if got := fx.file(sciaticaES); !strings.Contains(got, "Un resumen nuevo") || strings.Contains(got, "regions:") {
		t.Errorf("the saved translation:\n%s", got)
	}
	if fx.file(sciatica) != englishBefore {
		t.Errorf("saving the translation changed the original")
	}

	before := fx.file(sciaticaES)
	v = fx.formOf(sciaticaES)
	v.Set("regions", "neck") // a tampered form: a shared field
	w = fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "takes from its original") {
		t.Errorf("a shared field in a translation's form: status = %d, want 400 naming it\n%s", w.Code, w.Body)
	}
	if fx.file(sciaticaES) != before {
		t.Errorf("the refused save changed the file")
	}
}

// TestPreviewOfATranslation: the preview beside a translation shows the
// page in its language (it said "This page has no address on the site
// yet": the page was looked for among the English ones).
func TestPreviewOfATranslation(t *testing.T) {
	fx := newFixture(t)
	for _, tt := range []struct{ path, want string }{
		{"conditions/sciatica.es.md", "Ciática"},
		{"pages/about.es.md", `lang="es"`},
		{"index.es.md", `lang="es"`},
	} {
		body := fx.do("GET", "/_relief/preview?path="+tt.path, nil).Body.String()
		if !strings.Contains(body, tt.want) || strings.Contains(body, "no address") {
			t.Errorf("the preview of %s does not show the page (%q):\n%.600s", tt.path, tt.want, body)
		}
		if w := fx.do("POST", "/_relief/preview", fx.formOf(tt.path)); !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("the preview of the form of %s does not show the page (%q):\n%.600s", tt.path, tt.want, w.Body)
		}
	}
}

// TestSharedFieldsInWords: a translation's fields taken from the English
// page are shown as the form shows them, by name ("Hips and Legs", "Hip
// Pain") and the date in words, not as the file's short names.
func TestSharedFieldsInWords(t *testing.T) {
	fx := newFixture(t)
	body := fx.do("GET", "/_relief/edit/conditions/sciatica.es.md", nil).Body.String()
	for _, want := range []string{"<dd>Back, Hips and Legs</dd>", "<dd>Chronic Back Pain, Hip Pain, Stress and Anxiety</dd>", "<dd>1 November 2026</dd>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Spanish page's shared fields do not show %q:\n%s", want, body[strings.Index(body, `id="shared"`):][:1200])
		}
	}
}
