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

// excerptFor returns the excerpt and Matched text of a hit on doc whose
// strongest instance is best. Short fields (title, aliases, symptoms…)
// make poor excerpts, so those hits show the summary or body around a
// match, or the start of the summary.
func (ix *Index) excerptFor(doc int32, best instScore, insts []instScore, marks marker) (template.HTML, string) {
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
	text := src.field.instances(d)[0]
	ex, plain := excerpt(text, ix.tokens[doc][src.field-fieldSummary], int(src.off), marks)
	if best.field == fieldBody {
		return ex, plain
	}
	return ex, best.field.instances(d)[best.inst]
}

// excerpt cuts about excerptWidth bytes of text starting a little before
// byte offset from, at word boundaries, and returns it as HTML with the
// tokens whose term is in marks wrapped in <mark>, plus the same text
// unmarked. Everything else is escaped.
func excerpt(text string, toks []token, from int, marks marker) (template.HTML, string) {
	start, end := window(text, from)
	var b strings.Builder
	if start > 0 {
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
	if end < len(text) {
		b.WriteString("…")
		plain += "…"
	}
	if start > 0 {
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
