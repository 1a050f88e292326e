package browsertest

import (
	"context"
	"encoding/base64"
	"fmt"
	"image"
	imgpng "image/png"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// editorSite returns the server the editor's tests share (startEditor
// with dev: relief serve -dev, a preview on this computer), started on
// first use and stopped when the tests end.
func editorSite(t testing.TB) *server {
	t.Helper()
	return editorServer.get(t, func() (*server, error) { return startEditor(true) })
}

// startEditor runs relief serve with the editor on a copy of the site
// (content, templates and static) in a temporary folder, so that saves
// change the copy, never the repository, and one account (editorUser) in
// its state folder, so that every test logs in first. With dev it is
// relief serve -dev in that folder, reading all three from the copy;
// without, relief serve -content, the templates and static files built
// in, as a practice serves it.
func startEditor(dev bool) (*server, error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	bin, cleanup, err := reliefBinary()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "browsertest-editor")
	if err != nil {
		cleanup()
		return nil, err
	}
	built := cleanup
	cleanup = func() { built(); os.RemoveAll(dir) }
	for _, d := range []string{"content", "templates", "static"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			cleanup()
			return nil, err
		}
	}
	state := filepath.Join(dir, "state")
	add := exec.Command(bin, "user", "add", editorUser, "-state", state)
	add.Stdin = strings.NewReader(editorPassword + "\n")
	if out, err := add.CombinedOutput(); err != nil {
		cleanup()
		return nil, fmt.Errorf("relief user add: %v\n%s", err, out)
	}
	args := []string{"-content", filepath.Join(dir, "content")}
	if dev {
		args = []string{"-dev"}
	}
	return startServer(bin, dir, cleanup, append(args, "-state", state)...)
}

