package dev

import (
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Broker serves the live-reload event stream and fans reload events out to
// every connected browser tab. The zero value is not usable: call NewBroker.
type Broker struct {
	// Heartbeat is how often an idle stream gets a comment, so that proxies
	// and browsers keep it open. NewBroker sets 15 seconds.
	Heartbeat time.Duration
	// MaxClients is how many streams may be open at once; one more gets
	// 503 Service Unavailable and a message, so that a runaway page or
	// script opening streams cannot use up the computer's memory. A
	// therapist has a few tabs open, not 64. NewBroker sets 64.
	MaxClients int
	// Log receives one line each time the limit is reached (not one per
	// refused stream). NewBroker sets a logger that discards.
	Log *slog.Logger

	mu      sync.Mutex
	clients map[chan struct{}]struct{}
	full    bool // the limit was reached and logged, and no stream ended since
	closed  chan struct{}
	once    sync.Once
}

// NewBroker returns a broker with no clients.
func NewBroker() *Broker {
	return &Broker{
		Heartbeat: 15 * time.Second, MaxClients: 64, Log: slog.New(slog.DiscardHandler),
		clients: map[chan struct{}]struct{}{}, closed: make(chan struct{}),
	}
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
// Beyond MaxClients streams it answers 503 with a message instead.
func (b *Broker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	ch := b.subscribe()
	if ch == nil {
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Retry-After", "10")
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("Too many preview tabs are listening for changes (" + strconv.Itoa(b.MaxClients) +
			"). Close some preview tabs and reload this one: until then it will not reload by itself.\n"))
		return
	}
	defer b.unsubscribe(ch)
	rc := http.NewResponseController(w)
	// The stream lives longer than the server's WriteTimeout allows.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && err != http.ErrNotSupported {
		http.Error(w, "cannot stream events", http.StatusInternalServerError)
		return
	}
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
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

// subscribe adds a client, or returns nil when MaxClients are connected
// (logging it the first time, until a stream ends).
func (b *Broker) subscribe() chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.clients) >= b.MaxClients {
		if !b.full {
			b.full = true
			b.Log.Warn("too many preview tabs are listening for changes: refusing more until some close", "limit", b.MaxClients)
		}
		return nil
	}
	ch := make(chan struct{}, 1)
	b.clients[ch] = struct{}{}
	return ch
}

func (b *Broker) unsubscribe(ch chan struct{}) {
	b.mu.Lock()
	delete(b.clients, ch)
	b.full = false
	b.mu.Unlock()
}
