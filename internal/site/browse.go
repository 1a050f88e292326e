package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/content"
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
func letterBar(groups []letter) []barLetter {
	has := map[string]bool{}
	for _, g := range groups {
		has[g.Letter] = true
	}
	var out []barLetter
	for l := 'A'; l <= 'Z'; l++ {
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

// relatedTo returns up to maxRelated conditions to show on c's page: first
// its own related list in order, then the shown conditions that share the
// most regions and symptoms with it (ties by weight, then title). A
// condition sharing nothing is never added.
func relatedTo(c *content.Condition, shown []*content.Condition) []*content.Condition {
	var out []*content.Condition
	for _, r := range c.Related {
		if slices.Contains(shown, r) && len(out) < maxRelated {
			out = append(out, r)
		}
	}
	type cand struct {
		c     *content.Condition
		score int
	}
	var cands []cand
	for _, o := range shown {
		if o == c || slices.Contains(out, o) {
			continue
		}
		if s := overlap(c, o); s > 0 {
			cands = append(cands, cand{o, s})
		}
	}
	slices.SortStableFunc(cands, func(a, b cand) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.c.Weight, b.c.Weight), cmp.Compare(a.c.Title, b.c.Title))
	})
	for _, x := range cands {
		if len(out) == maxRelated {
			break
		}
		out = append(out, x.c)
	}
	return out
}

// overlap counts the regions and symptoms two conditions share.
func overlap(a, b *content.Condition) int {
	n := 0
	for _, r := range a.Regions {
		if slices.Contains(b.Regions, r) {
			n++
		}
	}
	for _, s := range a.Symptoms {
		for _, t := range b.Symptoms {
			if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(t)) {
				n++
			}
		}
	}
	return n
}

// browse renders the body-area and symptom pages.
func (b *builder) browse(shown []*content.Condition) error {
	regions := b.site.Content.Config.Regions
	v := b.view("/areas/", "Browse by body area", "Choose where it hurts to see the conditions we help with in that part of the body.")
	v.Areas = allAreas(regions, shown)
	if err := b.add("areas", v); err != nil {
		return err
	}
	for _, a := range allAreas(regions, shown) {
		v := b.view("/areas/"+a.Region.Slug, a.Region.Title, "Conditions we help with in the "+strings.ToLower(a.Region.Title)+": what causes them, how massage can help, and when to see a doctor.")
		v.Area = &a
		if err := b.add("area", v); err != nil {
			return err
		}
	}
	v = b.view("/symptoms/", "Symptoms A to Z", "Every symptom our condition pages describe, A to Z, with the conditions that can cause it.")
	v.Symptoms = symptoms(shown)
	return b.add("symptoms", v)
}
