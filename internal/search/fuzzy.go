package search

import (
	"hash/maphash"
	"slices"

	"github.com/relief-massage/relief/internal/fuzzy"
)

// Fuzzy lookup uses a symmetric deletion index (the "SymSpell" idea): two
// words are within k edits only if deleting at most k letters from each
// can make them equal. At New every vocabulary term stores the hashes of
// its deletion variants (one letter for terms of 3+ letters, two for 6+);
// a query word generates its own variants, finds candidates by binary
// search, and only those few candidates pay for a real edit distance.
// A linear Levenshtein scan over the whole vocabulary would cost tens of
// microseconds per query word at 1,000 documents; this costs a handful of
// lookups. Entries hold hashes, not strings, so the table stays small;
// a rare hash collision only adds a candidate that the distance check drops.

// maxFuzzyRunes bounds the words fuzzy matching considers, so a hostile
// 200-letter "word" cannot make thousands of variants.
const maxFuzzyRunes = 32

// deletion is one entry of the deletion index: the hash of a variant and
// the term it came from.
type deletion struct {
	hash uint64
	term int32
}

// maxEdits is the typo tolerance for a query term of n runes: none below 4,
// one edit from 4, two from 8.
func maxEdits(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// buildDeletions returns the sorted deletion index for terms.
func buildDeletions(seed maphash.Seed, terms []string) []deletion {
	var out []deletion
	var hs []uint64
	for id, t := range terms {
		if isGroupKey(t) {
			continue
		}
		r := []rune(t)
		if len(r) < 3 || len(r) > maxFuzzyRunes {
			continue
		}
		k := 1
		if len(r) >= 6 {
			k = 2
		}
		hs = variants(seed, r, k, hs[:0])
		slices.Sort(hs)
		for _, h := range slices.Compact(hs) {
			out = append(out, deletion{h, int32(id)})
		}
	}
	slices.SortFunc(out, func(a, b deletion) int {
		if a.hash != b.hash {
			return cmpUint(a.hash, b.hash)
		}
		return int(a.term - b.term)
	})
	return slices.Clip(out)
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// variants appends to dst the hashes of w and of every string made by
// deleting up to k runes from it.
func variants(seed maphash.Seed, w []rune, k int, dst []uint64) []uint64 {
	dst = append(dst, maphash.String(seed, string(w)))
	if k == 0 || len(w) <= 1 {
		return dst
	}
	var stack [maxFuzzyRunes]rune // each call its own: w may be its caller's
	buf := stack[:0]
	if len(w)-1 > len(stack) {
		buf = make([]rune, len(w)-1)
	}
	buf = buf[:len(w)-1]
	for i := range w {
		copy(buf, w[:i])
		copy(buf[i:], w[i+1:])
		dst = variants(seed, buf, k-1, dst)
	}
	return dst
}

// fuzzy returns the terms within maxEdits of the query term q (which is
// not itself in the vocabulary) with their edit distances.
func (ix *Index) fuzzy(q string) []expansion {
	r := []rune(q)
	k := maxEdits(len(r))
	if k == 0 || len(r) > maxFuzzyRunes {
		return nil
	}
	var out []expansion
	var hs [128]uint64 // up to n*n+1 variants of a word of n letters: on the stack to 11 letters
	for _, h := range variants(ix.seed, r, k, hs[:0]) {
		i, _ := slices.BinarySearchFunc(ix.deletions, h, func(d deletion, h uint64) int {
			return cmpUint(d.hash, h)
		})
		for ; i < len(ix.deletions) && ix.deletions[i].hash == h; i++ {
			t := ix.deletions[i].term
			if slices.ContainsFunc(out, func(e expansion) bool { return e.term == t }) {
				continue
			}
			if d := fuzzy.Distance(r, []rune(ix.terms.at(t)), k); d <= k {
				out = append(out, expansion{term: t, edits: d})
			}
		}
	}
	return out
}
