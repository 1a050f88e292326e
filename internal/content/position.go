package content

import (
	"bytes"
	"slices"
	"unicode/utf8"
)

// lineIndex turns byte offsets in one text into lines and columns in time
// that does not grow with the text: it finds the line by binary search
// over the lines' starts, and counts the runes before the offset from the
// nearest checkpoint (one every checkpointBytes bytes), not from the start
// of a line that may be a megabyte long. Build it once per text; every
// place that reports a position in a body uses one.
type lineIndex struct {
	src    []byte
	starts []int // offset of the first byte of every line
	runes  []int // runes[k]: runes in src[:k*checkpointBytes], counting lead bytes
}

const checkpointBytes = 64

func newLineIndex(src []byte) *lineIndex {
	x := &lineIndex{src: src, starts: []int{0}, runes: make([]int, 0, len(src)/checkpointBytes+1)}
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		x.starts = append(x.starts, i)
	}
	n := 0
	for k := 0; k <= len(src); k += checkpointBytes {
		x.runes = append(x.runes, n)
		n += leadBytes(src[k:min(k+checkpointBytes, len(src))])
	}
	return x
}

// leadBytes counts the bytes of b that start a rune: in valid UTF-8, its
// runes. An invalid byte counts as one rune, as utf8.RuneCount does.
func leadBytes(b []byte) int {
	n := 0
	for _, c := range b {
		if !utf8.RuneStart(c) {
			continue
		}
		n++
	}
	return n
}

// runesBefore returns how many runes come before offset off.
func (x *lineIndex) runesBefore(off int) int {
	k := off / checkpointBytes
	return x.runes[k] + leadBytes(x.src[k*checkpointBytes:off])
}

// pos returns the 1-based line and column (in runes) of byte offset off,
// which is clamped to the text.
func (x *lineIndex) pos(off int) (line, col int) {
	off = max(0, min(off, len(x.src)))
	i, found := slices.BinarySearch(x.starts, off)
	if !found {
		i--
	}
	return i + 1, x.runesBefore(off) - x.runesBefore(x.starts[i]) + 1
}
