package main

import (
	"strings"
	"testing"
	"time"
)

func TestLogWriter(t *testing.T) {
	var out syncBuffer
	lw := newLogWriter(&out, 20*time.Millisecond)
	lw.Write([]byte("first line\n"))
	if out.String() != "" {
		t.Errorf("written at once: %q; want it batched", out.String())
	}
	deadline := time.Now().Add(5 * time.Second)
	for out.String() == "" && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if out.String() != "first line\n" {
		t.Errorf("after an interval: %q, want the line", out.String())
	}
	lw.Write([]byte("last line\n"))
	lw.Close()
	if !strings.HasSuffix(out.String(), "last line\n") {
		t.Errorf("after Close: %q, want the last line written out", out.String())
	}
}
