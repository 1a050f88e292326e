package corpus

import (
	"slices"
	"strings"
)

// fill generates everything about cs[i] but its title, slug and weight.
func (g *generator) fill(c *Condition, a area, kind string, cs []Condition, i int) {
	w := g.words(c, a, kind)
	c.Regions = []string{a.slug}
	if other := g.pick(g.v.areas); g.rng.IntN(3) == 0 && other.slug != a.slug {
		c.Regions = append(c.Regions, other.slug)
	}
	for range g.rng.IntN(3) {
		alias := w.expand(pick(g, []string{"{med} {kind}", "{part} {kind}", "{med} {part} {kind}", "{lpart} {sensation}"}))
		if !slices.Contains(c.Aliases, alias) && !strings.EqualFold(alias, c.Title) {
			c.Aliases = append(c.Aliases, alias)
		}
	}
	for _, t := range pickN(g, symptomTemplates(), 3+g.rng.IntN(4)) {
		c.Symptoms = append(c.Symptoms, w.expand(t))
	}
	c.Related = g.related(cs, i)
	c.Reviewed = ReviewedBy().AddDate(0, 0, -g.rng.IntN(183)).Format("2006-01-02")
	c.Summary = w.expand(pick(g, summaryTemplates()))
	if len(c.Summary) > 150 {
		c.Summary = w.expand("How massage can ease {lower} and help you move with more comfort.")
	}
	b := &body{}
	g.writeBody(b, w, c, cs, i)
	c.Markdown, c.Text, c.Headings = b.md.String(), b.text.String(), b.headings
}

// related returns 2–3 slugs of conditions other than cs[i].
func (g *generator) related(cs []Condition, i int) []string {
	var out []string
	for _, j := range g.rng.Perm(len(cs)) {
		if len(out) == 2+g.rng.IntN(2) || len(out) == 3 {
			break
		}
		if j != i {
			out = append(out, cs[j].Slug)
		}
	}
	return out
}

// words fills templates for one condition: {title}, {lower} and {kind}
// are fixed; {part}, {muscle}, {sensation} and the like are drawn afresh
// each time, mostly from the condition's own body area.
type words struct {
	g     *generator
	fixed map[string]string
	lists map[string][]string
}

func (g *generator) words(c *Condition, a area, kind string) words {
	main := pick(g, a.parts)
	return words{
		g:     g,
		fixed: map[string]string{"title": c.Title, "lower": strings.ToLower(c.Title), "kind": strings.ToLower(kind), "lpart": main},
		lists: map[string][]string{
			"part": a.parts, "muscle": a.muscles, "med": a.medical,
			"sensation": g.v.sensations, "activity": g.v.activities, "feeling": g.v.feelings,
			"cause": g.v.causes, "method": g.v.methods, "goal": g.v.goals,
		},
	}
}

// expand replaces every {key} in t.
func (w words) expand(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}') + i
		b.WriteString(t[:i])
		key := t[i+1 : j]
		if v, ok := w.fixed[key]; ok {
			b.WriteString(v)
		} else {
			b.WriteString(pick(w.g, w.lists[key]))
		}
		t = t[j+1:]
	}
}

// expandAll expands every template.
func (w words) expandAll(ts []string) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = w.expand(t)
	}
	return out
}
