package content

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/relief-massage/relief/internal/passage"
)

// Reading level. Visitors are often in pain and reading on a phone, so a
// page should read easily: the check estimates the US school grade a
// reader needs with the Flesch-Kincaid grade level,
//
//	0.39 × words per sentence + 11.8 × syllables per word − 15.59,
//
// over the page's prose (paragraphs and list items; headings and tables
// are left out), and warns when it is above the site's target
// (reading_grade in site.yaml, 8 unless set), naming the three sentences
// that are hardest to read, with their lines.

// DefaultReadingGrade is the reading level pages should not exceed unless
// site.yaml sets reading_grade: US grade 8, what health services aim for.
const DefaultReadingGrade = 8

// sentence is one sentence of a page body. Off is where it starts in the
// body; Line and Col are filled in (by locate) only for the sentences a
// warning names.
type sentence struct {
	Text      string
	Off       int
	Line, Col int
	words     int
	syllables int
}

// locate sets s's line and column in the file, whose body src starts on
// line bodyLine.
func (s sentence) locate(src []byte, bodyLine int) sentence {
	s.Line, s.Col = lineCol(src, s.Off)
	s.Line += bodyLine - 1
	return s
}

// grade is the Flesch-Kincaid grade level of words and syllables spread
// over n sentences.
func grade(words, syllables, n int) float64 {
	if words == 0 || n == 0 {
		return 0
	}
	return 0.39*float64(words)/float64(n) + 11.8*float64(syllables)/float64(words) - 15.59
}

// readingLevel returns the grade of a page's sentences and the (at most)
// three hardest, hardest first.
func readingLevel(ss []sentence) (float64, []sentence) {
	words, syl := 0, 0
	for _, s := range ss {
		words += s.words
		syl += s.syllables
	}
	// The hardest sentences are the ones with the highest grade of their
	// own; a fragment of a few words ("Headaches") is never the one to fix.
	hardness := func(s sentence) float64 {
		g := grade(s.words, s.syllables, 1)
		if s.words < 6 {
			g -= 100
		}
		return g
	}
	// The three hardest, hardest first and in page order among equals (as
	// a stable sort would have them), in one pass without a sorted copy.
	var hard []sentence
	var hs []float64
	for _, s := range ss {
		h := hardness(s)
		i := len(hs)
		for i > 0 && hs[i-1] < h {
			i--
		}
		if i < 3 {
			hard, hs = slices.Insert(hard, i, s), slices.Insert(hs, i, h)
			hard, hs = hard[:min(3, len(hard))], hs[:min(3, len(hs))]
		}
	}
	return grade(words, syl, len(ss)), hard
}

// splitSentences splits a passage into sentences, appended to out: each
// ends at ., ! or ? followed by a space (or the passage's end), so "e.g."
// and "3.5" stay whole. at maps a byte offset of text to its offset in the
// body.
func splitSentences(out []sentence, text string, at func(int) int) []sentence {
	start := 0
	emit := func(end int) {
		s := strings.TrimSpace(text[start:end])
		if w, syl := countWords(s); w > 0 {
			off := start + strings.Index(text[start:end], s)
			out = append(out, sentence{Text: s, Off: at(off), words: w, syllables: syl})
		}
		start = end
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ') {
			if c == '.' && abbreviation(text[start:i]) {
				continue // "e.g.", "Dr." or an initial: not the end of a sentence
			}
			emit(i + 1)
		}
	}
	emit(len(text))
	return out
}

// abbreviation reports whether the text before a full stop ends with an
// abbreviation ("e.g", "Dr") or an initial, after which a sentence goes on.
func abbreviation(before string) bool {
	i := strings.LastIndexAny(before, " (") + 1
	w := strings.ToLower(before[i:])
	switch w {
	case "e.g", "i.e", "dr", "mr", "mrs", "ms", "st", "vs", "approx":
		return true
	}
	return len([]rune(w)) == 1 && unicode.IsLetter([]rune(w)[0]) || strings.Contains(w, ".")
}

