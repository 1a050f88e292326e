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
	stop map[string]bool // stopWords, as typed (lower-cased) or folded
	stem func(folded string) string
}

// Stemmers, by the name Analysis gives them.
const (
	stemEnglish = "en" // the light stemmer of text.go
	stemSpanish = "es" // Snowball
	stemFrench  = "fr" // Snowball
)

// stemmerName returns which stemmer the language code uses: English (the
// light stemmer of text.go, tuned for the words visitors type), the
// Snowball stemmers (github.com/kljensen/snowball) of Spanish and French,
// or none ("") for any other language, whose words still match
// themselves, with typos.
func stemmerName(code string) string {
	switch base, _, _ := strings.Cut(code, "-"); base {
	case "", "en":
		return stemEnglish
	case "es":
		return stemSpanish
	case "fr":
		return stemFrench
	}
	return ""
}

// analyzerFor returns the analyzer of the language code: its stopWords and
// its stemmer (stemmerName).
func analyzerFor(code string) analyzer {
	a := analyzer{stop: make(map[string]bool), stem: func(f string) string { return f }}
	for _, w := range stopWords(code) {
		a.stop[w] = true
	}
	switch stemmerName(code) {
	case stemEnglish:
		a.stem = stem
	case stemSpanish:
		a.stem = func(f string) string { return fuzzy.Fold(spanish.Stem(f, true)) }
	case stemFrench:
		a.stem = func(f string) string { return fuzzy.Fold(french.Stem(f, true)) }
	}
	return a
}

// Analysis is how an index of one language turns words into terms, for a
// search that runs outside this package: the static export's script
// (static/js/search.js, built from scripts/search) repeats it exactly.
// A word is a run of letters, digits and combining marks, with
// apostrophes inside it; it is dropped when, lower-cased or folded
// (fuzzy.Fold, apostrophes removed), it is one of Stop; otherwise its
// folded form is stemmed by Stemmer and folded again.
type Analysis struct {
	// Stemmer is "en" (the light English stemmer of text.go), "es" or
	// "fr" (Snowball's Spanish or French), or "" (none).
	Stemmer string `json:"stemmer"`
	// Stop lists the language's common words (stopWords).
	Stop []string `json:"stop"`
}

// AnalysisOf returns the Analysis of the language code, the one NewIn
// uses.
func AnalysisOf(code string) Analysis {
	return Analysis{Stemmer: stemmerName(code), Stop: stopWords(code)}
}

// key turns a raw word into the term the index stores: folded, without
// apostrophes, stemmed. It reports false for stop words and empty
// results.
func (a analyzer) key(raw string) (string, bool) {
	w := fuzzy.Fold(raw)
	if hasApostrophe(w) {
		w = strings.NewReplacer("'", "", "’", "").Replace(w)
	}
	if w == "" || a.stop[w] || a.stop[strings.ToLower(raw)] {
		return "", false
	}
	return a.stem(w), true
}
