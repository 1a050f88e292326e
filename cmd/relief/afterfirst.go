package main

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// afterFirstWait is how long after the listener opens the start's
// background work (see serve) waits for a first request to be answered
// before it begins anyway.
const afterFirstWait = 250 * time.Millisecond

// afterFirst runs a start's background work (compressing the pages,
// logging the warnings, the search index, writing the cache, the last good
// copy) once the server has answered its first request, or afterFirstWait
// after it listens, whichever comes first; never twice. That work keeps
// both cores busy for a second or more, and begun as the listener opens it
// competed with the first visitor's request: the first page came later,
// with 30-120 ms of that work's CPU spent before it (1,000 generated pages,
// empty cache folder). Every page has been checked and built before the
// listener opens, so nothing served waits for it: a page is sent as it is
// until its gzip form is made, and a search before the index is made makes
// it.
type afterFirst struct {
	work    func()
	armed   atomic.Bool // the listeners are open
	started atomic.Bool
	once    sync.Once
}

// start runs the work now, unless it has begun already.
func (a *afterFirst) start() {
	a.once.Do(func() {
		a.started.Store(true)
		a.work()
	})
}

// listening is the function to call once the listeners are open: it
// starts the work afterFirstWait later unless a request has started it.
func (a *afterFirst) listening() {
	a.armed.Store(true)
	time.AfterFunc(afterFirstWait, a.start)
}

// stopped is the function to call once the server has stopped: if it
// listened, the work is done now if it has not begun, and in any case has
// begun when stopped returns (what it starts in the background, such as
// the last good copy, is then waited for as before).
func (a *afterFirst) stopped() {
	if a.armed.Load() {
		a.start()
	}
}

// handler returns h, which starts the work (on its own goroutine) once it
// has answered a request.
func (a *afterFirst) handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		if !a.started.Load() {
			go a.start()
		}
	})
}
