package site

import "sync"

// arena keeps many small byte slices in a few large blocks: the gzip and
// brotli forms of every page a start takes from the page cache. Each form
// on its own would be an allocation rounded up to Go's next size class
// (about a tenth more, at 10,000 pages 15 MB); in blocks only the end of
// each block is left over. The forms are never changed or freed one by
// one: a block lives while any page of the site that filled it does, and
// a reload builds a new site with new blocks.
type arena struct {
	mu    sync.Mutex
	block []byte // the current block's free space
}

// arenaBlock is the size of a block: large enough that the space left at
// its end is little, small enough that a small site wastes little.
const arenaBlock = 256 << 10

// clone returns a copy of b in the arena. A slice larger than a quarter of
// a block gets an allocation of its own.
func (a *arena) clone(b []byte) []byte {
	if len(b) == 0 {
		return nil
	}
	if len(b) > arenaBlock/4 {
		return append([]byte(nil), b...)
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(b) > len(a.block) {
		a.block = make([]byte, arenaBlock)
	}
	out := a.block[:len(b):len(b)]
	copy(out, b)
	a.block = a.block[len(b):]
	return out
}
