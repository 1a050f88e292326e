package browsertest

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const (
	indexLink = "All Conditions and Symptoms"
	backLink  = "← All Conditions and Symptoms"
	misspelt  = "sciatca" // a visitor's spelling of sciatica
)

// TestJourney walks the way a visitor does, at phone and desktop size: home
// → the conditions index → a condition → a table-of-contents link → back to
// the index → a search for a misspelt symptom → the result → its page.
func TestJourney(t *testing.T) {
	browser(t)
	base := site(t)
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			v := open(t, route{name: "home", path: "/", status: 200}, vp, false)
			v.follow(t, "the link "+strconv.Quote(indexLink), byText(indexLink))
			v.expectPage(t, "/conditions/", indexLink)

			cond := v.follow(t, "the first condition in the index",
				`document.querySelector('main a[href^="/conditions/"]:not([href="/conditions/"])')`)
			v.expectPage(t, cond.Href, "")

			v.tocJump(t)

			v.follow(t, "the link "+strconv.Quote(backLink), byText(backLink))
			v.expectPage(t, "/conditions/", indexLink)

			if status, _, _ := get(base + "/search?q=" + misspelt); status == 404 {
				t.Skip("search not built yet: GET /search: 404")
			}
			v.search(t, misspelt)
			v.follow(t, "the result Sciatica", `document.querySelector('main a[href="/conditions/sciatica"]')`)
			v.expectPage(t, "/conditions/sciatica", "Sciatica")
			v.checkClean(t)
		})
	}
}

// byText returns JavaScript that finds the first visible link whose text is s.
func byText(s string) string {
	return `[...document.querySelectorAll('a')].find(a => a.textContent.replace(/\s+/g, ' ').trim() === ` +
		strconv.Quote(s) + ` && a.getClientRects().length > 0)`
}

// A target is an element found to be clicked.
type target struct {
	X, Y float64
	Href string
	Text string
}

// find evaluates js, which yields an element or nothing, scrolls the element
// into view and returns where to click it (the middle of its first line box,
// since the middle of a wrapped link's box can miss it); nil when there is none.
func (v *visit) find(t testing.TB, js string) *target {
	t.Helper()
	return eval[*target](t, v, `(() => {
		const el = (`+js+`);
		if (!el) return null;
		el.scrollIntoView({block: 'center', behavior: 'instant'});
		const r = el.getClientRects()[0]; // a wrapped link's first line
		return {X: r.left + r.width / 2, Y: r.top + r.height / 2,
			Href: el.getAttribute('href') || '', Text: el.textContent.trim()};
	})()`)
}

// follow clicks, with the mouse, the element that js finds, and waits for
// the next page to load.
func (v *visit) follow(t testing.TB, what, js string) *target {
	t.Helper()
	el := v.find(t, js)
	if el == nil {
		t.Fatalf("%s: no %s to click", v.where, what)
	}
	ctx, cancel := context.WithTimeout(v.ctx, 15*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.MouseClickXY(el.X, el.Y))
	if err != nil {
		t.Fatalf("%s: click %s: %v", v.where, what, err)
	}
	if resp.Status != 200 {
		t.Errorf("%s: click %s: GET %s: status %d, want 200", v.where, what, resp.URL, resp.Status)
	}
	return el
}

// expectPage checks the address and, when heading is set, that the visible
// main heading and the title contain it. It moves v.where to the new page.
func (v *visit) expectPage(t testing.TB, path, heading string) {
	t.Helper()
	loc, err := chromedp.Run(v.ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(loc)
	v.where = "journey at " + v.vp.String() + ": " + u.Path
	if u.Path != path {
		t.Fatalf("%s: at %s, want %s", v.where, u.Path, path)
	}
	h1 := eval[string](t, v, `(document.querySelector('h1') || {}).innerText || ''`)
	title := eval[string](t, v, `document.title`)
	if h1 == "" {
		t.Errorf("%s: no visible <h1>", v.where)
	}
	if heading != "" && !strings.Contains(h1, heading) {
		t.Errorf("%s: <h1> = %q, want it to contain %q", v.where, h1, heading)
	}
	if heading != "" && !strings.Contains(title, heading) {
		t.Errorf("%s: <title> = %q, want it to contain %q", v.where, title, heading)
	}
}

type landing struct {
	Hash    string  `json:"hash"`
	Found   bool    `json:"found"`
	Heading string  `json:"heading"`
	Tag     string  `json:"tag"`
	Top     float64 `json:"top"`
	AtEnd   bool    `json:"atEnd"` // the page cannot scroll further
}

// tocJump clicks the first table-of-contents link and checks that the page
// scrolled to its heading.
func (v *visit) tocJump(t testing.TB) {
	t.Helper()
	link := v.find(t, `document.querySelector('main nav a[href^="#"]')`)
	if link == nil {
		t.Fatalf("%s: no table of contents (a link to #id in a <nav> in <main>)", v.where)
	}
	if err := chromedp.Do(v.ctx, chromedp.MouseClickXY(link.X, link.Y)); err != nil {
		t.Fatalf("%s: click %q: %v", v.where, link.Text, err)
	}
	var got landing
	for end := time.Now().Add(3 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		got = eval[landing](t, v, `(() => {
			const el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
			const atEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
			if (!el) return {hash: location.hash, found: false, atEnd};
			return {hash: location.hash, found: true, heading: el.innerText.trim(), tag: el.localName,
				top: el.getBoundingClientRect().top, atEnd};
		})()`)
		if got.Hash == link.Href && got.Found && got.Top >= -2 && (got.Top < 120 || got.AtEnd) {
			break
		}
	}
	switch {
	case got.Hash != link.Href:
		t.Errorf("%s: TOC link %q: location.hash = %q, want %q", v.where, link.Text, got.Hash, link.Href)
	case !got.Found:
		t.Errorf("%s: TOC link %q: no element with id %s", v.where, link.Text, link.Href)
	case got.Top < -2 || (got.Top >= 120 && !got.AtEnd):
		t.Errorf("%s: TOC link %q: heading %s is %.0fpx from the top of the viewport, want it scrolled to the top", v.where, link.Text, link.Href, got.Top)
	case !strings.HasPrefix(got.Tag, "h"):
		t.Errorf("%s: TOC link %q goes to a <%s>, want a heading", v.where, link.Text, got.Tag)
	case !strings.HasPrefix(strings.ToLower(got.Heading), strings.ToLower(link.Text)):
		t.Errorf("%s: TOC link %q goes to the heading %q", v.where, link.Text, got.Heading)
	}
}

// search types the query into the site's search box and presses Enter.
func (v *visit) search(t testing.TB, q string) {
	t.Helper()
	box := v.find(t, `[...document.querySelectorAll('input[type=search], input[name=q]')].find(e => e.getClientRects().length > 0)`)
	if box == nil {
		t.Fatalf("%s: no visible search box (input[type=search] or input[name=q])", v.where)
	}
	ctx, cancel := context.WithTimeout(v.ctx, 15*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx,
		chromedp.MouseClickXY(box.X, box.Y),
		chromedp.KeyEvent(q+"\r"),
	)
	if err != nil {
		t.Fatalf("%s: search for %q: %v", v.where, q, err)
	}
	u, _ := url.Parse(resp.URL)
	v.where = "journey at " + v.vp.String() + ": " + u.Path + "?" + u.RawQuery
	if resp.Status != 200 || u.Path != "/search" || u.Query().Get("q") != q {
		t.Fatalf("%s: search for %q: got %s (status %d), want /search?q=%s", v.where, q, resp.URL, resp.Status, q)
	}
}
