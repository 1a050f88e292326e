package main

import (
	"io"
	"sync"
	"time"
)

// logWriter is where the process's log lines go on their way to stderr. It
// never makes a request wait for the terminal, the journal or a pipe:
//
//   - Write only copies the line into memory and wakes the writer
//     goroutine, which writes every waiting line in one system call. While
//     it writes, new lines gather into the next batch; between two writes
//     it waits gap (unless logBatch bytes are already waiting), so a busy
//     server makes one write system call per batch instead of one per
//     request (which measurably raises the requests a second it answers),
//     while on a quiet server a line reaches stderr at once and a crash
//     loses almost nothing.
//   - The lines waiting are bounded (limit bytes). When the sink stalls (a
//     full pipe nobody reads, a stuck journal) and the bound is reached,
//     new lines are dropped and counted; lines the sink refuses (a closed
//     stderr: main ignores SIGPIPE, so the write fails with EPIPE instead
//     of ending the process) are counted too. Once the sink takes lines
//     again, the writer goroutine writes the line lost returns for the
//     count, saying how many were lost.
//   - Close writes out what is left, waiting at most closeWait for a sink
//     that does not take it. Every way out of the program closes it.
//
// slog handlers write each record in one call, so one Write is one line and
// lines never interleave.
type logWriter struct {
	sink      io.Writer
	gap       time.Duration
	limit     int
	closeWait time.Duration
	lost      func(lines int64) []byte

	mu      sync.Mutex
	pending []byte // lines waiting for the writer goroutine
	dropped int64  // lines lost and not yet reported

	spare []byte        // the other buffer; only the writer goroutine touches it
	wake  chan struct{} // a line is waiting (buffered 1)
	full  chan struct{} // a batch is waiting: do not wait out the gap (buffered 1)
	stop  chan struct{}
	done  chan struct{}
	once  sync.Once
}

// The defaults of the process's log: a write every 10ms at most, unless
// 64 KiB are waiting; at most 1 MiB (some thousands of lines) waiting; and
// a second to write them out when the program ends.
const (
	logGap       = 10 * time.Millisecond
	logBatch     = 64 << 10
	logLimit     = 1 << 20
	logCloseWait = time.Second
)

// newLogWriter returns a logWriter for sink and starts its writer
// goroutine. lost (which may be nil) formats the log line that reports a
// number of lost lines; it is written straight to sink after a write
// succeeded again, so that it is never itself dropped.
func newLogWriter(sink io.Writer, gap time.Duration, limit int, lost func(lines int64) []byte) *logWriter {
	l := &logWriter{
		sink: sink, gap: gap, limit: limit, closeWait: logCloseWait, lost: lost,
		wake: make(chan struct{}, 1), full: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}),
	}
	go l.loop()
	return l
}

// Write implements io.Writer. It never blocks on the sink: a line that
// does not fit in the bound is dropped and counted, and Write still
// reports success so that the logger carries on.
func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	if len(l.pending)+len(p) > l.limit {
		l.dropped++
		l.mu.Unlock()
		return len(p), nil
	}
	before := len(l.pending)
	l.pending = append(l.pending, p...)
	l.mu.Unlock()
	if before == 0 {
		notify(l.wake)
	}
	if before < logBatch && before+len(p) >= logBatch {
		notify(l.full)
	}
	return len(p), nil
}

// notify sends on a channel buffered 1 without waiting.
func notify(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// Dropped returns how many lines were lost and not yet reported.
func (l *logWriter) Dropped() int64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.dropped
}

// loop is the writer goroutine.
func (l *logWriter) loop() {
	defer close(l.done)
	gap := time.NewTimer(l.gap)
	for {
		select {
		case <-l.wake:
		case <-l.full:
		case <-l.stop:
			l.flush()
			return
		}
		l.flush()
		gap.Reset(l.gap) // let the next batch gather
		select {
		case <-gap.C:
		case <-l.full:
			gap.Stop()
		case <-l.stop:
			l.flush()
			return
		}
	}
}

// flush writes every waiting line to the sink, then reports lines lost.
func (l *logWriter) flush() {
	l.mu.Lock()
	batch := l.pending
	l.pending = l.spare[:0]
	l.mu.Unlock()
	if len(batch) == 0 {
		l.spare = batch
		return
	}
	_, err := l.sink.Write(batch)
	l.spare = reuse(batch)
	l.mu.Lock()
	if err != nil {
		l.dropped += int64(countLines(batch))
	}
	lost := l.dropped
	l.dropped = 0
	l.mu.Unlock()
	if err != nil || lost == 0 || l.lost == nil {
		l.addDropped(lost)
		return
	}
	// Never under the lock: the sink may stall again.
	if _, err := l.sink.Write(l.lost(lost)); err != nil {
		l.addDropped(lost)
	}
}

// logKeep is the largest buffer the writer goroutine keeps for the next
// batch. A start logs a burst (a thousand generated pages give two
// thousand warnings, some hundreds of KiB at once) that grows both
// buffers toward the bound; kept, they stayed in the served heap for the
// life of the process (1.5 MB of the live heap of 1,000 generated pages,
// so more resident memory under load, see gc.go), while a busy server's
// batches of request lines stay under logBatch.
const logKeep = 2 * logBatch

// reuse returns batch emptied to gather the next batch in, or nil (a
// fresh buffer on the next Write) when it grew past logKeep.
func reuse(batch []byte) []byte {
	if cap(batch) > logKeep {
		return nil
	}
	return batch[:0]
}

func (l *logWriter) addDropped(n int64) {
	l.mu.Lock()
	l.dropped += n
	l.mu.Unlock()
}

// countLines counts the lines in a batch.
func countLines(b []byte) int {
	n := 0
	for _, c := range b {
		if c == '\n' {
			n++
		}
	}
	return max(n, 1)
}

// Close writes out the lines still waiting, giving a stalled sink at most
// closeWait, and stops the writer goroutine. Lines written after Close are
// kept in memory and never written. Close may be called more than once.
func (l *logWriter) Close() error {
	l.once.Do(func() { close(l.stop) })
	select {
	case <-l.done:
	case <-time.After(l.closeWait):
	}
	return nil
}
