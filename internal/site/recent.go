package site

import "sync"

// recentBytes bounds what each of a site's caches of recent pages keeps:
// at most twice this, about a hundred search pages of 20 kB, per
// language and cache.
const recentBytes = 1 << 20

// recent keeps the pages a site made last for a request, by a key that
// says all the page depends on. A site has two (each language its own):
// the answers to searches (results pages and /search.json, by the query
// as searched, after cutQuery), so that the same words typed again
// (visitors type the same few: "back pain", "sciatica") are answered
// without searching or rendering again; and the 404 pages with a
// suggestion, by the suggested page. A reload, which swaps in a new
// Site, drops them with the old site's pages; nothing in them is ever
// logged.
//
// It keeps two generations of at most max bytes each: a page is added
// to the newer; when the newer is full it becomes the older and the
// older is dropped; a page found in the older moves to the newer. The
// pages asked for often stay, a burst of new ones pushes out the rest,
// and no page lives on in memory beyond two generations of others.
type recent struct {
	mu       sync.Mutex
	max      int // bytes a generation may hold
	cur, old map[string]cachedPage
	curBytes int
}

// cachedPage is one page and how many results it shows (0 for a page
// that shows none).
type cachedPage struct {
	body []byte // shared by every request for it: never changed
	hits int
}

// newRecent returns a cache whose generations hold max bytes each.
func newRecent(max int) *recent {
	return &recent{max: max, cur: map[string]cachedPage{}}
}

// get returns the page kept for key.
func (c *recent) get(key string) (cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p, ok := c.cur[key]; ok {
		return p, true
	}
	p, ok := c.old[key]
	if ok {
		delete(c.old, key)
		c.add(key, p)
	}
	return p, ok
}

// put keeps the page p for key, unless it is larger than an eighth of a
// generation.
func (c *recent) put(key string, p cachedPage) {
	if cachedSize(key, p) > c.max/8 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cur[key]; !ok {
		delete(c.old, key) // kept once, counted once
		c.add(key, p)
	}
}

// add adds p to the newer generation, first making it the older when
// p does not fit. Call it with mu held.
func (c *recent) add(key string, p cachedPage) {
	n := cachedSize(key, p)
	if c.curBytes+n > c.max {
		c.old, c.cur, c.curBytes = c.cur, make(map[string]cachedPage, len(c.cur)), 0
	}
	c.cur[key] = p
	c.curBytes += n
}

// cachedSize is what the page p for key takes in the cache, roughly.
func cachedSize(key string, p cachedPage) int { return len(key) + len(p.body) + 64 }
