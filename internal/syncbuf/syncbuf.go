// Package syncbuf provides Buffer, a bytes.Buffer that goroutines may write
// while a test reads it: the log of a server a test runs, the output of a
// child process. Tests of several packages share it, instead of each
// keeping a copy.
package syncbuf

import (
	"bytes"
	"sync"
)

// Buffer is a bytes.Buffer safe for concurrent use. Its zero value is an
// empty buffer that keeps everything written to it. With Limit above zero
// it keeps about the first Limit bytes and drops later writes, still
// reporting them written, so a chatty process cannot fill memory (the
// start of a log is what a failing test shows).
type Buffer struct {
	Limit int

	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p, or drops it once the buffer holds Limit bytes.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Limit > 0 && s.b.Len() >= s.Limit {
		return len(p), nil
	}
	return s.b.Write(p)
}

// String returns what the buffer holds.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
