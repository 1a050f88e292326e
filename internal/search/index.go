package search

import (
	"cmp"
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"sync"
)

// Index is a search index over a fixed set of documents. It is immutable
// after New and safe for concurrent use (its only shared mutable part is a
// sync.Pool of scratch space).
type Index struct {
	docs      []Doc
	termID    map[string]int32
	terms     []string    // term id → term
	postings  [][]posting // term id → postings, ordered by doc, field, instance
	idf       []float64   // term id → inverse document frequency
	avgLen    [numFields]float64
	seed      maphash.Seed
	deletions []deletion
	tokens    [][2][]token // doc → the indexed words of its summary and body
	names     names
	order     []int32   // doc → its place when sorted by Weight, then Title
	scratch   sync.Pool // of *[]acc, see Index.accs
}

// posting records one term in one field instance (the title, one alias,
// one symptom phrase…) of one document.
type posting struct {
	doc    int32
	off    int32 // byte offset of the term's first occurrence in the instance
	inst   uint16
	tf     uint16 // occurrences in the instance
	length uint16 // terms in the instance
	field  field
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

// New builds an index over docs. It copies the documents (Hit.Doc points at
// the copies) and replaces invalid UTF-8 in them, so excerpts are always
// valid text.
func New(docs []Doc) *Index {
	ix := &Index{
		docs:   make([]Doc, len(docs)),
		termID: make(map[string]int32),
		seed:   maphash.MakeSeed(),
	}
	ix.tokens = make([][2][]token, len(docs))
	nameIDs := make(map[string]int32)
	var sum, count [numFields]float64
	counts := make(map[int32]*posting)
	for i := range docs {
		d := validDoc(docs[i])
		ix.docs[i] = d
		ix.names.add(&d, nameIDs)
		for f := range numFields {
			for inst, text := range f.instances(&d) {
				if inst > math.MaxUint16 {
					break
				}
				var toks *[]token
				if f == fieldSummary || f == fieldBody {
					toks = &ix.tokens[i][f-fieldSummary]
				}
				n := ix.addInstance(counts, toks, int32(i), f, uint16(inst), text)
				sum[f] += float64(n)
				count[f]++
			}
		}
	}
	for f := range numFields {
		ix.avgLen[f] = max(sum[f]/max(count[f], 1), 1)
	}
	ix.finish()
	return ix
}

// addInstance indexes one field instance and returns its length in terms.
// counts is scratch space, reused between calls; toks, when not nil,
// receives the instance's tokens.
func (ix *Index) addInstance(counts map[int32]*posting, toks *[]token, doc int32, f field, inst uint16, text string) int {
	clear(counts)
	n := 0
	words(text, func(w string, start, _ int) {
		k, ok := key(w)
		if !ok {
			return
		}
		n++
		id, seen := ix.termID[k]
		if !seen {
			id = int32(len(ix.terms))
			ix.termID[k] = id
			ix.terms = append(ix.terms, k)
			ix.postings = append(ix.postings, nil)
		}
		if toks != nil {
			*toks = append(*toks, token{uint32(start), id})
		}
		if p := counts[id]; p != nil {
			p.tf = min(p.tf+1, math.MaxUint16)
			return
		}
		counts[id] = &posting{doc: doc, off: int32(start), inst: inst, tf: 1, field: f}
	})
	if toks != nil {
		*toks = slices.Clip(*toks)
	}
	for id, p := range counts {
		p.length = uint16(min(n, math.MaxUint16))
		ix.postings[id] = append(ix.postings[id], *p)
	}
	return n
}

// finish sorts postings, trims them and computes idf and the fuzzy index.
func (ix *Index) finish() {
	ix.idf = make([]float64, len(ix.terms))
	n := float64(len(ix.docs))
	for id, ps := range ix.postings {
		slices.SortFunc(ps, comparePostings)
		ix.postings[id] = slices.Clip(ps)
		df := 0
		for i, p := range ps {
			if i == 0 || ps[i-1].doc != p.doc {
				df++
			}
		}
		ix.idf[id] = math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
	}
	ix.deletions = buildDeletions(ix.seed, ix.terms)
	byWeight := make([]int32, len(ix.docs))
	for i := range byWeight {
		byWeight[i] = int32(i)
	}
	slices.SortStableFunc(byWeight, func(a, b int32) int {
		da, db := &ix.docs[a], &ix.docs[b]
		return cmp.Or(cmp.Compare(da.Weight, db.Weight), strings.Compare(da.Title, db.Title))
	})
	ix.order = make([]int32, len(ix.docs))
	for place, d := range byWeight {
		ix.order[d] = int32(place)
	}
}

func comparePostings(a, b posting) int {
	switch {
	case a.doc != b.doc:
		return int(a.doc - b.doc)
	case a.field != b.field:
		return int(a.field) - int(b.field)
	}
	return int(a.inst) - int(b.inst)
}

// validDoc returns d with invalid UTF-8 replaced in every string.
func validDoc(d Doc) Doc {
	v := func(s string) string { return strings.ToValidUTF8(s, "\uFFFD") }
	list := func(ss []string) []string {
		out := make([]string, len(ss))
		for i, s := range ss {
			out[i] = v(s)
		}
		return out
	}
	d.URL, d.Title, d.Summary, d.Kind, d.Body = v(d.URL), v(d.Title), v(d.Summary), v(d.Kind), v(d.Body)
	d.Aliases, d.Symptoms, d.Regions, d.Headings = list(d.Aliases), list(d.Symptoms), list(d.Regions), list(d.Headings)
	return d
}
