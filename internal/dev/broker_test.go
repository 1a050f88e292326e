package dev_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/dev"
)

// TestEventStreamCap: beyond MaxClients streams the broker answers 503
// with a message, logs it once, and takes streams again when one ends.
func TestEventStreamCap(t *testing.T) {
	b := dev.NewBroker()
	b.MaxClients = 3
	var logs syncBuffer
	b.Log = slog.New(slog.NewTextHandler(&logs, nil))
	ts := httptest.NewServer(b)
	defer ts.Close()
	defer b.Close()

	var cancels []context.CancelFunc
	for range b.MaxClients {
		ctx, cancel := context.WithCancel(context.Background())
		cancels = append(cancels, cancel)
		listen(t, ctx, ts.URL)
	}
	defer func() {
		for _, c := range cancels {
			c()
		}
	}()
	for i := range 2 {
		res, err := http.Get(ts.URL)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(body), "Too many preview tabs") {
			t.Errorf("stream %d beyond the cap: status %d, body %q; want 503 and a message", i+1, res.StatusCode, body)
		}
	}
	if n := strings.Count(logs.String(), "too many preview tabs"); n != 1 {
		t.Errorf("two streams refused: %d log lines, want 1:\n%s", n, logs.String())
	}

	cancels[0]()
	waitFor(t, "a stream to end", func() bool { return b.Clients() < b.MaxClients })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	listen(t, ctx, ts.URL) // fails the test unless it is an event stream
}

// waitFor polls cond for up to 10 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited 10 s for %s", what)
}
