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
	s := loadCorpus(b, 1000)
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

// searchLoadQueries are the queries scripts/search-load.sh rotates
// through: where it hurts, how it feels, names, misspellings.
var searchLoadQueries = []string{
	"lower back pain", "pins and needles in my leg", "stiff neck after sleeping",
	"headache behind eyes", "knee pain", "sciatca", "shoulder blade pain", "jaw clicks",
	"tingling in my fingers at night", "fibromialgia", "heel pain in the morning", "migrane",
	"cant turn my head", "tight hip flexors after running", "carpal tunel", "plantar fascitis",
	"numbness in the foot", "sholder pain", "calf cramps", "pain down my leg",
}

// BenchmarkSearchPage1000 renders whole results pages (search and
// page) of a generated 1,000-condition site, rotating through the queries
// scripts/search-load.sh sends: the CPU a /search request costs the
// server, less HTTP. "made" searches and renders every time (a query not
// in the cache), "made-all" the same for the page of all the results
// (?all=1), "kept" takes SearchPageHits's way, from the cache of
// recent pages after the first round.
func BenchmarkSearchPage1000(b *testing.B) {
	s := loadCorpus(b, 1000)
	s.IndexSearch()
	<-s.Compressed()
	p := s.parts()
	for _, way := range []struct {
		name string
		page func(q string) ([]byte, int, error)
	}{
		{"made", func(q string) ([]byte, int, error) { return s.searchPage(cutQuery(q), false, p, true) }},
		{"made-all", func(q string) ([]byte, int, error) { return s.searchPage(cutQuery(q), true, p, true) }},
		{"kept", func(q string) ([]byte, int, error) { return s.SearchPageHits(q, false) }},
	} {
		b.Run(way.name, func(b *testing.B) {
			var bytes int
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				page, _, err := way.page(searchLoadQueries[i%len(searchLoadQueries)])
				if err != nil {
					b.Fatal(err)
				}
				bytes += len(page)
			}
			b.ReportMetric(float64(bytes)/float64(b.N), "B/page")
		})
	}
}

// loadCorpus loads a generated site of n conditions, as relief serve
// loads a content folder.
func loadCorpus(b *testing.B, n int) *Site {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	s, err := Load(Files{Content: os.DirFS(dir), Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return s
}
