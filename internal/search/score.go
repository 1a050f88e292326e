package search

import (
	"cmp"
	"slices"
	"strings"
)

// BM25 parameters. k1 is how quickly repeats of a word stop counting; b is
// how much a field's length matters. Short fields (names, phrases) barely
// vary in length, so they use a small b.
const (
	k1         = 1.2
	bLong      = 0.75
	bShort     = 0.3
	otherShare = 0.1 // share of a word's weaker fields added to its best field
	maxTerms   = 16  // query terms considered; more only slow things down
)

// boost returns the multiplier of field f. The gaps are wide enough that a
// title or alias match outranks any symptom match, and a symptom match any
// heading, region, summary or body match of the same word.
func (f field) boost() float64 {
	return [...]float64{20, 16, 6, 2.5, 2, 2, 1}[f]
}

func (f field) b() float64 {
	if f == fieldSummary || f == fieldBody {
		return bLong
	}
	return bShort
}

// queryTerm is one distinct word of the query and the vocabulary terms it
// stands for: itself, or its typo neighbours when it is not in the
// vocabulary.
type queryTerm struct {
	word string
	exp  []expansion
}

// expansion is a vocabulary term a query word matched, how many edits
// that took, and whether it is the term of a synonym group.
type expansion struct {
	term  int32
	edits int
	syn   bool
}

// weight is the share of an exact match's score a match through e gets.
func (e expansion) weight() float64 {
	if e.syn {
		return synonymWeight
	}
	return 1 / float64(1+e.edits)
}

// parse splits a cleaned query into distinct terms with their expansions.
// A synonym member in the query becomes one term, even when it has several
// words ("all over"), which searches for its group's term only: the
// members mean the same, so the visitor's own word counts no more than
// its synonyms. Only words that are neither in the vocabulary nor in a
// synonym group are matched with typos.
func (ix *Index) parse(q string) []queryTerm {
	var keys []string
	words(q, func(w string, _, _ int) {
		if k, ok := ix.an.key(w); ok {
			keys = append(keys, k)
		}
	})
	var qs []queryTerm
	matches := ix.phrases.find(keys)
	for i := 0; i < len(keys) && len(qs) < maxTerms; {
		end, group := i+1, int32(-1)
		if len(matches) > 0 && matches[0].start == i {
			end, group = matches[0].end, matches[0].group
			matches = matches[1:]
		}
		t := queryTerm{word: strings.Join(keys[i:end], " ")}
		i = end
		if slices.ContainsFunc(qs, func(o queryTerm) bool { return o.word == t.word }) {
			continue
		}
		switch id, ok := ix.terms.id(t.word); {
		case group >= 0 && ix.phrases.terms[group] >= 0:
			t.exp = []expansion{{term: ix.phrases.terms[group], syn: true}}
		case group >= 0:
			// A synonym no page uses: nothing to find, and no typo to fix.
		case ok:
			t.exp = []expansion{{term: id}}
		default:
			t.exp = ix.fuzzy(t.word)
		}
		qs = append(qs, t)
	}
	return qs
}

// importance is how much matching q can say about a document: the best
// score any document gets for it. "Jaw", in the name of a page, says more
// than "pain", which is on every page, or "afternoon", which one page
// mentions in passing.
func (ix *Index) importance(q queryTerm) float64 {
	w := 0.0
	for _, e := range q.exp {
		w = max(w, float64(ix.top[e.term])*e.weight())
	}
	return w
}

// bm25 is the boosted BM25 score of a term with inverse document
// frequency idf in an instance of field f, where avgLen is the field's
// average instance length. It depends on nothing in the query, so New
// stores it in the posting.
func bm25(f field, idf float64, st stat, avgLen float64) float64 {
	tf := float64(st.tf)
	norm := 1 - f.b() + f.b()*float64(st.length)/avgLen
	return f.boost() * idf * tf * (k1 + 1) / (tf + k1*norm)
}

// scoreFor is a posting's score for a query word matched through e.
func (p posting) scoreFor(e expansion) float64 { return float64(p.score) * e.weight() }

// ranked is a document with its total score and its place among
// documents that score the same (ix.order: by Weight, then Title).
type ranked struct {
	doc, order int32
	score      float64
}

// best is one of the best documents of a search: its place, and the field
// instances it matched (see collect).
type best struct {
	ranked
	insts []instScore
}

