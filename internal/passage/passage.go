// Package passage owns how a page's passages are held: its paragraphs and
// list items as plain text, each with the heading it sits under, whether
// it is a list item, and the callout it sits in. Search cuts its excerpts
// from them, so a visitor reads whole sentences under their heading.
//
// A served site keeps every page's passages as long as it runs, and the
// garbage collector walks every pointer the heap holds on every
// collection. So a page's passages are one value holding two strings and
// no other pointer: Text, all the texts (and each distinct heading and
// callout name once) end to end, and the records, a fixed-size record per
// passage of offsets into Text. A Builder makes the value while the
// Markdown is walked; Parse checks a value read back from a cache.
package passage

import (
	"errors"
	"fmt"
)

// recSize is the size of one record: six little-endian uint32s, the
// text's offset and length in data, the heading's, the callout's offset
// and its length with itemBit set for a list item.
const recSize = 24

const itemBit = 1 << 31

// Passages are a page's passages, in order. The zero value has none. A
// value is immutable and safe to copy and share.
type Passages struct {
	data string // the texts, headings and callout names, end to end
	recs string // recSize bytes per passage
}

// Len returns the number of passages.
func (p Passages) Len() int { return len(p.recs) / recSize }

// Text returns the text of passage i: one line, words separated by single
// spaces.
func (p Passages) Text(i int) string { return p.str(i, 0) }

// Heading returns the text of the nearest heading above passage i, or ""
// before the first heading.
func (p Passages) Heading(i int) string { return p.str(i, 8) }

// Callout returns the kind of callout passage i sits in ("caution",
// "note"…), or "".
func (p Passages) Callout(i int) string {
	off, n := p.u32(i, 16), p.u32(i, 20)&^itemBit
	return p.data[off : off+n]
}

// Item reports whether passage i is a list item rather than a paragraph.
func (p Passages) Item(i int) bool { return p.u32(i, 20)&itemBit != 0 }

// str returns the string whose offset and length are at field of record i.
func (p Passages) str(i, field int) string {
	off, n := p.u32(i, field), p.u32(i, field+4)
	return p.data[off : off+n]
}

func (p Passages) u32(i, field int) uint32 { return u32(p.recs, i*recSize+field) }

func u32(s string, at int) uint32 {
	return uint32(s[at]) | uint32(s[at+1])<<8 | uint32(s[at+2])<<16 | uint32(s[at+3])<<24
}

// Data and Records return the two strings a value is made of, for a cache
// to store; Parse makes the value again from them.
func (p Passages) Data() string    { return p.data }
func (p Passages) Records() string { return p.recs }

// ErrDamaged is the error of Parse for strings that are not a value's.
var ErrDamaged = errors.New("passages: damaged: the records do not fit the text")

// Parse returns the passages Data and Records returned, checking that
// every record points inside data: a damaged cache entry is an error,
// never a panic later.
func Parse(data, recs string) (Passages, error) {
	if len(recs)%recSize != 0 {
		return Passages{}, fmt.Errorf("%w (%d bytes of records)", ErrDamaged, len(recs))
	}
	for at := 0; at < len(recs); at += recSize {
		for _, f := range [...]int{0, 8, 16} {
			off, n := uint64(u32(recs, at+f)), uint64(u32(recs, at+f+4))
			if f == 16 {
				n &^= itemBit
			}
			if off+n > uint64(len(data)) {
				return Passages{}, fmt.Errorf("%w (passage %d)", ErrDamaged, at/recSize)
			}
		}
	}
	if len(recs) == 0 {
		return Passages{}, nil
	}
	return Passages{data, recs}, nil
}
