package site

import (
	"strings"

	"github.com/relief-massage/relief/internal/search"
)

// namedIn are the fields a search hit must match for the 404 page to
// suggest its page: its name, other names, symptoms or summary, never
// only its text or a heading ("massage" and "book" are on every page).
var namedIn = map[string]bool{"title": true, "alias": true, "symptom": true, "summary": true}

// clearLead is how much better than the next a hit must score to be
// suggested alone. Two hits within it of each other, and clear of a
// third, are suggested together ("back pian": Chronic Back Pain or Upper
// Back and Shoulder-Blade Pain); three or more as close are none ("pain").
const clearLead = 1.3

// plausible returns the pages a visitor who typed path plausibly meant,
// judged by the words of its last segment ("/conditions/sciatca" →
// Sciatica, "/conditions/sciatic-pain" → Sciatica, "/contact-us" →
// Contact): the best search hits, when their names match and they lead
// clearly; else the one page whose name is spelt closest (a typo search
// does not forgive); else none, and the 404 page offers the index, the
// search and the home page instead.
func (s *Site) plausible(path string) []*search.Doc {
	path = strings.TrimRight(path, "/")
	seg := strings.ToLower(path[strings.LastIndex(path, "/")+1:])
	seg = strings.TrimSuffix(strings.TrimSuffix(seg, ".html"), ".htm")
	seg = strings.NewReplacer("-", " ", "_", " ", "+", " ").Replace(seg)
	if len(seg) < 3 {
		return nil
	}
	ix := s.index.get()
	hits := ix.Search(seg).Hits
	ahead := func(i int) bool { return i+1 >= len(hits) || hits[i].Score >= clearLead*hits[i+1].Score }
	switch {
	case len(hits) == 0 || !namedIn[hits[0].Field]:
		// A name spelt too far off for search, or only words of the text.
	case ahead(0):
		return []*search.Doc{hits[0].Doc}
	case namedIn[hits[1].Field] && ahead(1):
		return []*search.Doc{hits[0].Doc, hits[1].Doc}
	default:
		return nil // many pages match as well: none is the one meant
	}
	if near := ix.Suggest(seg, 2); len(near) == 1 {
		return near
	}
	return nil
}
