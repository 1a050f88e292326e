package corpus_test

import (
	"os"
	"testing"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/corpus"
	"github.com/relief-massage/relief/internal/route"
)

// TestLoad checks that a generated tree passes the real content loader
// without errors or warnings.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 100, 1); err != nil {
		t.Fatalf("Write: %v", err)
	}
	site, err := content.Load(os.DirFS(dir), content.Options{URLs: route.Names{}, Dir: "corpus", Now: corpus.ReviewedBy()})
	if err != nil {
		t.Fatalf("content.Load: %v", err)
	}
	if n := len(site.Conditions); n != 100 {
		t.Errorf("content.Load: %d conditions, want 100", n)
	}
	for _, w := range site.Warnings {
		t.Errorf("content.Load warning: %s", w)
	}
}
