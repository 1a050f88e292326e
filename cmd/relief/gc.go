package main

import (
	"bufio"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
)

// The collector's target while serving, once the start's background work
// is done (servingGC), lies between these. A served site is almost all
// long-lived bytes and a request makes a few kilobytes of garbage, so how
// often the collector walks the whole site is set by how far the heap may
// grow past it: at 25% (the floor, and the target until servingGC runs)
// it walked the 45 MB of 1,000 generated pages every ~2,700 requests, at
// 4-8% of the server's CPU under wrk. The ceiling is Go's default.
const (
	minServingGCPercent = servingGCPercent
	maxServingGCPercent = 100
)

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
