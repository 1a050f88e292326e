package editor

import (
	"html"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnreadableSettingsCanBeMended: a page whose settings cannot be read
// at all (a colon in an unquoted title, written by hand) opened as an empty
// form with no word of why, its title box showing another page's example;
// filling the boxes wrote a second title under the broken one, so the page
// could never be saved from the editor. The form now shows the settings in
// a box of their own, with the checker's message and its line there; a
// save of the box unmended is refused with that message (not "the title is
// needed"), and a save of the box mended writes it and opens the usual
// form again.
func TestUnreadableSettingsCanBeMended(t *testing.T) {
	fx := newFixture(t)
	const page = "conditions/neck-pain.md"
	broken := strings.Replace(fx.file(page), `title: "Neck Pain"`, `title: Neck Pain: stiff and sore`, 1)
	if err := os.WriteFile(filepath.Join(fx.dir, page), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}

	body := html.UnescapeString(fx.do("GET", "/_relief/edit/"+page, nil).Body.String())
	for _, want := range []string{
		"This page's settings could not be read",
		`<textarea id="in-keep" name="settings"`,
		"title: Neck Pain: stiff and sore\n",
		"Line 1: ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("GET /_relief/edit/%s: the form does not have %q", page, want)
		}
	}
	if strings.Contains(body, `id="in-title"`) {
		t.Errorf("GET /_relief/edit/%s: the form has an empty title box beside the unreadable settings", page)
	}

	v := fx.formOf(page)
	v.Set("settings", v.Get("keep")) // the box, as the form posts it
	v.Del("keep")
	w := fx.do("POST", "/_relief/save", v)
	if got := html.UnescapeString(w.Body.String()); w.Code != http.StatusUnprocessableEntity || !strings.Contains(got, `<a href="#in-keep">Line 1 of the page's settings</a>`) || strings.Contains(got, "The title is needed") {
		t.Errorf("save unmended: status = %d, want 422 naming line 1 of the settings, not an empty title\n%s", w.Code, problemsOf(got))
	}
	if fx.file(page) != broken {
		t.Errorf("save unmended: the file changed")
	}

	v.Set("settings", strings.Replace(v.Get("settings"), `title: Neck Pain: stiff and sore`, `title: "Neck Pain: stiff and sore"`, 1))
	w = fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusSeeOther {
		t.Fatalf("save mended: status = %d, want 303\n%s", w.Code, w.Body.String())
	}
	want := strings.Replace(broken, `title: Neck Pain: stiff and sore`, `title: "Neck Pain: stiff and sore"`, 1)
	if got := fx.file(page); got != want {
		t.Errorf("save mended: the file is\n%s\nwant\n%s", got, want)
	}
	body = fx.do("GET", "/_relief/edit/"+page, nil).Body.String()
	if !strings.Contains(body, `id="in-title"`) || strings.Contains(body, `id="in-keep"`) {
		t.Errorf("after the save: the form is not the usual one")
	}
}
