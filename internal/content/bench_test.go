package content_test

import (
	"os"
	"testing"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/corpus"
	"github.com/relief-massage/relief/internal/route"
)

// BenchmarkLoad1000 measures content.Load alone (read, parse, validate,
// render Markdown) for a generated site of 1,000 conditions, without the
// cache: the work the parallel parse of condition files spreads over the
// CPUs.
func BenchmarkLoad1000(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 1000, 1); err != nil {
		b.Fatalf("corpus.Write: %v", err)
	}
	fsys := os.DirFS(dir)
	for b.Loop() {
		if _, err := content.Load(fsys, content.Options{URLs: route.Names{}, Dir: "corpus", Now: corpus.ReviewedBy()}); err != nil {
			b.Fatalf("content.Load: %v", err)
		}
	}
}
