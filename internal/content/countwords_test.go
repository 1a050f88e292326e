package content

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// countWordsPlain and syllablesPlain are countWords and Syllables as they
// were before their ASCII fast paths, rune by rune through package
// unicode: the reference the fast ones must agree with.
func countWordsPlain(s string) (words, syllables int) {
	start, inWord, joined := -1, false, false
	flush := func(end int) {
		if start >= 0 && end > start {
			syllables += syllablesPlain(s[start:end])
		}
		start = -1
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '\'' || r == '’') && start >= 0:
			if start < 0 {
				start = i
			}
			if !inWord && !joined {
				words++
			}
			inWord, joined = true, false
		case r == '-' && inWord:
			flush(i)
			inWord, joined = false, true
		default:
			flush(i)
			inWord, joined = false, false
		}
	}
	flush(len(s))
	return words, syllables
}

func syllablesPlain(word string) int {
	var buf [40]byte
	w := buf[:0]
	for _, r := range word {
		switch {
		case r == '\'' || r == '’':
		case r < 128:
			w = append(w, byte(unicode.ToLower(r)))
		default:
			w = append(w, 'x')
		}
	}
	if len(w) == 0 {
		return 0
	}
	if w[0] >= '0' && w[0] <= '9' {
		return 1
	}
	if n, ok := syllableExceptions[string(w)]; ok {
		return n
	}
	return syllablesByRule(w)
}

var countWordsSamples = []string{
	"", " ", "Gentle, regular movement beats occasional intense exercise.",
	"Well-being and self-care: it's the client’s choice -- really - twice-weekly.",
	"- leading hyphen", "trailing-", "a--b", "'quoted' words' end", "’tis", "e.g. 3.5 cm, 100% effective",
	"Café crème brûlée, naïve façade: ÉCOLE Straße", "THERAPY Massage SCIATICA People",
	"\xff bad \xfe\xfd utf8 \xe2\x80 word\xffword", "x\u00a0y\u2003z 三 ١٢٣ word٣",
	"supercalifragilisticexpialidociousandthensomemorelettersbeyondforty",
}

// TestCountWordsSameAsPlain: the fast counts are the plain ones.
func TestCountWordsSameAsPlain(t *testing.T) {
	for _, s := range countWordsSamples {
		checkCountsSameAsPlain(t, s)
	}
}

// checkCountsSameAsPlain holds countWords and Syllables to the plain
// versions on s.
func checkCountsSameAsPlain(t *testing.T, s string) {
	t.Helper()
	gw, gs := countWords(s)
	ww, ws := countWordsPlain(s)
	if gw != ww || gs != ws {
		t.Errorf("countWords(%q) = %d words, %d syllables; want %d, %d", s, gw, gs, ww, ws)
	}
	if got, want := Syllables(s), syllablesPlain(s); got != want {
		t.Errorf("Syllables(%q) = %d, want %d", s, got, want)
	}
}

// FuzzCountWords holds countWords and Syllables to the plain versions on
// any input.
func FuzzCountWords(f *testing.F) {
	for _, s := range countWordsSamples {
		f.Add(s)
	}
	f.Fuzz(checkCountsSameAsPlain)
}

// TestPromiseStems: every promise word holds one of the stems that
// hasPromiseWord looks for, so the quick test lets every promise through
// to the exact one.
func TestPromiseStems(t *testing.T) {
	for _, p := range promises {
		if !hasPromiseWord("It " + strings.ToUpper(p) + ".") {
			t.Errorf("hasPromiseWord misses the promise word %q: add a stem of it to promiseStems", p)
		}
	}
}

// hasPromiseWordPlain is hasPromiseWord as it was before it folded ASCII
// in place: a lower-case copy of s searched for each stem.
func hasPromiseWordPlain(s string) bool {
	lower := strings.ToLower(s)
	return slices.ContainsFunc(promiseStems, func(p string) bool { return strings.Contains(lower, p) })
}

var promiseSamples = []string{
	"", "Massage can ease pain.", "It CURES everything", "a Miraculous, Guaranteed fix", "100% Effective!",
	"risk-free", "RISK-FREE", "instant  relief", "Instant Relief", "pErMaNeNtLy", "heal", "HEALS.",
	"curİng", "rıs\u212a-free", "healſ", "guarante", "cur", "naïve café — “cure” …", "\xe2", "c",
}

// FuzzPromiseWord holds hasPromiseWord to the plain version: the same
// answer, except that it lets through a text with the Kelvin sign or the
// long s (which promiseRE folds to k and s) and may miss one with a
// dotted capital I, which the plain version lower-cased to i but promiseRE
// never matches as i.
func FuzzPromiseWord(f *testing.F) {
	for _, s := range promiseSamples {
		f.Add(s)
	}
	f.Fuzz(checkPromiseSameAsPlain)
}

func TestPromiseWordSameAsPlain(t *testing.T) {
	for _, s := range promiseSamples {
		checkPromiseSameAsPlain(t, s)
	}
}

func checkPromiseSameAsPlain(t *testing.T, s string) {
	got, want := hasPromiseWord(s), hasPromiseWordPlain(s)
	switch {
	case got == want:
	case got && strings.ContainsAny(s, "\u212a\u017f"):
	case !got && strings.ContainsRune(s, '\u0130'):
	default:
		t.Errorf("hasPromiseWord(%q) = %v, the plain version says %v", s, got, want)
	}
}

// TestExceptionShapes: maybeException lets every exception through to
// the map.
func TestExceptionShapes(t *testing.T) {
	for w, n := range syllableExceptions {
		if !maybeException([]byte(w)) {
			t.Errorf("maybeException(%q) = false; want true, so that Syllables finds its %d", w, n)
		}
	}
}
