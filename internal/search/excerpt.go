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

// markSet returns the vocabulary terms the query matched, to be marked in
// excerpts.
func markSet(ix *Index, qs []queryTerm) map[string]bool {
	m := make(map[string]bool)
	for _, q := range qs {
		for _, e := range q.exp {
			m[ix.terms[e.term]] = true
		}
	}
	return m
}

// excerptFor returns the excerpt and Matched text of a hit whose strongest
// instance is best. Short fields (title, aliases, symptoms…) make poor
// excerpts, so those hits show the summary or body around a match, or the
// start of the summary.
func (ix *Index) excerptFor(d *Doc, best instScore, insts []instScore, marks map[string]bool) (template.HTML, string) {
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
func excerpt(text string, from int, marks map[string]bool) (template.HTML, string) {
	start, end := window(text, from)
	part := text[start:end]
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	last := 0
	words(part, func(w string, i, j int) {
		if k, ok := key(w); !ok || !marks[k] {
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
