package editor

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// noticeRE finds the notice at the top of a page.
var noticeRE = regexp.MustCompile(`<p class="notice" role="status">(.*?)</p>`)

// noticeOf returns the notice of the page at target, or "".
func (fx *fixture) noticeOf(target string) string {
	fx.t.Helper()
	m := noticeRE.FindStringSubmatch(fx.do("GET", target, nil).Body.String())
	if m == nil {
		return ""
	}
	return m[1]
}

// withWarnings changes a form so that the page has n warnings (0 to 2),
// none of them a mistake: a promise of a cure in the text, a summary too
// long for search results.
func withWarnings(v url.Values, n int) {
	if n >= 1 {
		v.Set("body", "This massage will cure your back pain.\n\n"+v.Get("body"))
	}
	if n >= 2 {
		v.Set("summary", strings.Repeat("A long summary that goes on. ", 7))
	}
}

// TestSavedNotice: the notice after a save says what Save did (published
// now on the served site; in the preview, seen by visitors at the next
// update; a draft, not seen at all) and how many things are worth a look,
// with a link to them.
func TestSavedNotice(t *testing.T) {
	const show = ` <a href="#worth-a-look">Show me</a>`
	tests := []struct {
		name     string
		preview  bool
		draft    bool
		warnings int
		want     string
	}{
		{"served", false, false, 0, "Saved and published: visitors see the new version now."},
		{"served, one warning", false, false, 1, "Saved and published: visitors see the new version now. One thing worth a look (not a mistake):" + show},
		{"served, two warnings", false, false, 2, "Saved and published: visitors see the new version now. 2 things worth a look (not mistakes):" + show},
		{"preview", true, false, 0, "Saved: the preview shows it now, and visitors see the new version at the site&#39;s next update."},
		{"preview, two warnings", true, false, 2, "Saved: the preview shows it now, and visitors see the new version at the site&#39;s next update. 2 things worth a look (not mistakes):" + show},
		{"draft", false, true, 0, "Saved as a draft. Visitors do not see this page until you untick &#34;Draft&#34; and save again."},
		{"draft in the preview", true, true, 0, "Saved as a draft. Visitors do not see this page until you untick &#34;Draft&#34; and save again."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			fx.ed.opts.Preview = tt.preview
			v := fx.formOf(backPain)
			withWarnings(v, tt.warnings)
			if tt.draft {
				v.Set("draft", "true")
			}
			w := fx.do("POST", "/_relief/save", v)
			if w.Code != http.StatusSeeOther {
				t.Fatalf("POST /_relief/save: status = %d, want 303\n%s", w.Code, w.Body)
			}
			loc := w.Header().Get("Location")
			if got := fx.noticeOf(loc); got != tt.want {
				t.Errorf("GET %s: notice\n%s\nwant\n%s", loc, got, tt.want)
			}
			if got := fx.noticeOf("/_relief/edit/" + backPain); got != "" {
				t.Errorf("the page opened again, not after a save, has the notice %q", got)
			}
		})
	}
}

