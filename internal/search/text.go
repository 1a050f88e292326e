package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxQueryRunes is where a query is cut; the rest is ignored, not rejected.
const maxQueryRunes = 200

// cleanQuery makes a visitor's query safe to keep and show: invalid UTF-8,
// control and format characters (NUL, U+202E and friends) become spaces,
// runs of spaces collapse, and the query is cut at maxQueryRunes runes.
func cleanQuery(s string) string {
	s = strings.ToValidUTF8(s, " ")
	var b strings.Builder
	n, space := 0, false
	for _, r := range s {
		if n == maxQueryRunes {
			break
		}
		n++
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// words calls fn for every word of s with its byte offsets. A word is a run
// of letters, digits and combining marks; an apostrophe inside a word
// ("don't", "hip’s") stays part of it and is dropped later by key.
func words(s string, fn func(w string, start, end int)) {
	start := -1
	for i, r := range s {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case (r == '\'' || r == '’') && start >= 0:
			// Kept inside the word.
		default:
			if start >= 0 {
				fn(s[start:i], start, i)
				start = -1
			}
		}
	}
	if start >= 0 {
		fn(s[start:], start, len(s))
	}
}

// isWordRune reports whether r belongs in a word: a letter, digit or
// combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// key turns a raw English word into the term the index stores (see
// analyzer.key).
func key(raw string) (string, bool) { return analyzerFor("en").key(raw) }

func hasApostrophe(w string) bool {
	for i := 0; i < len(w); i++ {
		// '’' is encoded as E2 80 99; its first byte starts no other rune
		// that a word can hold here often enough to matter.
		if w[i] == '\'' || w[i] == 0xE2 && strings.HasPrefix(w[i:], "’") {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// stem strips a few English endings so that plural, -ing and -ness forms
// meet their base word: "headaches" and "headache" → "headach", "aching",
// "aches" and "ache" → "ach", "stiffness" → "stiff", "tingling" and
// "tingle" → "tingl". It is a light suffix stripper, not Porter: words of
// three letters or fewer, non-ASCII words and -is/-us/-ss endings
// ("fasciitis", "stress") are left alone.
func stem(w string) string {
	if len(w) <= 3 || !isASCII(w) {
		return w
	}
	n := len(w)
	switch {
	case strings.HasSuffix(w, "ness") && n > 6:
		w = w[:n-4]
	case strings.HasSuffix(w, "ful") && n > 5:
		w = w[:n-3]
	case strings.HasSuffix(w, "ing") && n > 5:
		w = undouble(w[:n-3])
	case strings.HasSuffix(w, "ies") && n > 4, strings.HasSuffix(w, "ied") && n > 4:
		w = w[:n-3] + "y"
	case strings.HasSuffix(w, "ed") && n > 4:
		w = undouble(w[:n-2])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:n-1]
	}
	if len(w) > 3 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// undouble turns "sitt" into "sit" but keeps "stiff", "swell" and "press".
func undouble(w string) string {
	n := len(w)
	if n >= 3 && w[n-1] == w[n-2] && !strings.ContainsRune("lsfz", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}

// isStop reports whether the folded word w is an English stop word
// (stopWords).
func isStop(w string) bool { return englishStop[w] }

// englishStop is the English stop list as a set, built once and never
// changed: isStop is called for every word of every name.
var englishStop = analyzerFor("en").stop
