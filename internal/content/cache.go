package content

import (
	"bytes"
	"slices"
	"sync"

	"github.com/relief-massage/relief/internal/cache"
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
	data, sum, ok := l.readSummed(rel)
	if !ok {
		return false
	}
	key := l.opts.Dir + "\x00" + l.phones
	if e := l.opts.Cache.get(rel, key, data); e != nil {
		*dst = e.value.(T)
		l.list = append(l.list, e.problems...)
		return e.ok
	}
	var diskKey cache.Key // of the parse cache (parsedcache.go)
	if kind, _ := parsedKind(dst); l.opts.Disk != nil && kind != "" {
		diskKey = l.parsedKey(kind, rel, sum)
	}
	if e := l.fromDisk(diskKey, dst); e != nil {
		*dst = e.value.(T)
		l.list = append(l.list, e.problems...)
		l.opts.Cache.put(rel, &cacheEntry{key: key, data: data, value: *dst, problems: e.problems, ok: e.ok})
		return e.ok
	}
	before := len(l.list)
	ok = parse(data)
	e := &cacheEntry{key: key, data: data, value: *dst, problems: slices.Clone(l.list[before:]), ok: ok}
	l.opts.Cache.put(rel, e)
	l.toDisk(diskKey, e)
	return ok
}

// fromDisk returns the parse into *dst (a Condition or a Page) that an
// earlier run kept on disk under key (Options.Disk; see parsedcache.go),
// or nil.
func (l *loader) fromDisk(key cache.Key, dst any) *cacheEntry {
	kind, condition := parsedKind(dst)
	if l.opts.Disk == nil || kind == "" {
		return nil
	}
	raw, ok := l.opts.Disk.Get(key)
	if !ok {
		return nil
	}
	e, err := decodeParsed(raw, condition, l.opts.Disk.Mapped())
	if err != nil {
		return nil
	}
	if condition {
		return &cacheEntry{value: *e.c, problems: e.problems, ok: e.ok}
	}
	return &cacheEntry{value: *e.p, problems: e.problems, ok: e.ok}
}

// toDisk keeps the parse e on disk under key for the next run, when the
// format keeps all of it.
func (l *loader) toDisk(key cache.Key, e *cacheEntry) {
	kind, _ := parsedKind(e.value)
	if l.opts.Disk == nil || kind == "" {
		return
	}
	p := &parsed{ok: e.ok, problems: e.problems}
	switch v := e.value.(type) {
	case Condition:
		if !v.storable() {
			return
		}
		p.c = &v
	case Page:
		if !v.storable() {
			return
		}
		p.p = &v
	}
	l.opts.Disk.PutFunc(key, func() []byte { return encodeParsed(p) })
}

// parsedKind names the kind of value v is (a Condition or a Page, or a
// pointer to one) in the parse cache's keys; "" for any other.
func parsedKind(v any) (kind string, condition bool) {
	switch v.(type) {
	case Condition, *Condition:
		return "condition", true
	case Page, *Page:
		return "page", false
	}
	return "", false
}
