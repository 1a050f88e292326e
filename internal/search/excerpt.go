package search

import (
	"cmp"
	"html/template"
	"slices"
	"strings"
	"unicode/utf8"
)

// Excerpt geometry, in bytes of source text.
const (
	excerptWidth = 160
	excerptLead  = 50 // text kept before the first match
)

// marker lists the vocabulary terms the query matched: the words to mark
// in excerpts.
type marker []int32

// newMarker returns the marker for the terms the query matched.
func newMarker(qs []queryTerm) marker {
	var m marker
	for _, q := range qs {
		for _, e := range q.exp {
			m = append(m, e.term)
		}
	}
	return m
}

// excerptFor sets the Excerpt, Matched, Section and Urgent of h, a hit on
// doc whose strongest instance is best. Short fields (title, aliases,
// symptoms…) make poor excerpts, so those hits show the summary or body
// around a match, or the start of the summary. A body with passages gives
// whole sentences of its best passage that is not urgent-care advice; when
// only such advice matched, the summary stands in and h.Urgent says why.
func (ix *Index) excerptFor(h *Hit, doc int32, best instScore, insts []instScore, marks marker) {
	d := &ix.docs[doc]
	src := best
	if best.field != fieldSummary && best.field != fieldBody {
		src = instScore{field: fieldSummary}
		for _, s := range insts {
			if s.field == fieldSummary || s.field == fieldBody {
				src = s
				break
			}
		}
	}
	matched := ""
	if best.field != fieldBody {
		matched = best.field.instances(d)[best.inst]
	}
	if src.field == fieldBody && d.Passages.Len() > 0 {
		ex, plain, section, ok := ix.passageExcerpt(doc, marks)
		if !ok {
			// Only urgent-care advice matched: show the summary, unmarked.
			ex, plain = excerpt(d.Summary, tokenIter{}, 0, nil)
		}
		h.Excerpt, h.Matched, h.Section, h.Urgent = ex, cmp.Or(matched, plain), section, !ok
		return
	}
	text := src.field.instances(d)[0]
	start, end := window(text, int(src.off))
	ex, plain := mark(text, ix.tokensFrom(doc, src.field, start), start, end, marks, start > 0, end < len(text))
	h.Excerpt, h.Matched = ex, cmp.Or(matched, plain)
}

// maxSentences is the most text, in bytes, an excerpt of whole sentences
// may take; a longer sentence is cut at words like any excerpt.
const maxSentences = 240

// passageExcerpt cuts the excerpt from the passage of doc's body that holds
// the most distinct marked terms, skipping urgent ones, as whole sentences
// around its first match. It reports false when only urgent passages
// match.
func (ix *Index) passageExcerpt(doc int32, marks marker) (template.HTML, string, string, bool) {
	d := &ix.docs[doc]
	it := ix.tokensOf(doc, fieldBody)
	before := it // it as it was before it read t
	t, more := it.next()
	best, bestCount, bestOff, bestStart := -1, 0, 0, 0
	var bestIt tokenIter // positioned at the best passage's first token
	var seen marker
	start := 0
	for i := range d.Passages.Len() {
		end := start + len(d.Passages.Text(i))
		at := before // at the passage's first token
		seen = seen[:0]
		off := -1
		for more && int(t.start) < end {
			if slices.Contains(marks, t.term) && !slices.Contains(seen, t.term) {
				seen = append(seen, t.term)
				if off < 0 {
					off = int(t.start)
				}
			}
			before = it
			t, more = it.next()
		}
		if len(seen) > bestCount && !d.urgent(i) {
			best, bestCount, bestOff, bestStart, bestIt = i, len(seen), off, start, at
		}
		start = end + 1
	}
	if best < 0 {
		return "", "", "", false
	}
	text := d.Passages.Text(best)
	from, to, words := sentences(text, 0, len(text), bestOff-bestStart)
	bestIt.base = uint32(bestStart)
	ex, plain := mark(text, bestIt, from, to, marks, words && from > 0, words && to < len(text))
	return ex, plain, d.Passages.Heading(best), true
}

