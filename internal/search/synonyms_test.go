package search

import "testing"

func TestSearchSynonyms(t *testing.T) {
	syn := Synonyms{
		{"raise", "lift"},
		{"everywhere", "all over", "widespread"},
		{"bottom", "bum", "buttock"},
		{"sole", "bottom of the foot"},
		{"tech neck", "text neck"},
		{"never used", "nowhere"},
	}
	docs := append(fixture(), Doc{URL: "/conditions/tech", Title: "Screen Strain", Aliases: []string{"tech neck"}})
	ix := New(docs, syn)
	tests := []struct {
		query, url, matched string
	}{
		{"can't raise my arm", "/conditions/frozen-shoulder", "cannot lift the arm"},
		{"raising the arm", "/conditions/frozen-shoulder", "cannot lift the arm"},
		{"pain everywhere", "/conditions/fibromyalgia", "aching all over"},
		{"hurts all over", "/conditions/fibromyalgia", "aching all over"},
		{"bum and leg", "/conditions/sciatica", ""},
		{"bottom of my foot", "/conditions/plantar-fasciitis", ""},
		{"text neck", "/conditions/tech", "tech neck"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := ix.Search(tt.query)
			if len(res.Hits) == 0 || res.Hits[0].Doc.URL != tt.url {
				t.Fatalf("Search(%q) = %s, want %s first", tt.query, urls(res.Hits), tt.url)
			}
			if tt.matched != "" && res.Hits[0].Matched != tt.matched {
				t.Errorf("Search(%q): matched %q, want %q", tt.query, res.Hits[0].Matched, tt.matched)
			}
		})
	}
	// A group's own term is out of reach of visitors' words and typos.
	for _, q := range []string{"0", "1", "nowhere", "never used"} {
		if hits := ix.Search(q).Hits; len(hits) != 0 {
			t.Errorf("Search(%q) = %s, want no hits", q, urls(hits))
		}
	}
}

// TestSynonymsLongestFirst checks that overlapping members resolve to the
// longest one at each place.
func TestSynonymsLongestFirst(t *testing.T) {
	p := newPhrases(Synonyms{{"bottom", "bum"}, {"sole", "bottom of the foot"}}, analyzerFor("en"))
	keys := func(s string) []string {
		var out []string
		words(s, func(w string, _, _ int) {
			if k, ok := key(w); ok {
				out = append(out, k)
			}
		})
		return out
	}
	got := p.find(keys("sore bottom of my foot and bottom"))
	want := []match{{1, 3, 1}, {3, 4, 0}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("find = %v, want %v", got, want)
	}
}
