package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	editorUser     = "anna"
	editorPassword = "correct horse battery"
)

// TestEditorLogin: the editor's login page in Chromium. axe finds nothing
// at phone and desktop size (and in dark mode); logging in by the form
// reaches the editor with JavaScript off; a form on another origin that
// posts to the editor is refused (403) and changes nothing.
func TestEditorLogin(t *testing.T) {
	src, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	browser(t)
	// A server of its own, without -dev: the browser may be logged in to
	// the shared one (editorSite) by other tests, which skips the login
	// page.
	srv, err := startEditor(false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.stop()
		if t.Failed() {
			t.Logf("relief serve's log:\n%s", srv.log.String())
		}
	})
	base := srv.url
	login := route{name: "login", path: "/_relief/login", status: 200}
	for _, run := range []struct {
		vp   viewport
		dark bool
	}{{phone, false}, {desktop, false}, {desktop, true}} {
		v := openAt(t, base, login, run.vp, run.dark)
		for _, bad := range v.axe(t, string(src)) {
			t.Error(bad)
		}
		v.checkClean(t)
	}

	// Log in with the form, as a browser without JavaScript would: a plain
	// POST, then the redirect back to the page asked for.
	ctx := tab(t, chromedp.WithNewBrowserContext())
	v := openIn(t, ctx, base, route{name: "login", path: "/_relief/edit/", status: 200}, phone, false)
	if where := eval[string](t, v, `location.pathname`); where != "/_relief/login" {
		t.Fatalf("the editor without a login shows %s, want the login page", where)
	}
	eval[bool](t, v, `document.querySelector('#name').value = '`+editorUser+`';
		document.querySelector('#password').value = '`+editorPassword+`';
		document.querySelector('form').submit(); true`)
	waitFor(t, v, "the editor after logging in", `location.pathname === '/_relief/edit/' && document.readyState === 'complete'`)
	if text := eval[string](t, v, `document.body.innerText`); !strings.Contains(text, "logged in as "+editorUser) {
		t.Fatalf("after logging in, the editor says:\n%s", text)
	}

	// A page of another origin (another port of this computer: the same
	// site, so the SameSite cookie is sent) posts a form to the editor.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!doctype html><title>another site</title><form method="post" action="%s/_relief/logout"><button>go</button></form>`, base)
	}))
	t.Cleanup(other.Close)
	v = openIn(t, ctx, other.URL, route{name: "other", path: "/", status: 200}, phone, false)
	eval[bool](t, v, `document.forms[0].submit(); true`)
	waitFor(t, v, "the editor's answer to the cross-origin form", `location.href.startsWith('`+base+`') && document.readyState === 'complete'`)
	if text := eval[string](t, v, `document.body.innerText`); !strings.Contains(text, "sent from another website") {
		t.Errorf("the cross-origin POST was not refused; the page says:\n%s", text)
	}
	v = openIn(t, ctx, base, route{name: "editor", path: "/_relief/edit/", status: 200}, phone, false)
	if text := eval[string](t, v, `document.body.innerText`); !strings.Contains(text, "logged in as "+editorUser) {
		t.Errorf("after the refused cross-origin logout, the editor says:\n%s", text)
	}
}

// waitFor evaluates js in v's tab until it is true, failing after 30 s.
func waitFor(t testing.TB, v *visit, what, js string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(v.ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: waited 30 s for %s", v.where, what)
}

// TestEditorLoginWebsiteLink: "Go to the website" under the login form is
// a comfortable target on a phone and at desktop size (at least 44 px
// tall, as wide as its words and more), and still reads as a link, not a
// second "Log in" button: no filled background, underlined. Screenshots:
// testdata/screens/login-360.png and login-1280.png.
func TestEditorLoginWebsiteLink(t *testing.T) {
	base := editorSite(t).url
	ctx := tab(t, chromedp.WithNewBrowserContext()) // no login yet
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			v := openIn(t, ctx, base, route{name: "login", path: "/_relief/login", status: 200}, vp, false)
			got := eval[string](t, v, `(() => {
				const a = [...document.querySelectorAll('a')].find(a => a.textContent.trim() === 'Go to the website');
				if (!a) return 'no link';
				const r = a.getBoundingClientRect(), s = getComputedStyle(a), b = getComputedStyle(document.querySelector('button[type=submit]'));
				return [r.height >= 44 ? 'tall enough' : 'only ' + r.height + ' px tall',
					r.width >= 44 ? 'wide enough' : 'only ' + r.width + ' px wide',
					s.backgroundColor === b.backgroundColor ? 'filled like the button' : 'not filled',
					s.textDecorationLine.includes('underline') ? 'underlined' : 'not underlined'].join(', ');
			})()`)
			if want := "tall enough, wide enough, not filled, underlined"; got != want {
				t.Errorf("%s: Go to the website: %s, want %s", v.where, got, want)
			}
			v.screenshot(t, fmt.Sprintf("login-%d", vp.w))
		})
	}
}