// sortBest sorts out by before, by insertion: out holds at most
// MaxHits documents, and the second sort of rank finds them nearly in
// order already; a sort by a comparison function cost 5% of a results
// page.
func sortBest(out []best) {
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && before(out[j].ranked, out[j-1].ranked); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
}

// acc accumulates one document's score during rank. It is kept small:
// rank makes one per document for every search.
type acc struct {
	score    float64
	covered  float32 // summed importance of the query terms matched
	best     float32 // best posting score for the current term
	sum      float32 // sum of posting scores for the current term
	lastTerm uint8   // 1 + index of the last term that touched the document
}

// rank scores every document matching at least one query term and returns
// the best MaxHits, in order, the first n with their matched field
// instances (see collect; the others' insts are nil). A document's score is
// the sum, over query terms, of its best field's score plus otherShare of
// the rest, scaled by coverage: the share of the query's importance it
// matched, squared. The best rerank candidates then earn a bonus for
// phrases that match several query terms at once (see phraseBonus); a
// bonus only raises a candidate, so the order of the documents after them
// needs no instances.
func (ix *Index) rank(qs []queryTerm, n int) []best {
	sc := ix.getScratch()
	defer ix.putScratch(sc)
	accs, all, touched := sc.accs, sc.all[:0], sc.touched[:0] // all: the documents matched so far
	defer func() { sc.all, sc.touched = all, touched }()
	total := 0.0
	for qi, q := range qs {
		w := ix.importance(q)
		total += w
		for _, e := range q.exp {
			it, ew := ix.postingsOf(e.term), float32(e.weight())
			for doc, score, ok := it.nextScore(); ok; doc, score, ok = it.nextScore() {
				s := score * ew
				a := &accs[doc]
				if a.lastTerm == 0 {
					all = append(all, doc)
				}
				if a.lastTerm != uint8(qi+1) {
					a.lastTerm, a.best, a.sum = uint8(qi+1), 0, 0
					touched = append(touched, doc)
				}
				a.best = max(a.best, s)
				a.sum += s
			}
		}
		for _, d := range touched {
			a := &accs[d]
			a.score += float64(a.best) + otherShare*float64(a.sum-a.best)
			a.covered += float32(w)
		}
		touched = touched[:0]
	}
	rs := slices.Grow(sc.ranked[:0], len(all))
	for _, d := range all {
		rs = append(rs, ranked{doc: d, order: ix.order[d], score: accs[d].score * coverage(float64(accs[d].covered), total)})
	}
	sc.ranked = rs
	rs = topRanked(rs, MaxHits)
	out := make([]best, len(rs))
	for i, r := range rs {
		out[i].ranked = r
	}
	sortBest(out)
	if len(qs) > 1 {
		top := out[:min(rerank, len(out))]
		ix.collect(top, qs)
		for i := range top {
			top[i].score += phraseBonus(top[i].insts)
		}
		sortBest(out)
	}
	ix.collect(out[:min(n, len(out))], qs)
	return out
}

// coverage scales a document's score by the share of the query's
// importance it matched, squared: a page that matches the telling words of
// a query strongly beats one that matches every word weakly, but of two
// similar matches the fuller one wins.
func coverage(covered, total float64) float64 {
	if total <= 0 {
		return 1
	}
	c := min(covered/total, 1)
	return c * c
}

// rerank is how many of the best documents by coverage-scaled score are
// checked for phrase bonuses: enough that a bonus can lift a document into
// the results, few enough to keep a search fast on a large site.
const rerank = 30

// phraseShare is the share of a phrase's score added as a bonus for each
// query term beyond the first that it matches.
const phraseShare = 0.5

// phraseBonus rewards a name or phrase (title, alias, symptom, heading)
// of doc that matches several query terms together: "can't lift my arm
// above my head" for "can't raise my arm" is a stronger sign than "arm"
// in one place and "raise" in another.
func phraseBonus(insts []instScore) float64 {
	bonus := 0.0
	for _, s := range insts {
		if s.field > fieldHeading || s.terms < 2 {
			continue
		}
		bonus = max(bonus, s.score*phraseShare*float64(s.terms-1))
	}
	return bonus
}

// before reports whether a comes before b in the results: higher score
// first, then by Weight and Title (precomputed as ix.order). The scores a
// search gives are numbers, never NaN.
func before(a, b ranked) bool {
	return a.score > b.score || a.score == b.score && a.order < b.order
}

