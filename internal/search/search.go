// Package search is the site's in-memory search engine for visitors who do
// not know the name of their condition. They type where it hurts and how it
// feels ("stiff neck", "pain down my leg", "jaw clicks"), often misspelled
// on a phone, and Search answers with the pages most likely to help.
//
// New builds an immutable Index once from a slice of Doc; Search and
// Suggest only read it, so one Index serves any number of requests at once.
// The pieces:
//
//   - text.go turns text into terms: cut and clean the query, split words,
//     fold case and accents, drop stop words, strip simple English endings.
//   - index.go builds per-term postings for every field of every Doc, each
//     with its boosted BM25 score already computed (it does not depend on
//     the query), and keeps the words of summaries and bodies so excerpts
//     need no second pass over the text.
//   - packed.go keeps those postings and words compact: delta varints in
//     one byte slice each, with no pointer per posting for the garbage
//     collector to scan, and skips every 8 postings. The text is held
//     once: a body given as passages is indexed where it lies, never
//     joined into a second copy.
//   - score.go ranks documents: it adds up posting scores per query word
//     and keeps the best 50 with a quickselect rather than a full sort,
//     then collects, through the skips, the matched fields of the
//     documents that need them: the 30 checked for phrase bonuses and the
//     hits described. SearchFirst describes only the first n hits (a
//     results page shows 10): their fields and excerpts were most of a
//     search's time.
//   - fuzzy.go finds vocabulary terms within one or two typos of a query
//     word through a deletion index.
//   - synonyms.go turns groups of words that mean the same (Synonyms, from
//     content/synonyms.yaml, or synonyms.es.yaml for the Spanish pages)
//     into one term each, in pages and in queries.
//   - excerpt.go cuts the HTML excerpt with the matched words marked: whole
//     sentences of a body passage, under its heading, never from
//     urgent-care advice.
//   - suggest.go answers "Did you mean" by edit distance on names.
//
// # Ranking
//
// Each field of a Doc (title, aliases, symptoms, headings, regions, summary,
// body) is scored on its own with BM25 and multiplied by a boost: title 20,
// alias 16, symptom 6, heading 2.5, region 2, summary 2, body 1. Lists
// (aliases, symptoms, headings, regions) are scored phrase by phrase, so a
// condition with many symptoms is not penalised for them, and the phrase
// that scored best is reported as Hit.Matched. For each query word a
// document earns its best field's score plus a tenth of the others, so a
// word repeated all over the body cannot outweigh a single title match.
// Documents are ordered by how many query words they match, then by score,
// then by Doc.Weight, then by Title.
//
// Why BM25 rather than plain counts or a library: its inverse document
// frequency makes "pain", which almost every page mentions, count for little
// next to "jaw" or "leg"; its saturation keeps a long body from winning by
// repetition; and its length normalisation treats a short symptom phrase
// fairly. It is a dozen lines, needs no dependency, and with the boosts
// spaced far apart it gives the order a visitor expects: a title or alias
// match above a symptom match above a heading, summary or body match.
//
// Query words that are not in the vocabulary are matched with typos: one
// edit for words of 4 letters or more, two for 8 or more (counted after
// stemming), at half (one edit) or a third (two edits) of an exact match's
// score. Words found exactly are never widened, so "back" does not also
// match "pack".
package search

import (
	"html/template"

	"github.com/relief-massage/relief/internal/passage"
)

// MaxHits is the most hits a search returns.
const MaxHits = 50

// Doc is one searchable page.
type Doc struct {
	URL, Title, Summary string
	// Kind is "condition" or "page".
	Kind string
	// Aliases are other names for the condition ("lumbago").
	Aliases []string
	// Symptoms are short phrases ("numbness in the leg").
	Symptoms []string
	// Regions are body-area titles ("Lower back").
	Regions []string
	// Headings are the body's section headings.
	Headings []string
	// Body is the plain text of the body, without HTML. When Passages
	// are given, they are the body and Body is ignored (New clears it in
	// its copy, so the text is held once).
	Body string
	// Passages are the body's paragraphs and list items, which excerpts
	// keep whole where they can and label with their heading.
	Passages passage.Passages
	// Urgent reports whether a passage in a callout of that kind is
	// urgent-care advice: it is searched but never cut into an excerpt,
	// where it would lose its framing. Nil: none is.
	Urgent func(callout string) bool
	// Weight orders documents that score the same: lower first.
	Weight int
}

