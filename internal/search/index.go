package search

import (
	"cmp"
	"encoding/binary"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/relief-massage/relief/internal/passage"
)

// Index is a search index over a fixed set of documents. It is immutable
// after New and safe for concurrent use (its only shared mutable part is a
// sync.Pool of scratch space).
type Index struct {
	an        analyzer // the words of the documents' language
	docs      []Doc
	terms     terms    // term id ↔ term
	postings  packed   // term id → postings' documents and scores, ordered by doc, field, instance (packed.go)
	where     packed   // term id → postings' fields, instances and offsets
	skips     []skip   // blocks of postings, see seek
	skipStart []uint32 // term id → its first skip
	seed      maphash.Seed
	deletions []deletion
	tokens    packed      // doc*2 (+1) → the indexed words of its summary (body), see tokensOf
	tokSkips  []tokenSkip // every tokenSkipEvery tokens of a list, see tokensFrom
	tokSkipAt []uint32    // list → its first entry in tokSkips
	names     names
	order     []int32   // doc → its place when sorted by Weight, then Title
	top       []float32 // term id → its best posting score
	phrases   phrases   // synonym groups, see Synonyms
	scratch   sync.Pool // of *scratch, see getScratch
}

// posting records one term in one field instance (the title, one alias,
// one symptom phrase…) of one document.
type posting struct {
	doc   int32
	off   int32   // byte offset of the term's first occurrence in the instance
	score float32 // boosted BM25 score, see bm25
	inst  uint16
	field field
}

// token is one indexed word of a summary or body, kept so that excerpts
// can mark matches without splitting and stemming text again per search.
type token struct {
	start uint32 // byte offset of the word
	term  int32
}

// field identifies a part of a Doc. Lower values are stronger fields.
type field uint8

const (
	fieldTitle field = iota
	fieldAlias
	fieldSymptom
	fieldHeading
	fieldRegion
	fieldSummary
	fieldBody
	numFields
)

// String returns the name reported in Hit.Field.
func (f field) String() string {
	return [...]string{"title", "alias", "symptom", "heading", "region", "summary", "body"}[f]
}

// instances returns the texts of field f in d: one for single fields, one
// per item for lists.
func (f field) instances(d *Doc) []string {
	switch f {
	case fieldTitle:
		return []string{d.Title}
	case fieldAlias:
		return d.Aliases
	case fieldSymptom:
		return d.Symptoms
	case fieldHeading:
		return d.Headings
	case fieldRegion:
		return d.Regions
	case fieldSummary:
		return []string{d.Summary}
	}
	return []string{d.Body}
}

// bodyTexts returns the texts d's body is indexed from, in order: its
// passages' texts when it has passages (read as if joined by single
// spaces: byte offsets in the body count from the first passage's start,
// and each passage starts one byte after the previous one ends), or Body.
func bodyTexts(d *Doc, buf []string) []string {
	if d.Passages.Len() == 0 {
		return append(buf[:0], d.Body)
	}
	buf = buf[:0]
	for i := range d.Passages.Len() {
		buf = append(buf, d.Passages.Text(i))
	}
	return buf
}

// New builds an index over docs, treating the members of each synonym
// group as one word (syn may be nil). It copies the documents (Hit.Doc
// points at the copies) and replaces invalid UTF-8 in them, so excerpts are
// always valid text. Lists that are valid already (Passages, Aliases...)
// are kept, not copied: they must not change afterwards.
func New(docs []Doc, syn Synonyms) *Index { return NewIn("en", docs, syn) }

// NewIn is New for documents in the language code ("es"): its words are
// stemmed and its stop words dropped as that language's (analyzerFor),
// in the documents, the synonyms and the queries alike.
func NewIn(code string, docs []Doc, syn Synonyms) *Index {
	an := analyzerFor(code)
	ix := &Index{
		an:      an,
		docs:    make([]Doc, len(docs)),
		seed:    maphash.MakeSeed(),
		phrases: newPhrases(syn, an),
	}
	b := &builder{ix: ix, nameIDs: make(map[string]int32), termID: make(map[string]int32)}
	for i := range docs {
		ix.docs[i] = validDoc(docs[i])
		b.addDoc(int32(i))
	}
	b.finish()
	return ix
}

// builder holds what New needs only while building.
type builder struct {
	ix        *Index
	lists     [][]byte    // term id → its postings so far, packed (see flush)
	lastDoc   []int32     // term id → the document of its last posting in lists
	slot      []int32     // term id → its place in inst, or -1
	inst      []pending   // the current instance's postings, in order of first occurrence
	toks      []token     // the current summary's or body's tokens
	tokens    packer      // every summary's and body's tokens
	tokSkips  []tokenSkip // and their skips
	tokSkipAt []uint32
	texts     []string         // the current body's texts, reused
	nameIDs   map[string]int32 // for names.add
	termID    map[string]int32 // term → id, until finish makes Index.terms
	terms     []string         // term id → term
	sum       [numFields]float64
	count     [numFields]float64
	keys      []string // the current instance's terms, reused
	starts    []int    // and their byte offsets
}

