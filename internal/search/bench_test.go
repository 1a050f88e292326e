package search

import (
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/corpus"
)

// corpusDocs returns n generated conditions as Docs.
func corpusDocs(n int, seed int64) []Doc {
	titles := map[string]string{}
	for _, r := range corpus.Regions() {
		titles[r.Slug] = r.Title
	}
	var docs []Doc
	for _, c := range corpus.Generate(n, seed) {
		d := Doc{
			URL: "/conditions/" + c.Slug, Title: c.Title, Summary: c.Summary, Kind: "condition",
			Aliases: c.Aliases, Symptoms: c.Symptoms, Headings: c.Headings, Body: c.Text, Weight: c.Weight,
		}
		for _, r := range c.Regions {
			d.Regions = append(d.Regions, titles[r])
		}
		docs = append(docs, d)
	}
	return docs
}

// benchQueries is a mix of what visitors type: names, symptoms, body
// parts, misspellings, long rambling queries and nonsense.
func benchQueries() []string {
	return []string{
		"knee pain", "stiff neck", "pain down my leg", "jaw clicks", "sciatica", "sciatca",
		"lower back pain when sitting", "tingling in my fingers at night", "shoulder", "fibromialgia",
		"plantar fascitis", "heel pain in the morning", "headache", "migrane", "tendinitis",
		"hamstring strain", "burning", "numbness in the foot", "rotator cuff tendinopathy",
		"can't turn my head", "xylophone", "tight hip flexors after running", "wrist",
		"trigger points", "I have a dull ache in my lower back and it gets worse when I bend forward",
		"calf cramps", "shoulder blade pain", "tmj", "carpal tunel", "whiplash",
		"neuralgia", "stifness", "bursitis hip", "pins and needles", "runners knee",
	}
}

// BenchmarkSearch searches a 1,000-condition generated corpus with a mixed
// query list and reports the median and 99th-percentile latency per query.
func BenchmarkSearch(b *testing.B) {
	benchSearch(b, New(corpusDocs(1000, 1), nil))
}

// benchSearch runs the query mix against ix and reports p50/p99 in µs.
func benchSearch(b *testing.B, ix *Index) {
	qs := benchQueries()
	var took []time.Duration
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		start := time.Now()
		ix.Search(qs[i%len(qs)])
		took = append(took, time.Since(start))
		i++
	}
	slices.Sort(took)
	pct := func(p float64) float64 {
		return float64(took[min(int(p*float64(len(took))), len(took)-1)]) / float64(time.Microsecond)
	}
	b.ReportMetric(pct(0.50), "p50-µs")
	b.ReportMetric(pct(0.99), "p99-µs")
}

// BenchmarkIndexMemory builds the index for 1,000 and 10,000 generated
// conditions, with bodies as passages (as the site gives them) and as one
// plain text, and reports the heap the index keeps (documents' own
// strings excluded: they exist before New).
func BenchmarkIndexMemory(b *testing.B) {
	for _, bc := range []struct {
		name string
		docs func() []Doc
	}{
		{"passages-1000", func() []Doc { return passageDocs(1000, 1) }},
		{"body-1000", func() []Doc { return corpusDocs(1000, 1) }},
		{"passages-10000", func() []Doc { return passageDocs(10000, 1) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			docs := bc.docs()
			var heap uint64
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				ix := New(docs, nil)
				runtime.GC()
				runtime.ReadMemStats(&after)
				heap = after.HeapAlloc - before.HeapAlloc
				runtime.KeepAlive(ix)
			}
			b.ReportMetric(float64(heap), "heap-bytes")
			b.ReportMetric(float64(heap)/(1<<20), "heap-MB")
		})
	}
}

// BenchmarkNew measures building the index for 1,000 conditions.
func BenchmarkNew(b *testing.B) {
	docs := corpusDocs(1000, 1)
	b.ReportAllocs()
	for b.Loop() {
		New(docs, nil)
	}
}
