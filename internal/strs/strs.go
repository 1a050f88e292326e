// Package strs provides List, a list of strings kept without a pointer per
// string: their texts end to end in one string, and where each ends. A list
// a server keeps as long as it runs (a search index's terms, the names of
// the files a site was loaded from) is, as a []string or the keys of a map,
// one object per string for the garbage collector to mark on every cycle;
// a List is two objects, however long it is.
package strs

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// List is a list of strings stored as one string and the offsets where
// each ends. Its zero value is the empty list. A List never changes once
// made (see Of), so any number of goroutines may read it at once.
type List struct {
	text string
	ends []uint32 // string i is text[ends[i-1]:ends[i]], the first from 0
}

// Of returns a List of the strings of list, in their order. It copies
// them: list is not kept. It panics if the strings add up to more than
// 4 GiB, which the offsets cannot say.
func Of(list []string) List {
	n := 0
	for _, s := range list {
		n += len(s)
	}
	if n > math.MaxUint32 {
		panic(fmt.Sprintf("strs: %d bytes of strings, more than a List holds (4 GiB)", n))
	}
	var b strings.Builder
	b.Grow(n)
	ends := make([]uint32, len(list))
	for i, s := range list {
		b.WriteString(s)
		ends[i] = uint32(b.Len())
	}
	return List{text: b.String(), ends: ends}
}

// Len returns the number of strings in l.
func (l *List) Len() int { return len(l.ends) }

// At returns the i-th string of l, counting from 0. It panics if i is not
// in [0, l.Len()), as indexing a slice does.
func (l *List) At(i int) string {
	start := uint32(0)
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.text[start:l.ends[i]]
}

// Search looks for s in l by halves, which needs l's strings in
// increasing order (as strings.Compare orders them, byte by byte). It
// returns the index of s and true when l has it, else the index where s
// would go to keep the order (l.Len() when after every string) and false.
// In a list that is not in order its answer means nothing. With strings
// that appear more than once, it returns the first.
func (l *List) Search(s string) (int, bool) {
	return sort.Find(len(l.ends), func(i int) int { return strings.Compare(s, l.At(i)) })
}
