package search

import (
	"cmp"
	"slices"
	"strings"
)

// maxSuggestCost is the largest share of a name's letters that may need
// editing for it to be suggested: "hedakes" (3 edits for its 7 letters to
// become "headaches") suggests Tension Headaches, "xylophone" nothing.
const maxSuggestCost = 0.45

// name is a title or alias as folded words, for Suggest.
type name [][]rune

// docNames returns the folded words of d's title and aliases.
func docNames(d *Doc) []name {
	out := []name{nameWords(d.Title)}
	for _, a := range d.Aliases {
		out = append(out, nameWords(a))
	}
	return out
}

// nameWords folds s into words, dropping stop words. Hyphens split words,
// so a URL slug such as "frozen-sholder" works as well as a title.
func nameWords(s string) name {
	var n name
	words(s, func(w string, _, _ int) {
		f := fold(w)
		if !isStop(f) && len([]rune(f)) <= maxFuzzyRunes {
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
	type cand struct {
		doc  int
		cost float64
	}
	var cands []cand
	for i, names := range ix.names {
		best := maxSuggestCost + 1
		for _, nm := range names {
			best = min(best, nameCost(q, nm))
		}
		if best <= maxSuggestCost {
			cands = append(cands, cand{i, best})
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

// nameCost is the edits needed to turn each word of q into its closest
// word of nm, over the letters of q: 0 is a perfect match.
func nameCost(q, nm name) float64 {
	if len(nm) == 0 {
		return 1
	}
	edits, letters := 0, 0
	for _, w := range q {
		best := len(w)
		for _, c := range nm {
			best = min(best, distance(w, c, best))
		}
		edits += best
		letters += len(w)
	}
	return float64(edits) / float64(max(letters, 1))
}
