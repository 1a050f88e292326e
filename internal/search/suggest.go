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
// with each distinct word once, however many names share it.
type names struct {
	words [][]rune    // distinct folded words
	docs  [][][]int32 // doc → its names → word ids
}

// add records the title and aliases of d as the next document's names.
func (ns *names) add(d *Doc, ids map[string]int32) {
	var list [][]int32
	for _, s := range append([]string{d.Title}, d.Aliases...) {
		var name []int32
		for _, w := range nameWords(s) {
			id, ok := ids[string(w)]
			if !ok {
				id = int32(len(ns.words))
				ids[string(w)] = id
				ns.words = append(ns.words, w)
			}
			name = append(name, id)
		}
		list = append(list, name)
	}
	ns.docs = append(ns.docs, list)
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
	for i, list := range ix.names.docs {
		best := len(q) * maxFuzzyRunes * 4
		for _, nm := range list {
			best = min(best, nameEdits(dist, nm))
		}
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
		dist[i] = make([]int, len(ix.names.words))
		for j, c := range ix.names.words {
			dist[i][j] = fuzzy.Distance(w, c, limit)
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
