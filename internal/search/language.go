package search

import (
	"strings"

	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/spanish"

	"github.com/relief-massage/relief/internal/fuzzy"
)

// analyzer turns the words of one language into index terms: its stop
// words are dropped, the rest are folded (case and accents, package
// fuzzy) and stemmed, so that "Dolores" and "dolor", "ciática" and
// "ciatica" meet.
type analyzer struct {
	stop func(folded, lower string) bool
	stem func(folded string) string
}

// analyzerFor returns the analyzer of the language code: English (the
// light stemmer of text.go, tuned for the words visitors type), and the
// Snowball stemmers and stop words (github.com/kljensen/snowball) of
// Spanish and French. Any other language gets folding without stemming
// or stop words: every word still matches itself, with typos.
func analyzerFor(code string) analyzer {
	base, _, _ := strings.Cut(code, "-")
	switch base {
	case "", "en":
		return analyzer{stop: func(f, _ string) bool { return isStop(f) }, stem: stem}
	case "es":
		return analyzer{
			stop: func(f, l string) bool { return spanish.IsStopWord(l) || spanish.IsStopWord(f) },
			stem: func(f string) string { return fuzzy.Fold(spanish.Stem(f, true)) },
		}
	case "fr":
		return analyzer{
			stop: func(f, l string) bool { return french.IsStopWord(l) || french.IsStopWord(f) },
			stem: func(f string) string { return fuzzy.Fold(french.Stem(f, true)) },
		}
	}
	return analyzer{stop: func(string, string) bool { return false }, stem: func(f string) string { return f }}
}

// key turns a raw word into the term the index stores: folded, without
// apostrophes, stemmed. It reports false for stop words and empty
// results.
func (a analyzer) key(raw string) (string, bool) {
	w := fuzzy.Fold(raw)
	if hasApostrophe(w) {
		w = strings.NewReplacer("'", "", "’", "").Replace(w)
	}
	if w == "" || a.stop(w, strings.ToLower(raw)) {
		return "", false
	}
	return a.stem(w), true
}
