package search

import (
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/strs"
)

// terms holds every term of an index once, without a pointer per term:
// their texts as one strs.List in the order of their ids, and their ids
// in the order of their texts, for lookups by binary search. A served
// site keeps its index as long as it runs, and a map of strings (or a
// list of them) is objects for the collector to mark on every cycle, one
// or more per term.
type terms struct {
	texts  strs.List // term id → its text
	byText []int32   // term ids, sorted by their texts
}

// newTerms returns the terms of list, whose index is a term's id.
func newTerms(list []string) terms {
	t := terms{texts: strs.Of(list), byText: make([]int32, len(list))}
	for i := range t.byText {
		t.byText[i] = int32(i)
	}
	slices.SortFunc(t.byText, func(a, b int32) int { return strings.Compare(list[a], list[b]) })
	return t
}

// at returns the text of term id.
func (t *terms) at(id int32) string { return t.texts.At(int(id)) }

// id returns the id of the term k, and whether there is one.
func (t *terms) id(k string) (int32, bool) {
	i, ok := slices.BinarySearchFunc(t.byText, k, func(id int32, k string) int { return strings.Compare(t.at(id), k) })
	if !ok {
		return -1, false
	}
	return t.byText[i], true
}
