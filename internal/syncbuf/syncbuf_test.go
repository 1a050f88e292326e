package syncbuf

import (
	"strings"
	"sync"
	"testing"
)

func TestBuffer(t *testing.T) {
	var b Buffer
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				b.Write([]byte("x"))
				_ = b.String()
			}
		})
	}
	wg.Wait()
	if got := len(b.String()); got != 800 {
		t.Errorf("after 800 one-byte writes: len = %d, want 800", got)
	}

	limited := Buffer{Limit: 4}
	for _, w := range []string{"ab", "cd", "ef"} {
		if n, err := limited.Write([]byte(w)); n != len(w) || err != nil {
			t.Errorf("Write(%q) = %d, %v; want %d, nil", w, n, err, len(w))
		}
	}
	if got := limited.String(); got != "abcd" {
		t.Errorf("Limit 4: String() = %q, want %q", got, "abcd")
	}
	if !strings.HasPrefix(b.String(), "x") {
		t.Error("the zero Buffer lost its writes")
	}
}
