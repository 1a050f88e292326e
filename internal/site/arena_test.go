package site

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// TestArenaClone checks that clones are equal to their sources, never
// share bytes with each other, and cannot grow into a neighbour.
func TestArenaClone(t *testing.T) {
	var a arena
	var mu sync.Mutex
	var got [][]byte
	var want [][]byte
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 200 {
				src := bytes.Repeat([]byte(fmt.Sprintf("%d-%d;", g, i)), i*37%3000)
				c := a.clone(src)
				mu.Lock()
				got, want = append(got, c), append(want, src)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	big := bytes.Repeat([]byte("x"), arenaBlock)
	got, want = append(got, a.clone(big)), append(want, big)
	for i := range got {
		if !bytes.Equal(got[i], want[i]) {
			t.Fatalf("clone %d = %q, want %q", i, got[i], want[i])
		}
		if len(got[i]) > 0 && cap(got[i]) != len(got[i]) {
			t.Errorf("clone %d: cap %d, want %d (appending would write into the next clone)", i, cap(got[i]), len(got[i]))
		}
	}
	if a.clone(nil) != nil {
		t.Errorf("clone(nil) != nil")
	}
}
