package site

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
)

// TestSearchShippedContent checks ranking and forgiveness on the practice's
// real pages: what a visitor types, and the page that must come first.
func TestSearchShippedContent(t *testing.T) {
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query, first, field string
	}{
		{"sciatca", "/conditions/sciatica", "title"},
		{"fibromialgia", "/conditions/fibromyalgia", "title"},
		{"plantar fascitis", "/conditions/plantar-fasciitis", "title"},
		{"Tension headaches", "/conditions/tension-headaches", "title"},
		{"headache", "/conditions/tension-headaches", "title"},
		{"lumbago", "/conditions/chronic-back-pain", "alias"},
		{"FROZEN SHOULDERS", "/conditions/frozen-shoulder", "title"},
		{"whiplash after a car accident", "/conditions/whiplash", "title"},
		{"carpel tunnel", "/conditions/carpal-tunnel-syndrome", "title"},
		{"pain down my leg", "/conditions/sciatica", "symptom"},
		{"numbness in the leg", "/conditions/sciatica", "symptom"},
		{"brain fog", "/conditions/fibromyalgia", "symptom"},
		{"tmj", "/conditions/tmj-disorder", "title"},
		{"anxious", "/conditions/stress-and-anxiety", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var res struct {
				Results []SearchResult `json:"results"`
			}
			if err := json.Unmarshal(s.SearchJSON(tt.query), &res); err != nil {
				t.Fatal(err)
			}
			if len(res.Results) == 0 {
				t.Fatalf("search %q: no results, want %s first", tt.query, tt.first)
			}
			got := res.Results[0]
			if got.URL != tt.first {
				var urls []string
				for _, r := range res.Results {
					urls = append(urls, r.URL)
				}
				t.Errorf("search %q: first result %s, want %s (all: %s)", tt.query, got.URL, tt.first, strings.Join(urls, " "))
			}
			if tt.field != "" && got.Matched != tt.field {
				t.Errorf("search %q: matched %s (%q), want %s", tt.query, got.Matched, got.Text, tt.field)
			}
		})
	}
	var none struct {
		Results     []SearchResult `json:"results"`
		Suggestions []SearchResult `json:"suggestions"`
	}
	json.Unmarshal(s.SearchJSON("xylophone"), &none)
	if len(none.Results) != 0 {
		t.Errorf("search xylophone: %d results, want none", len(none.Results))
	}
	page, _ := s.SearchPage("sciaticaa nervve")
	if !strings.Contains(string(page), "Sciatica") {
		t.Errorf("a near miss finds neither results nor a suggestion")
	}
}
