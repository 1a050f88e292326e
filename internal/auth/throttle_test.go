package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Now()} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestThrottleGrows(t *testing.T) {
	c := newClock()
	th := newThrottle(c.Now, 100)
	if w := th.wait("account:anna"); w != 0 {
		t.Fatalf("wait before any failure = %v, want 0", w)
	}
	for i, want := range []time.Duration{1, 2, 4, 8, 16, 32, 60, 60, 60} {
		th.fail("account:anna", "client:1.2.3.4")
		if w := th.wait("account:anna"); w != want*time.Second {
			t.Fatalf("after %d failures, wait = %v, want %v", i+1, w, want*time.Second)
		}
		if w := th.wait("account:ben", "client:1.2.3.4"); w != want*time.Second {
			t.Fatalf("after %d failures, the client's wait = %v, want %v", i+1, w, want*time.Second)
		}
		c.Add(want * time.Second)
		if w := th.wait("account:anna"); w != 0 {
			t.Fatalf("after waiting, wait = %v, want 0", w)
		}
	}
	if w := th.wait("account:ben", "client:5.6.7.8"); w != 0 {
		t.Errorf("another account from another client waits %v, want 0", w)
	}

	th.clear("account:anna")
	th.fail("account:anna")
	if w := th.wait("account:anna"); w != time.Second {
		t.Errorf("after clear and one failure, wait = %v, want 1s", w)
	}
	c.Add(time.Second + throttleForget + time.Second)
	th.fail("client:1.2.3.4")
	if w := th.wait("client:1.2.3.4"); w != time.Second {
		t.Errorf("after a quiet quarter hour, one failure waits %v, want 1s (counted afresh)", w)
	}
}

func TestThrottleBounded(t *testing.T) {
	c := newClock()
	th := newThrottle(c.Now, 50)
	for i := range 1000 {
		th.fail(fmt.Sprintf("client:10.0.%d.%d", i/256, i%256))
		c.Add(time.Millisecond)
	}
	if n := th.size(); n > 50 {
		t.Fatalf("the throttle holds %d keys, want at most 50", n)
	}
	if w := th.wait("client:10.0.3.231"); w <= 0 {
		t.Errorf("the latest failure was evicted (wait %v): the oldest should go first", w)
	}
}
