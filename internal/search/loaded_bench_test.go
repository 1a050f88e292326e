package search_test

import (
	"os"
	"testing"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/corpus"
	"github.com/relief-massage/relief/internal/search"
)

// BenchmarkSearch1000Loaded searches Docs built from a generated
// 1,000-condition tree after it went through the real content loader, so
// bodies are the loader's plain text rather than the generator's.
func BenchmarkSearch1000Loaded(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 1000, 1); err != nil {
		b.Fatal(err)
	}
	site, err := content.Load(os.DirFS(dir), content.Options{Now: corpus.ReviewedBy()})
	if err != nil {
		b.Fatal(err)
	}
	var docs []search.Doc
	for _, c := range site.Conditions {
		d := search.Doc{
			URL: c.URL(), Title: c.Title, Summary: c.Summary, Kind: "condition",
			Aliases: c.Aliases, Symptoms: c.Symptoms, Body: c.Text, Weight: c.Weight,
		}
		for _, r := range c.Regions {
			d.Regions = append(d.Regions, r.Title)
		}
		for _, h := range c.Headings {
			d.Headings = append(d.Headings, h.Text)
		}
		docs = append(docs, d)
	}
	ix := search.New(docs)
	qs := []string{"knee pain", "stiff neck", "pain down my leg", "sciatca", "tingling in my fingers at night",
		"fibromialgia", "plantar fascitis", "migrane", "xylophone", "hamstring strain", "carpal tunel"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		ix.Search(qs[i%len(qs)])
		i++
	}
}
