package search

import (
	"cmp"
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/fuzzy"
)

// maxSuggestCost is the largest share of a name's letters that may need
// editing for it to be suggested: "hedakes" (3 edits for its 7 letters to
// become "headaches") suggests Tension Headaches, "xylophone" nothing.
const maxSuggestCost = 0.45

// names holds every document's title and aliases as folded words, for
// Suggest. Each distinct word is stored once, so a query word is compared
// with each distinct word once, however many names share it. The lists
// are flat, each item ending where an offset says, so that the index
// keeps a few pointer-free arrays rather than a small object per word and
// per name (see terms, and package strs).
type names struct {
	letters  []rune   // the distinct folded words, end to end
	wordEnd  []uint32 // word id → where it ends in letters
	ids      []int32  // every name's word ids, name after name
	nameEnd  []uint32 // name → where its ids end in ids
	namesEnd []uint32 // doc → where its names end in nameEnd
}

// add records the title and aliases of d as the next document's names.
func (ns *names) add(d *Doc, ids map[string]int32) {
	for _, s := range append([]string{d.Title}, d.Aliases...) {
		for _, w := range nameWords(s) {
			id, ok := ids[string(w)]
			if !ok {
				id = int32(len(ns.wordEnd))
				ids[string(w)] = id
				ns.letters = append(ns.letters, w...)
				ns.wordEnd = append(ns.wordEnd, uint32(len(ns.letters)))
			}
			ns.ids = append(ns.ids, id)
		}
		ns.nameEnd = append(ns.nameEnd, uint32(len(ns.ids)))
	}
	ns.namesEnd = append(ns.namesEnd, uint32(len(ns.nameEnd)))
}

// word returns the letters of word id.
func (ns *names) word(id int) []rune {
	start, end := between(ns.wordEnd, id)
	return ns.letters[start:end]
}

// between returns the start and end of item i of a list whose items end
// where ends says.
func between(ends []uint32, i int) (start, end uint32) {
	if i > 0 {
		start = ends[i-1]
	}
	return start, ends[i]
}

// docNames calls name with the word ids of each name of document doc.
func (ns *names) docNames(doc int, name func([]int32)) {
	from, to := between(ns.namesEnd, doc)
	for n := from; n < to; n++ {
		start, end := between(ns.nameEnd, int(n))
		name(ns.ids[start:end])
	}
}

// done trims the lists to their length: an index keeps them as long as
// it is served.
func (ns *names) done() {
	ns.letters, ns.wordEnd, ns.ids = slices.Clip(ns.letters), slices.Clip(ns.wordEnd), slices.Clip(ns.ids)
	ns.nameEnd, ns.namesEnd = slices.Clip(ns.nameEnd), slices.Clip(ns.namesEnd)
}

// nameWords folds s into words, dropping stop words. Hyphens split words,
// so a URL slug such as "frozen-sholder" works as well as a title.
func nameWords(s string) [][]rune {
	var n [][]rune
	words(s, func(w string, _, _ int) {
		f := fuzzy.Fold(w)
		if !isStop(f) && len(f) <= 4*maxFuzzyRunes {
			n = append(n, []rune(f))
		}
	})
	return n
}

// Suggest returns up to n documents whose title or an alias is closest to
// name, by edit distance between folded words; it is meant for "Did you
// mean" and the not-found page. Each word of name is matched to the
// closest word of a candidate name, and a candidate is suggested when the
// edits needed are at most 45% of name's letters. Closer names come first,
// then lower Weight, then Title.
func (ix *Index) Suggest(name string, n int) []*Doc {
	q := nameWords(cleanQuery(name))
	if len(q) == 0 || n <= 0 {
		return nil
	}
	dist, letters := ix.wordDistances(q)
	type cand struct {
		doc  int
		cost float64
	}
	var cands []cand
	for i := range ix.names.namesEnd {
		best := len(q) * maxFuzzyRunes * 4
		ix.names.docNames(i, func(nm []int32) { best = min(best, nameEdits(dist, nm)) })
		if cost := float64(best) / float64(letters); cost <= maxSuggestCost {
			cands = append(cands, cand{i, cost})
		}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		da, db := &ix.docs[a.doc], &ix.docs[b.doc]
		return cmp.Or(cmp.Compare(a.cost, b.cost), cmp.Compare(da.Weight, db.Weight),
			strings.Compare(da.Title, db.Title))
	})
	out := make([]*Doc, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, &ix.docs[c.doc])
	}
	return out
}

// wordDistances returns, for each word of q, its edit distance to every
// distinct name word (capped just above what Suggest accepts), and the
// number of letters in q.
func (ix *Index) wordDistances(q [][]rune) (dist [][]int, letters int) {
	for _, w := range q {
		letters += len(w)
	}
	// No word may need more edits than the whole query is allowed, so
	// distances stop counting there.
	limit := int(maxSuggestCost*float64(letters)) + 1
	dist = make([][]int, len(q))
	for i, w := range q {
		dist[i] = make([]int, len(ix.names.wordEnd))
		for j := range ix.names.wordEnd {
			dist[i][j] = fuzzy.Distance(w, ix.names.word(j), limit)
		}
	}
	return dist, max(letters, 1)
}

// nameEdits is the edits needed to turn each query word into its closest
// word of the name nm.
func nameEdits(dist [][]int, nm []int32) int {
	edits := 0
	for _, d := range dist {
		best := 1 << 30
		for _, id := range nm {
			best = min(best, d[id])
		}
		if len(nm) == 0 {
			best = 1 << 20
		}
		edits += best
	}
	return edits
}
