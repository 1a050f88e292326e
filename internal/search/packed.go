package search

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
)

// The index keeps its two big tables, the postings of every term and the
// words of every summary and body, packed into one byte slice each rather
// than as slices of structs: a pointer-free arena the garbage collector
// never scans, with small numbers stored in one byte. Lists are read front
// to back (rank and passage excerpts walk whole lists); where only a few
// entries of a long list are wanted (collect, a plain body's excerpt),
// skips say where blocks of entries start, so a reader jumps near them.
//
// A term's postings are two lists, so that rank, which reads every
// posting of the query's terms, reads only what it needs. The first holds
// each posting's document, as the difference from the previous posting's
// (postings run in document order, so it is mostly 0 or a few), as an
// unsigned varint, and its score as the four bytes of a float32. The
// second, which only collect reads, holds where in the document it is:
// the instance and field as inst<<3|field and the byte offset of the first
// occurrence, both varints. A token is the difference of its byte offset
// from the previous token's and its term, both varints.

// packed is a list of variable-length lists in one byte slice: list i is
// data[start[i]:start[i+1]].
type packed struct {
	data  []byte
	start []uint32
}

// list returns the bytes of list i.
func (p *packed) list(i int) []byte { return p.data[p.start[i]:p.start[i+1]] }

// packer appends lists to a packed, one at a time.
type packer struct{ p packed }

// postingPacker appends the postings of one term after another to the two
// lists of Index.postings and Index.where, and their skips.
type postingPacker struct {
	scores, where packer
	skips         []skip
	skipStart     []uint32 // term id → its first skip in skips
	n             int      // postings of the current term so far
}

// skipEvery is how many postings a skip covers: collect, which wants
// the postings of fifty documents, jumps to the right block of a long
// list and decodes at most this many postings before the document's.
// Eight costs 2 bytes a posting (the postings take about 8) and keeps
// collect to a few decodes per document and term; 32 made it cost more
// than rank.
const skipEvery = 8

// tokenSkipEvery is how many tokens a tokenSkip covers: an excerpt of a
// plain body jumps near its window instead of reading the body's words
// from the start.
const tokenSkipEvery = 32

// skip marks where a block of skipEvery postings starts in a term's two
// lists (as offsets from the lists' starts), the document of its first
// posting, and of the posting before it (which its first posting's
// document is written relative to).
type skip struct {
	doc, prev int32
	i, j      uint32
}

// end closes the current list.
func (pk *packer) end() {
	if len(pk.p.start) == 0 {
		pk.p.start = append(pk.p.start, 0)
	}
	pk.p.start = append(pk.p.start, uint32(len(pk.p.data)))
}

// done returns the lists, each of its slices copied to its exact size.
func (pk *packer) done() packed {
	if len(pk.p.start) == 0 {
		pk.p.start = []uint32{0}
	}
	return packed{
		data:  append([]byte(nil), pk.p.data...),
		start: append([]uint32(nil), pk.p.start...),
	}
}

func (pk *packer) uvarint(v uint64) { pk.p.data = binary.AppendUvarint(pk.p.data, v) }

// offset returns how many bytes the current list has so far.
func (pk *packer) offset() int {
	if len(pk.p.start) == 0 {
		return len(pk.p.data)
	}
	return len(pk.p.data) - int(pk.p.start[len(pk.p.start)-1])
}

// posting appends p, following a posting of document prev.
func (pk *postingPacker) posting(p posting, prev int32) {
	if len(pk.skipStart) == 0 {
		pk.skipStart = append(pk.skipStart, 0)
	}
	if pk.n%skipEvery == 0 {
		i, j := pk.scores.offset(), pk.where.offset()
		pk.skips = append(pk.skips, skip{doc: p.doc, prev: prev, i: uint32(i), j: uint32(j)})
	}
	pk.n++
	pk.scores.uvarint(uint64(p.doc - prev))
	pk.scores.p.data = binary.LittleEndian.AppendUint32(pk.scores.p.data, math.Float32bits(p.score))
	pk.where.uvarint(uint64(p.inst)<<3 | uint64(p.field))
	pk.where.uvarint(uint64(p.off))
}

// end closes the current term's postings.
func (pk *postingPacker) end() {
	pk.scores.end()
	pk.where.end()
	if len(pk.skipStart) == 0 {
		pk.skipStart = append(pk.skipStart, 0)
	}
	pk.skipStart = append(pk.skipStart, uint32(len(pk.skips)))
	pk.n = 0
}

// token appends t, following a token at byte offset prev.
func (pk *packer) token(t token, prev uint32) {
	pk.uvarint(uint64(t.start - prev))
	pk.uvarint(uint64(t.term))
}

// uvarint decodes the varint at b[i:] and returns it with the offset after
// it. The index wrote every varint, so there is no error to report.
func uvarint(b []byte, i int) (uint64, int) {
	if c := b[i]; c < 0x80 {
		return uint64(c), i + 1
	}
	return uvarintLong(b, i)
}

