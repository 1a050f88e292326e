// Package fuzzy holds the two small word tools that every "did you mean"
// in relief shares, so that search and the content checks agree on what
// "close" means:
//
//   - Distance counts the edits between two words, where a swap of two
//     neighbouring letters ("tpye" for "type") is one edit, as a typing
//     slip on a phone usually is.
//   - Fold lower-cases a word and removes its accents, so "Névralgie",
//     "névralgie" and "nevralgie" are the same word.
package fuzzy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stackRunes is the longest b whose rows Distance keeps on the stack;
// longer words allocate.
const stackRunes = 32

// Distance is the optimal-string-alignment edit distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours each cost
// one). It returns max+1 as soon as the answer must exceed max, so a
// caller that only cares about close words pays little for far ones.
func Distance(a, b []rune, max int) int {
	if abs(len(a)-len(b)) > max {
		return max + 1
	}
	// Three rows of len(b)+1, on the stack for words up to stackRunes
	// letters: callers compare many candidates per word.
	var stack [3 * (stackRunes + 1)]int
	rows := stack[:]
	if n := 3 * (len(b) + 1); n > len(stack) {
		rows = make([]int, n)
	}
	n := len(b) + 1
	prev2, prev, cur := rows[:n:n], rows[n:2*n:2*n], rows[2*n:3*n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		best := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			best = min(best, v)
		}
		if best > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], max+1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Fold lower-cases w and removes accents ("Névralgie" → "nevralgie").
// Plain ASCII words take a fast path that allocates only when a capital
// letter must change.
func Fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i := 0; i < len(w); i++ {
			if 'A' <= w[i] && w[i] <= 'Z' {
				return strings.ToLower(w)
			}
		}
		return w
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	if s, _, err := transform.String(t, w); err == nil {
		w = s
	}
	return strings.ToLower(w)
}
