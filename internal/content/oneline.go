package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// oneLine returns s with each run of white space made one space and none
// at either end: strings.Join(strings.Fields(s), " "), byte for byte, in
// one pass and one allocation (the text of every paragraph and page goes
// through it while the content loads, and the slice of fields cost more
// than the words). Most paragraphs already are one line, and for them it
// returns s itself, allocating nothing.
func oneLine(s string) string {
	if isOneLine(s) {
		return s
	}
	var b strings.Builder
	start := -1 // where the current word starts, or -1 between words
	word := func(end int) {
		if b.Len() == 0 {
			b.Grow(len(s) - start)
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(s[start:end])
		start = -1
	}
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case unicode.IsSpace(r):
			if start >= 0 {
				word(i)
			}
		case start < 0:
			start = i
		}
		i += n
	}
	if start >= 0 {
		word(len(s))
	}
	return b.String()
}

// isOneLine reports whether oneLine(s) is s: its only white space is
// single ASCII spaces between words.
func isOneLine(s string) bool {
	space := true // a space here would be at the start
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false
			}
			space = false
			i += n
			continue
		}
		switch c {
		case ' ':
			if space {
				return false
			}
			space = true
		case '\t', '\n', '\v', '\f', '\r':
			return false
		default:
			space = false
		}
		i++
	}
	return s == "" || !space
}
