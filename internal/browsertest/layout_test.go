package browsertest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// jsPath is a JavaScript function that names an element by a short CSS path
// ("main > ul.toc > li > a"), for failure messages.
const jsPath = `function cssPath(el) {
	const parts = [];
	for (let e = el; e && e.nodeType === 1 && parts.length < 4; e = e.parentElement) {
		let s = e.localName;
		if (e.id) { parts.unshift(s + '#' + e.id); break; }
		if (e.classList.length) s += '.' + [...e.classList].join('.');
		parts.unshift(s);
	}
	return parts.join(' > ');
}`

// TestLayout loads every route at phone and desktop size, light and dark:
// no horizontal scrolling, no console errors, no failed requests, nothing
// from another host. Screenshots go to testdata/screens/.
func TestLayout(t *testing.T) {
	browser(t)
	forEachRoute(t, true, func(t *testing.T, r route) {
		for _, vp := range viewports {
			for _, dark := range []bool{false, true} {
				v := open(t, r, vp, dark)
				v.checkClean(t)
				v.checkWidth(t)
				name := r.name + "-" + vp.name
				if dark {
					name += "-dark"
				}
				v.screenshot(t, name)
			}
		}
	})
}

type widths struct {
	ScrollWidth int64    `json:"scrollWidth"`
	InnerWidth  int64    `json:"innerWidth"`
	Wide        []string `json:"wide"` // elements that reach past the limit
}

// checkWidth reports horizontal scrolling, and on a phone a layout viewport
// that is not the device width (a missing <meta name="viewport">).
func (v *visit) checkWidth(t testing.TB) {
	t.Helper()
	// A phone widens its layout viewport (innerWidth) to fit content that
	// overflows, so there the limit is the screen's width.
	limit := int64(0)
	if v.vp.mobile {
		limit = v.vp.w
	}
	w := eval[widths](t, v, `(() => {
		`+jsPath+`
		const limit = `+fmt.Sprint(limit)+` || innerWidth;
		const wide = [...document.body.querySelectorAll('*')]
			.filter(e => e.getBoundingClientRect().right > limit + 0.5)
			.slice(0, 5).map(e => cssPath(e) + ' (right ' + Math.round(e.getBoundingClientRect().right) + ')');
		return {scrollWidth: document.documentElement.scrollWidth, innerWidth, wide};
	})()`)
	if limit == 0 {
		limit = w.InnerWidth
	}
	if w.ScrollWidth > limit {
		t.Errorf("%s: scrollWidth %d > innerWidth %d; too wide: %s",
			v.where, w.ScrollWidth, limit, strings.Join(w.Wide, "; "))
	}
	if v.vp.mobile && w.InnerWidth != v.vp.w {
		t.Errorf("%s: innerWidth %d, want %d (content too wide, or <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"> missing)",
			v.where, w.InnerWidth, v.vp.w)
	}
}

// TestPrint renders every route for print: no errors, and the site
// navigation (every nav outside <main>) is hidden.
func TestPrint(t *testing.T) {
	browser(t)
	forEachRoute(t, true, func(t *testing.T, r route) {
		v := open(t, r, desktop, false)
		v.checkPrint(t)
		v.screenshot(t, r.name+"-print")
	})
}

// checkPrint switches the page to print media, prints it to PDF, and reports
// navigation that still shows and any errors.
func (v *visit) checkPrint(t testing.TB) {
	t.Helper()
	v.where += " (print)"
	if err := chromedp.Do(v.ctx, media("print", "light")); err != nil {
		t.Fatalf("%s: emulate print: %v", v.where, err)
	}
	shown := eval[[]string](t, v, `(() => {
		`+jsPath+`
		return [...document.querySelectorAll('nav, [role=navigation]')]
			.filter(e => !e.closest('main'))
			.filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
			.map(cssPath);
	})()`)
	for _, s := range shown {
		t.Errorf("%s: navigation %s is printed; hide it in @media print", v.where, s)
	}
	pdf, err := chromedp.Run(v.ctx, chromedp.PrintToPDF())
	if err != nil || len(pdf) == 0 {
		t.Errorf("%s: print to PDF: %v (%d bytes)", v.where, err, len(pdf))
	}
	if err := v.rec.waitIdle(v.ctx, 100*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	v.checkClean(t)
}

// TestHeaderFits opens the home page in English and in Spanish (longer
// words in the menu) at the narrowest screen that puts the header on one
// row (75rem, 1200 px), at 1280 px and on a phone: nothing in the header
// reaches past its column, so the search box is never cut off, and the
// box is wide enough for its whole hint ("e.g. stiff neck").
func TestHeaderFits(t *testing.T) {
	browser(t)
	for _, path := range []string{"/", "/es/"} {
		for _, vp := range []viewport{phone, {"wide", 1200, 800, false}, desktop} {
			v := open(t, route{name: "header", path: path, status: 200}, vp, false)
			wide := eval[[]string](t, v, `(() => {
				`+jsPath+`
				const box = document.querySelector('.header-inner').getBoundingClientRect();
				const right = box.right - parseFloat(getComputedStyle(document.querySelector('.header-inner')).paddingRight);
				return [...document.querySelectorAll('.header-inner *')]
					.filter(e => e.getBoundingClientRect().right > right + 0.5)
					.map(e => cssPath(e) + ' (right ' + Math.round(e.getBoundingClientRect().right) + ', column ends at ' + Math.round(right) + ')');
			})()`)
			for _, w := range wide {
				t.Errorf("%s at %d px: %s", path, vp.w, w)
			}
			if cut := eval[string](t, v, jsHintCut); cut != "" {
				t.Errorf("%s at %d px: the search box's hint is cut off: %s", path, vp.w, cut)
			}
		}
	}
}

// jsHintCut says how the header's search box cuts off its hint ("e.g.
// stiff neck"), or "" when the whole hint shows.
const jsHintCut = `(() => {
	const i = document.querySelector('.header-inner .search input');
	if (!i) return '';
	const cs = getComputedStyle(i);
	const ctx = document.createElement('canvas').getContext('2d');
	ctx.font = cs.font;
	const need = Math.ceil(ctx.measureText(i.placeholder).width);
	const room = i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
	return need > room ? '"' + i.placeholder + '" needs ' + need + ' px, the box has ' + Math.floor(room) : '';
})()`
