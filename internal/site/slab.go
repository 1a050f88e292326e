package site

import (
	"crypto/sha256"
	"strings"

	"github.com/relief-massage/relief/internal/cache"
)

// A served site is marked whole by the garbage collector on every cycle,
// and a cycle costs by the number of objects it holds, more than by their
// bytes: a request leaves a few kilobytes of net/http's own garbage, so
// under load a cycle comes every few thousand requests. A build therefore
// makes the pages of a language in a slab: their Page structs in one
// slice, with what the page cache adds (the sums and storedForms of a
// page taken from it, the key of a page rendered now) in three more, and
// the ETags of them all in one string (compact), rather than a few
// objects a page. (A page's forms are in its Encodings already, see
// forms; its Path is its condition's URL, held by the content anyway.)
//
// The pages of a slab are those of one build and never change once it
// has published them, like any page. Rebuild takes pages from the site it
// is given as they are, which keeps that site's slab alive, pages it
// renders again included, for as long as any of them lives: so a build
// that reuses pages (Rebuild) and a preview's (Dev), which is built again
// on every save, make their pages one by one, and at most one slab's
// worth of pages is kept beyond what a site shows.
type slab struct {
	pages  []Page
	sums   [][3][sha256.Size]byte // nil without a page cache
	stored []storedForms          // nil without a page cache
	keys   []cache.Key            // nil without a page cache
}

// newSlab returns a slab of n pages, with room for the sums, stored
// forms and key of each when cached (there is a page cache).
func newSlab(n int, cached bool) *slab {
	s := &slab{pages: make([]Page, n)}
	if cached {
		s.sums, s.stored, s.keys = make([][3][sha256.Size]byte, n), make([]storedForms, n), make([]cache.Key, n)
	}
	return s
}

// slot returns the place of the i-th page of s; a nil slab gives a slot
// whose parts are allocated one by one.
func (s *slab) slot(i int) pageSlot { return pageSlot{s, i} }

// pageSlot is where one page of a build is made: its part of a slab, or
// new objects when the slab is nil. A slot is used for one page.
type pageSlot struct {
	s *slab
	i int
}

func (ps pageSlot) page() *Page {
	if ps.s == nil {
		return new(Page)
	}
	return &ps.s.pages[ps.i]
}

func (ps pageSlot) sums() *[3][sha256.Size]byte {
	if ps.s == nil || ps.s.sums == nil {
		return new([3][sha256.Size]byte)
	}
	return &ps.s.sums[ps.i]
}

func (ps pageSlot) stored() *storedForms {
	if ps.s == nil || ps.s.stored == nil {
		return new(storedForms)
	}
	return &ps.s.stored[ps.i]
}

// key returns k, kept in the slot (Page.key).
func (ps pageSlot) key(k cache.Key) *cache.Key {
	if ps.s == nil || ps.s.keys == nil {
		return &k
	}
	ps.s.keys[ps.i] = k
	return &ps.s.keys[ps.i]
}

// compact moves the ETags of every page of s (setETag's string each) into
// one string. It runs once the pages are made, before the site is
// published or anything is compressed, so nothing reads them meanwhile.
func (s *slab) compact() {
	if s == nil {
		return
	}
	n := 0
	for i := range s.pages {
		n += len(s.pages[i].etags)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range s.pages {
		b.WriteString(s.pages[i].etags)
	}
	all := b.String()
	for i := range s.pages {
		e := &s.pages[i].Encodings
		k := len(e.ETag)
		e.etags, all = all[:len(e.etags)], all[len(e.etags):]
		e.ETag = e.etags[:k]
	}
}
