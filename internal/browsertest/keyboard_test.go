package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// jsFocus defines, in the page, the list of elements a keyboard user must
// reach (window.__focusables), their styles before focus, and focusState(),
// which describes the focused element.
const jsFocus = jsPath + `
const focusProps = ['outlineStyle', 'outlineWidth', 'outlineColor', 'boxShadow', 'backgroundColor',
	'color', 'textDecorationLine', 'textDecorationThickness', 'borderBottomColor', 'borderBottomWidth'];
function styleOf(el) { const s = getComputedStyle(el); return focusProps.map(p => s[p]).join('|'); }
function shown(el) { return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden'; }
window.__focusables = [...document.querySelectorAll(
	'a[href], area[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), ' +
	'select:not([disabled]), textarea:not([disabled]), summary, iframe, [contenteditable=""], ' +
	'[contenteditable=true], [tabindex]:not([tabindex="-1"])')].filter(shown);
window.__before = window.__focusables.map(styleOf);
window.focusState = function () {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return {index: -1, path: 'body'};
	const i = window.__focusables.indexOf(el);
	const s = getComputedStyle(el);
	const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
	const changed = i >= 0 && styleOf(el) !== window.__before[i];
	const r = el.getBoundingClientRect();
	const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
		r.top < innerHeight && r.left < innerWidth;
	return {index: i, path: cssPath(el), text: (el.textContent || el.value || '').trim().slice(0, 40),
		classes: el.getAttribute('class') || '', href: el.getAttribute('href') || '',
		indicator: outline || changed, inView};
};
window.__focusables.map(el => cssPath(el) + ' "' + (el.textContent || '').trim().slice(0, 40) + '"')`

type focusState struct {
	Index     int    `json:"index"`
	Path      string `json:"path"`
	Text      string `json:"text"`
	Classes   string `json:"classes"`
	Href      string `json:"href"`
	Indicator bool   `json:"indicator"`
	InView    bool   `json:"inView"`
}

// TestKeyboard tabs through every route at phone and desktop size: the first
// Tab focuses the skip link, which then shows, every interactive element is
// reached, and each shows a visible focus style.
func TestKeyboard(t *testing.T) {
	browser(t)
	forEachRoute(t, false, func(t *testing.T, r route) {
		for _, vp := range viewports {
			tabThrough(t, open(t, r, vp, false))
		}
	})
}

func tabThrough(t testing.TB, v *visit) {
	t.Helper()
	want := eval[[]string](t, v, jsFocus)
	seen := make([]bool, len(want))
	for press := 1; press <= len(want)+3; press++ {
		if err := chromedp.Do(v.ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatalf("%s: press Tab: %v", v.where, err)
		}
		f := eval[focusState](t, v, `focusState()`)
		if press == 1 {
			checkSkipLink(t, v, f)
		}
		if f.Index < 0 && f.Path == "body" {
			break // past the last element
		}
		if f.Index >= 0 && seen[f.Index] {
			break // wrapped around
		}
		if f.Index >= 0 {
			seen[f.Index] = true
		}
		if !f.Indicator {
			t.Errorf("%s: Tab %d focuses %s %q with no visible focus style (outline, box-shadow, colour or underline change)", v.where, press, f.Path, f.Text)
		}
	}
	for i, ok := range seen {
		if !ok {
			t.Errorf("%s: Tab never reaches %s", v.where, want[i])
		}
	}
}

// checkSkipLink checks the state after the first Tab.
func checkSkipLink(t testing.TB, v *visit, f focusState) {
	t.Helper()
	if f.Href != "#main" || !hasClass(f.Classes, "skip-link") {
		t.Errorf("%s: first Tab focuses %s %q, want the skip link a.skip-link[href=\"#main\"]", v.where, f.Path, f.Text)
		return
	}
	if !f.InView {
		t.Errorf("%s: the focused skip link is not visible in the viewport", v.where)
	}
	if !eval[bool](t, v, `!!document.getElementById('main')`) {
		t.Errorf("%s: the skip link points to #main, but no element has id=\"main\"", v.where)
	}
}

func hasClass(classes, c string) bool {
	for _, x := range strings.Fields(classes) {
		if x == c {
			return true
		}
	}
	return false
}
