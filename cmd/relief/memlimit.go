package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// memoryHeadroom is how much memory a server may hold past the heap the
// collector aims for (the live heap and servingGCPercent, or
// loadingGCPercent while loading): goroutine stacks, the runtime's own
// tables, and heap pages freed but not yet given back to the system.
// Measured with scripts/rss.sh at 1,000 pages: those took 25-40 MB on
// top of a 57 MB heap goal without a limit.
const memoryHeadroom = 16 << 20

// memoryLimit is the soft memory limit (debug.SetMemoryLimit) for a live
// heap of live bytes and a collector's target of percent.
func memoryLimit(live uint64, percent int64) int64 {
	return int64(min(live, 1<<50))*(100+min(max(percent, 0), 1000))/100 + memoryHeadroom // clamped: no overflow
}

// limitMemory keeps the runtime's soft memory limit at memoryLimit of the
// live heap, recomputed after every collection, until the returned
// function is called (which lifts it), unless $GOMEMLIMIT or $GOGC say
// otherwise.
//
// The collector's target bounds the heap, not what the process holds:
// pages a collection freed stay resident until the runtime's scavenger
// gives them back, slowly, and peak RSS counted them. Under the limit the
// runtime gives them back at once, and collects early when the rest
// would pass it. Recomputed after each collection, the limit follows the
// site as it grows or shrinks (a reload, the editor's saves) instead of
// holding a larger site to a smaller one's size: while a reload builds
// the new site beside the old, the collector may run more often, at most
// half the CPU (the runtime's own cap), until the next collection raises
// the limit.
func limitMemory(getenv env) (stop func()) {
	if getenv("GOMEMLIMIT") != "" || getenv("GOGC") != "" {
		return func() {}
	}
	var mu sync.Mutex
	stopped := false
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/gogc:percent"}}
	var arm func()
	arm = func() {
		s := &gcSentinel{}
		runtime.SetFinalizer(s, func(*gcSentinel) { // runs once the collection that found s unreachable is done
			mu.Lock()
			defer mu.Unlock()
			if stopped {
				return
			}
			metrics.Read(samples)
			if samples[0].Value.Kind() == metrics.KindUint64 && samples[1].Value.Kind() == metrics.KindUint64 {
				debug.SetMemoryLimit(memoryLimit(samples[0].Value.Uint64(), int64(samples[1].Value.Uint64())))
			}
			arm()
		})
	}
	arm()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// gcSentinel is an object only its finalizer knows: it becomes unreachable
// at once, so its finalizer runs after the next collection. (It holds a
// pointer so that the allocator never packs it with other tiny objects.)
type gcSentinel struct{ _ *int }