// pending is one term's posting in the instance being indexed, until the
// instance's length is known (see flush).
type pending struct {
	id  int32
	off int32  // byte offset of the term's first occurrence
	tf  uint16 // how often the term occurs in the instance
}

// stat is a posting's term frequency and its instance's length in terms.
type stat struct{ tf, length uint16 }

// addDoc indexes every field instance of document i. Postings come out
// ordered by document, field and instance, which is the order rank and
// instances rely on.
func (b *builder) addDoc(i int32) {
	d := &b.ix.docs[i]
	b.ix.names.add(d, b.nameIDs)
	for f := range numFields {
		if f == fieldSummary || f == fieldBody {
			texts := []string{d.Summary}
			if f == fieldBody {
				b.texts = bodyTexts(d, b.texts)
				texts = b.texts
			}
			b.toks = b.toks[:0]
			n := b.addInstance(&b.toks, posting{doc: i, field: f}, texts)
			b.sum[f] += float64(n)
			b.count[f]++
			b.addTokens()
			continue
		}
		for inst, text := range f.instances(d) {
			if inst > math.MaxUint16 {
				break
			}
			n := b.addInstance(nil, posting{doc: i, inst: uint16(inst), field: f}, []string{text})
			b.sum[f] += float64(n)
			b.count[f]++
		}
	}
}

// addTokens packs b.toks as the next list of tokens, with a skip every
// tokenSkipEvery tokens.
func (b *builder) addTokens() {
	b.tokSkipAt = append(b.tokSkipAt, uint32(len(b.tokSkips)))
	prev := uint32(0)
	for i, t := range b.toks {
		if i%tokenSkipEvery == 0 {
			b.tokSkips = append(b.tokSkips, tokenSkip{start: t.start, prev: prev, at: uint32(b.tokens.offset())})
		}
		b.tokens.token(t, prev)
		prev = t.start
	}
	b.tokens.end()
}

// addInstance indexes one field instance, described by proto and made of
// texts (read as if joined by single spaces), and returns its length in
// terms; toks, when not nil, receives its tokens. Synonym groups found in
// the instance are indexed at the place of their first word but do not
// count towards its length.
func (b *builder) addInstance(toks *[]token, proto posting, texts []string) int {
	b.keys, b.starts = b.keys[:0], b.starts[:0]
	base := 0
	for _, text := range texts {
		words(text, func(w string, start, _ int) {
			if k, ok := b.ix.an.key(w); ok {
				b.keys, b.starts = append(b.keys, k), append(b.starts, base+start)
			}
		})
		base += len(text) + 1
	}
	first := 0
	if toks != nil {
		first = len(*toks)
	}
	for i, k := range b.keys {
		b.add(toks, k, b.starts[i])
	}
	for _, m := range b.ix.phrases.find(b.keys) {
		b.add(toks, groupKey(m.group), b.starts[m.start])
	}
	n := len(b.keys)
	b.flush(proto, n)
	if toks != nil {
		slices.SortStableFunc((*toks)[first:], func(a, b token) int { return cmp.Compare(a.start, b.start) })
	}
	return n
}

// add records term k at byte offset start of the current instance.
func (b *builder) add(toks *[]token, k string, start int) {
	id, seen := b.termID[k]
	if !seen {
		id = int32(len(b.terms))
		b.termID[k] = id
		b.terms = append(b.terms, k)
		b.lists = append(b.lists, nil)
		b.lastDoc = append(b.lastDoc, 0)
		b.slot = append(b.slot, -1)
	}
	if toks != nil {
		*toks = append(*toks, token{uint32(start), id})
	}
	if j := b.slot[id]; j >= 0 {
		b.inst[j].tf = min(b.inst[j].tf+1, math.MaxUint16)
		return
	}
	b.slot[id] = int32(len(b.inst))
	b.inst = append(b.inst, pending{id: id, off: int32(start), tf: 1})
}

// flush appends the current instance's postings, described by proto, of
// an instance n terms long, to their terms' lists. A list holds, per
// posting, five varints: the document as the difference from the
// previous posting's, inst<<3|field, the offset, the term frequency and
// the instance's length, about 6 bytes where a posting and its stat take
// 20 (a site of 10,000 pages has millions of postings).
func (b *builder) flush(proto posting, n int) {
	length := uint64(min(n, math.MaxUint16))
	for _, p := range b.inst {
		l := b.lists[p.id]
		l = binary.AppendUvarint(l, uint64(proto.doc-b.lastDoc[p.id]))
		l = binary.AppendUvarint(l, uint64(proto.inst)<<3|uint64(proto.field))
		l = binary.AppendUvarint(l, uint64(p.off))
		l = binary.AppendUvarint(l, uint64(p.tf))
		b.lists[p.id] = binary.AppendUvarint(l, length)
		b.lastDoc[p.id] = proto.doc
		b.slot[p.id] = -1
	}
	b.inst = b.inst[:0]
}

