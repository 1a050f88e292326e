package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// A viewport is a screen size the site must work at.
type viewport struct {
	name   string // "phone": names screenshots
	w, h   int64
	mobile bool // emulate a phone: the layout viewport follows <meta name=viewport>
}

func (v viewport) String() string { return fmt.Sprintf("%dx%d", v.w, v.h) }

var (
	phone     = viewport{"phone", 360, 740, true}
	desktop   = viewport{"desktop", 1280, 800, false}
	viewports = []viewport{phone, desktop}
)

// A request is one network request a page made, as the browser saw it.
type request struct {
	url    string
	typ    network.ResourceType
	status int64   // 0 when no response arrived
	failed string  // the network error, if the request failed
	bytes  float64 // bytes transferred (headers and encoded body)
	mime   string
	done   bool
	frame  cdp.FrameID
	loader cdp.LoaderID // the document that made it
}

// A recorder collects a tab's requests and console errors from the moment it
// is made. Its methods are safe for concurrent use.
type recorder struct {
	mu      sync.Mutex
	reqs    map[network.RequestID]*request
	order   []network.RequestID
	console []consoleEntry
	last    time.Time // of the last network event
}

// A consoleEntry is an error the page reported: a console.error call, an
// uncaught exception, or a browser log entry at level error.
type consoleEntry struct {
	text string
	url  string // of the resource it is about, when the browser says
}

// record starts recording the tab's events.
func record(t testing.TB, ctx context.Context) *recorder {
	t.Helper()
	r := &recorder{reqs: map[network.RequestID]*request{}, last: time.Now()}
	if err := chromedp.Listen(ctx, r.handle); err != nil {
		t.Fatalf("listen to the tab: %v", err)
	}
	return r
}

// handle runs on the tab's reading goroutine: it must return fast.
func (r *recorder) handle(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		r.last = time.Now()
		if _, ok := r.reqs[ev.RequestID]; !ok { // redirects reuse the id
			r.order = append(r.order, ev.RequestID)
		}
		r.reqs[ev.RequestID] = &request{url: ev.Request.URL, typ: ev.Type, frame: ev.FrameID, loader: ev.LoaderID}
	case *network.EventResponseReceived:
		r.last = time.Now()
		if q := r.reqs[ev.RequestID]; q != nil {
			q.status, q.mime, q.typ = ev.Response.Status, ev.Response.MimeType, ev.Type
		}
		if ev.Type == network.ResourceTypeDocument {
			r.leftBehind(ev.FrameID, ev.LoaderID)
		}
	case *network.EventLoadingFinished:
		r.last = time.Now()
		if q := r.reqs[ev.RequestID]; q != nil {
			q.bytes, q.done = ev.EncodedDataLength, true
		}
	case *network.EventLoadingFailed:
		r.last = time.Now()
		if q := r.reqs[ev.RequestID]; q != nil {
			q.failed, q.done = ev.ErrorText, true
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			r.console = append(r.console, consoleEntry{text: "console." + string(ev.Type) + ": " + argsText(ev.Args)})
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		r.console = append(r.console, consoleEntry{text: fmt.Sprintf("uncaught %s (%s:%d)", text, d.URL, d.LineNumber+1), url: d.URL})
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			r.console = append(r.console, consoleEntry{text: string(ev.Entry.Source) + ": " + ev.Entry.Text, url: ev.Entry.URL})
		}
	}
}

// leftBehind marks as done the requests that the document a frame is
// leaving made, once the frame's next document (loader) has its response:
// a fetch the page left started just before the navigation is cut off
// with its document, and Chromium does not always report its end (an
// editor page's check, sent as the test opened the page again, kept the
// network "busy" for good).
func (r *recorder) leftBehind(frame cdp.FrameID, loader cdp.LoaderID) {
	for _, q := range r.reqs {
		if !q.done && q.frame == frame && q.loader != loader && q.typ != network.ResourceTypeDocument {
			q.done = true // not a failure of the page opened: not reported as one
		}
	}
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		switch {
		case a.Description != "":
			parts = append(parts, a.Description)
		case len(a.Value) > 0:
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		default:
			parts = append(parts, string(a.Type))
		}
	}
	return strings.Join(parts, " ")
}

// waitIdle waits until no request is in flight and no network event came
// for quiet, so that late requests (the favicon) are recorded.
func (r *recorder) waitIdle(ctx context.Context, quiet time.Duration) error {
	for {
		r.mu.Lock()
		var busy []string
		for _, q := range r.reqs {
			if !q.done {
				busy = append(busy, fmt.Sprintf("%s (%s, status %d)", q.url, q.typ, q.status))
			}
		}
		idle := len(busy) == 0 && time.Since(r.last) >= quiet
		r.mu.Unlock()
		if idle {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for the network to be idle: %w; still open: %s", ctx.Err(), strings.Join(busy, ", "))
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// requests returns the recorded requests in the order they were made.
func (r *recorder) requests() []request {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]request, 0, len(r.order))
	for _, id := range r.order {
		out = append(out, *r.reqs[id])
	}
	return out
}

func (r *recorder) errors() []consoleEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]consoleEntry(nil), r.console...)
}

