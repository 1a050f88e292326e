package passage

import (
	"encoding/binary"
	"unsafe"
)

// Builder makes a page's Passages, one passage at a time. The zero value
// is ready to use.
//
// A passage's text may be written into the Builder (Write, WriteByte),
// read back (Written) and added without a copy (AddWritten): the Markdown
// walk writes each paragraph's text once, for its passage and for the
// reading-level sentences that view it.
type Builder struct {
	data []byte
	recs []byte
	// start is where the text being written begins in data; dead counts
	// the bytes of data no passage uses (written, then not added).
	start, dead int
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
// callout ("" for none). Text written and not added is left unused. A
// page is far smaller than the 2 GiB the offsets can reach (guard limits
// its size).
func (b *Builder) Add(heading, text string, item bool, callout string) {
	b.dead += len(b.data) - b.start
	b.add(heading, b.put(text), len(text), item, callout)
}

// AddWritten appends a passage whose text is Written, as Add does.
func (b *Builder) AddWritten(heading string, item bool, callout string) {
	b.add(heading, uint32(b.start), len(b.data)-b.start, item, callout)
}

// Write appends p to the text being written.
func (b *Builder) Write(p []byte) { b.data = append(b.data, p...) }

// WriteByte appends c to the text being written; it returns nil.
func (b *Builder) WriteByte(c byte) error {
	b.data = append(b.data, c)
	return nil
}

// Written returns the text written since the last passage was added. The
// string stays valid and unchanged whatever is written or added later.
func (b *Builder) Written() string {
	if len(b.data) == b.start {
		return ""
	}
	return unsafe.String(&b.data[b.start], len(b.data)-b.start)
}

// add appends the record of a passage whose text is at data[off:off+n].
func (b *Builder) add(heading string, off uint32, n int, item bool, callout string) {
	if !b.headingFound || heading != b.heading {
		b.heading, b.headOff, b.headingFound = heading, b.put(heading), true
	}
	calloutOff := uint32(0)
	if callout != "" {
		calloutOff = b.calloutAt(callout)
	}
	flags := uint32(len(callout))
	if item {
		flags |= itemBit
	}
	for _, v := range [...]uint32{off, uint32(n), b.headOff, uint32(len(heading)), calloutOff, flags} {
		b.recs = binary.LittleEndian.AppendUint32(b.recs, v)
	}
	b.start = len(b.data)
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
	p, dead := Passages{}, b.dead+len(b.data)-b.start
	if len(b.recs) > 0 {
		p = Passages{keep(b.data), keep(b.recs)}
	}
	*b = Builder{}
	if dead > len(p.data)/8 {
		// Texts written and not added: a copy without them.
		for i := range p.Len() {
			b.Add(p.Heading(i), p.Text(i), p.Item(i), p.Callout(i))
		}
		p = b.Passages()
	}
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
