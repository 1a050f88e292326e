package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestMemoryLimit(t *testing.T) {
	for _, tt := range []struct {
		live    uint64
		percent int64
		want    int64
	}{
		{0, 25, memoryHeadroom},
		{40 << 20, 25, 50<<20 + memoryHeadroom},
		{400 << 20, 50, 600<<20 + memoryHeadroom},
		{100 << 20, -1, 100<<20 + memoryHeadroom}, // GOGC=off: no growth past the live heap
		{math.MaxUint64, 25, 1<<50*125/100 + memoryHeadroom},
	} {
		if got := memoryLimit(tt.live, tt.percent); got != tt.want {
			t.Errorf("memoryLimit(%d, %d) = %d, want %d", tt.live, tt.percent, got, tt.want)
		}
	}
}

// TestLimitMemory checks that the limit is set after a collection, and
// lifted when stopped (tests run servers one after another in one
// process: a stopped one must leave no limit behind).
func TestLimitMemory(t *testing.T) {
	env := func(string) string { return "" }
	stop := limitMemory(env)
	deadline := time.Now().Add(time.Minute)
	for debug.SetMemoryLimit(-1) == math.MaxInt64 {
		if time.Now().After(deadline) {
			stop()
			t.Fatal("no memory limit a minute after collections began")
		}
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs on its own goroutine
	}
	stop()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("memory limit after stop = %d, want none (%d)", got, int64(math.MaxInt64))
	}
	stop = limitMemory(func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	})
	defer stop()
	runtime.GC()
	runtime.GC()
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with $GOMEMLIMIT set, memory limit = %d, want the runtime's own (%d)", got, int64(math.MaxInt64))
	}
}
