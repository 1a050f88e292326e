package passage

import (
	"encoding/binary"
	"unsafe"
)

// Builder makes a page's Passages, one passage at a time. The zero value
// is ready to use.
type Builder struct {
	data []byte
	recs []byte
	// heading is the last heading added and where it is in data.
	heading      string
	headOff      uint32
	headingFound bool
	// callouts are the callout names added so far and where they are.
	callouts []named
}

type named struct {
	name string
	off  uint32
}

// Grow makes room for about text bytes of texts and n passages, so that
// adding them does not copy what was added before.
func (b *Builder) Grow(text, n int) {
	if b.data == nil {
		b.data = make([]byte, 0, text)
		b.recs = make([]byte, 0, n*recSize)
	}
}

// Add appends a passage: its text, the heading above it (stored once for
// the passages that follow it), whether it is a list item, and its
// callout ("" for none). A page is far smaller than the 2 GiB the
// offsets can reach (guard limits its size).
func (b *Builder) Add(heading, text string, item bool, callout string) {
	if !b.headingFound || heading != b.heading {
		b.heading, b.headOff, b.headingFound = heading, b.put(heading), true
	}
	calloutOff := uint32(0)
	if callout != "" {
		calloutOff = b.calloutAt(callout)
	}
	textOff := b.put(text)
	flags := uint32(len(callout))
	if item {
		flags |= itemBit
	}
	for _, v := range [...]uint32{textOff, uint32(len(text)), b.headOff, uint32(len(heading)), calloutOff, flags} {
		b.recs = binary.LittleEndian.AppendUint32(b.recs, v)
	}
}

// calloutAt returns where the callout name is in data, storing it the
// first time.
func (b *Builder) calloutAt(name string) uint32 {
	for _, c := range b.callouts {
		if c.name == name {
			return c.off
		}
	}
	off := b.put(name)
	b.callouts = append(b.callouts, named{name, off})
	return off
}

// put appends s to data and returns its offset.
func (b *Builder) put(s string) uint32 {
	off := uint32(len(b.data))
	b.data = append(b.data, s...)
	return off
}

// Len returns the number of passages added.
func (b *Builder) Len() int { return len(b.recs) / recSize }

// Passages returns the passages added and empties the Builder, which may
// be used again for another page. The value takes the Builder's memory
// when little of it is unused (a served site keeps it), and an exact copy
// otherwise.
func (b *Builder) Passages() Passages {
	p := Passages{}
	if len(b.recs) > 0 {
		p = Passages{keep(b.data), keep(b.recs)}
	}
	*b = Builder{}
	return p
}

// keep returns s as a string: s itself when at most a fifth of its
// capacity is unused (nothing writes to it afterwards), else a copy.
func keep(s []byte) string {
	if cap(s)-len(s) > len(s)/4 {
		return string(s)
	}
	return unsafe.String(unsafe.SliceData(s), len(s))
}
