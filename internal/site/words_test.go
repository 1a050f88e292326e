package site

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadWords checks the shipped words.yaml and that each mistake in one
// is named with its fix.
func TestLoadWords(t *testing.T) {
	real, err := os.ReadFile("../../templates/words.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, err := loadWords(fstest.MapFS{"words.yaml": {Data: real}})
	if err != nil {
		t.Fatalf("the shipped templates/words.yaml: %v", err)
	}
	if w.ConditionsIndex.Title != "All Conditions and Symptoms" || w.Language != "en" {
		t.Errorf("words.yaml: conditions index %q, language %q", w.ConditionsIndex.Title, w.Language)
	}
	tests := []struct {
		name, src, want string
	}{
		{"missing file", "", "words.yaml: open words.yaml"},
		{"empty", "# nothing\n", "language is missing"},
		{"missing key", strings.Replace(string(real), "  results: Search results for {query}\n", "", 1), "search: results is missing"},
		{"unknown key", string(real) + "titel: x\n", "field titel not found"},
		{"bad date", strings.Replace(string(real), "date: 2 January 2006", "date: 1 Nov 2026", 1), "not the date 2 January 2006 written out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if tt.name != "missing file" {
				fsys["words.yaml"] = &fstest.MapFile{Data: []byte(tt.src)}
			}
			_, err := loadWords(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("loadWords: error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}
