package browsertest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestHeroImage loads the chronic back pain page, which has a picture at
// its top (image:), on a 360 pixel phone with an empty cache: nothing
// moves while it loads (cumulative layout shift 0), the phone downloads
// the 360 pixel WebP and no other size, and the whole page with
// everything it loads stays under 100 KB.
func TestHeroImage(t *testing.T) {
	browser(t)
	r := route{name: "condition", path: "/conditions/chronic-back-pain", status: 200}
	noCache := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
		return err
	})
	v := openIn(t, tab(t, chromedp.WithNewBrowserContext()), site(t), r, phone, false, noCache)
	if err := v.rec.waitIdle(v.ctx, 500*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	var total float64
	var pictures []string
	for _, q := range v.rec.requests() {
		total += q.bytes
		if q.typ == network.ResourceTypeImage && strings.Contains(q.url, "/static/images/") {
			pictures = append(pictures, strings.TrimPrefix(q.url, v.base))
		}
	}
	if len(pictures) != 1 || !strings.HasSuffix(pictures[0], ".360.webp") {
		t.Errorf("%s: downloaded pictures %v, want the one 360 pixel WebP", v.where, pictures)
	}
	if total > 100*1024 {
		t.Errorf("%s: %s transferred, want under 100 KB", v.where, kbytes(total))
	}
	t.Logf("%s: %s in all; pictures %v", v.where, kbytes(total), pictures)
	cls := eval[float64](t, v, `new Promise(done => {
		let cls = 0;
		new PerformanceObserver(list => {
			for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
		}).observe({type: 'layout-shift', buffered: true});
		setTimeout(() => done(cls), 300);
	})`)
	if cls != 0 {
		t.Errorf("%s: cumulative layout shift %.4f, want 0 (every picture needs width and height)", v.where, cls)
	}
	if n := eval[int](t, v, `[...document.images].filter(i => !i.complete || i.naturalWidth === 0).length`); n > 0 {
		t.Errorf("%s: %d pictures did not load", v.where, n)
	}
}
