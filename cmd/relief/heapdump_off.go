//go:build !heapdump || !unix

package main

import "io"

// startHeapdump does nothing: only a binary built with -tags heapdump
// writes heap dumps (heapdump.go).
func startHeapdump(env, io.Writer) {}