// sentences returns the range of text[ps:pe] to show around byte offset
// off: the sentence holding it and the ones after, while they fit in
// maxSentences; or, for a sentence longer than that, a window of words,
// reported by words.
func sentences(text string, ps, pe, off int) (from, to int, words bool) {
	if pe-ps <= maxSentences {
		return ps, pe, false
	}
	from = ps
	for i := ps; i < off; i++ {
		if sentenceEnd(text, i, pe) {
			from = i + 2
		}
	}
	to = from
	for i := from; i < pe; i++ {
		if i == pe-1 || sentenceEnd(text, i, pe) {
			if i+1-from > maxSentences {
				break
			}
			to = i + 1
		}
	}
	if to <= off {
		s, e := window(text[from:pe], off-from)
		return from + s, from + e, true
	}
	return from, to, false
}

// sentenceEnd reports whether text[i] ends a sentence: a full stop,
// question or exclamation mark followed by a space and a capital letter.
func sentenceEnd(text string, i, pe int) bool {
	if c := text[i]; c != '.' && c != '?' && c != '!' || i+2 >= pe || text[i+1] != ' ' {
		return false
	}
	c := text[i+2]
	return 'A' <= c && c <= 'Z' || c == '"' || c >= utf8.RuneSelf
}

// excerpt cuts about excerptWidth bytes of text starting a little before
// byte offset from, at word boundaries, and returns it as HTML with the
// tokens whose term is in marks wrapped in <mark>, plus the same text
// unmarked. Everything else is escaped.
func excerpt(text string, toks tokenIter, from int, marks marker) (template.HTML, string) {
	start, end := window(text, from)
	return mark(text, toks, start, end, marks, start > 0, end < len(text))
}

// mark returns text[start:end] as HTML with the tokens whose term is in
// marks wrapped in <mark>, and as plain text; before and after add "…"
// on that side. toks yields text's tokens from before start on, at byte
// offsets toks.base more than in text.
func mark(text string, toks tokenIter, start, end int, marks marker, before, after bool) (template.HTML, string) {
	var b strings.Builder
	b.Grow(end - start + 64)
	if before {
		b.WriteString("…")
	}
	last := start
	for t, ok := toks.next(); ok; t, ok = toks.next() {
		ts := int(t.start - toks.base)
		if ts < start {
			continue
		}
		if ts >= end {
			break
		}
		if ts < last || !slices.Contains(marks, t.term) {
			continue
		}
		wordEnd := wordEnd(text, ts)
		if wordEnd > end {
			break
		}
		escape(&b, text[last:ts])
		b.WriteString("<mark>")
		escape(&b, text[ts:wordEnd])
		b.WriteString("</mark>")
		last = wordEnd
	}
	escape(&b, text[last:end])
	plain := text[start:end]
	if after {
		b.WriteString("…")
		plain += "…"
	}
	if before {
		plain = "…" + plain
	}
	return template.HTML(b.String()), plain
}

// escape writes s to b escaped as html.EscapeString does, without its
// allocations.
func escape(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// wordEnd returns the end of the word starting at byte offset i, by the
// rules of words.
func wordEnd(text string, i int) int {
	for j, r := range text[i:] {
		if !isWordRune(r) && r != '\'' && r != '’' {
			return i + j
		}
	}
	return len(text)
}

// window returns the byte range of the excerpt: from a word start before
// from to a word end about excerptWidth bytes later.
func window(text string, from int) (start, end int) {
	from = min(max(from, 0), len(text))
	if len(text) <= excerptWidth {
		return 0, len(text)
	}
	start = max(0, min(from-excerptLead, len(text)-excerptWidth))
	if start > 0 {
		if i := strings.IndexByte(text[start:from], ' '); i >= 0 {
			start += i + 1
		} else {
			start = from
		}
	}
	end = min(start+excerptWidth, len(text))
	if end < len(text) {
		if i := strings.LastIndexByte(text[start:end], ' '); i > 0 {
			end = start + i
		}
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	return start, end
}
