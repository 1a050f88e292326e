package content

import (
	"testing"
)

// TestServed checks that Served drops what only the checks read and keeps
// what a served site reads: the fields the templates, search, the 404
// page and the editor use.
func TestServed(t *testing.T) {
	s, ps := load(t, map[string]string{
		"conditions/sciatica.md": "---\ntitle: Sciatica\nsummary: Pain along the sciatic nerve.\nregions: [back]\nsymptoms: [pain down the leg]\n" +
			"related: [neck-pain]\nredirect_from: [/old-sciatica]\nreviewed: 2026-11-01\n---\nIntro, with [a link](/conditions/neck-pain).\n\n" +
			"## When to be cautious\n\n> [!CAUTION]\n> Call 911.\n",
	})
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	c := s.Condition("sciatica")
	if c.relatedSlugs == nil || c.regionSlugs == nil || c.links == nil || c.callouts == nil || c.keys == nil || c.headLines == nil {
		t.Fatal("the test condition should fill every list Served drops")
	}
	s.Served()
	for _, p := range append([]*Page{s.Home, &c.Page}, s.Pages...) {
		if p.Body != "" || p.keys != nil || p.links != nil || p.callouts != nil || p.headLines != nil {
			t.Errorf("%s: Served kept what only the checks read", p.Path)
		}
	}
	if c.relatedSlugs != nil || c.relatedPos != nil || c.regionSlugs != nil || c.regionPos != nil || c.redirectPos != nil {
		t.Errorf("Served kept the related conditions and body areas as written")
	}
	if c.Title != "Sciatica" || len(c.Regions) != 1 || len(c.Related) != 1 || c.Related[0].Slug != "neck-pain" ||
		len(c.Symptoms) != 1 || len(c.RedirectFrom) != 1 || len(c.Headings) != 1 || c.Passages.Len() == 0 || c.URL() == "" {
		t.Errorf("Served dropped what a served site reads: %+v", c)
	}
}
