//go:build heapdump && unix

package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"syscall"
)

// This file is built only with -tags heapdump: a binary for measuring
// what a running server keeps in memory (see README, "How fast"). The
// normal binary has a startHeapdump that does nothing (heapdump_off.go).

// startHeapdump sets runtime.MemProfileRate from $RELIEF_MEMPROFILERATE
// (1 records every allocation; call it before the work to measure) and,
// when $RELIEF_HEAPDUMP names a file, writes on every SIGUSR1, after a
// collection, the heap profile to that file and the runtime's metrics to
// that file plus ".txt" (live heap, scannable heap, objects, collections,
// the collector's CPU), overwriting both. Problems go to stderr.
func startHeapdump(getenv env, stderr io.Writer) {
	if r := getenv("RELIEF_MEMPROFILERATE"); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil {
			fmt.Fprintf(stderr, "heapdump: RELIEF_MEMPROFILERATE=%q is not a whole number: ignored\n", r)
		} else {
			runtime.MemProfileRate = n
		}
	}
	path := getenv("RELIEF_HEAPDUMP")
	if path == "" {
		return
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR1)
	go func() {
		for range sig {
			if err := heapdump(path); err != nil {
				fmt.Fprintf(stderr, "heapdump: %v\n", err)
			}
		}
	}()
}

// heapdump collects the garbage, then writes the heap profile to path and
// the runtime's metrics to path+".txt", one "name value" a line.
func heapdump(path string) error {
	names := []string{
		"/gc/heap/live:bytes",
		"/gc/scan/heap:bytes",
		"/gc/heap/objects:objects",
		"/gc/cycles/total:gc-cycles",
		"/cpu/classes/gc/total:cpu-seconds",
		"/memory/classes/total:bytes",
	}
	runtime.GC()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	s := make([]metrics.Sample, len(names))
	for i, name := range names {
		s[i].Name = name
	}
	metrics.Read(s)
	out, err := os.Create(path + ".txt")
	if err != nil {
		return err
	}
	for _, m := range s {
		switch m.Value.Kind() {
		case metrics.KindUint64:
			fmt.Fprintf(out, "%s %d\n", m.Name, m.Value.Uint64())
		case metrics.KindFloat64:
			fmt.Fprintf(out, "%s %g\n", m.Name, m.Value.Float64())
		}
	}
	return out.Close()
}
