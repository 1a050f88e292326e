package site

import (
	"fmt"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
)

// TestSearchExcerptsGolden records what a visitor reads under each of the
// first three results for a few searches on the shipped pages: where it
// matched in words, the heading above the excerpt, and the excerpt, cut at
// sentences and list items. Urgent-care advice never appears as an
// excerpt. Run with -update after a deliberate change and read the diff.
func TestSearchExcerptsGolden(t *testing.T) {
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{
		"jaw pain", "headache behind my eyes", "can't raise my arm", "pins and needles",
		"massage during pregnancy", "fever", "numbness", "how often should I come",
	}
	ix := s.index.get()
	var b strings.Builder
	for _, q := range queries {
		fmt.Fprintf(&b, "## %s\n", q)
		for _, h := range ix.Search(q).Hits[:3] {
			fmt.Fprintf(&b, "%s — found %s", h.Doc.Title, h.Where())
			if h.Field == "symptom" || h.Field == "alias" || h.Field == "heading" {
				fmt.Fprintf(&b, ": %q", h.Matched)
			}
			fmt.Fprintf(&b, "\n  [%s] %s\n", h.Section, h.Excerpt)
			if strings.Contains(string(h.Excerpt), "911") || strings.Contains(string(h.Excerpt), "urgent") {
				t.Errorf("search %q: %s shows urgent-care advice out of its box: %s", q, h.Doc.Title, h.Excerpt)
			}
		}
		b.WriteByte('\n')
	}
	checkGolden(t, "excerpts.golden", []byte(b.String()))
}
