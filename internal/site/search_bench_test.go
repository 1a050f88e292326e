package site

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/corpus"
)

// BenchmarkSearch1000 searches a generated 1,000-condition site, loaded
// and indexed exactly as relief serve does, with a mix of what visitors
// type (misspellings and a query with no match among them). It reports the
// median and 99th percentile of single searches in µs, once the site's
// background work (brotli) is done, as it is seconds after a start.
func BenchmarkSearch1000(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	s, err := Load(Files{Content: os.DirFS(dir), Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ix := s.index.get()
	<-s.Compressed() // a server has made its brotli forms within seconds: not while it is timed here
	qs := []string{"knee pain", "stiff neck", "pain down my leg", "sciatca", "tingling in my fingers at night",
		"fibromialgia", "plantar fascitis", "migrane", "xylophone", "hamstring strain", "carpal tunel"}
	var took []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		ix.Search(qs[i%len(qs)])
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Nanoseconds())/1e3, "µs-p50")
	b.ReportMetric(float64(took[len(took)*99/100].Nanoseconds())/1e3, "µs-p99")
}
