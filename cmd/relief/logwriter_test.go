package main

import (
	"bufio"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/server"
	"github.com/relief-massage/relief/internal/site"
)

// waitFor polls cond for up to a minute (a busy machine is slow).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited a minute for %s", what)
}

func TestLogWriter(t *testing.T) {
	var out syncBuffer
	lw := newLogWriter(&out, 20*time.Millisecond, 1<<20, nil)
	lw.Write([]byte("first line\n"))
	waitFor(t, "the first line", func() bool { return out.String() == "first line\n" })
	lw.Write([]byte("second line\n"))
	lw.Write([]byte("last line\n"))
	lw.Close()
	if out.String() != "first line\nsecond line\nlast line\n" {
		t.Errorf("after Close: %q, want every line written out, in order", out.String())
	}
	lw.Close() // a second Close is harmless
}

// TestLogWriterBurst checks that the buffers a burst of lines grew (the
// start's warnings) are not kept once it is written: after two more
// batches neither buffer holds more than logKeep.
func TestLogWriterBurst(t *testing.T) {
	var out syncBuffer
	lw := newLogWriter(&out, time.Millisecond, 1<<20, nil)
	line := []byte(strings.Repeat("w", 99) + "\n")
	const n = 5000 // 500 KB, past logKeep
	for range n {
		lw.Write(line)
	}
	waitFor(t, "the burst", func() bool { return len(out.String()) == n*len(line) })
	for i := range 2 {
		want := n*len(line) + (i+1)*len(line)
		lw.Write(line)
		waitFor(t, "a line after the burst", func() bool { return len(out.String()) == want })
	}
	lw.Close()
	lw.mu.Lock()
	defer lw.mu.Unlock()
	if cap(lw.pending) > logKeep || cap(lw.spare) > logKeep {
		t.Errorf("after the burst and two lines: buffers of %d and %d bytes kept, want at most %d each", cap(lw.pending), cap(lw.spare), logKeep)
	}
}

// builtInSite builds the site built into the program.
func builtInSite(t testing.TB) *site.Site {
	t.Helper()
	st, err := site.Load(site.Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// serveLogged sends n requests for a page to a server logging through lw,
// and fails the test if they do not all answer 200 within a minute: a
// stalled or closed log must never hold a request up.
func serveLogged(t *testing.T, lw *logWriter, logger *slog.Logger, n int) {
	t.Helper()
	st := builtInSite(t)
	h := server.New(st, server.Options{Logger: logger, AccessLog: true})
	done := make(chan int)
	go func() {
		bad := 0
		for range n {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest("GET", "/conditions/sciatica", nil))
			if rec.Code != http.StatusOK {
				bad++
			}
		}
		done <- bad
	}()
	select {
	case bad := <-done:
		if bad > 0 {
			t.Errorf("%d of %d requests did not answer 200", bad, n)
		}
	case <-time.After(time.Minute):
		t.Fatalf("%d requests did not finish in a minute: the log blocks them", n)
	}
}

// TestLogStalledSink logs to a pipe nobody reads (a stuck journal):
// requests still answer, the lines beyond the bound are dropped and
// counted, and once the pipe is read again one line says how many were
// lost, so that every request is either logged or counted.
func TestLogStalledSink(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	lw := newLogWriter(pw, time.Millisecond, 16<<10, func(n int64) []byte {
		return []byte(`{"msg":"lost","lost_lines":` + strconv.FormatInt(n, 10) + "}\n")
	})
	// The count is what is tested here, not Close's patience: on a busy
	// machine the writer may take more than a second to drain the pipe,
	// and the pipe is closed right after Close.
	lw.closeWait = time.Minute
	logger := slog.New(slog.NewJSONHandler(lw, nil))
	const n = 3000
	// 3,000 lines are far more than the pipe and the bound hold, so some
	// are lost; whether they are still counted or already reported (the
	// writer reports them as soon as the pipe takes a line) depends on
	// timing, so only the lines read from the pipe are checked.
	serveLogged(t, lw, logger, n)

	var logged, lost int64
	var wg sync.WaitGroup
	wg.Go(func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			var line struct {
				Msg       string
				LostLines int64 `json:"lost_lines"`
			}
			if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
				t.Errorf("log line %q: %v", sc.Text(), err)
			}
			switch line.Msg {
			case "request":
				logged++
			case "lost":
				lost += line.LostLines
			}
		}
	})
	lw.Close()
	pw.Close()
	wg.Wait()
	if logged+lost != n || lost == 0 {
		t.Errorf("%d request lines written and %d reported lost; want %d in all, some lost", logged, lost, n)
	}
}

// TestLogClosedSink logs to a pipe whose reader is gone (a closed
// stderr): writes fail with EPIPE, requests still answer, and the lost
// lines are counted.
func TestLogClosedSink(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	pr.Close()
	defer pw.Close()
	lw := newLogWriter(pw, time.Millisecond, 1<<20, nil)
	lw.closeWait = time.Minute // the count is tested, not Close's patience
	logger := slog.New(slog.NewJSONHandler(lw, nil))
	serveLogged(t, lw, logger, 100)
	lw.Close()
	if got := lw.Dropped(); got != 100 {
		t.Errorf("100 lines to a closed pipe: %d counted as lost, want 100", got)
	}
}
