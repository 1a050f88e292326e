package main

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestAfterFirst checks when a start's background work runs: once, after
// the first answered request, after afterFirstWait without one, at the
// latest when a server that listened stops, and never for one that did not
// listen.
func TestAfterFirst(t *testing.T) {
	tests := []struct {
		name     string
		listened bool
		requests int
		wait     time.Duration // before stopped
		want     int32
	}{
		{"first request starts it", true, 1, 0, 1},
		{"more requests start it once", true, 3, 0, 1},
		{"no request: after the wait", true, 0, afterFirstWait + 200*time.Millisecond, 1},
		{"stopped before the wait", true, 0, 0, 1},
		{"never listened", false, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var runs, served atomic.Int32
			a := &afterFirst{work: func() { runs.Add(1) }}
			h := a.handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if served.Add(1) == 1 && runs.Load() != 0 {
					t.Error("the work began before the first answer")
				}
			}))
			if tt.listened {
				a.listening()
			}
			for range tt.requests {
				h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
			}
			time.Sleep(tt.wait)
			if tt.requests > 0 {
				waitFor(t, "the work to begin after a request", func() bool { return runs.Load() > 0 })
			}
			a.stopped()
			if got := runs.Load(); got != tt.want {
				t.Errorf("work ran %d times, want %d", got, tt.want)
			}
		})
	}
}