// instScore is the summed score of one field instance of a hit.
type instScore struct {
	field field
	inst  uint16
	terms int   // how many query terms matched it
	off   int32 // earliest matched byte offset
	score float64
}

// collect sets the insts of every document in out that has none yet: the
// scores of each of its field instances that matched a query term, in
// field order.
// It reads each document's postings in the order rank did (by query term,
// expansion, then as stored), so each instance's score adds up exactly as
// rank's did.
func (ix *Index) collect(out []best, qs []queryTerm) {
	var counted []int // the instances counted for the current term
	// Each document's instances are gathered in one, then copied to the
	// end of all: one allocation for most searches, not one a document.
	var one, all []instScore
	for i := range out {
		r := &out[i]
		if r.insts != nil {
			continue // collected already
		}
		r.insts = one[:0]
		for _, q := range qs {
			counted = counted[:0]
			for _, e := range q.exp {
				it := ix.seek(e.term, r.doc)
				for p, ok := it.next(); ok && p.doc <= r.doc; p, ok = it.next() {
					if p.doc == r.doc {
						counted = r.add(p, e, counted)
					}
				}
			}
		}
		slices.SortFunc(r.insts, func(a, b instScore) int {
			return cmp.Or(cmp.Compare(a.field, b.field), cmp.Compare(a.inst, b.inst))
		})
		one = r.insts
		if all == nil {
			all = make([]instScore, 0, len(one)*len(out))
		}
		n := len(all)
		all = append(all, one...)
		r.insts = all[n:len(all):len(all)]
	}
}

// add adds posting p, matched through e, to the instance scores of r,
// counting the query term once per instance (counted lists the instances
// already counted for it) and returns counted.
func (r *best) add(p posting, e expansion, counted []int) []int {
	j := slices.IndexFunc(r.insts, func(s instScore) bool { return s.field == p.field && s.inst == p.inst })
	if j < 0 {
		r.insts = append(r.insts, instScore{field: p.field, inst: p.inst, off: p.off})
		j = len(r.insts) - 1
	}
	s := &r.insts[j]
	s.score += p.scoreFor(e)
	s.off = min(s.off, p.off)
	if !slices.Contains(counted, j) {
		counted = append(counted, j)
		s.terms++
	}
	return counted
}

// hit describes one ranked document: its best field instance, the text it
// matched and an excerpt.
func (ix *Index) hit(r best, marks marker) Hit {
	d := &ix.docs[r.doc]
	h := Hit{Doc: d, Score: r.score}
	insts := r.insts
	best := insts[0]
	for _, s := range insts[1:] {
		if s.score > best.score {
			best = s
		}
	}
	h.Field = best.field.String()
	ix.excerptFor(&h, r.doc, best, insts, marks)
	return h
}

// scratch is what one search needs for as long as it ranks: one acc per
// document, and lists of documents. Searches reuse it through a
// sync.Pool, so a search clears only the entries it touched instead of
// allocating and clearing one per document.
type scratch struct {
	accs         []acc
	all, touched []int32
	ranked       []ranked
}

// getScratch returns scratch space with every acc zero.
func (ix *Index) getScratch() *scratch {
	if sc, ok := ix.scratch.Get().(*scratch); ok {
		return sc
	}
	return &scratch{accs: make([]acc, len(ix.docs))}
}

// putScratch clears the accs of the documents in sc.all and returns sc to
// the pool.
func (ix *Index) putScratch(sc *scratch) {
	for _, d := range sc.all {
		sc.accs[d] = acc{}
	}
	ix.scratch.Put(sc)
}

// topRanked reorders s so that its k first by before come first,
// in no particular order, and returns them (quickselect: linear on
// average, where sorting all matches would not be).
func topRanked(s []ranked, k int) []ranked {
	lo, hi := 0, len(s)-1
	for k < len(s) && lo < hi {
		s[(lo+hi)/2], s[hi] = s[hi], s[(lo+hi)/2]
		p, pivot := lo, s[hi]
		for i := lo; i < hi; i++ {
			if before(s[i], pivot) {
				s[i], s[p] = s[p], s[i]
				p++
			}
		}
		s[p], s[hi] = s[hi], s[p]
		switch {
		case p == k:
			return s[:k]
		case p < k:
			lo = p + 1
		default:
			hi = p - 1
		}
	}
	return s[:min(k, len(s))]
}