// decode reads the postings flush packed for one term into ps and sts
// (reusing their space), without scores.
func decode(list []byte, ps []posting, sts []stat) ([]posting, []stat) {
	ps, sts = ps[:0], sts[:0]
	doc := int32(0)
	for i := 0; i < len(list); {
		var v [5]uint64
		for k := range v {
			v[k], i = uvarint(list, i)
		}
		doc += int32(v[0])
		ps = append(ps, posting{doc: doc, inst: uint16(v[1] >> 3), field: field(v[1] & 7), off: int32(v[2])})
		sts = append(sts, stat{tf: uint16(v[3]), length: uint16(v[4])})
	}
	return ps, sts
}

// finish computes every posting's BM25 score, the fuzzy index and the
// documents' tie-break order.
func (b *builder) finish() {
	ix := b.ix
	var avgLen [numFields]float64
	for f := range numFields {
		avgLen[f] = max(b.sum[f]/max(b.count[f], 1), 1)
	}
	n := float64(len(ix.docs))
	ix.top = make([]float32, len(b.lists))
	var pk postingPacker
	var ps []posting
	var sts []stat
	for id, list := range b.lists {
		ps, sts = decode(list, ps, sts)
		b.lists[id] = nil // what is packed now is garbage: a large index is never held twice
		df := 0
		for i, p := range ps {
			if i == 0 || ps[i-1].doc != p.doc {
				df++
			}
		}
		idf := math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
		prev := int32(0)
		for i, p := range ps {
			p.score = float32(bm25(p.field, idf, sts[i], avgLen[p.field]))
			ix.top[id] = max(ix.top[id], p.score)
			pk.posting(p, prev)
			prev = p.doc
		}
		pk.end()
	}
	ix.postings, ix.where, ix.tokens = pk.scores.done(), pk.where.done(), b.tokens.done()
	ix.tokSkips, ix.tokSkipAt = slices.Clone(b.tokSkips), append(slices.Clone(b.tokSkipAt), uint32(len(b.tokSkips)))
	ix.skips, ix.skipStart = slices.Clone(pk.skips), slices.Clone(pk.skipStart)
	for g := range ix.phrases.terms {
		if id, ok := b.termID[groupKey(int32(g))]; ok {
			ix.phrases.terms[g] = id
		}
	}
	ix.deletions = buildDeletions(ix.seed, b.terms)
	ix.terms, b.termID, b.terms = newTerms(b.terms), nil, nil
	ix.names.done()
	ix.order = tieOrder(ix.docs)
}

// tieOrder returns each document's place when sorted by Weight, then Title.
func tieOrder(docs []Doc) []int32 {
	byWeight := make([]int32, len(docs))
	for i := range byWeight {
		byWeight[i] = int32(i)
	}
	slices.SortStableFunc(byWeight, func(a, b int32) int {
		da, db := &docs[a], &docs[b]
		return cmp.Or(cmp.Compare(da.Weight, db.Weight), strings.Compare(da.Title, db.Title))
	})
	order := make([]int32, len(docs))
	for place, d := range byWeight {
		order[d] = int32(place)
	}
	return order
}

// validDoc returns d with invalid UTF-8 replaced in every string. A list
// with none keeps its backing array, and valid passages are kept as they
// are: a site's passages, kept for excerpts, are held once (at 10,000
// pages a copy of them was 20 MB).
func validDoc(d Doc) Doc {
	v := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	list := func(ss []string) []string {
		if !slices.ContainsFunc(ss, invalid) {
			return ss
		}
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = v(s)
		}
		return out
	}
	if ps := d.Passages; ps.Len() > 0 {
		if invalid(ps.Data()) {
			var b passage.Builder
			for i := range ps.Len() {
				b.Add(v(ps.Heading(i)), v(ps.Text(i)), ps.Item(i), v(ps.Callout(i)))
			}
			d.Passages = b.Passages()
		}
		d.Body = ""
	}
	d.URL, d.Title, d.Summary, d.Kind, d.Body = v(d.URL), v(d.Title), v(d.Summary), v(d.Kind), v(d.Body)
	d.Aliases, d.Symptoms, d.Regions, d.Headings = list(d.Aliases), list(d.Symptoms), list(d.Regions), list(d.Headings)
	return d
}

func invalid(s string) bool { return !utf8.ValidString(s) }
