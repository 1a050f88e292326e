package editor

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/server"
)

// TestPublicPagesWhileSaving requests a public page without pause, from
// eight clients, while 50 saves run one after another through the real
// server (the editor mounted under /_relief/): not one public request may
// fail. Skipped with -short.
func TestPublicPagesWhileSaving(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test: run without -short")
	}
	fx := newFixture(t)
	srv := server.New(fx.current.Load(), server.Options{Editor: fx.h})
	fx.swap = srv.Swap
	ts := httptest.NewServer(srv)
	defer ts.Close()

	var done atomic.Bool
	var ok, failed atomic.Int64
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for !done.Load() {
				resp, err := ts.Client().Get(ts.URL + "/conditions/chronic-back-pain")
				if err != nil {
					failed.Add(1)
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !strings.Contains(string(body), "</html>") {
					failed.Add(1)
					continue
				}
				ok.Add(1)
			}
		})
	}
	start := time.Now()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i := range 50 {
		v := fx.formOf(backPain)
		v.Set("summary", fmt.Sprintf("Save number %d while visitors read the page.", i))
		resp, err := client.PostForm(ts.URL+"/_relief/save", v)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save %d: status = %d, want 303", i, resp.StatusCode)
		}
	}
	took := time.Since(start)
	done.Store(true)
	wg.Wait()
	t.Logf("50 saves in %v (%v each); %d public requests answered, %d failed", took.Round(time.Millisecond), (took / 50).Round(time.Millisecond), ok.Load(), failed.Load())
	if failed.Load() != 0 {
		t.Errorf("%d public requests failed while saving", failed.Load())
	}
}
