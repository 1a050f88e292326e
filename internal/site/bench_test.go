package site_test

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/corpus"
	"github.com/relief-massage/relief/internal/site"
)

// BenchmarkLoad measures start-up for generated sites of 100, 1,000 and
// 10,000 conditions: reading, validating, rendering and compressing every
// page. It reports the live heap after the build as heap-MB.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir := b.TempDir()
			if err := corpus.Write(dir, n, 1); err != nil {
				b.Fatalf("corpus.Write: %v", err)
			}
			files := site.Files{Content: os.DirFS(dir), Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir}
			var st *site.Site
			b.ResetTimer()
			for b.Loop() {
				var err error
				if st, err = site.Load(files, site.Options{}); err != nil {
					b.Fatalf("site.Load: %v", err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/op")
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
			runtime.KeepAlive(st)
		})
	}
}
