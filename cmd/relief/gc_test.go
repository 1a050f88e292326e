package main

import (
	"math"
	"runtime/debug"
	"strings"
	"testing"
)

func TestGCPercentFor(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		name            string
		live, rss, peak uint64
		want            int
	}{
		{"room for half the live heap", 40 * mb, 70 * mb, 110 * mb, 50},
		{"no room: the floor", 40 * mb, 70 * mb, 70 * mb, minServingGCPercent},
		{"little room: the floor", 40 * mb, 70 * mb, 75 * mb, minServingGCPercent},
		{"much room: the ceiling", 40 * mb, 70 * mb, 700 * mb, maxServingGCPercent},
		{"peak unknown", 40 * mb, 70 * mb, 0, minServingGCPercent},
		{"live heap unknown", 0, 70 * mb, 110 * mb, minServingGCPercent},
	} {
		if got := gcPercentFor(tc.live, tc.rss, tc.peak); got != tc.want {
			t.Errorf("%s: gcPercentFor(%d, %d, %d) = %d, want %d", tc.name, tc.live, tc.rss, tc.peak, got, tc.want)
		}
	}
}

func TestResidentMemory(t *testing.T) {
	status := "Name:\trelief\nVmPeak:\t 2161624 kB\nVmHWM:\t  120532 kB\nVmRSS:\t   77668 kB\nRssAnon:\t   58000 kB\n"
	rss, peak := residentMemory(strings.NewReader(status))
	if rss != 77668<<10 || peak != 120532<<10 {
		t.Errorf("residentMemory = %d, %d, want %d, %d", rss, peak, 77668<<10, 120532<<10)
	}
	if rss, peak := residentMemory(strings.NewReader("Name:\trelief\n")); rss != 0 || peak != 0 {
		t.Errorf("residentMemory of a status without them = %d, %d, want 0, 0", rss, peak)
	}
}

func TestMemoryLimitFor(t *testing.T) {
	const mb = 1 << 20
	for _, tc := range []struct {
		name        string
		other, live uint64
		room        float64
		want        int64
	}{
		{"half the live heap of room", 10 * mb, 40 * mb, 0.5, 70 * mb},
		{"no room", 10 * mb, 40 * mb, 0, 50 * mb},
		{"live heap unknown: no limit", 10 * mb, 0, 0.5, math.MaxInt64},
	} {
		if got := memoryLimitFor(tc.other, tc.live, tc.room); got != tc.want {
			t.Errorf("%s: memoryLimitFor(%d, %d, %v) = %d, want %d", tc.name, tc.other, tc.live, tc.room, got, tc.want)
		}
	}
}

// TestGCLoading checks the collector's target for the first load: 25
// with a cache that holds entries, Go's default with an empty one, and
// $GOGC's when it is set.
func TestGCLoading(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	tests := []struct {
		gogc       string
		emptyCache bool
		want       int
	}{
		{"", false, loadingGCPercent},
		{"", true, emptyCacheGCPercent},
		{"off", true, 77}, // left as it was
	}
	for _, tt := range tests {
		debug.SetGCPercent(77)
		gcLoading(func(k string) string {
			if k == "GOGC" {
				return tt.gogc
			}
			return ""
		}, tt.emptyCache)
		if got := debug.SetGCPercent(77); got != tt.want {
			t.Errorf("GOGC=%q, empty cache %v: target %d, want %d", tt.gogc, tt.emptyCache, got, tt.want)
		}
	}
}
