package search

import (
	"cmp"
	"html"
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
	if src.field == fieldBody && len(d.Passages) > 0 {
		ex, plain, section, ok := ix.passageExcerpt(doc, marks)
		if !ok {
			// Only urgent-care advice matched: show the summary, unmarked.
			ex, plain = excerpt(d.Summary, nil, 0, nil)
		}
		h.Excerpt, h.Matched, h.Section, h.Urgent = ex, cmp.Or(matched, plain), section, !ok
		return
	}
	text := src.field.instances(d)[0]
	ex, plain := excerpt(text, ix.tokens[doc][src.field-fieldSummary], int(src.off), marks)
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
	toks := ix.tokens[doc][fieldBody-fieldSummary]
	best, bestCount, bestOff := -1, 0, 0
	start, ti := 0, 0
	for i, p := range d.Passages {
		end := start + len(p.Text)
		var seen marker
		off := -1
		for ; ti < len(toks) && int(toks[ti].start) < end; ti++ {
			t := toks[ti]
			if slices.Contains(marks, t.term) && !slices.Contains(seen, t.term) {
				seen = append(seen, t.term)
				if off < 0 {
					off = int(t.start)
				}
			}
		}
		if !p.Urgent && len(seen) > bestCount {
			best, bestCount, bestOff = i, len(seen), off
		}
		start = end + 1
	}
	if best < 0 {
		return "", "", "", false
	}
	ps := 0
	for _, p := range d.Passages[:best] {
		ps += len(p.Text) + 1
	}
	pe := ps + len(d.Passages[best].Text)
	from, to, words := sentences(d.Body, ps, pe, bestOff)
	ex, plain := mark(d.Body, toks, from, to, marks, words && from > ps, words && to < pe)
	return ex, plain, d.Passages[best].Heading, true
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
	if !strings.ContainsRune(".?!", rune(text[i])) || i+2 >= pe || text[i+1] != ' ' {
		return false
	}
	c := text[i+2]
	return 'A' <= c && c <= 'Z' || c == '"' || c >= utf8.RuneSelf
}

// excerpt cuts about excerptWidth bytes of text starting a little before
// byte offset from, at word boundaries, and returns it as HTML with the
// tokens whose term is in marks wrapped in <mark>, plus the same text
// unmarked. Everything else is escaped.
func excerpt(text string, toks []token, from int, marks marker) (template.HTML, string) {
	start, end := window(text, from)
	return mark(text, toks, start, end, marks, start > 0, end < len(text))
}

// mark returns text[start:end] as HTML with the tokens whose term is in
// marks wrapped in <mark>, and as plain text; before and after add "…"
// on that side.
func mark(text string, toks []token, start, end int, marks marker, before, after bool) (template.HTML, string) {
	var b strings.Builder
	if before {
		b.WriteString("…")
	}
	last := start
	i, _ := slices.BinarySearchFunc(toks, uint32(start), func(t token, s uint32) int { return cmp.Compare(t.start, s) })
	for ; i < len(toks) && int(toks[i].start) < end; i++ {
		t := toks[i]
		if int(t.start) < last || !slices.Contains(marks, t.term) {
			continue
		}
		wordEnd := wordEnd(text, int(t.start))
		if wordEnd > end {
			break
		}
		b.WriteString(html.EscapeString(text[last:t.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[t.start:wordEnd]))
		b.WriteString("</mark>")
		last = wordEnd
	}
	b.WriteString(html.EscapeString(text[last:end]))
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
