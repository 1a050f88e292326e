//go:build !linux || portable

package cache

import (
	"sync/atomic"
	"time"
)

// mapEntry reads the entry: this system is not known to map files the
// way map_linux.go needs (or the build tag portable asked for this
// fallback, to test it on Linux).
func mapEntry(name string, _ *atomic.Int64) ([]byte, time.Time, bool) { return readEntry(name) }
