package dev

import (
	"net/http"
	"sync"
	"time"
)

// Broker serves the live-reload event stream and fans reload events out to
// every connected browser tab. The zero value is not usable: call NewBroker.
type Broker struct {
	// Heartbeat is how often an idle stream gets a comment, so that proxies
	// and browsers keep it open. NewBroker sets 15 seconds.
	Heartbeat time.Duration

	mu      sync.Mutex
	clients map[chan struct{}]struct{}
	closed  chan struct{}
	once    sync.Once
}

// NewBroker returns a broker with no clients.
func NewBroker() *Broker {
	return &Broker{Heartbeat: 15 * time.Second, clients: map[chan struct{}]struct{}{}, closed: make(chan struct{})}
}

// Reload tells every connected tab to reload. It never blocks: a tab that
// has not read its previous event yet gets only one.
func (b *Broker) Reload() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.clients {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Clients returns how many tabs are connected.
func (b *Broker) Clients() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.clients)
}

// Close ends every stream, so that the HTTP server can shut down. Tabs
// reconnect, and reload, when a server is back.
func (b *Broker) Close() { b.once.Do(func() { close(b.closed) }) }

// ServeHTTP streams events to one tab until it goes away or the broker is
// closed: a "hello" when connected, then "reload" after every rebuild.
func (b *Broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// The stream lives longer than the server's WriteTimeout allows.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && err != http.ErrNotSupported {
		http.Error(w, "cannot stream events", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	ch := b.subscribe()
	defer b.unsubscribe(ch)
	send := func(s string) bool {
		if _, err := w.Write([]byte(s)); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 500\nevent: hello\ndata: connected\n\n") {
		return
	}
	tick := time.NewTicker(b.Heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-ch:
			if !send("event: reload\ndata: reload\n\n") {
				return
			}
		case <-tick.C:
			if !send(": heartbeat\n\n") {
				return
			}
		case <-r.Context().Done():
			return
		case <-b.closed:
			return
		}
	}
}

func (b *Broker) subscribe() chan struct{} {
	ch := make(chan struct{}, 1)
	b.mu.Lock()
	b.clients[ch] = struct{}{}
	b.mu.Unlock()
	return ch
}

func (b *Broker) unsubscribe(ch chan struct{}) {
	b.mu.Lock()
	delete(b.clients, ch)
	b.mu.Unlock()
}
