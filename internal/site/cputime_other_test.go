//go:build !unix

package site_test

import "time"

// cpuTime is 0 where the process's CPU time is not known: BenchmarkBuild
// then reports 0 cpu-ms/op.
func cpuTime() time.Duration { return 0 }
