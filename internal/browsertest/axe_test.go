package browsertest

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the axe-core rule tags of WCAG 2.0, 2.1 and 2.2, levels A and AA.
const axeTags = `['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa']`

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// TestAxe runs axe-core's WCAG 2.2 A/AA rules on every route, at phone and
// desktop size in light mode and at desktop size in dark mode (for contrast).
func TestAxe(t *testing.T) {
	src, err := os.ReadFile(nodeModule(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	browser(t)
	runs := []struct {
		vp   viewport
		dark bool
	}{{phone, false}, {desktop, false}, {desktop, true}}
	forEachRoute(t, true, func(t *testing.T, r route) {
		for _, run := range runs {
			v := open(t, r, run.vp, run.dark)
			for _, bad := range v.axe(t, string(src)) {
				t.Error(bad)
			}
		}
	})
}

// axe injects axe-core into the page, runs it, and returns one message per
// violation: "axe: color-contrast on / at 360x740: 3 nodes: …".
func (v *visit) axe(t testing.TB, src string) []string {
	t.Helper()
	if err := chromedp.Do(v.ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		t.Fatalf("%s: inject axe-core: %v", v.where, err)
	}
	found := eval[[]axeViolation](t, v, `axe.run(document, {
		runOnly: {type: 'tag', values: `+axeTags+`},
		resultTypes: ['violations'],
	}).then(r => r.violations.map(x => ({
		id: x.id, impact: x.impact || '', help: x.help,
		nodes: x.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary || ''})),
	})))`)
	var out []string
	for _, x := range found {
		var b strings.Builder
		fmt.Fprintf(&b, "axe: %s on %s: %d nodes (%s): %s", x.ID, strings.TrimPrefix(v.where, "GET "), len(x.Nodes), x.Impact, x.Help)
		for i, n := range x.Nodes {
			if i == 5 {
				fmt.Fprintf(&b, "\n\t… and %d more", len(x.Nodes)-i)
				break
			}
			fmt.Fprintf(&b, "\n\t%s: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " "))
		}
		out = append(out, b.String())
	}
	return out
}