// A visit is one page loaded in a fresh tab at a viewport.
type visit struct {
	ctx   context.Context
	rec   *recorder
	base  string // the site's base URL
	r     route
	vp    viewport
	dark  bool
	where string // "GET /x at 360x740 (dark)", to start failure messages
}

// open loads route r in a new tab at viewport vp (in dark mode if dark) and
// waits for the network to go quiet. It fails the test if the page does not
// load with the route's status. The setup actions run in the tab first.
func open(t testing.TB, r route, vp viewport, dark bool, setup ...chromedp.Action[chromedp.Void]) *visit {
	t.Helper()
	return openAt(t, site(t), r, vp, dark, setup...)
}

// openAt is open for the server at base.
func openAt(t testing.TB, base string, r route, vp viewport, dark bool, setup ...chromedp.Action[chromedp.Void]) *visit {
	t.Helper()
	return openIn(t, tab(t), base, r, vp, dark, setup...)
}

// openIn is openAt in the tab of ctx.
func openIn(t testing.TB, ctx context.Context, base string, r route, vp viewport, dark bool, setup ...chromedp.Action[chromedp.Void]) *visit {
	t.Helper()
	v := &visit{ctx: ctx, base: base, r: r, vp: vp, dark: dark}
	v.where = fmt.Sprintf("GET %s at %s", r.path, vp)
	if dark {
		v.where += " (dark)"
	}
	if err := chromedp.Do(ctx, append(setup, emulate(vp, dark))...); err != nil {
		t.Fatalf("%s: emulate: %v", v.where, err)
	}
	v.rec = record(t, ctx)
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(v.base+r.path))
	if err != nil {
		t.Fatalf("%s: %v", v.where, err)
	}
	if resp.Status != int64(r.status) {
		t.Errorf("%s: status = %d, want %d", v.where, resp.Status, r.status)
	}
	if err := v.rec.waitIdle(ctx, 250*time.Millisecond); err != nil {
		t.Fatalf("%s: %v", v.where, err)
	}
	return v
}

// emulate sets the viewport and the colour scheme.
func emulate(vp viewport, dark bool) chromedp.Action[chromedp.Void] {
	var opts []chromedp.EmulateViewportOption
	if vp.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	scheme := "light"
	if dark {
		scheme = "dark"
	}
	return chromedp.Steps(
		chromedp.EmulateViewport(vp.w, vp.h, opts...),
		media("", scheme),
	)
}

// media emulates a CSS media type ("" for screen, or "print") and colour scheme.
func media(typ, scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    typ,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// checkClean reports console errors, failed requests and requests to any
// host but the server.
func (v *visit) checkClean(t testing.TB) {
	t.Helper()
	page := v.base + v.r.path
	for _, e := range v.rec.errors() {
		if v.r.status >= 400 && e.url == page && strings.Contains(e.text, fmt.Sprint(v.r.status)) {
			continue // the browser logs the expected 404 of the page itself
		}
		t.Errorf("%s: console error: %s", v.where, e.text)
	}
	for _, q := range v.rec.requests() {
		if !sameHost(q.url, v.base) {
			t.Errorf("%s: request to another host: %s", v.where, q.url)
		}
		switch {
		case q.failed != "":
			t.Errorf("%s: request failed: %s: %s", v.where, q.url, q.failed)
		case q.status >= 400 && !(q.url == page && q.status == int64(v.r.status)):
			t.Errorf("%s: request failed: %s: status %d", v.where, q.url, q.status)
		}
	}
}

// sameHost reports whether u is served by base; data: URLs count as local.
func sameHost(u, base string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	if p.Scheme == "data" || p.Scheme == "about" {
		return true
	}
	b, _ := url.Parse(base)
	return p.Host == b.Host
}

// screenshot saves a full-page PNG to testdata/screens/<name>.png.
func (v *visit) screenshot(t testing.TB, name string) {
	t.Helper()
	buf, err := chromedp.Run(v.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("%s: screenshot: %v", v.where, err)
		return
	}
	dir := filepath.Join("testdata", "screens")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// eval runs a JavaScript expression in the page and decodes its value.
func eval[T any](t testing.TB, v *visit, js string) T {
	t.Helper()
	res, err := chromedp.Run(v.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: evaluate %.60q: %v", v.where, js, err)
	}
	return res
}
