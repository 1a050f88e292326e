package main

import (
	"bufio"
	"io"
	"log/slog"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"

	"github.com/relief-massage/relief/internal/site"
)

// This file is the one place that decides how relief serve (not -dev,
// whose sites are small and rebuilt by pieces) uses memory: the garbage
// collector's target and the soft memory limit, phase by phase. A served
// site is almost all long-lived bytes, so memory is the live site plus
// what the target lets garbage grow to, plus the pages the runtime holds
// that a collection freed and it has not given back. Peak memory (VmHWM)
// is the maximum over the whole run, so each phase is bounded:
//
//  1. While the first site loads (gcLoading), the target is
//     loadingGCPercent: a quarter past the live heap; with an empty cache
//     folder, emptyCacheGCPercent.
//  2. Once it has loaded (gcAfterStart, in the background while the
//     server answers), the target is minServingGCPercent; the load's
//     garbage is collected and given back to the system, and the search
//     index is built under a soft memory limit of the memory in use then
//     plus indexRoom of the live heap (indexLimit). Building the index
//     makes garbage of many sizes: without the limit it raised the
//     resident memory of 1,000 generated pages from 63 to 95 MB, past the
//     load's own peak, while the heap stayed under 58 MB.
//  3. Then the limit is lifted, and once the brotli forms are in the
//     target for serving is chosen from what the start measured
//     (servingGC).
//
// Reloads (SIGHUP, the browser editor's saves and previews) hold two
// sites at once and run with no memory limit, at the serving target: a
// limit that followed the live heap slowed a reload in the tests past it.
// $GOGC and $GOMEMLIMIT, when set, are obeyed instead.

// loadingGCPercent is the target while the first site loads, when the
// peak memory of a start is reached at 10,000 pages: a quarter past the
// live heap instead of double. Measured serving generated pages after a
// warm start, under wrk, side by side with the version before (50, no
// limit for the index): at 10,000 pages peak RSS 584 MB against 690 MB
// (the index's limit with 50 gave 691 against 698); at 1,000 pages 89-90
// MB against 98-103 MB (92-93 MB with 50). It costs CPU
// before the first page: 1,490-1,670 ms against 1,270-1,670 ms at 1,000
// pages (busy machine, three rounds); at 50 the start's CPU is as before.
const loadingGCPercent = 25

// emptyCacheGCPercent is the target while the first site loads when the
// cache folder is empty (cache.Store.Empty: the first start on this
// computer), Go's default. Every page is then parsed, rendered and
// compressed, making garbage many times the live heap, and at 25 the
// collector took about a tenth of the CPU before the first page. At 100
// that start used 5-10% less CPU before the first page (generated 1,000
// pages, interleaved with 25), for a higher peak (167 MB against 139 MB)
// that no later start reaches: from then on the cache is warm and the
// load runs at loadingGCPercent.
const emptyCacheGCPercent = 100

// The collector's target while serving, once the start's background work
// is done (servingGC), lies between these. A served site is almost all
// long-lived bytes and a request makes a few kilobytes of garbage, so how
// often the collector walks the whole site is set by how far the heap may
// grow past it: at 25% (the floor, and the target until servingGC runs)
// it walked the 45 MB of 1,000 generated pages every ~2,700 requests, at
// 4-8% of the server's CPU under wrk. The ceiling is Go's default.
const (
	minServingGCPercent = 25
	maxServingGCPercent = 100
)

// indexRoom is how far past the live heap after the load the search
// index may be built before the memory limit makes the collector work
// harder (indexLimit): the index is a fifth to a quarter of the live heap
// once built, and its builder's garbage comes on top.
const indexRoom = 0.5

// gcLoading sets the collector's target for loading the first site;
// emptyCache says the cache folder holds nothing yet.
func gcLoading(getenv env, emptyCache bool) {
	if getenv("GOGC") != "" {
		return
	}
	if emptyCache {
		debug.SetGCPercent(emptyCacheGCPercent)
		return
	}
	debug.SetGCPercent(loadingGCPercent)
}

// gcAfterStart runs phases 2 and 3 above for st, the site the start
// loaded, logging the target it chose for serving. Call it on its own
// goroutine once st serves.
func gcAfterStart(getenv env, st *site.Site, logger *slog.Logger) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(minServingGCPercent)
	}
	debug.FreeOSMemory() // the load's garbage, before the index makes more
	lift := indexLimit(getenv)
	st.IndexSearch()
	lift()
	<-st.Compressed()
	if p := servingGC(getenv); p > 0 {
		logger.Info("collector target for serving", "percent", p)
	}
}

// gcDevStarted gives the garbage of -dev's first build (many times the
// size of the site) back to the system. Call it on its own goroutine as
// the preview starts to answer: a full collection takes longer than a page.
func gcDevStarted() { debug.FreeOSMemory() }

