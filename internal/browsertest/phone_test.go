package browsertest

import (
	"testing"
)

// screen is the height of one phone screen in CSS pixels: the phone
// viewport's.
const screen = 740

// TestIndexFitsAPhone measures "All Conditions and Symptoms" at 360 px: the
// whole page, footer included, is at most about three screens tall, and the
// letter bar and body-area links come before the list.
func TestIndexFitsAPhone(t *testing.T) {
	browser(t)
	v := open(t, route{name: "index", path: "/conditions/", status: 200}, phone, false)
	got := eval[struct {
		Height   float64 `json:"height"`
		Letters  float64 `json:"letters"`
		Areas    float64 `json:"areas"`
		Searches int     `json:"searches"`
	}](t, v, `(() => ({
		height: document.documentElement.scrollHeight,
		letters: document.querySelector('.letter-bar').getBoundingClientRect().top + scrollY,
		areas: document.querySelector('.jump').getBoundingClientRect().bottom + scrollY,
		searches: document.querySelectorAll('form[role=search]').length,
	}))()`)
	t.Logf("/conditions/ at 360 px: %.0f px tall (%.1f screens); letters at %.0f px, area links end at %.0f px", got.Height, got.Height/screen, got.Letters, got.Areas)
	if got.Height > 3.5*screen { // about three screens
		t.Errorf("/conditions/ at 360 px is %.0f px tall (%.1f screens of %d px), want at most about 3", got.Height, got.Height/screen, screen)
	}
	if got.Areas > screen {
		t.Errorf("/conditions/ at 360 px: the body-area links end %.0f px down, want them on the first screen (%d px)", got.Areas, screen)
	}
	if got.Searches != 1 {
		t.Errorf("/conditions/: %d search forms, want 1", got.Searches)
	}
}

// TestBookingWithinReach checks every shipped condition page at 360 px: a
// booking or phone link is on the first screen, another follows the
// caution section, and neither covers any text.
func TestBookingWithinReach(t *testing.T) {
	browser(t)
	for _, slug := range []string{"chronic-back-pain", "sciatica", "tmj-disorder", "fibromyalgia"} {
		t.Run(slug, func(t *testing.T) {
			v := open(t, route{name: slug, path: "/conditions/" + slug, status: 200}, phone, false)
			got := eval[struct {
				First        float64 `json:"first"`
				AfterCaution bool    `json:"afterCaution"`
				Fixed        int     `json:"fixed"`
			}](t, v, `(() => {
				const links = [...document.querySelectorAll('main a.button, main a[href^="tel:"], main a.book-link')];
				const first = Math.min(...links.map(a => a.getBoundingClientRect().top + scrollY));
				const caution = [...document.querySelectorAll('main .callout-caution, main .callout-urgent, main .callout-emergency')].pop();
				const afterCaution = !!caution && links.some(a => caution.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING && !caution.contains(a) && a.getBoundingClientRect().top - caution.getBoundingClientRect().bottom < 1200);
				const fixed = [...document.querySelectorAll('main *')].filter(e => ['fixed', 'sticky'].includes(getComputedStyle(e).position)).length;
				return {first, afterCaution, fixed};
			})()`)
			if got.First > screen {
				t.Errorf("%s: first booking or phone link at %.0f px, want within the first screen (%d px)", v.where, got.First, screen)
			}
			if !got.AfterCaution {
				t.Errorf("%s: no booking or phone link shortly after the caution section", v.where)
			}
			if got.Fixed != 0 {
				t.Errorf("%s: %d fixed or sticky elements could cover the text", v.where, got.Fixed)
			}
		})
	}
}

// TestTablesFitAPhone opens the pages with tables (the prices, in English
// and in Spanish, whose words are longer) at 360 px: every column shows
// whole, with nothing cut at the right edge or hidden behind a sideways
// scroll.
func TestTablesFitAPhone(t *testing.T) {
	browser(t)
	for _, path := range []string{"/prices", "/es/precios"} {
		v := open(t, route{name: "tables", path: path, status: 200}, phone, false)
		got := eval[[]string](t, v, `[...document.querySelectorAll('main table')]
			.filter(e => e.scrollWidth > e.clientWidth + 0.5 || e.getBoundingClientRect().right > innerWidth)
			.map(e => 'table of ' + e.rows.length + ' rows: ' + e.scrollWidth + ' px wide in ' + e.clientWidth + ' px, right edge at ' + Math.round(e.getBoundingClientRect().right))`)
		if n := eval[int](t, v, `document.querySelectorAll('main table').length`); n == 0 {
			t.Errorf("%s: no table, want the price table", path)
		}
		for _, g := range got {
			t.Errorf("%s at 360 px: %s, want every column in view", path, g)
		}
	}
}
