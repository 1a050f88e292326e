package site

import "sync"

// searchCacheBytes bounds the pages a site's searchCache keeps: at most
// twice this, about a hundred results pages of 20 kB, per language.
const searchCacheBytes = 1 << 20

// searchCache keeps the search pages a site made last, by query as
// searched (after cutQuery), so that the same words typed again (visitors
// type the same few: "back pain", "sciatica") are answered without
// searching or rendering again. Each Site has its own, so a reload, which
// swaps in a new Site, drops it with the old site's pages; nothing in it
// is ever logged.
//
// It keeps two generations of at most max bytes each: a page is added
// to the newer; when the newer is full it becomes the older and the
// older is dropped; a page found in the older moves to the newer. The
// pages searched often stay, a burst of new queries pushes out the rest,
// and no page lives on in memory beyond two generations of others.
type searchCache struct {
	mu       sync.Mutex
	max      int // bytes a generation may hold
	cur, old map[string]cachedPage
	curBytes int
}

// cachedPage is one search page and how many results it shows.
type cachedPage struct {
	body []byte // shared by every request for it: never changed
	hits int
}

// newSearchCache returns a cache whose generations hold max bytes each.
func newSearchCache(max int) *searchCache {
	return &searchCache{max: max, cur: map[string]cachedPage{}}
}

// get returns the page kept for the query q.
func (c *searchCache) get(q string) (cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.cur[q]; ok {
		return p, true
	}
	p, ok := c.old[q]
	if ok {
		delete(c.old, q)
		c.add(q, p)
	}
	return p, ok
}

// put keeps the page p for the query q, unless it is larger than an
// eighth of a generation.
func (c *searchCache) put(q string, p cachedPage) {
	if cachedSize(q, p) > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[q]; !ok {
		c.add(q, p)
	}
}

// add adds p to the newer generation, first making it the older when
// p does not fit. Call it with mu held.
func (c *searchCache) add(q string, p cachedPage) {
	n := cachedSize(q, p)
	if c.curBytes+n > c.max {
		c.old, c.cur, c.curBytes = c.cur, make(map[string]cachedPage, len(c.cur)), 0
	}
	c.cur[q] = p
	c.curBytes += n
}

// cachedSize is what the page p for q takes in the cache, roughly.
func cachedSize(q string, p cachedPage) int { return len(q) + len(p.body) + 64 }
