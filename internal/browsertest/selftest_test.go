package browsertest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// faultyPage breaks every rule the browser tests enforce, once.
const faultyPage = `<!doctype html>
<html><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>Faulty</title><link rel="stylesheet" href="/missing.css"></head>
<body>
<nav><a href="/" style="outline:none">Home</a></nav>
<main>
<div style="width:2000px">too wide</div>
<img src="http://foreign.invalid/x.png">
<p><div>a div in a paragraph</p>
<script>console.error("boom")</script>
</main>
</body></html>`

// recordingT is a testing.TB that collects errors instead of failing.
type recordingT struct {
	testing.TB
	mu   sync.Mutex
	errs []string
}

func (r *recordingT) Errorf(format string, args ...any) { r.add(fmt.Sprintf(format, args...)) }
func (r *recordingT) Error(args ...any)                 { r.add(fmt.Sprint(args...)) }
func (r *recordingT) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, s)
}

// TestCheckersCatchFaults proves the checks are not vacuous: on a page that
// breaks every rule, each check reports its fault.
func TestCheckersCatchFaults(t *testing.T) {
	browser(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, faultyPage)
	}))
	defer srv.Close()
	r := route{name: "faulty", path: "/", status: 200}
	rec := &recordingT{TB: t}

	v := openAt(t, srv.URL, r, phone, false)
	v.checkClean(rec)
	v.checkWidth(rec)
	weigh(rec, v)
	tabThrough(rec, openAt(t, srv.URL, r, desktop, false))
	openAt(t, srv.URL, r, desktop, false).checkPrint(rec)
	if src, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js")); err == nil {
		for _, e := range openAt(t, srv.URL, r, desktop, false).axe(rec, string(src)) {
			rec.Error(e)
		}
	}
	if java, err := exec.LookPath("java"); err == nil {
		for _, e := range vnu(rec, java, nodeModule(t, "vnu-jar/build/dist/vnu.jar"), []fetched{{"/", faultyPage}}) {
			rec.Error(e)
		}
	}

	all := strings.Join(rec.errs, "\n")
	for _, want := range []string{
		"console error: console.error: boom",
		"request to another host: http://foreign.invalid/x.png",
		"request failed: http://foreign.invalid/x.png",
		"request failed: " + srv.URL + "/missing.css",
		"request failed: " + srv.URL + "/favicon.ico: status 404",
		"> innerWidth 360; too wide: html > body > main > div (right 20",
		"<script> elements",
		`needs width, height and (unless it is the first) loading="lazy"`,
		"want the skip link",
		"with no visible focus style",
		"is printed; hide it in @media print",
		"axe: image-alt on",
		"axe: html-has-lang on",
		"vnu: / line",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no error contains %q; the errors were:\n%s", want, all)
		}
	}
}
