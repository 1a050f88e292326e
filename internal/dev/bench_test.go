package dev_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/corpus"
)

// BenchmarkDevReload measures the preview's reaction time on a site of
// 1,000 conditions: from writing a condition file to a connected tab
// reading the "reload" event, with the site already rebuilt and swapped
// in. It includes the quiet period that lets an editor's burst of events
// settle (DefaultQuiet). The target is a median under 50ms. cpu-ms/op is
// the CPU time the whole process spent per edit (user and system, from
// getrusage), which a busy machine disturbs far less than the wall time.
func BenchmarkDevReload(b *testing.B) {
	pv := startPreviewQuiet(b, func(dir string) {
		content := filepath.Join(dir, "content")
		if err := os.MkdirAll(content, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := corpus.Write(content, 1000, 1); err != nil {
			b.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(dir, "templates"), relief.Templates()); err != nil {
			b.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(dir, "static"), relief.Static()); err != nil {
			b.Fatal(err)
		}
	}, 0)
	name := "content/conditions/" + corpus.Generate(1, 1)[0].Slug + ".md"
	text := pv.read(b, name)
	var took []time.Duration
	cpu := cpuTime()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		pv.change(b, name, text+fmt.Sprintf("\nEdited %d times.\n", i+1))
		took = append(took, time.Since(start))
	}
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(len(took)), "cpu-ms/op")
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "ms-p90")
}
