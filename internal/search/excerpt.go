package search

import (
	"html"
	"html/template"
	"strings"
	"unicode/utf8"
)

// Excerpt geometry, in bytes of source text.
const (
	excerptWidth = 160
	excerptLead  = 50 // text kept before the first match
)

// marker recognises the words to mark in excerpts: those whose key is a
// vocabulary term the query matched. Most words of an excerpt match
// nothing, so it first compares a word's opening letters with the terms'
// (a stem differs from its word only in its last letter or after it) and
// computes the key only when they agree.
type marker struct {
	terms    map[string]bool
	prefixes []string
}

// newMarker returns the marker for the terms the query matched.
func newMarker(ix *Index, qs []queryTerm) marker {
	m := marker{terms: make(map[string]bool)}
	for _, q := range qs {
		for _, e := range q.exp {
			t := ix.terms[e.term]
			m.terms[t] = true
			m.prefixes = append(m.prefixes, t[:min(3, max(len(t)-1, 1))])
		}
	}
	return m
}

// match reports whether the word w should be marked.
func (m marker) match(w string) bool {
	if isASCII(w) && !hasApostrophe(w) && !m.hasPrefix(w) {
		return false
	}
	k, ok := key(w)
	return ok && m.terms[k]
}

// hasPrefix reports whether the ASCII word w starts with one of m's
// prefixes, ignoring case.
func (m marker) hasPrefix(w string) bool {
	first := w[0] | 0x20 // lower-cases ASCII letters; digits are unchanged
	for _, p := range m.prefixes {
		if p[0] == first && len(w) >= len(p) && strings.EqualFold(w[:len(p)], p) {
			return true
		}
	}
	return false
}

// excerptFor returns the excerpt and Matched text of a hit whose strongest
// instance is best. Short fields (title, aliases, symptoms…) make poor
// excerpts, so those hits show the summary or body around a match, or the
// start of the summary.
func (ix *Index) excerptFor(d *Doc, best instScore, insts []instScore, marks marker) (template.HTML, string) {
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
	ex, plain := excerpt(text, int(src.off), marks)
	if best.field == fieldBody {
		return ex, plain
	}
	return ex, best.field.instances(d)[best.inst]
}

// excerpt cuts about excerptWidth bytes of text starting a little before
// byte offset from, at word boundaries, and returns it as HTML with words
// whose key is in marks wrapped in <mark>, plus the same text unmarked.
// Everything else is escaped.
func excerpt(text string, from int, marks marker) (template.HTML, string) {
	start, end := window(text, from)
	part := text[start:end]
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	last := 0
	words(part, func(w string, i, j int) {
		if !marks.match(w) {
			return
		}
		b.WriteString(html.EscapeString(part[last:i]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(w))
		b.WriteString("</mark>")
		last = j
	})
	b.WriteString(html.EscapeString(part[last:]))
	plain := part
	if end < len(text) {
		b.WriteString("…")
		plain += "…"
	}
	if start > 0 {
		plain = "…" + plain
	}
	return template.HTML(b.String()), plain
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
