package editor

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/guard"
)

func TestReplayedFormIsAConflict(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	v.Set("summary", "First save: a summary in plain words.")
	if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
		t.Fatalf("first save: status = %d, want 303\n%s", w.Code, w.Body)
	}
	saved := fx.file(backPain)
	v.Set("summary", "The same form sent again.")
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusConflict {
		t.Fatalf("replayed form: status = %d, want 409", w.Code)
	}
	if fx.file(backPain) != saved {
		t.Errorf("replayed form changed the file")
	}
	// The two whole files are long: the page names what differs.
	for _, want := range []string{"The same form sent again.", "First save: a summary in plain words.", "Keep mine", "<strong>What differs:</strong> Summary."} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("conflict view does not show %q", want)
		}
	}
}

func TestKeepMineAfterConflict(t *testing.T) {
	fx := newFixture(t)
	theirs := fx.formOf(backPain)
	theirs.Set("summary", "Their summary, saved from another tab.")
	fx.do("POST", "/_relief/save", theirs)
	mine := fx.formOf(backPain) // as of now: the version after their save
	whole := strings.Replace(fx.file(backPain), "Their summary, saved from another tab.", "My summary wins in the end.", 1)
	w := fx.do("POST", "/_relief/save", url.Values{"path": {backPain}, "version": mine["version"], "whole": {whole}, "action": {"keep-mine"}})
	if w.Code != http.StatusSeeOther {
		t.Fatalf("keep mine: status = %d, want 303\n%s", w.Code, w.Body)
	}
	if !strings.Contains(fx.file(backPain), "My summary wins in the end.") {
		t.Errorf("keep mine did not save mine:\n%s", fx.file(backPain))
	}
}

func TestFailedWriteLeavesTheOldFile(t *testing.T) {
	fx := newFixture(t)
	before := fx.file(backPain)
	fx.ed.write = func(dir, name string, data []byte) error {
		// Half the bytes reach a temp file, then the disk fills up.
		tmp := filepath.Join(dir, filepath.Dir(name), ".half.tmp")
		os.WriteFile(tmp, data[:len(data)/2], 0o644)
		os.Remove(tmp)
		return errors.New("no space left on device")
	}
	v := fx.formOf(backPain)
	v.Set("summary", "This save cannot reach the disk.")
	w := fx.do("POST", "/_relief/save", v)
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "no space left") {
		t.Fatalf("status = %d, want 500 naming the cause\n%s", w.Code, w.Body)
	}
	if fx.file(backPain) != before {
		t.Errorf("a failed write changed the file")
	}
}

func TestConcurrentSaves(t *testing.T) {
	fx := newFixture(t)
	// Different pages: both land.
	a, b := fx.formOf(backPain), fx.formOf("conditions/sciatica.md")
	a.Set("summary", "Back pain, saved at the same time as sciatica.")
	b.Set("summary", "Sciatica, saved at the same time as back pain.")
	codes := saveAll(fx, a, b)
	if codes[0] != 303 || codes[1] != 303 {
		t.Fatalf("different pages: statuses = %v, want both 303", codes)
	}
	if !strings.Contains(fx.file(backPain), "same time as sciatica") || !strings.Contains(fx.file("conditions/sciatica.md"), "same time as back pain") {
		t.Errorf("a save of a different page was lost")
	}
	// The same page, from the same version: one lands, one gets the conflict view.
	c, d := fx.formOf(backPain), fx.formOf(backPain)
	c.Set("summary", "Tab one's summary of back pain.")
	d.Set("summary", "Tab two's summary of back pain.")
	codes = saveAll(fx, c, d)
	if !(codes[0] == 303 && codes[1] == 409 || codes[0] == 409 && codes[1] == 303) {
		t.Fatalf("same page: statuses = %v, want one 303 and one 409", codes)
	}
}

func saveAll(fx *fixture, forms ...url.Values) []int {
	codes := make([]int, len(forms))
	var wg sync.WaitGroup
	for i, f := range forms {
		wg.Go(func() { codes[i] = fx.do("POST", "/_relief/save", f).Code })
	}
	wg.Wait()
	return codes
}

func TestNewCondition(t *testing.T) {
	fx := newFixture(t)
	w := fx.do("POST", "/_relief/new", url.Values{"title": {"Runner's Knee"}})
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/_relief/edit/conditions/runners-knee.md?saved=1" {
		t.Fatalf("status = %d, Location %q\n%s", w.Code, w.Header().Get("Location"), w.Body)
	}
	if !strings.Contains(fx.file("conditions/runners-knee.md"), "draft: true") {
		t.Errorf("the new condition is not a draft:\n%s", fx.file("conditions/runners-knee.md"))
	}
	if w := fx.do("POST", "/_relief/new", url.Values{"title": {"Runner's Knee"}}); w.Code != http.StatusConflict {
		t.Errorf("the same name again: status = %d, want 409", w.Code)
	}
	if w := fx.do("GET", "/_relief/edit/conditions/runners-knee.md", nil); w.Code != 200 {
		t.Errorf("opening the new page: status = %d", w.Code)
	}
}

