package auth

import (
	"sync"
	"time"
)

// Throttling of failed logins. Each failure for a key (an account name
// tried, a client address) makes the next attempt with that key wait:
// 1 s after the first, doubling with each further failure, at most 60 s.
// A key quiet for throttleForget after its wait ends starts afresh, and a
// successful login clears its keys. The table is held in memory with at
// most throttleMax keys: when full, keys past their forget time go first,
// then the one whose wait ends soonest.
const (
	throttleFirst  = time.Second
	throttleMost   = time.Minute
	throttleForget = 15 * time.Minute
	throttleMax    = 10000
)

// throttle is the table of failed logins.
type throttle struct {
	mu   sync.Mutex
	now  func() time.Time
	max  int
	keys map[string]*strikes
}

type strikes struct {
	fails int
	until time.Time // no attempt before this
}

func newThrottle(now func() time.Time, max int) *throttle {
	return &throttle{now: now, max: max, keys: map[string]*strikes{}}
}

// wait returns how long the longest-throttled of keys must still wait, or
// zero when an attempt may go ahead.
func (t *throttle) wait(keys ...string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	var most time.Duration
	for _, k := range keys {
		if s := t.keys[k]; s != nil {
			most = max(most, s.until.Sub(now))
		}
	}
	return most
}

// fail records a failed attempt for each of keys.
func (t *throttle) fail(keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	for _, k := range keys {
		s := t.keys[k]
		if s != nil && now.After(s.until.Add(throttleForget)) {
			s = nil // quiet long enough: start afresh
		}
		if s == nil {
			t.makeRoom(now)
			s = &strikes{}
			t.keys[k] = s
		}
		s.fails++
		delay := throttleMost
		if s.fails <= 7 { // 1 s << 6 = 64 s, past the cap
			delay = min(throttleFirst<<(s.fails-1), throttleMost)
		}
		s.until = now.Add(delay)
	}
}

// clear forgets keys (after a successful login).
func (t *throttle) clear(keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		delete(t.keys, k)
	}
}

// makeRoom removes keys until there is room for one more.
func (t *throttle) makeRoom(now time.Time) {
	if len(t.keys) < t.max {
		return
	}
	for k, s := range t.keys {
		if now.After(s.until.Add(throttleForget)) {
			delete(t.keys, k)
		}
	}
	for len(t.keys) >= t.max {
		var soonest string
		var at time.Time
		for k, s := range t.keys {
			if soonest == "" || s.until.Before(at) {
				soonest, at = k, s.until
			}
		}
		delete(t.keys, soonest)
	}
}

// size returns the number of keys held (for tests).
func (t *throttle) size() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.keys)
}