// TestEditorWarningsAfterSave: a page saved with things worth a look (a
// promise of a cure, a summary too long) is saved, since they are not
// mistakes; the page after the save lists them at the top under "Worth a
// look", where the notice's "Show me" leads, each linked to its field or
// line, and still marks each beside its field or line, as typing did; so
// does the page opened again later.
func TestEditorWarningsAfterSave(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	withWarnings(v, 2)
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save with two warnings: status = %d, want 303\n%s", w.Code, w.Body)
	}
	if !strings.Contains(fx.file(backPain), "will cure your back pain") {
		t.Fatalf("the page with warnings was not written:\n%s", fx.file(backPain))
	}
	for _, path := range []string{w.Header().Get("Location"), "/_relief/edit/" + backPain} {
		body := fx.do("GET", path, nil).Body.String()
		top, _, ok := strings.Cut(body, `id="field-title"`)
		if !ok {
			t.Fatalf("GET %s: the form has no title field:\n%s", path, body)
		}
		for _, want := range []string{
			`<div class="problems worth" id="worth-a-look">`,
			"<h2>Worth a look</h2>",
			"These are not mistakes: the page can be saved as it is.",
			`<li class="warning"><a href="#field-summary">Summary</a>: `,
			`<li class="warning"><a href="#in-body" data-line="1">Line 1 of the page&#39;s text</a>: &#34;cure&#34; promises what massage cannot`,
		} {
			if !strings.Contains(top, want) {
				t.Errorf("GET %s: the top of the form does not have %q:\n%s", path, want, top)
			}
		}
		if strings.Contains(top, `role="alert"`) {
			t.Errorf("GET %s: the list of things worth a look is announced as an alert, as a mistake would be", path)
		}
		if !strings.Contains(body, `<a href="#in-body" data-line="1">Line 1</a>: &#34;cure&#34; promises what massage cannot`) {
			t.Errorf("GET %s: the promise of a cure is not marked beside line 1 of the text", path)
		}
	}
	if w := fx.do("GET", "/_relief/edit/conditions/neck-pain.md", nil); strings.Contains(w.Body.String(), "worth-a-look") {
		t.Errorf("a page with nothing worth a look has the list")
	}
}

// TestEditorListedTwice: a symptom typed twice ("Stiffness in the lower
// back" under " stiffness in the lower back"), another name or an old
// address listed twice is no mistake: the page saves, and the form shows
// it beside its box and in the "Worth a look" list, as it does while she
// types (/_relief/check). An old address differs by its case or a final
// slash: the server tells those apart.
func TestEditorListedTwice(t *testing.T) {
	tests := []struct {
		field, label, add, said string
		twice                   int // how many items repeat an earlier one
	}{
		{"symptoms", "Symptoms, one a line", "Stiffness in the lower back\n%s\n stiffness in the lower back ",
			"“Stiffness in the lower back” is listed twice under Symptoms; remove one", 2},
		{"aliases", "Other names people search for, one a line", "Sore back\n%s\n sore Back",
			"“Sore back” is listed twice under Other names; remove one", 1},
		{"redirect_from", "Old addresses of this page, one a line", "/back.html\n%s\n/Back.html\n/back.html/\n/back.html",
			"“/back.html” is listed twice under Old addresses; remove one", 1},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			fx := newFixture(t)
			v := fx.formOf(backPain)
			v.Set(tt.field, strings.TrimSpace(fmt.Sprintf(tt.add, v.Get(tt.field))))
			w := fx.do("POST", "/_relief/check", v)
			if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `"`+tt.field+`":[{"Severity":"warning"`) || !strings.Contains(w.Body.String(), tt.said) {
				t.Errorf("POST /_relief/check: status = %d, want the warning beside %s:\n%s", w.Code, tt.field, w.Body)
			}
			if n := strings.Count(w.Body.String(), tt.said); n != 2*tt.twice { // beside the box and in the list
				t.Errorf("POST /_relief/check: the warning is said %d times, want %d:\n%s", n, 2*tt.twice, w.Body)
			}
			w = fx.do("POST", "/_relief/save", v)
			if w.Code != http.StatusSeeOther {
				t.Fatalf("save with an item listed twice: status = %d, want 303\n%s", w.Code, w.Body)
			}
			body := fx.do("GET", w.Header().Get("Location"), nil).Body.String()
			top, field, _ := strings.Cut(body, `id="field-title"`)
			if want := `<li class="warning"><a href="#field-` + tt.field + `">` + tt.label + `</a>: ` + tt.said + `</li>`; !strings.Contains(top, want) {
				t.Errorf("the Worth a look list does not have %q:\n%s", want, top)
			}
			if want := `<li class="warning">` + tt.said + `</li>`; !strings.Contains(field, want) {
				t.Errorf("the %s field does not show %q:\n%s", tt.field, want, field)
			}
		})
	}
}