func TestPages(t *testing.T) {
	fx := newFixture(t)
	tests := []struct {
		target string
		status int
		want   string
	}{
		{"/_relief/edit/", 200, "Chronic Back Pain"},
		{"/_relief/edit/?q=back", 200, "Upper Back and Shoulder-Blade Pain"},
		{"/_relief/edit/conditions/chronic-back-pain.md", 200, `name="version"`},
		{"/_relief/edit/pages/about.md", 200, `name="menu"`},
		{"/_relief/edit/index.md", 200, `name="title"`},
		{"/_relief/edit/conditions/nothing-here.md", 404, "Not found"},
		{"/_relief/edit/conditions/..%2f..%2fetc.md", 404, ""},
		{"/_relief/preview?path=conditions/chronic-back-pain.md", 200, "Chronic Back Pain"},
		{"/_relief/new", 200, "New condition"},
		{"/_relief/assets/editor.css", 200, ""},
		{"/_relief/assets/nothing.js", 404, ""},
	}
	for _, tt := range tests {
		w := fx.do("GET", tt.target, nil)
		if w.Code != tt.status || !strings.Contains(w.Body.String(), tt.want) {
			t.Errorf("GET %s: status = %d, want %d with %q", tt.target, w.Code, tt.status, tt.want)
		}
	}
	if w := fx.do("GET", "/_relief/edit/?q=back", nil); strings.Contains(w.Body.String(), "Plantar") {
		t.Errorf("the filter kept a page it does not match")
	}
	// The preview frame is reloaded by the editor: its page carries no
	// live-reload script (site.Options.NoLiveReload), for GET and POST.
	for _, w := range []*httptest.ResponseRecorder{
		fx.do("GET", "/_relief/preview?path="+backPain, nil),
		fx.do("POST", "/_relief/preview", fx.formOf(backPain)),
	} {
		if w.Code != http.StatusOK || strings.Contains(w.Body.String(), "dev-reload") || !strings.Contains(w.Body.String(), "Draft") && !strings.Contains(w.Body.String(), "Chronic Back Pain") {
			t.Errorf("preview: status = %d, want 200 without the live-reload script\n%s", w.Code, w.Body)
		}
	}
}

func TestCheck(t *testing.T) {
	fx := newFixture(t)
	v := fx.formOf(backPain)
	v.Set("regions", "elbow")
	v.Set("body", v.Get("body")+"\n[a broken link](/conditions/no-such-page)\n")
	w := fx.do("POST", "/_relief/check", v)
	if w.Code != 200 || !strings.Contains(w.Body.String(), `"regions"`) || !strings.Contains(w.Body.String(), `"body":[{`) {
		t.Errorf("POST /_relief/check: status = %d, want problems by field and line:\n%s", w.Code, w.Body)
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	if err := guard.WriteFile(dir, "a.md", []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := guard.WriteFile(dir, "a.md", []byte("two")); err != nil {
		t.Fatal(err)
	}
	if err := guard.WriteFile(dir, "../b.md", []byte("out")); err == nil {
		t.Errorf("WriteFile wrote outside its folder")
	}
	ents, _ := os.ReadDir(dir)
	if data, _ := os.ReadFile(filepath.Join(dir, "a.md")); string(data) != "two" || len(ents) != 1 {
		t.Errorf("after two writes: %q, %d files, want \"two\" and no temp file left", data, len(ents))
	}
}

// TestTOMLPageSavesAsTOML: a page written in TOML is read into the form,
// and saved stays TOML (TestSaveKeepsTOML checks the bytes).
func TestTOMLPageSavesAsTOML(t *testing.T) {
	fx := newFixture(t)
	const p = "conditions/plantar-fasciitis.md"
	v := fx.formOf(p)
	if v.Get("title") != "Plantar Fasciitis" || !strings.Contains(v.Get("symptoms"), "sharp pain under the heel") {
		t.Fatalf("TOML frontmatter not read into the form: %v", v)
	}
	v.Set("summary", "Massage can loosen the tight calf and foot tissues that strain the heel.")
	if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
		t.Fatalf("status = %d, want 303\n%s", w.Code, w.Body)
	}
	after := fx.file(p)
	if !strings.HasPrefix(after, "+++\ntitle = \"Plantar Fasciitis\"") || !strings.Contains(after, "\nreviewed = 2026-11-01\n") {
		t.Errorf("saved TOML page:\n%s", after)
	}
}

// TestStaleForm: a form made by an older editor (or changed by hand) with
// a box this kind of page does not have is refused, saying the form is
// out of date and what to do, in the form's words.
func TestStaleForm(t *testing.T) {
	fx := newFixture(t)
	var shared string // a box a translation takes from its original page
	for _, fd := range content.FieldsFor(content.KindCondition) {
		if !ownField(fd) {
			shared = fd.Name
			break
		}
	}
	if shared == "" {
		t.Fatal("a translation takes no box from its original page: TestStaleForm needs one")
	}
	page := fx.formOf("conditions/sciatica.md")
	page.Set("colour", "blue")
	translation := fx.formOf("conditions/sciatica.es.md")
	translation.Set(shared, "x")
	settings := fx.settingsForm()
	settings.Set("colour", "blue")
	for _, tt := range []struct {
		name, target string
		form         url.Values
		says         []string
	}{
		{"page", "/_relief/save", page, []string{"This form could not be saved", "out of date", "“colour”", "Reload the page and save again"}},
		{"translation", "/_relief/save", translation, []string{"out of date", "“" + shared + "”", "conditions/sciatica.md"}},
		{"settings", "/_relief/settings", settings, []string{"out of date", "“colour”", "Reload the page"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := want(t, tt.name, fx.do("POST", tt.target, tt.form), http.StatusBadRequest, tt.says...)
			if strings.Contains(body, "field") {
				t.Errorf("the refusal says “field”:\n%s", body)
			}
		})
	}
}