// indexLimit sets the soft memory limit for building the search index,
// unless $GOMEMLIMIT says otherwise: the memory the runtime uses now
// besides the heap's objects, plus the live heap and indexRoom of it. Call
// it just after a collection. It returns the function that lifts it.
func indexLimit(getenv env) (lift func()) {
	if getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	s := []metrics.Sample{
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/gc/heap/live:bytes"},
	}
	metrics.Read(s)
	for _, v := range s {
		if v.Value.Kind() != metrics.KindUint64 {
			return func() {}
		}
	}
	total, released, free, objects, live := s[0].Value.Uint64(), s[1].Value.Uint64(), s[2].Value.Uint64(), s[3].Value.Uint64(), s[4].Value.Uint64()
	debug.SetMemoryLimit(memoryLimitFor(total-min(released+free+objects, total), live, indexRoom))
	return func() { debug.SetMemoryLimit(math.MaxInt64) }
}

// memoryLimitFor returns a soft memory limit of other bytes (the
// runtime's besides the heap's objects: stacks, its own bookkeeping,
// parts of pages) plus the live heap and room times it; no limit
// (math.MaxInt64) when the live heap is unknown (0).
func memoryLimitFor(other, live uint64, room float64) int64 {
	if live == 0 {
		return math.MaxInt64
	}
	return int64(other) + int64(float64(live)*(1+room))
}

// servingGCRoom is the share of the memory the start used at its peak,
// and no longer uses, that the heap may grow back into while serving. The
// rest covers what grows with the heap besides it and what comes after the
// measure (the plain copies of pages kept for clients that take no
// compression, 4 MB): on 1,000 generated pages the resident memory grew
// by 1.6 times what the heap grew (pages half used, the collector's own
// bookkeeping), so at 0.75 serving raised the peak by 6%.
const servingGCRoom = 0.5

// servingGC sets the collector's target for serving from what this start
// measured, unless $GOGC says otherwise: the heap may grow back into the
// memory the process already held at its peak (loading the site, which
// makes garbage many times its size), so serving does not raise the peak
// memory (VmHWM) the start reached, while the collector runs about half as
// often as at the floor (1,000 generated pages: 42%, 2.0-2.1 collections
// per 10,000 requests instead of 3.4-4.2). Call it when the start's
// background work (brotli forms, the search index) is done: it collects
// the garbage, then reads the live heap, the heap left free, and the
// resident and peak memory. It gives nothing back to the system itself: a
// reload soon after would only take the pages back, one fault at a time.
// Where the peak cannot be read (not Linux), the target stays at the
// floor. It returns the target it set (0: $GOGC).
//
// A reload runs at the same target, so the heap it reaches while two
// sites are in memory grows with the target too.
func servingGC(getenv env) int {
	if getenv("GOGC") != "" {
		return 0
	}
	runtime.GC()
	percent := minServingGCPercent
	if f, err := os.Open("/proc/self/status"); err == nil {
		rss, peak := residentMemory(f)
		f.Close()
		live, free := heapAfterGC()
		percent = gcPercentFor(live, rss-min(free, rss), peak)
	}
	debug.SetGCPercent(percent)
	return percent
}

// gcPercentFor returns the collector's target that lets a heap of live
// bytes grow into servingGCRoom of the memory held at the peak and not now
// (peak - rss), between minServingGCPercent and maxServingGCPercent. Any
// figure unknown (0) gives the floor.
func gcPercentFor(live, rss, peak uint64) int {
	if live == 0 || rss == 0 || peak <= rss {
		return minServingGCPercent
	}
	p := int(float64(peak-rss) * servingGCRoom / float64(live) * 100)
	return min(max(p, minServingGCPercent), maxServingGCPercent)
}

// heapAfterGC returns the bytes the last collection found in use, and the
// bytes of heap free but not yet given back to the system (resident, or
// soon to be given back by the runtime's scavenger).
func heapAfterGC() (live, free uint64) {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		live = s[0].Value.Uint64()
	}
	if s[1].Value.Kind() == metrics.KindUint64 {
		free = s[1].Value.Uint64()
	}
	return live, free
}

// residentMemory reads the resident memory now (VmRSS) and at its peak
// (VmHWM), in bytes, from a Linux /proc/PID/status; 0 for what it lacks.
func residentMemory(status io.Reader) (rss, peak uint64) {
	sc := bufio.NewScanner(status)
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || (name != "VmRSS" && name != "VmHWM") {
			continue
		}
		kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			continue
		}
		if name == "VmRSS" {
			rss = kb << 10
		} else {
			peak = kb << 10
		}
	}
	return rss, peak
}
