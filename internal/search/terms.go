package search

import (
	"slices"
	"strings"
)

// terms holds every term of an index once, without a pointer per term:
// their texts end to end, where each ends, and their ids in the order of
// their texts, for lookups by binary search. A served site keeps its index
// as long as it runs, and a map of strings (or a list of them) is objects
// for the collector to mark on every cycle, one or more per term.
type terms struct {
	text   string
	end    []uint32 // term id → where its text ends in text
	byText []int32  // term ids, sorted by their texts
}

// newTerms returns the terms of list, whose index is a term's id.
func newTerms(list []string) terms {
	var t terms
	n := 0
	for _, s := range list {
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	t.end = make([]uint32, len(list))
	t.byText = make([]int32, len(list))
	for i, s := range list {
		b.WriteString(s)
		t.end[i], t.byText[i] = uint32(b.Len()), int32(i)
	}
	t.text = b.String()
	slices.SortFunc(t.byText, func(a, b int32) int { return strings.Compare(list[a], list[b]) })
	return t
}

// at returns the text of term id.
func (t *terms) at(id int32) string {
	start, end := between(t.end, int(id))
	return t.text[start:end]
}

// id returns the id of the term k, and whether there is one.
func (t *terms) id(k string) (int32, bool) {
	i, ok := slices.BinarySearchFunc(t.byText, k, func(id int32, k string) int { return strings.Compare(t.at(id), k) })
	if !ok {
		return -1, false
	}
	return t.byText[i], true
}
