package site_test

import (
	"fmt"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/site"
)

// BenchmarkServedHeap measures what a served site keeps on the heap: a
// generated site of 1,000 (or 10,000) conditions loaded without a disk
// cache, its brotli forms made and its search index built, as a server
// holds it. 1000-warm loads the 1,000 once with a disk cache, then again
// from the warm cache, as relief serve starts after a restart (pages
// taken from the page cache, the Markdown from the content cache), and
// measures that second site. After a collection it reports the scannable
// heap (what the collector walks on every cycle, scan-MB), the live heap
// (live-MB) and the number of objects (objects), then the mean time of a
// forced collection of that heap (gc-ms: both cores marking, so about its
// CPU time too). Compare the numbers of two versions side by side in one
// run; ns/op (the load) is not the point.
func BenchmarkServedHeap(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir, folder := benchCorpus(b, n)
			servedHeap(b, site.Files{Content: folder, Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir})
		})
	}
	b.Run("1000-warm", func(b *testing.B) {
		servedHeap(b, warmCache(b, 1000))
	})
}

// servedHeap loads files as a server does and reports what the site
// keeps (see BenchmarkServedHeap).
func servedHeap(b *testing.B, files site.Files) {
	var st *site.Site
	for b.Loop() {
		st = nil // the last round's site is not counted twice
		var err error
		if st, err = site.Load(files, site.Options{}); err != nil {
			b.Fatalf("site.Load: %v", err)
		}
		<-st.Compressed()
		st.IndexSearch()
	}
	b.StopTimer()
	runtime.GC()
	ms := []metrics.Sample{
		{Name: "/gc/scan/heap:bytes"},
		{Name: "/gc/heap/live:bytes"},
		{Name: "/gc/heap/objects:objects"},
	}
	metrics.Read(ms)
	b.ReportMetric(float64(ms[0].Value.Uint64())/1e6, "scan-MB")
	b.ReportMetric(float64(ms[1].Value.Uint64())/1e6, "live-MB")
	b.ReportMetric(float64(ms[2].Value.Uint64()), "objects")
	const rounds = 5
	start := time.Now()
	for range rounds {
		runtime.GC()
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1e3/rounds, "gc-ms")
	runtime.KeepAlive(st)
}