// countWords counts the words of s and their syllables in one pass,
// without allocating. A word is a run of letters and digits (with
// apostrophes inside); a hyphen splits a word into parts whose syllables
// add up ("well-being") but counts as one word. Every sentence of every
// page goes through it while the content loads, so ASCII (nearly all of
// an English page) takes a table instead of package unicode; the counts
// are the same (FuzzCountWords holds it to the plain version).
func countWords(s string) (words, syllables int) {
	start, inWord, joined := -1, false, false
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		var wordChar bool
		if r < utf8.RuneSelf {
			wordChar = asciiWordChar[r]
		} else {
			r, n = utf8.DecodeRuneInString(s[i:])
			wordChar = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case wordChar || (r == '\'' || r == '’') && start >= 0:
			if start < 0 {
				start = i
			}
			if !inWord && !joined {
				words++
			}
			inWord, joined = true, false
		default:
			if start >= 0 && i > start {
				syllables += Syllables(s[start:i])
			}
			start = -1
			hyphen := r == '-' && inWord
			inWord, joined = false, hyphen
		}
		i += n
	}
	if start >= 0 {
		syllables += Syllables(s[start:])
	}
	return words, syllables
}

// asciiWordChar says which ASCII bytes are letters or digits, as
// unicode.IsLetter and unicode.IsDigit do.
var asciiWordChar = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// Syllables estimates how many syllables an English word has, by counting
// its groups of vowels (y counts as a vowel after a consonant) and
// correcting for the commonest silent letters: a final e ("rest-e"), -es
// and -ed that add no syllable ("tightens", "relaxed"), and the -le that
// does ("muscle"). It is right for most everyday words and close for the
// rest, which is all a reading-level estimate needs. Digits count as one.
func Syllables(word string) int {
	var buf [40]byte
	w := buf[:0]
	for i := 0; i < len(word); {
		if c := word[i]; c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != '\'' {
				w = append(w, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(word[i:])
		if r != '’' {
			w = append(w, 'x') // a letter outside ASCII: a consonant, near enough
		}
		i += n
	}
	if len(w) == 0 {
		return 0
	}
	if w[0] >= '0' && w[0] <= '9' {
		return 1
	}
	if maybeException(w) {
		if n, ok := syllableExceptions[string(w)]; ok { // no allocation: Go looks a []byte up in place
			return n
		}
	}
	return syllablesByRule(w)
}

// maybeException reports whether the lower-case word w may be one of
// syllableExceptions, by its length and its first and last letters: most
// words are not ("the" is as long as "tmj" but ends like none of that
// length), and skip the map.
func maybeException(w []byte) bool {
	if len(w) >= 32 {
		return false
	}
	bit := uint32(1) << len(w)
	return exceptionShapes[0][w[0]]&bit != 0 && exceptionShapes[1][w[len(w)-1]]&bit != 0
}

// exceptionShapes holds, for each first ([0]) and last ([1]) byte of a
// word of syllableExceptions, a bit for each length such words have.
var exceptionShapes = func() (t [2][256]uint32) {
	for w := range syllableExceptions {
		t[0][w[0]] |= 1 << len(w)
		t[1][w[len(w)-1]] |= 1 << len(w)
	}
	return t
}()

// syllablesByRule counts the vowel groups of the lower-case word w and
// corrects for silent letters (see Syllables).
func syllablesByRule(w []byte) int {
	isVowel := func(i int) bool {
		switch w[i] {
		case 'a', 'e', 'i', 'o', 'u':
			return true
		case 'y':
			return i > 0
		}
		return false
	}
	n := 0
	for i := range len(w) {
		if isVowel(i) && (i == 0 || !isVowel(i-1)) {
			n++
		}
	}
	l := len(w)
	has := func(suffix string) bool { return l >= len(suffix) && string(w[l-len(suffix):]) == suffix }
	switch {
	case l > 2 && has("le") && !isVowel(l-3),
		l > 3 && has("les") && !isVowel(l-4):
		// "muscle", "gentle": the -le is its own syllable, counted already.
	case l > 2 && w[l-1] == 'e' && !isVowel(l-2):
		n-- // a silent final e: "rest", "ease", "nerve"
	case l > 3 && (has("es") || has("ed")) && !isVowel(l-3):
		c := w[l-3]
		keeps := w[l-1] == 'd' && (c == 't' || c == 'd') || // "wanted", "needed"
			w[l-1] == 's' && (c == 's' || c == 'c' || c == 'x' || c == 'z' || c == 'g') || // "causes", "changes"
			l > 4 && w[l-1] == 's' && (string(w[l-4:l-2]) == "ch" || string(w[l-4:l-2]) == "sh") // "reaches"
		if !keeps {
			n-- // "relaxed", "tightened", "helped", "makes": the e is silent
		}
	}
	return max(n, 1)
}

// syllableExceptions are common words the rules count wrong.
var syllableExceptions = map[string]int{
	"area": 3, "areas": 3, "people": 2, "every": 2, "everyone": 3, "different": 3, "business": 2,
	"being": 2, "doing": 2, "going": 2, "seeing": 2, "idea": 3, "ideas": 3, "real": 1, "really": 2,
	"create": 2, "science": 2, "quiet": 2, "diet": 2, "poem": 2, "chronic": 2, "therapy": 3,
	"sciatica": 4, "sciatic": 3, "fibromyalgia": 6, "tmj": 3, "whiplash": 2, "fasciitis": 4,
	"plantar": 2, "anxiety": 4, "massage": 2, "tissue": 2, "tissues": 2, "ache": 1, "aches": 1,
}

// readingWarning returns the warning about a page above the target grade,
// or "" when it reads easily enough. Pages with fewer than 5 sentences are
// too short to measure.
// locate places each named sentence in the file.
func readingWarning(ss []sentence, target float64, locate func(sentence) sentence) (string, sentence) {
	if target <= 0 || len(ss) < 5 {
		return "", sentence{}
	}
	g, hard := readingLevel(ss)
	if g <= target {
		return "", sentence{}
	}
	var names []string
	for i, s := range hard {
		s = locate(s)
		hard[i] = s
		text := s.Text
		if r := []rune(text); len(r) > 60 {
			text = string(r[:57]) + "..."
		}
		names = append(names, fmt.Sprintf("line %d %q", s.Line, text))
	}
	return fmt.Sprintf("the page reads at US school grade %.1f, above the site's target of %g (reading_grade in site.yaml): shorter sentences and shorter words help a reader in pain; the hardest sentences are %s",
		g, target, strings.Join(names, ", ")), hard[0]
}

// passageSentences writes the text of a paragraph or list item n of the
// body src (its line breaks as spaces) into the page's passages w, and
// returns it (w.Written) and, when measure is set, ss with its sentences
// appended, each located at its line and column in src. The text is made
// once for both: the page's passage (for search) is this text when it is
// one line already (see renderPage), and the sentences are views of it.
func passageSentences(n ast.Node, src []byte, measure bool, w *passage.Builder, ss []sentence) (string, []sentence) {
	size := 0                                   // the text's length so far
	var offs [2][16]int                         // room for the usual paragraph's pieces, without allocating
	textOff, srcOff := offs[0][:0], offs[1][:0] // where each piece of text starts, in the text and in src
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if measure {
				textOff, srcOff = append(textOff, size), append(srcOff, c.Segment.Start)
			}
			v := c.Value(src)
			w.Write(v)
			size += len(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				w.WriteByte(' ')
				size++
			}
		case *ast.String:
			w.Write(c.Value)
			size += len(c.Value)
		}
		return ast.WalkContinue, nil
	})
	text := w.Written()
	if !measure {
		return text, ss
	}
	return text, splitSentences(ss, text, func(off int) int {
		i := sort.SearchInts(textOff, off+1) - 1
		if i < 0 {
			return 0
		}
		return srcOff[i] + off - textOff[i]
	})
}
