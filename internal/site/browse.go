package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// symptom is one symptom phrase with the conditions that list it.
type symptom struct {
	Phrase     string
	ID         string // the anchor on /symptoms/, as condition pages link it
	Conditions []*content.Condition
}

// symptoms lists every symptom phrase of cs once (compared without case
// or surrounding space), A to Z, each with its conditions by title.
func symptoms(cs []*content.Condition) []symptom {
	byID := map[string]*symptom{}
	for _, c := range cs {
		for _, phrase := range c.Symptoms {
			id := content.Slugify(phrase)
			if id == "" {
				continue
			}
			s := byID[id]
			if s == nil {
				s = &symptom{Phrase: phrase, ID: id}
				byID[id] = s
			}
			if !slices.Contains(s.Conditions, c) {
				s.Conditions = append(s.Conditions, c)
			}
		}
	}
	out := make([]symptom, 0, len(byID))
	for _, s := range byID {
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b symptom) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// barLetter is one letter of the A-Z bar; Has is false for letters without
// conditions, which are shown greyed and not linked.
type barLetter struct {
	Letter string
	Has    bool
}

// letterBar returns A to Z (and # when a title starts with no letter),
// marking the letters that have conditions.
func letterBar(groups []letter, alphabet string) []barLetter {
	has := map[string]bool{}
	for _, g := range groups {
		has[g.Letter] = true
	}
	var out []barLetter
	for _, l := range alphabet {
		out = append(out, barLetter{string(l), has[string(l)]})
	}
	if has["#"] {
		out = append(out, barLetter{"#", true})
	}
	return out
}

// allAreas returns every region with its conditions, including regions
// that have none (the body map shows them all).
func allAreas(regions []*content.Region, cs []*content.Condition) []area {
	out := make([]area, 0, len(regions))
	for _, r := range regions {
		a := area{Region: r}
		for _, c := range cs {
			if slices.Contains(c.Regions, r) {
				a.Conditions = append(a.Conditions, c)
			}
		}
		out = append(out, a)
	}
	return out
}

// maxRelated is how many related conditions a condition page shows.
const maxRelated = 4

// relatedAll returns, for every shown condition, the related conditions
// its page shows: first its own related list in order, then the shown
// conditions that share the most body areas and symptoms with it (ties by
// weight, then title). A condition sharing nothing is never added. It
// works from an inverted index of areas and symptoms and keeps only the
// best few candidates, so it costs about the number of shared pairs, not
// the square of the number of conditions, on every CPU (at 10,000
// conditions it was half a second on one core while the other waited);
// the preview runs it on every save.
func relatedAll(shown []*content.Condition) map[*content.Condition][]*content.Condition {
	byKey := map[string][]int{}
	keys := make([][]string, len(shown))
	for i, c := range shown {
		keys[i] = overlapKeys(c)
		for _, k := range keys[i] {
			byKey[k] = append(byKey[k], i)
		}
	}
	isShown := make(map[*content.Condition]bool, len(shown))
	for _, c := range shown {
		isShown[c] = true
	}
	rels := make([][]*content.Condition, len(shown))
	chunks := (len(shown) + relatedChunk - 1) / relatedChunk
	parallel(chunks, func() func(int) {
		score := make([]int, len(shown)) // one per worker, zero between conditions
		var touched []int
		return func(chunk int) {
			for i := chunk * relatedChunk; i < min(len(shown), (chunk+1)*relatedChunk); i++ {
				var rel []*content.Condition
				for _, r := range shown[i].Related {
					if len(rel) < maxRelated && isShown[r] {
						rel = append(rel, r)
					}
				}
				touched = touched[:0]
				for _, k := range keys[i] {
					for _, j := range byKey[k] {
						if j != i && !slices.Contains(rel, shown[j]) {
							if score[j] == 0 {
								touched = append(touched, j)
							}
							score[j]++
						}
					}
				}
				rels[i] = bestRelated(rel, shown, score, touched)
				for _, j := range touched {
					score[j] = 0
				}
			}
		}
	})
	out := make(map[*content.Condition][]*content.Condition, len(shown))
	for i, l := range oneArray(rels) {
		out[shown[i]] = l
	}
	return out
}

// oneArray returns copies of lists that share one backing array, each
// with its own capacity: a served site keeps a related list for every
// condition, one object for the collector to mark rather than thousands.
func oneArray(lists [][]*content.Condition) [][]*content.Condition {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	all := make([]*content.Condition, 0, n)
	out := make([][]*content.Condition, len(lists))
	for i, l := range lists {
		start := len(all)
		all = append(all, l...)
		out[i] = all[start:len(all):len(all)]
	}
	return out
}

// relatedChunk is how many conditions relatedAll gives a CPU at a time.
const relatedChunk = 256

// bestRelated fills rel up to maxRelated with the best-scoring candidates.
func bestRelated(rel []*content.Condition, shown []*content.Condition, score []int, cands []int) []*content.Condition {
	better := func(a, b int) bool {
		if score[a] != score[b] {
			return score[a] > score[b]
		}
		x, y := shown[a], shown[b]
		if x.Weight != y.Weight {
			return x.Weight < y.Weight
		}
		if x.Title != y.Title {
			return x.Title < y.Title
		}
		return x.Slug < y.Slug
	}
	var best []int // sorted, at most the free places
	free := maxRelated - len(rel)
	for _, j := range cands {
		at := len(best)
		for at > 0 && better(j, best[at-1]) {
			at--
		}
		if at < free {
			best = slices.Insert(best, at, j)
			best = best[:min(len(best), free)]
		}
	}
	for _, j := range best {
		rel = append(rel, shown[j])
	}
	return rel
}

// overlapKeys are the body areas and symptoms of c, each once, as keys
// comparable across conditions ("r:back", "s:stiff neck").
func overlapKeys(c *content.Condition) []string {
	var keys []string
	for _, r := range c.Regions {
		keys = append(keys, "r:"+r.Slug)
	}
	for _, s := range c.Symptoms {
		keys = append(keys, "s:"+strings.ToLower(strings.TrimSpace(s)))
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// browse adds the body-area and symptom pages to jobs.
func (b *builder) browse(shown []*content.Condition, jobs *pageJobs) {
	w := b.site.words
	v := b.view(b.site.url(route.AreasIndex, ""), w.Areas.Title, w.Areas.Description)
	v.Areas = b.site.areas
	jobs.add(route.AreasIndex, v, nil)
	for _, a := range b.site.areas {
		v := b.view(b.site.url(route.Area, a.Region.Slug), a.Region.Title, fill(w.Area.Description, "area", strings.ToLower(a.Region.Title)))
		v.Area = &a
		jobs.add(route.Area, v, nil)
	}
	v = b.view(b.site.url(route.Symptoms, ""), w.Symptoms.Title, w.Symptoms.Description)
	var list func(*view)
	if b.opts.reuse[v.Path] == nil { // the list takes a while on a large site
		list = func(v *view) { v.Symptoms = symptoms(shown) }
	}
	jobs.add(route.Symptoms, v, list)
}
