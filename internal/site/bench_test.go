package site_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/corpus"
	"github.com/relief-massage/relief/internal/guard"
	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/site"
)

// BenchmarkLoad measures start-up for generated sites of 100, 1,000 and
// 10,000 conditions: reading, validating, rendering and gzipping every
// page (ms/op: ready to serve), then until every brotli form is made too
// (ms-all-compressed). It reports the live heap after the build as heap-MB.
func BenchmarkLoad(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir, folder := benchCorpus(b, n)
			files := site.Files{Content: folder, Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir}
			var st *site.Site
			var t loadTimes
			b.ResetTimer()
			for b.Loop() {
				st = t.load(b, files)
			}
			b.StopTimer()
			t.report(b)
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
			runtime.KeepAlive(st)
		})
	}
}

// BenchmarkLoadEmptyCache measures the start after an install or a
// change to every page, as relief serve makes it: with a disk cache (see
// package cache) that is empty, a fresh one each round, so that every
// lookup misses and every result is queued for writing, which
// BenchmarkLoad (no cache at all) leaves out. ms/op is ready to serve;
// ms-all-compressed until the brotli forms are in too; writing the queued
// entries afterwards is not timed (a server does it once it serves).
func BenchmarkLoadEmptyCache(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir, folder := benchCorpus(b, n)
			var t loadTimes
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				disk, err := cache.Open(b.TempDir(), "bench")
				if err != nil {
					b.Fatal(err)
				}
				files := site.Files{Content: folder, Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir, Disk: disk}
				b.StartTimer()
				t.load(b, files)
				b.StopTimer()
				disk.Wait()
				b.StartTimer()
			}
			b.StopTimer()
			t.report(b)
		})
	}
}

// warmCache returns the files of a generated site of n conditions whose
// disk cache one load has filled, every compressed form written.
func warmCache(b *testing.B, n int) site.Files {
	b.Helper()
	dir, folder := benchCorpus(b, n)
	disk, err := cache.Open(b.TempDir(), "bench")
	if err != nil {
		b.Fatal(err)
	}
	files := site.Files{Content: folder, Templates: relief.Templates(), Static: relief.Static(), ContentDir: dir, Disk: disk}
	st, err := site.Load(files, site.Options{}) // fills the cache
	if err != nil {
		b.Fatalf("site.Load: %v", err)
	}
	<-st.Compressed()
	disk.Wait()
	return files
}

// BenchmarkLoadCached measures a start with a warm disk cache (see package
// cache): the rendered Markdown and compressed forms of every body come
// from an earlier run, while every file is still read and checked and
// every page rendered. ms/op is ready to serve; ms-all-compressed until
// the brotli forms are in too.
func BenchmarkLoadCached(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			files := warmCache(b, n)
			var t loadTimes
			b.ResetTimer()
			for b.Loop() {
				t.load(b, files)
			}
			b.StopTimer()
			t.report(b)
		})
	}
}

// loadTimes adds up the times of the loads a benchmark makes: until the
// site is ready to serve, and until every brotli form is made too.
type loadTimes struct{ ready, all time.Duration }

// load loads files as relief serve does, adding its times to t.
func (t *loadTimes) load(b *testing.B, files site.Files) *site.Site {
	b.Helper()
	start := time.Now()
	st, err := site.Load(files, site.Options{})
	if err != nil {
		b.Fatalf("site.Load: %v", err)
	}
	t.ready += time.Since(start)
	<-st.Compressed()
	t.all += time.Since(start)
	return st
}

// report reports the mean times of the b.N loads: ms/op until ready to
// serve, ms-all-compressed until every brotli form is made.
func (t *loadTimes) report(b *testing.B) {
	b.ReportMetric(float64(t.ready.Milliseconds())/float64(b.N), "ms/op")
	b.ReportMetric(float64(t.all.Milliseconds())/float64(b.N), "ms-all-compressed")
}

// benchCorpus writes a generated site of n conditions into a temporary
// folder and opens it as relief serve -content reads it.
func benchCorpus(b *testing.B, n int) (string, *guard.Folder) {
	b.Helper()
	dir := b.TempDir()
	if err := corpus.Write(dir, n, 1); err != nil {
		b.Fatalf("corpus.Write: %v", err)
	}
	folder, err := guard.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { folder.Close() })
	return dir, folder
}

// BenchmarkBuild measures Build alone, as an empty-cache start makes it
// (the content loaded and checked outside the timer, a fresh disk cache
// each round): the pages' templates, JSON-LD, related cards and page
// keys, for the CPU and allocations per site (-benchmem). cpu-ms/op is
// the process's CPU time (user and system, every thread) during Build,
// which a busy machine disturbs less than ns/op.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			dir, folder := benchCorpus(b, n)
			b.ReportAllocs()
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				disk, err := cache.Open(b.TempDir(), "bench")
				if err != nil {
					b.Fatal(err)
				}
				cs, err := content.Load(folder, content.Options{URLs: route.Names{}, Dir: dir, Static: relief.Static(), Now: time.Now(), Disk: disk})
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				b.StartTimer()
				before := cpuTime()
				listening := make(chan struct{}) // compression waits, as in relief serve
				st, err := site.Build(cs, relief.Templates(), relief.Static(), site.Options{Disk: disk, BuiltinTemplates: true, CompressAfter: listening})
				if err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - before
				b.StopTimer()
				close(listening)
				<-st.Compressed()
				disk.Wait()
				b.StartTimer()
			}
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
		})
	}
}
