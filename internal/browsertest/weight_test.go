package browsertest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Budget of a condition page with everything it loads.
const (
	maxRequests = 4         // HTML, CSS, favicon, the page's picture
	maxBytes    = 20 * 1024 // transferred, compressed
)

// TestPageWeight loads a condition page with an empty cache in a browser that
// accepts gzip: at most 4 requests and 20 KB, no JavaScript, no web fonts,
// and images that are sized, all lazy but the first.
func TestPageWeight(t *testing.T) {
	browser(t)
	r := routes[2]
	if r.name != "condition" {
		t.Fatalf("routes[2] is %q, want the condition route", r.name)
	}
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			noCache := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
				return err
			})
			// A fresh profile: the browser fetches a favicon once per
			// profile, and the HTTP cache is off.
			weigh(t, openIn(t, tab(t, chromedp.WithNewBrowserContext()), site(t), r, vp, false, noCache))
		})
	}
}

func weigh(t testing.TB, v *visit) {
	t.Helper()
	// The browser asks for the favicon after the load event, sometimes late.
	if err := v.rec.waitIdle(v.ctx, time.Second); err != nil {
		t.Fatal(err)
	}
	v.checkClean(t)
	reqs := v.rec.requests()
	var total float64
	var list []string
	for _, q := range reqs {
		total += q.bytes
		list = append(list, strings.TrimPrefix(q.url, v.base)+" ("+string(q.typ)+", "+kbytes(q.bytes)+")")
		switch q.typ {
		case network.ResourceTypeScript:
			t.Errorf("%s: loads JavaScript: %s", v.where, q.url)
		case network.ResourceTypeFont:
			t.Errorf("%s: loads a web font: %s", v.where, q.url)
		}
	}
	t.Logf("%s: %d requests, %s: %s", v.where, len(reqs), kbytes(total), strings.Join(list, ", "))
	if len(reqs) > maxRequests {
		t.Errorf("%s: %d requests, want at most %d: %s", v.where, len(reqs), maxRequests, strings.Join(list, ", "))
	}
	if total > maxBytes {
		t.Errorf("%s: %s transferred, want at most %s: %s", v.where, kbytes(total), kbytes(maxBytes), strings.Join(list, ", "))
	}
	if n := eval[int](t, v, `[...document.scripts].filter(s => s.type !== 'application/ld+json').length`); n > 0 {
		t.Errorf("%s: %d <script> elements, want none (no JavaScript in production)", v.where, n)
	}
	for _, bad := range eval[[]string](t, v, `(() => {
		`+jsPath+`
		return [...document.images].filter((i, n) => !i.getAttribute('width') || !i.getAttribute('height') ||
			(n > 0 && i.getAttribute('loading') !== 'lazy')).map(i => cssPath(i) + ' src=' + i.getAttribute('src'));
	})()`) {
		t.Errorf("%s: image %s needs width, height and (unless it is the first) loading=\"lazy\"", v.where, bad)
	}
}

func kbytes(n float64) string { return fmt.Sprintf("%.1f KB", n/1024) }
