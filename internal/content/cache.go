package content

import (
	"bytes"
	"slices"
	"sync"
)

// Cache remembers how each file parsed, so that loading a tree again after
// a few files changed parses only those: the preview server reloads a
// thousand-page site in milliseconds. Pass the same Cache in Options to
// every Load of one tree. A file is parsed again when its bytes, the
// content folder's name or the practice's phone numbers (which the
// Markdown renderer links) change; checks that span files always run.
// A Cache is safe for concurrent use; the zero value is not, use NewCache.
type Cache struct {
	mu      sync.Mutex
	entries map[string]*cacheEntry
}

type cacheEntry struct {
	key      string // what parsing depends on besides the bytes
	data     []byte
	value    any // the Condition or Page as parsed, before validation
	problems Problems
	ok       bool
	used     bool // looked up or stored by the current Load
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]*cacheEntry{}} }

func (c *Cache) get(rel, key string, data []byte) *cacheEntry {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.entries[rel]
	if e == nil || e.key != key || !bytes.Equal(e.data, data) {
		return nil
	}
	e.used = true
	return e
}

func (c *Cache) put(rel string, e *cacheEntry) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e.used = true
	c.entries[rel] = e
}

// prune forgets the files the last Load did not see: deleted pages.
func (c *Cache) prune() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for rel, e := range c.entries {
		if !e.used {
			delete(c.entries, rel)
		}
		e.used = false
	}
}

// cached parses rel into *dst with parse, or takes the result from the
// cache when the file has not changed. *dst must be a Condition or a Page
// freshly parsed: validation fills the rest in on a copy.
func cached[T any](l *loader, rel string, dst *T, parse func(data []byte) bool) bool {
	data, ok := l.read(rel)
	if !ok {
		return false
	}
	key := l.opts.Dir + "\x00" + l.phones
	if e := l.opts.Cache.get(rel, key, data); e != nil {
		*dst = e.value.(T)
		l.list = append(l.list, e.problems...)
		return e.ok
	}
	before := len(l.list)
	ok = parse(data)
	l.opts.Cache.put(rel, &cacheEntry{key: key, data: data, value: *dst, problems: slices.Clone(l.list[before:]), ok: ok})
	return ok
}
