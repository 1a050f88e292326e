package search

import (
	"slices"
	"strconv"
	"strings"
)

// Synonyms are groups of words and phrases that mean the same thing to a
// visitor: {"raise", "lift"}, {"everywhere", "all over", "widespread"}.
// They come from content/synonyms.yaml, which the therapist edits, and
// for each other language from its own file (synonyms.es.yaml): an index
// of one language gets that language's groups.
//
// A group becomes one extra term in the index: wherever a page says any
// member ("pain all over the body"), the group's term is indexed at that
// place too, and a query that says any member ("hurts everywhere") searches
// for the group's term beside its own words. A group's term is scored like
// any other word, so a group that almost every page matches ("pain",
// "hurt", "ache") counts for little, as "pain" does on its own.
//
// Members are matched on their terms (folded, stemmed, common words
// dropped), so "lifting" meets "lift" and "bottom of my foot" meets
// "bottom of the foot". Where members overlap, the longest wins: with
// groups {"bottom", "buttock"} and {"bottom of the foot", "sole"},
// "bottom of my foot" means the sole. Members made only of common words
// ("up", "the") can match nothing and are ignored.
type Synonyms [][]string

// synonymWeight is the share of an exact match's score that a match through
// a synonym group gets, so a page using the visitor's own word ranks above
// one using another word for it.
const synonymWeight = 0.8

// phrase is one member of a synonym group, as terms.
type phrase struct {
	keys  []string
	group int32
}

// phrases finds synonym members in sequences of terms: first term → the
// members starting with it, longest first.
type phrases struct {
	byFirst map[string][]phrase
	terms   []int32 // group → its term id in the index, -1 until a page uses it
}

// newPhrases keys every member of syn.
func newPhrases(syn Synonyms, an analyzer) phrases {
	p := phrases{byFirst: make(map[string][]phrase)}
	for g, members := range syn {
		for _, m := range members {
			var keys []string
			words(m, func(w string, _, _ int) {
				if k, ok := an.key(w); ok {
					keys = append(keys, k)
				}
			})
			if len(keys) > 0 {
				p.byFirst[keys[0]] = append(p.byFirst[keys[0]], phrase{keys, int32(g)})
			}
		}
		p.terms = append(p.terms, -1)
	}
	for _, list := range p.byFirst {
		slices.SortStableFunc(list, func(a, b phrase) int { return len(b.keys) - len(a.keys) })
	}
	return p
}

// groupKey is the index term of group g. It starts with a byte no word can
// hold, so no query word or typo reaches it except through a synonym.
func groupKey(g int32) string { return "\x00" + strconv.Itoa(int(g)) }

// isGroupKey reports whether t is a synonym group's term.
func isGroupKey(t string) bool { return strings.HasPrefix(t, "\x00") }

// match is one synonym member found in a sequence of terms: keys[start:end]
// is a member of group.
type match struct {
	start, end int
	group      int32
}

// find returns the members found in keys, scanning left to right and
// taking the longest member at each place; matches do not overlap.
func (p *phrases) find(keys []string) []match {
	var out []match
	for i := 0; i < len(keys); {
		m, ok := p.longestAt(keys, i)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = m.end
	}
	return out
}

func (p *phrases) longestAt(keys []string, i int) (match, bool) {
	for _, ph := range p.byFirst[keys[i]] {
		if i+len(ph.keys) <= len(keys) && slices.Equal(ph.keys, keys[i:i+len(ph.keys)]) {
			return match{i, i + len(ph.keys), ph.group}, true
		}
	}
	return match{}, false
}