// Results is the answer to one query.
type Results struct {
	// Query is the query as searched: cleaned of control characters and
	// invalid UTF-8 and cut at 200 runes. It is plain text; escape it.
	Query string
	// Hits are the matching documents, best first, at most 50 (at most n
	// for SearchFirst).
	Hits []Hit
	// Total is how many hits Search returns for the query (at most 50):
	// len(Hits) for Search, the count a "see all" link offers for
	// SearchFirst.
	Total int
	// Suggestions are the closest names ("Did you mean") when there are no
	// hits for a non-empty query.
	Suggestions []*Doc
}

// urgent reports whether passage i of d is urgent-care advice (see
// Doc.Urgent).
func (d *Doc) urgent(i int) bool {
	c := d.Passages.Callout(i)
	return c != "" && d.Urgent != nil && d.Urgent(c)
}

// Hit is one matching document.
type Hit struct {
	Doc   *Doc
	Score float64
	// Field is the best-matching field: "title", "alias", "symptom",
	// "heading", "region", "summary" or "body".
	Field string
	// Matched is that field's text, such as the symptom phrase "numbness in
	// the leg"; for the body it is the excerpt's plain text.
	Matched string
	// Excerpt is a sentence or two around the match (about 160 to 240
	// characters), HTML-escaped, with the matched words wrapped in <mark>.
	Excerpt template.HTML
	// Section is the heading the excerpt sits under, when it comes from a
	// passage of the body under one.
	Section string
	// Urgent reports that the body matched only in urgent-care advice,
	// which is never cut into an excerpt: the summary stands in.
	Urgent bool
}

// Where says in words where the hit matched, for a label such as "Found
// in the symptoms": "in the name", "in its other names", "in the
// symptoms", "in a heading", "in the areas of the body", "in the summary",
// "in the page text" or "in its advice on when to get medical help".
func (h Hit) Where() string {
	switch h.Field {
	case "title":
		return "in the name"
	case "alias":
		return "in its other names"
	case "symptom":
		return "in the symptoms"
	case "heading":
		return "in a heading"
	case "region":
		return "in the areas of the body"
	case "summary":
		return "in the summary"
	}
	if h.Urgent {
		return "in its advice on when to get medical help"
	}
	return "in the page text"
}

// Place names where the hit matched, as the words of a page name it
// (found_<place> in templates/words.yaml): "title", "alias", "symptom",
// "heading", "region", "summary", "advice" (its advice on when to get
// medical help) or "text".
func (h Hit) Place() string {
	switch h.Field {
	case "title", "alias", "symptom", "heading", "region", "summary":
		return h.Field
	}
	if h.Urgent {
		return "advice"
	}
	return "text"
}

// Search returns the documents matching query, best first. It never fails:
// an empty or meaningless query has no hits, and a query with no hits gets
// Suggestions instead.
func (ix *Index) Search(query string) Results { return ix.SearchFirst(query, MaxHits) }

// SearchFirst is Search that describes only the first n hits: Hits holds
// at most n, in the order and with the scores, fields and excerpts Search
// gives them, and Total says how many Search returns. A results page that
// shows the best few does only their work (matched fields and excerpts
// are most of a search's time).
func (ix *Index) SearchFirst(query string, n int) Results {
	res := Results{Query: cleanQuery(query)}
	qs := ix.parse(res.Query)
	if len(qs) == 0 {
		return res
	}
	n = min(max(n, 0), MaxHits)
	ranked := ix.rank(qs, n)
	res.Total = len(ranked)
	if len(ranked) == 0 {
		res.Suggestions = ix.Suggest(res.Query, 3)
		return res
	}
	marks := newMarker(qs)
	res.Hits = make([]Hit, min(n, len(ranked)))
	for i := range res.Hits {
		res.Hits[i] = ix.hit(ranked[i], marks)
	}
	return res
}