// until evaluates the JavaScript condition js in the page until it is
// true, failing the test after a generous timeout.
func until(t testing.TB, v *visit, what, js string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		ok, err := chromedp.Run(v.ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %s: not within 60 s (last error: %v)", v.where, what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// publicHas waits until the public page at path has want, and returns how
// long that took.
func publicHas(t testing.TB, base, path, want string) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 30*time.Second {
		resp, err := http.Get(base + path)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if strings.Contains(string(body), want) {
				return time.Since(start)
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("GET %s: does not show %q within 30 s of the save", path, want)
	return 0
}

// logIn logs in as editorUser in the tab of ctx, by the login form, unless
// the browser is logged in already.
func logIn(t testing.TB, ctx context.Context, base string) {
	t.Helper()
	v := openIn(t, ctx, base, route{name: "login", path: "/_relief/login", status: 200}, desktop, false)
	if eval[string](t, v, `location.pathname`) != "/_relief/login" {
		return // logged in already: the browser's tabs share their cookies
	}
	eval[bool](t, v, `document.querySelector('#name').value = '`+editorUser+`';
		document.querySelector('#password').value = '`+editorPassword+`';
		document.querySelector('form').submit(); true`)
	until(t, v, "the editor after logging in", `location.pathname === '/_relief/edit/' && document.readyState === 'complete'`)
}

// editorTab opens a tab of the shared browser, logged in to the editor's
// server, and returns it with the server's base URL.
func editorTab(t testing.TB) (ctx context.Context, base string) {
	t.Helper()
	base = editorSite(t).url
	ctx = tab(t)
	logIn(t, ctx, base)
	return ctx, base
}

// openEditor opens the editor's page of content/conditions/<condition>.md
// at viewport vp in a tab of its own, logged in (see editorTab). The setup
// actions (such as noScript()) run in the tab first. The visit's ctx and
// base are the tab and the server, for what the test opens next.
func openEditor(t testing.TB, condition string, vp viewport, setup ...chromedp.Action[chromedp.Void]) *visit {
	t.Helper()
	ctx, base := editorTab(t)
	r := route{name: "edit", path: "/_relief/edit/conditions/" + condition + ".md", status: 200}
	return openIn(t, ctx, base, r, vp, false, setup...)
}

// noScript turns JavaScript off in the tab.
func noScript() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
}

const (
	frameText = `(document.querySelector('iframe[name=preview]').contentDocument || {body: {innerText: ''}}).body.innerText`
)

// TestEditorSave is the therapist's core path: open Chronic Back Pain,
// change the summary, watch the preview change, save, see the public page
// change. At desktop size and on a phone, with JavaScript, and once on a
// phone without it (Preview and Save are plain form buttons).
func TestEditorSave(t *testing.T) {
	tests := []struct {
		name, file, public string
		vp                 viewport
		js                 bool
	}{
		{"desktop", "chronic-back-pain", "/conditions/chronic-back-pain", desktop, true},
		{"phone", "neck-pain", "/conditions/neck-pain", phone, true},
		{"phone without JavaScript", "sciatica", "/conditions/sciatica", phone, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var setup []chromedp.Action[chromedp.Void]
			if !tt.js {
				setup = append(setup, noScript())
			}
			v := openEditor(t, tt.file, tt.vp, setup...)
			ctx, base := v.ctx, v.base
			summary := fmt.Sprintf("A summary changed in the browser editor (%s).", tt.name)
			if tt.js {
				until(t, v, "CodeMirror replaces the body's text box", `!!document.querySelector('.cm-editor')`)
			}
			eval[bool](t, v, fmt.Sprintf(`(() => { const s = document.querySelector('#in-summary'); s.value = %q; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, summary))
			if tt.js {
				if tt.vp.mobile {
					eval[bool](t, v, `(document.querySelector('button[data-tab=preview]').click(), true)`)
					until(t, v, "the Preview tab shows the preview", `document.querySelector('#preview').offsetHeight > 0 && document.querySelector('#page-form').offsetHeight === 0`)
				}
			} else {
				eval[bool](t, v, `(document.querySelector('button[value=preview]').click(), true)`)
			}
			until(t, v, "the preview shows the new summary", frameText+fmt.Sprintf(`.includes(%q)`, summary))
			if tt.js && tt.vp.mobile {
				eval[bool](t, v, `(document.querySelector('button[data-tab=form]').click(), true)`)
			}
			eval[bool](t, v, `(document.querySelector('button[value=save]').click(), true)`)
			saved := time.Now()
			until(t, v, "the page says it is saved", `location.search.includes('saved=1') && document.querySelector('.notice') !== null`)
			took := publicHas(t, base, tt.public, summary)
			t.Logf("%s: the public page showed the change %v after the saved page loaded (%v after the click)", tt.name, took.Round(time.Millisecond), time.Since(saved).Round(time.Millisecond))
			data, err := os.ReadFile(filepath.Join(editorSite(t).dir, "content", "conditions", tt.file+".md"))
			if err != nil || !strings.Contains(string(data), summary) {
				t.Errorf("the file on disk does not have the new summary (%v)", err)
			}
			if tt.name != "desktop" {
				return
			}
			// The history kept the version before the edit: restoring it
			// brings the old summary back to the public page.
			v = openIn(t, ctx, base, route{name: "history", path: "/_relief/history/conditions/" + tt.file + ".md", status: 200}, tt.vp, false)
			until(t, v, "the history offers the version before the edit", `!!document.querySelector('form[action="/_relief/restore"] button')`)
			eval[bool](t, v, `(document.querySelector('form[action="/_relief/restore"] button').click(), true)`)
			until(t, v, "the restore is saved", `location.search.includes('saved=1') && document.readyState === 'complete'`)
			publicHas(t, base, tt.public, "Massage can ease chronic back pain over time")
			eval[bool](t, v, `(document.querySelector('form.logout button').click(), true)`)
			until(t, v, "logging out shows the login page", `location.pathname === '/_relief/login' && document.readyState === 'complete'`)
			t.Logf("after logout: %s", eval[string](t, v, `location.href + ' ' + document.body.innerText.slice(0, 200)`))
			v = openIn(t, ctx, base, route{name: "after logout", path: "/_relief/edit/", status: 200}, tt.vp, false)
			if where := eval[string](t, v, `location.pathname`); where != "/_relief/login" {
				t.Errorf("after logging out, /_relief/edit/ shows %s, want the login page", where)
			}
		})
	}
}

// TestEditorAxe runs axe-core on every editor page, at phone and desktop
// size: 0 violations.
func TestEditorAxe(t *testing.T) {
	src := axeSource(t)
	pages := []route{
		{name: "dashboard", path: "/_relief/edit/", status: 200},
		{name: "filtered", path: "/_relief/edit/?q=back", status: 200},
		{name: "edit condition", path: "/_relief/edit/conditions/hip-pain.md", status: 200},
		{name: "edit page", path: "/_relief/edit/pages/about.md", status: 200},
		{name: "edit home", path: "/_relief/edit/index.md", status: 200},
		{name: "edit translation", path: "/_relief/edit/conditions/sciatica.es.md", status: 200},
		{name: "new", path: "/_relief/new", status: 200},
		{name: "not found", path: "/_relief/edit/conditions/nothing.md", status: 404},
	}
	ctx, base := editorTab(t)
	for _, p := range pages {
		for _, vp := range viewports {
			t.Run(p.name+" "+vp.name, func(t *testing.T) {
				v := openIn(t, ctx, base, p, vp, false)
				for _, bad := range v.axe(t, src) {
					t.Error(bad)
				}
			})
		}
	}
}

// axeSource returns axe-core's script, for visit.axe.
func axeSource(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	return string(src)
}

// TestEditorKeepsTyping closes the page with unsaved typing in it, opens it
// again, and brings the typing back; then uses the toolbar's heading
// button and sees the preview show the heading.
func TestEditorKeepsTyping(t *testing.T) {
	v := openEditor(t, "hip-pain", desktop)
	until(t, v, "CodeMirror is there", `!!document.querySelector('.cm-editor')`)
	const typed = "Words typed but never saved."
	eval[bool](t, v, fmt.Sprintf(`(() => { const s = document.querySelector('#in-title'); s.value = %q; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, typed))
	until(t, v, "the typing is kept in this browser", `Object.keys(localStorage).some(k => k.startsWith('relief-draft:') && localStorage.getItem(k).includes('never saved'))`)

	// Open the page again in the same tab, as after a closed tab or an
	// expired session.
	v = openIn(t, v.ctx, v.base, v.r, desktop, false)
	until(t, v, "the editor offers the typing back", `!!document.querySelector('[data-restore]')`)
	eval[bool](t, v, `(document.querySelector('[data-restore]').click(), true)`)
	until(t, v, "the typing is back in the form", fmt.Sprintf(`document.querySelector('#in-title').value === %q`, typed))

	// The toolbar: a heading on a new last line.
	eval[bool](t, v, `(() => {
		const view = document.querySelector('.body-editor').editorView;
		const end = view.state.doc.length;
		view.dispatch({changes: {from: end, insert: "\nA heading from the toolbar\n"}, selection: {anchor: end + 2}});
		[...document.querySelectorAll('.toolbar button')].find(b => b.textContent === 'Heading').click();
		return true })()`)
	until(t, v, "the preview shows the new heading", `[...(document.querySelector('iframe[name=preview]').contentDocument || document).querySelectorAll('h2')].some(h => h.textContent.includes('A heading from the toolbar'))`)
}

// TestEditorFailedSaveOffersNothing saves a page with its title emptied:
// the save is refused and the form comes back with the problem and the
// therapist's text in it. It must not offer that same text back as
// "changes that were not saved" (the form holds them already), and the
// browser must still keep them.
func TestEditorFailedSaveOffersNothing(t *testing.T) {
	v := openEditor(t, "whiplash", desktop)
	until(t, v, "CodeMirror is there", `!!document.querySelector('.cm-editor')`)
	const typed = "A summary typed before a save that was refused."
	eval[bool](t, v, fmt.Sprintf(`(() => {
		const s = document.querySelector('#in-summary'); s.value = %q; s.dispatchEvent(new Event('input', {bubbles: true}));
		const ti = document.querySelector('#in-title'); ti.value = ''; ti.dispatchEvent(new Event('input', {bubbles: true}));
		return true })()`, typed))
	until(t, v, "the typing is kept in this browser", `Object.keys(localStorage).some(k => localStorage.getItem(k).includes('save that was refused'))`)
	eval[bool](t, v, `(document.querySelector('button[value=save]').click(), true)`)
	until(t, v, "the refused save shows the form again with the typing", fmt.Sprintf(
		`document.readyState === 'complete' && !!document.querySelector('#page-form[data-unsaved]') && document.querySelector('#in-summary').value === %q && !!document.querySelector('.cm-editor')`, typed))
	if eval[bool](t, v, `!!document.querySelector('[data-restore]')`) {
		t.Errorf("after a refused save, the editor offers back the text the form already holds")
	}
	if !eval[bool](t, v, `Object.keys(localStorage).some(k => localStorage.getItem(k).includes('save that was refused'))`) {
		t.Errorf("after a refused save, the typing is no longer kept in this browser")
	}
	eval[bool](t, v, `(Object.keys(localStorage).filter(k => k.includes('whiplash')).forEach(k => localStorage.removeItem(k)), true)`)
}

// TestEditorTextInItsBox: the page's text shows inside its box, beside its
// line numbers, on a phone and at desktop size. CodeMirror's own styles
// (which lay the text out) must reach the page past the editor's
// Content-Security-Policy; without them the box held only line numbers and
// the words lay below it, out of sight.
func TestEditorTextInItsBox(t *testing.T) {
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			v := openEditor(t, "sciatica", vp)
			until(t, v, "CodeMirror is there", `!!document.querySelector('.cm-editor .cm-line')`)
			got := eval[string](t, v, `(() => {
				const box = document.querySelector('.cm-editor').getBoundingClientRect();
				const line = document.querySelector('.cm-line').getBoundingClientRect();
				const number = [...document.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].find(e => e.textContent === '1');
				const n = number ? number.getBoundingClientRect() : line;
				if (getComputedStyle(document.querySelector('.cm-scroller')).display !== 'flex') return 'CodeMirror\'s styles are not applied';
				if (line.top < box.top || line.bottom > box.bottom) return 'the first line is at ' + Math.round(line.top) + 'px, outside its box (' + Math.round(box.top) + '–' + Math.round(box.bottom) + 'px)';
				if (n.left >= line.left || Math.abs(n.top - line.top) > 4) return 'the line number is not beside its line';
				return '';
			})()`)
			if got != "" {
				t.Errorf("%s: the page's text: %s", v.where, got)
			}
		})
	}
}

// TestEditorTargetsOnAPhone: on a phone every control of the editor's
// pages (buttons, links in its bars, text boxes, "What changed" in the
// history, the labels of the ticks) is at least 44 px tall, so a finger
// finds it; a tick's box is reached through its label.
func TestEditorTargetsOnAPhone(t *testing.T) {
	ctx, base := editorTab(t)
	for _, path := range []string{"/_relief/edit/", "/_relief/edit/conditions/sciatica.md", "/_relief/history/conditions/sciatica.md", "/_relief/new"} {
		v := openIn(t, ctx, base, route{name: "editor", path: path, status: 200}, phone, false)
		small := eval[[]string](t, v, `[...document.querySelectorAll('main button, main summary, main input, main select, main .button, .bar a, .bar button, .page-actions a, .choices label, label.check')]
			.filter(e => e.type !== 'checkbox' && e.type !== 'hidden' && e.type !== 'file')
			.map(e => [e, e.getBoundingClientRect()])
			.filter(([e, r]) => r.width > 0 && r.height < 43.5)
			.map(([e, r]) => e.tagName.toLowerCase() + ' "' + (e.textContent || e.name || '').trim().slice(0, 30) + '": ' + Math.round(r.height) + ' px')`)
		for _, s := range small {
			t.Errorf("%s: %s tall, under 44 px", v.where, s)
		}
	}
}

// TestEditorAsksBeforeLeaving: with typing not saved, leaving the page
// (a link, a closed tab) makes the browser ask first; an untouched page,
// and Save and publish, do not; after a Save that did not leave, a page
// shown again (Back to a page the browser kept) and more typing (after
// the browser's Stop) ask again. Headless Chromium cannot press Stop or
// keep a page for Back on its own here: the test sends the events a
// browser would (pageshow, input), not the real navigation.
func TestEditorAsksBeforeLeaving(t *testing.T) {
	v := openEditor(t, "plantar-fasciitis", desktop)
	until(t, v, "CodeMirror is there", `!!document.querySelector('.cm-editor')`)
	const asks = `(() => { const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented })()`
	if eval[bool](t, v, asks) {
		t.Errorf("%s: leaving a page with nothing typed asks first", v.where)
	}
	const typeMore = `(() => { const s = document.querySelector('#in-summary'); s.value += ' More words.'; s.dispatchEvent(new Event('input', {bubbles: true})); return true })()`
	const save = `(() => { const f = document.querySelector('#page-form'); f.dispatchEvent(new SubmitEvent('submit', {submitter: f.querySelector('button[value=save]'), cancelable: true})); return true })()`
	eval[bool](t, v, typeMore)
	if !eval[bool](t, v, asks) {
		t.Errorf("%s: leaving with typing not saved does not ask first", v.where)
	}
	eval[bool](t, v, save)
	if eval[bool](t, v, asks) {
		t.Errorf("%s: Save and publish asks before leaving", v.where)
	}
	// Back to a page the browser kept after Save: shown again, the page is
	// not saving any more.
	eval[bool](t, v, `(() => { window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true})); return true })()`)
	if !eval[bool](t, v, asks) {
		t.Errorf("%s: a page shown again after Save no longer asks before leaving with typing not saved", v.where)
	}
	// The browser's Stop after Save fires no event: more typing after it
	// is not saving either.
	eval[bool](t, v, save)
	eval[bool](t, v, typeMore)
	if !eval[bool](t, v, asks) {
		t.Errorf("%s: typing after a Save that did not leave (Stop) no longer asks before leaving", v.where)
	}
}

// TestEditorPictureAtTheEnd: a picture or an urgent care box added before
// the therapist has clicked in the text goes at its end, not above its
// first line (where the cursor only sits because the editor starts
// there); once the cursor is put on a line, a box goes after that line.
func TestEditorPictureAtTheEnd(t *testing.T) {
	v := openEditor(t, "fibromyalgia", desktop)
	until(t, v, "CodeMirror is there", `!!document.querySelector('.cm-editor')`)
	const text = `document.querySelector('.body-editor').editorView.state.doc.toString()`
	const button = `((label) => { [...document.querySelectorAll('.toolbar button')].find(b => b.textContent === label).click(); return true })`
	eval[bool](t, v, button+`('Urgent care box')`)
	if got := eval[string](t, v, text); !strings.HasSuffix(got, "urgent care clinic today.\n\n") {
		t.Errorf("%s: the urgent care box added before a click in the text is not at its end:\n%s", v.where, got)
	}
	// A picture, chosen and described in the dialog.
	var png strings.Builder
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	if err := imgpng.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, v, button+`('Picture')`)
	eval[bool](t, v, fmt.Sprintf(`(() => {
		const bytes = Uint8Array.from(atob(%q), c => c.charCodeAt(0));
		const dt = new DataTransfer();
		dt.items.add(new File([bytes], 'grey-square.png', {type: 'image/png'}));
		const d = document.querySelector('dialog[open]');
		d.querySelector('input[name=image]').files = dt.files;
		d.querySelector('input[name=alt]').value = 'A grey square';
		d.querySelector('button.primary').click();
		return true })()`, base64.StdEncoding.EncodeToString([]byte(png.String()))))
	until(t, v, "the picture is in the text", `!document.querySelector('dialog[open]') && `+text+`.includes('![A grey square]')`)
	if got := eval[string](t, v, text); !regexp.MustCompile(`\n\n!\[A grey square\]\([^)]*\)\n+$`).MatchString(got) {
		t.Errorf("%s: the picture added before a click in the text is not at its end:\n%s", v.where, got)
	}
	// The cursor put on the first line (as a click does): the box follows it.
	eval[bool](t, v, `(() => { const view = document.querySelector('.body-editor').editorView; view.dispatch({selection: {anchor: 0}, userEvent: 'select.pointer'}); return true })()`)
	eval[bool](t, v, button+`('Urgent care box')`)
	got := eval[string](t, v, text)
	first, _, _ := strings.Cut(got, "\n\n")
	if _, after, _ := strings.Cut(got, first+"\n\n"); !strings.HasPrefix(after, "> [!URGENT]") {
		t.Errorf("%s: the urgent care box added with the cursor on the first line is not after it:\n%s", v.where, got)
	}
}

// TestEditorSavedWithWarnings: a page saved with something worth a look
// far down its text (a promise of a cure at the end) is saved; the notice
// says what Save did (in the preview: visitors see it at the next update)
// and "1 thing worth a look: Show me"; "Show me" brings the "Worth a look"
// list into view, and its link to the line puts that line in the middle
// of the window, in the text's box, with the cursor on it, above the
// sticky Save bar. At 360 and 1280 px wide; the page after the save
// passes axe-core, and its screenshots go to
// testdata/screens/editor-saved-360.png and -1280.png.
// Without JavaScript, a phone shows no Edit/Preview tabs (they need it).
func TestEditorSavedWithWarnings(t *testing.T) {
	axe := axeSource(t)
	for _, tt := range []struct {
		file string
		vp   viewport
	}{
		{"tension-headaches", phone},
		{"tmj-disorder", desktop},
	} {
		t.Run(tt.vp.name, func(t *testing.T) {
			v := openEditor(t, tt.file, tt.vp)
			until(t, v, "CodeMirror replaces the body's text box", `!!document.querySelector('.cm-editor')`)
			lines := eval[int](t, v, `(() => { const view = document.querySelector('.body-editor').editorView;
				const end = view.state.doc.length;
				view.dispatch({changes: {from: end, insert: '\n\nThis massage will cure your headaches for good.\n'}});
				return view.state.doc.lineAt(view.state.doc.length - 2).number })()`)
			eval[bool](t, v, `(document.querySelector('button[value=save]').click(), true)`)
			until(t, v, "the page says it is saved", `location.search.includes('saved=1') && document.readyState === 'complete' && !!document.querySelector('.cm-editor')`)
			notice := eval[string](t, v, `document.querySelector('.notice').innerText`)
			for _, want := range []string{"visitors see the new version at the site's next update", "One thing worth a look (not a mistake): Show me"} {
				if !strings.Contains(notice, want) {
					t.Errorf("%s: the notice %q does not say %q", v.where, notice, want)
				}
			}
			v.screenshot(t, fmt.Sprintf("editor-saved-%d", tt.vp.w))
			for _, bad := range v.axe(t, axe) {
				t.Error(bad)
			}

			eval[bool](t, v, `(document.querySelector('.notice a[href="#worth-a-look"]').click(), true)`)
			until(t, v, "Show me brings the list into view", `(() => { const r = document.querySelector('#worth-a-look').getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight / 2 })()`)
			eval[bool](t, v, fmt.Sprintf(`(document.querySelector('#worth-a-look a[data-line="%d"]').click(), true)`, lines))
			// In view: below the top of the window, above the sticky Save bar.
			until(t, v, "the line worth a look is in view, with the cursor on it", fmt.Sprintf(`(() => {
				const view = document.querySelector('.body-editor').editorView;
				const line = [...document.querySelectorAll('.cm-line')].find(l => l.textContent.includes('will cure'));
				if (!line || view.state.doc.lineAt(view.state.selection.main.head).number !== %d || !view.hasFocus) return false;
				const r = line.getBoundingClientRect(), bar = document.querySelector('.actions').getBoundingClientRect();
				return r.top >= 0 && r.bottom <= bar.top })()`, lines))
		})
	}
	t.Run("phone without JavaScript", func(t *testing.T) {
		v := openEditor(t, "tension-headaches", phone, noScript())
		if h := eval[float64](t, v, `document.querySelector('[data-tabs]').offsetHeight`); h != 0 {
			t.Errorf("%s: the Edit/Preview tabs show (%v px tall) without JavaScript, where they do nothing", v.where, h)
		}
	})
}

// TestEditorWorthFollowsTyping: the "Worth a look" list at the top of a
// page saved with a warning follows the typing, as the words beside each
// field and line do: mending the warning in the text empties the list,
// which then hides, and a new one brings it back, its link to the line
// with it. Before, the list kept a mended warning until the next save.
// At 360 px wide; the list passes axe-core after it changes.
func TestEditorWorthFollowsTyping(t *testing.T) {
	axe := axeSource(t)
	v := openEditor(t, "fibromyalgia", phone)
	until(t, v, "CodeMirror replaces the body's text box", `!!document.querySelector('.cm-editor')`)
	const cure = "\n\nThis massage will cure your pain for good.\n"
	addCure := fmt.Sprintf(`(() => { const view = document.querySelector('.body-editor').editorView;
		view.dispatch({changes: {from: view.state.doc.length, insert: %q}}); return true })()`, cure)
	eval[bool](t, v, addCure)
	eval[bool](t, v, `(document.querySelector('button[value=save]').click(), true)`)
	until(t, v, "the page is saved with one thing worth a look", `location.search.includes('saved=1') && document.readyState === 'complete' && !!document.querySelector('.cm-editor') && document.querySelectorAll('#worth-a-look li').length === 1`)

	eval[bool](t, v, `(() => { const view = document.querySelector('.body-editor').editorView;
		const at = view.state.doc.toString().lastIndexOf('This massage will cure');
		view.dispatch({changes: {from: at, to: view.state.doc.length, insert: 'Many clients sleep better after a session.'}}); return true })()`)
	until(t, v, "the list hides once the warning is mended", `document.querySelector('#worth-a-look').hidden && document.querySelectorAll('#worth-a-look li').length === 0`)

	eval[bool](t, v, addCure)
	until(t, v, "the list shows the new warning, linked to its line", `!document.querySelector('#worth-a-look').hidden && !!document.querySelector('#worth-a-look li a[data-line]') && document.querySelector('#worth-a-look .worth-intro').textContent.startsWith('This is not a mistake')`)
	for _, bad := range v.axe(t, axe) {
		t.Error(bad)
	}
}

// TestEditorUnreadableSettings: a page whose settings were broken by hand
// (a colon in an unquoted title) shows them in a box of their own, with
// what is wrong and on which line, instead of an empty form; mended there
// (on a phone), Save and publish saves the page and the usual form comes
// back. The box passes axe-core; its screenshot goes to
// testdata/screens/editor-unreadable-360.png.
func TestEditorUnreadableSettings(t *testing.T) {
	axe := axeSource(t)
	const title = "Upper Back and Shoulder-Blade Pain"
	broken := "title: " + title + ": between the shoulder blades"
	file := handEdit(t, "upper-back-pain", `title: "`+title+`"`, broken)
	t.Cleanup(func() { handEdit(t, "upper-back-pain", broken, `title: "`+title+`"`) }) // unmended, it would refuse the other tests' saves
	v := openEditor(t, "upper-back-pain", phone)
	box := eval[string](t, v, `document.querySelector('#field-keep').innerText`)
	for _, want := range []string{"This page's settings could not be read", "Line 1: "} {
		if !strings.Contains(box, want) {
			t.Errorf("%s: the box does not say %q:\n%s", v.where, want, box)
		}
	}
	if eval[bool](t, v, `!!document.querySelector('#in-title')`) {
		t.Errorf("%s: an empty Title box shows beside the box of settings", v.where)
	}
	v.screenshot(t, "editor-unreadable-360")
	for _, bad := range v.axe(t, axe) {
		t.Error(bad)
	}
	eval[bool](t, v, fmt.Sprintf(`(() => { const k = document.querySelector('#in-keep'); k.value = k.value.replace(%q, %q); return true })()`, broken, `title: "`+title+`: between the shoulder blades"`))
	eval[bool](t, v, `(document.querySelector('button[value=save]').click(), true)`)
	until(t, v, "the page is saved, with its usual form", `location.search.includes('saved=1') && document.readyState === 'complete' && !!document.querySelector('#in-title') && !document.querySelector('#in-keep')`)
	if got := eval[string](t, v, `document.querySelector('#in-title').value`); got != title+": between the shoulder blades" {
		t.Errorf("%s: the title after the save is %q", v.where, got)
	}
	if after, err := os.ReadFile(file); err != nil || !strings.Contains(string(after), `title: "`+title+`: between the shoulder blades"`) {
		t.Errorf("the file after the save (%v):\n%s", err, after)
	}
}

// handEdit changes content/conditions/<condition>.md of the editor's
// server as an edit outside the editor would (by hand, over SSH), the
// first from in it replaced by to, and returns the file's path.
func handEdit(t testing.TB, condition, from, to string) string {
	t.Helper()
	file := filepath.Join(editorSite(t).dir, "content", "conditions", condition+".md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(data), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// TestEditorMisspeltKey: a page whose file was changed by hand, its
// summary key spelt "summry", shows a box naming it and what it probably
// means; "Put it in Summary" (a plain form button: on a phone without
// JavaScript here) puts its words in the Summary box, and Save and
// publish then saves the page. The box passes axe-core; its screenshot
// goes to testdata/screens/editor-unknown-key-360.png.
func TestEditorMisspeltKey(t *testing.T) {
	axe := axeSource(t)
	file := handEdit(t, "frozen-shoulder", "\nsummary:", "\nsummry:")
	v := openEditor(t, "frozen-shoulder", phone)
	box := eval[string](t, v, `document.querySelector('#unknown-keys').innerText`)
	if !strings.Contains(box, "“summry” is probably “Summary”") {
		t.Errorf("%s: the box says %q", v.where, box)
	}
	v.screenshot(t, "editor-unknown-key-360")
	for _, bad := range v.axe(t, axe) {
		t.Error(bad)
	}
	v = openIn(t, v.ctx, v.base, v.r, phone, false, noScript())
	eval[bool](t, v, `(document.querySelector('button[value="use:summry"]').click(), true)`)
	until(t, v, "the summary is in its box", `document.readyState === 'complete' && !document.querySelector('#unknown-keys') && document.querySelector('#in-summary').value.trim() !== ''`)
	eval[bool](t, v, `(document.querySelector('button[value=save]').click(), true)`)
	until(t, v, "the page is saved", `location.search.includes('saved=1') && document.readyState === 'complete'`)
	after, err := os.ReadFile(file)
	if err != nil || strings.Contains(string(after), "summry") || !strings.Contains(string(after), "\nsummary:") {
		t.Errorf("the file after the save (%v):\n%s", err, after)
	}
}

// TestEditorRefusalLinksPages: a delete refused because other pages still
// need the page (posted as a tab opened before Neck Pain named Whiplash
// would post it: the delete page offers no button now) lists each error
// by its page's title, the title a link to that page's form, in words
// that read as before, on a phone without scrolling sideways. The page
// passes axe-core; its screenshot goes to
// testdata/screens/editor-refused-360.png.
func TestEditorRefusalLinksPages(t *testing.T) {
	axe := axeSource(t)
	v := openEditor(t, "whiplash", phone)
	eval[bool](t, v, `(() => { const f = document.createElement('form'); f.method = 'post'; f.action = '/_relief/delete';
		for (const [name, value] of [['path', 'conditions/whiplash.md'], ['version', document.querySelector('input[name=version]').value]]) {
			const i = document.createElement('input'); i.type = 'hidden'; i.name = name; i.value = value; f.append(i) }
		document.body.append(f); f.submit(); return true })()`)
	until(t, v, "the refusal is shown", `document.readyState === 'complete' && document.querySelector('h1')?.textContent === 'Not deleted'`)
	text := eval[string](t, v, `document.querySelector('.problem').innerText`)
	for _, want := range []string{"Other pages still need Whiplash. Change them first, then delete it:",
		"\n• The page “Neck Pain”: Related conditions: there is no condition at /conditions/whiplash",
		"\n• The page “Neck Pain”: its text links to /conditions/whiplash"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s: the refusal does not say %q:\n%s", v.where, want, text)
		}
	}
	links := eval[[]string](t, v, `[...document.querySelectorAll('.problem a')].map(a => a.textContent + ' → ' + a.getAttribute('href'))`)
	if len(links) == 0 {
		t.Fatalf("%s: the refusal links no page:\n%s", v.where, text)
	}
	for _, l := range links {
		if l != "The page “Neck Pain” → /_relief/edit/conditions/neck-pain.md" {
			t.Errorf("%s: the refusal links %q", v.where, l)
		}
	}
	if eval[bool](t, v, `document.documentElement.scrollWidth > innerWidth`) {
		t.Errorf("%s: the refusal scrolls sideways", v.where)
	}
	v.screenshot(t, "editor-refused-360")
	for _, bad := range v.axe(t, axe) {
		t.Error(bad)
	}
	eval[bool](t, v, `(document.querySelector('.problem a').click(), true)`)
	until(t, v, "the link opens Neck Pain's form", `location.pathname === '/_relief/edit/conditions/neck-pain.md' && document.readyState === 'complete' && !!document.querySelector('#in-title')`)
}

// TestEditorEnterDoesNothing: Enter in a text box of the form (here the
// title, on a phone) keeps her words and changes nothing else. Before,
// it pressed the form's first button, "Reviewed today", and the page came
// back with that date set.
func TestEditorEnterDoesNothing(t *testing.T) {
	v := openEditor(t, "sciatica", phone)
	before := eval[string](t, v, `document.querySelector('[name=reviewed]').value + '|' + location.href`)
	box := v.find(t, `document.querySelector('#in-title')`)
	if box == nil {
		t.Fatalf("%s: no title box (#in-title)", v.where)
	}
	if err := chromedp.Do(v.ctx, chromedp.MouseClickXY(box.X, box.Y)); err != nil {
		t.Fatalf("%s: clicking the title: %v", v.where, err)
	}
	if err := chromedp.Do(v.ctx, chromedp.KeyEvent(" pain\r")); err != nil {
		t.Fatalf("%s: typing in the title: %v", v.where, err)
	}
	time.Sleep(time.Second) // a press that did something would have left the page by now
	until(t, v, "the page is as it was, with her words in the title", `document.readyState === 'complete' && document.querySelector('#in-title').value.endsWith(' pain')`)
	if after := eval[string](t, v, `document.querySelector('[name=reviewed]').value + '|' + location.href`); after != before {
		t.Errorf("%s: Enter in the title changed the page: %q, then %q", v.where, before, after)
	}
}

// TestEditorPictureDialogSaysWhatIsMissing: "Add the picture" pressed
// with nothing chosen shows the editor's own words under the box that
// needs them ("Choose a picture first."), tied to it by aria-describedby,
// with the focus on that box, still in the dialog; not the browser's
// bubble ("Please fill out this field"), which came first before. Then
// the same for the description, once a picture is chosen. On a phone;
// the dialog with its message passes axe-core.
func TestEditorPictureDialogSaysWhatIsMissing(t *testing.T) {
	axe := axeSource(t)
	v := openEditor(t, "carpal-tunnel-syndrome", phone)
	until(t, v, "CodeMirror is there", `!!document.querySelector('.cm-editor')`)
	eval[bool](t, v, `(() => {
		window.bubbles = 0;
		document.addEventListener('invalid', () => window.bubbles++, true);
		[...document.querySelectorAll('.toolbar button')].find(b => b.textContent === 'Picture').click();
		document.querySelector('dialog[open] button.primary').click();
		return true })()`)
	// said reports the message tied to the box named, and where the focus is.
	said := func(name string) string {
		return eval[string](t, v, fmt.Sprintf(`(() => {
			const d = document.querySelector('dialog[open]');
			if (!d) return 'the dialog closed';
			const box = d.querySelector('[name=%s]');
			const ids = (box.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
			const words = ids.map(id => document.getElementById(id)).filter(e => e && !e.hidden && e.offsetHeight > 0).map(e => e.textContent).join(' | ');
			return words + ' / invalid: ' + box.getAttribute('aria-invalid') + ' / focus: ' + (document.activeElement === box ? 'the box' : document.activeElement.outerHTML.slice(0, 80)) + ' / bubbles: ' + window.bubbles;
		})()`, name))
	}
	if got, want := said("image"), "Choose a picture first. / invalid: true / focus: the box / bubbles: 0"; got != want {
		t.Errorf("%s: Add the picture with nothing chosen: %q, want %q", v.where, got, want)
	}
	for _, bad := range v.axe(t, axe) {
		t.Error(bad)
	}
	var png strings.Builder
	if err := imgpng.Encode(&png, image.NewGray(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, v, fmt.Sprintf(`(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([Uint8Array.from(atob(%q), c => c.charCodeAt(0))], 'grey.png', {type: 'image/png'}));
		const d = document.querySelector('dialog[open]');
		d.querySelector('input[name=image]').files = dt.files;
		d.querySelector('input[name=image]').dispatchEvent(new Event('change', {bubbles: true}));
		d.querySelector('button.primary').click();
		return true })()`, base64.StdEncoding.EncodeToString([]byte(png.String()))))
	if got, want := said("alt"), "Describe the picture: visitors who cannot see it will hear this. / invalid: true / focus: the box / bubbles: 0"; got != want {
		t.Errorf("%s: Add the picture with no description: %q, want %q", v.where, got, want)
	}
	if got := said("image"); !strings.HasPrefix(got, " / invalid: null") && !strings.HasPrefix(got, " / invalid: false") {
		t.Errorf("%s: the picture chosen still has its message: %q", v.where, got)
	}
	v.screenshot(t, "editor-picture-dialog-360")
}

// TestEditorTextMarkedInvalid: a link to a condition that does not exist
// typed into the page's text (on a phone) marks the text box (CodeMirror's
// .cm-content, the element with role textbox) aria-invalid, described by
// the words beside it, as the other boxes are; mended, the mark goes. A
// save refused for it shows the form again with the text box marked from
// the start, as the page the server sends marks it.
func TestEditorTextMarkedInvalid(t *testing.T) {
	v := openEditor(t, "tension-headaches", phone)
	until(t, v, "CodeMirror is there", `!!document.querySelector('.cm-content')`)
	t.Cleanup(func() {
		eval[bool](t, v, `(Object.keys(localStorage).filter(k => k.includes('tension-headaches')).forEach(k => localStorage.removeItem(k)), true)`)
	})
	const marked = `(b => b.getAttribute('role') === 'textbox' && b.getAttribute('aria-invalid') === 'true' && b.getAttribute('aria-describedby').split(' ').includes('problems-body'))(document.querySelector('.cm-content'))`
	if eval[bool](t, v, `document.querySelector('.cm-content').hasAttribute('aria-invalid')`) {
		t.Errorf("%s: the text box is marked invalid before any mistake", v.where)
	}
	const bad = "\n\nSee [a page that is not there](/conditions/no-such-condition).\n"
	eval[bool](t, v, fmt.Sprintf(`(() => { const view = document.querySelector('.body-editor').editorView;
		view.dispatch({changes: {from: view.state.doc.length, insert: %q}, userEvent: 'input.type'}); return true })()`, bad))
	until(t, v, "the words beside the text", `document.querySelector('#problems-body li.error')?.textContent.includes('/conditions/no-such-condition')`)
	until(t, v, "the text box marked invalid and described by its words as she types", marked)
	if got := eval[string](t, v, `document.querySelector('.cm-content').getAttribute('aria-describedby')`); !strings.Contains(got, "help-body") {
		t.Errorf("%s: the text box is no longer described by its help: aria-describedby=%q", v.where, got)
	}

	eval[bool](t, v, fmt.Sprintf(`(() => { const view = document.querySelector('.body-editor').editorView;
		const at = view.state.doc.toString().lastIndexOf(%q);
		view.dispatch({changes: {from: at, to: at + %d}, userEvent: 'delete'}); return true })()`, bad, len(bad)))
	until(t, v, "the mark goes once the text is mended", `!document.querySelector('#problems-body li.error') && !document.querySelector('.cm-content').hasAttribute('aria-invalid') &&
		document.querySelector('.cm-content').getAttribute('aria-describedby').split(' ').includes('problems-body') === document.querySelectorAll('#problems-body li').length > 0`)

	eval[bool](t, v, fmt.Sprintf(`(() => { const view = document.querySelector('.body-editor').editorView;
		view.dispatch({changes: {from: view.state.doc.length, insert: %q}, userEvent: 'input.type'}); return true })()`, bad))
	eval[bool](t, v, `(document.querySelector('button[value=save]').click(), true)`)
	until(t, v, "the refused save shows the form again", `document.readyState === 'complete' && !!document.querySelector('#page-form[data-unsaved]') && !!document.querySelector('.cm-content')`)
	if !eval[bool](t, v, marked) {
		t.Errorf("%s: after the refused save, the text box is not marked invalid and described by its words: %s", v.where,
			eval[string](t, v, `document.querySelector('.cm-content').outerHTML.slice(0, 300)`))
	}
}

// TestEditorOrderTypedAsAWord: "ten" typed in the order box (weight), as
// keys on a phone, stays in the box, and the box says beside it what to
// write; Save and publish is refused with "ten" still in the box and the
// same words beside it. A number box (type="number") took the letters
// and sent "", so the order vanished from the page without a word.
func TestEditorOrderTypedAsAWord(t *testing.T) {
	v := openEditor(t, "stress-and-anxiety", phone)
	until(t, v, "CodeMirror is there", `!!document.querySelector('.cm-editor')`)
	t.Cleanup(func() {
		eval[bool](t, v, `(Object.keys(localStorage).filter(k => k.includes('stress-and-anxiety')).forEach(k => localStorage.removeItem(k)), true)`)
	})
	eval[bool](t, v, `(document.querySelector('#in-weight').scrollIntoView({block: 'center'}), true)`)
	box := v.find(t, `document.querySelector('#in-weight')`)
	if box == nil {
		t.Fatalf("%s: no order box (#in-weight)", v.where)
	}
	if err := chromedp.Do(v.ctx, chromedp.MouseClickXY(box.X, box.Y)); err != nil {
		t.Fatalf("%s: clicking the order box: %v", v.where, err)
	}
	if err := chromedp.Do(v.ctx, chromedp.KeyEvent("\b\b\b\bten")); err != nil {
		t.Fatalf("%s: typing in the order box: %v", v.where, err)
	}
	const said = "Write a whole number in digits, like 10, not “ten”"
	if got := eval[string](t, v, `document.querySelector('#in-weight').value + ' / ' + document.querySelector('#in-weight').inputMode`); got != "ten / numeric" {
		t.Errorf("%s: the order box after typing ten: %q, want %q", v.where, got, "ten / numeric")
	}
	until(t, v, "the words beside the order box", fmt.Sprintf(`document.querySelector('#problems-weight').textContent.includes(%q)`, said))
	const marked = `(b => b.getAttribute('aria-invalid') === 'true' && b.getAttribute('aria-describedby').split(' ').includes('problems-weight'))(document.querySelector('#in-weight'))`
	until(t, v, "the order box marked invalid and described by its words as she types", marked)
	eval[bool](t, v, `(document.querySelector('button[value=save]').click(), true)`)
	until(t, v, "the refused save shows the form again", `document.readyState === 'complete' && !!document.querySelector('#page-form[data-unsaved]')`)
	if got := eval[string](t, v, `document.querySelector('#in-weight').value + ' / ' + document.querySelector('#problems-weight').textContent`); got != "ten / "+said {
		t.Errorf("%s: after the refused save, the order box: %q, want %q", v.where, got, "ten / "+said)
	}
	if !eval[bool](t, v, marked) {
		t.Errorf("%s: after the refused save, the order box is not marked invalid and described by its words", v.where)
	}
}