// uvarintLong is uvarint for a varint of two bytes or more.
func uvarintLong(b []byte, i int) (uint64, int) {
	if c := b[i+1]; c < 0x80 {
		return uint64(b[i]&0x7f) | uint64(c)<<7, i + 2
	}
	v, n := binary.Uvarint(b[i:])
	return v, i + n
}

// postingIter walks one term's packed postings.
type postingIter struct {
	b, w   []byte // the term's lists in Index.postings and Index.where
	i, j   int
	doc    int32
	detail bool // whether next reads w as well
}

// postingsOf returns an iterator over the postings of term that reads
// their documents and scores only: the rest of each posting is zero.
func (ix *Index) postingsOf(term int32) postingIter {
	return postingIter{b: ix.postings.list(int(term))}
}

// detailsOf is postingsOf with every part of each posting.
func (ix *Index) detailsOf(term int32) postingIter {
	return postingIter{b: ix.postings.list(int(term)), w: ix.where.list(int(term)), detail: true}
}

// seek returns a detailsOf iterator over the postings of term that starts
// at or shortly before the first posting of doc, skipping whole blocks.
func (ix *Index) seek(term, doc int32) postingIter {
	it := ix.detailsOf(term)
	sk := ix.skips[ix.skipStart[term]:ix.skipStart[term+1]]
	// The last block whose first posting is of a document before doc:
	// every posting of doc is in it or after it.
	lo, hi := 0, len(sk)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if sk[m].doc < doc {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo > 0 {
		s := sk[lo-1]
		it.i, it.j, it.doc = int(s.i), int(s.j), s.prev
	}
	return it
}

// nextScore is next for rank: the next posting's document and score
// only, or false at the end.
func (it *postingIter) nextScore() (int32, float32, bool) {
	if it.i >= len(it.b) {
		return 0, 0, false
	}
	b, i := it.b, it.i
	if c := b[i]; c < 0x80 {
		it.doc += int32(c)
		i++
	} else {
		var d uint64
		d, i = uvarintLong(b, i)
		it.doc += int32(d)
	}
	it.i = i + 4
	return it.doc, math.Float32frombits(binary.LittleEndian.Uint32(b[i:])), true
}

// next returns the next posting, or false at the end.
func (it *postingIter) next() (posting, bool) {
	if it.i >= len(it.b) {
		return posting{}, false
	}
	var d uint64
	d, it.i = uvarint(it.b, it.i)
	it.doc += int32(d)
	p := posting{doc: it.doc, score: math.Float32frombits(binary.LittleEndian.Uint32(it.b[it.i:]))}
	it.i += 4
	if it.detail {
		var fi, off uint64
		fi, it.j = uvarint(it.w, it.j)
		off, it.j = uvarint(it.w, it.j)
		p.inst, p.field, p.off = uint16(fi>>3), field(fi&7), int32(off)
	}
	return p, true
}

// tokenIter walks the packed tokens of one summary or body.
type tokenIter struct {
	b     []byte
	i     int
	start uint32
	base  uint32 // subtracted from offsets by mark, see there
}

// tokensOf returns an iterator over the tokens of doc's summary or body.
func (ix *Index) tokensOf(doc int32, f field) tokenIter {
	return tokenIter{b: ix.tokens.list(int(doc)*2 + int(f-fieldSummary))}
}

// tokenSkip marks where a block of tokenSkipEvery tokens starts in a list of
// tokens: the byte offset of its first token's word, of the token before
// it (which the first is written relative to), and where it starts in
// the list.
type tokenSkip struct{ start, prev, at uint32 }

// tokensFrom is tokensOf positioned at or shortly before the first token
// at byte offset from or later, skipping whole blocks.
func (ix *Index) tokensFrom(doc int32, f field, from int) tokenIter {
	list := int(doc)*2 + int(f-fieldSummary)
	it := tokenIter{b: ix.tokens.list(list)}
	sk := ix.tokSkips[ix.tokSkipAt[list]:ix.tokSkipAt[list+1]]
	// The last block whose first token is before from.
	i, _ := slices.BinarySearchFunc(sk, uint32(from), func(s tokenSkip, from uint32) int { return cmp.Compare(s.start, from) })
	if i > 0 {
		it.i, it.start = int(sk[i-1].at), sk[i-1].prev
	}
	return it
}

// next returns the next token, or false at the end.
func (it *tokenIter) next() (token, bool) {
	if it.i >= len(it.b) {
		return token{}, false
	}
	b, i := it.b, it.i
	if i+1 < len(b) && b[i] < 0x80 && b[i+1] < 0x80 { // both one byte: most tokens
		it.i, it.start = i+2, it.start+uint32(b[i])
		return token{start: it.start, term: int32(b[i+1])}, true
	}
	var d, term uint64
	d, i = uvarint(b, i)
	term, it.i = uvarint(b, i)
	it.start += uint32(d)
	return token{start: it.start, term: int32(term)}, true
}
