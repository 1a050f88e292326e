package corpus

import "strings"

// writeBody writes the body of cs[i] into b: an introduction, why it
// happens, how massage helps, when it helps most and when to be cautious.
func (g *generator) writeBody(b *body, w words, c *Condition, cs []Condition, i int) {
	intro := introTemplates()
	rest := pickN(g, intro[1:], 6)
	b.para(w.expandAll(append(intro[:1:1], rest[:3]...))...)
	b.para(w.expandAll(rest[3:])...)

	b.heading(2, "Why does it happen?")
	b.para(w.expandAll(pickN(g, whyTemplates(), 3))...)
	b.heading(3, "Causes")
	b.list(capitalize(pickN(g, g.v.causes, 4+g.rng.IntN(2))))
	b.heading(3, "Symptoms")
	b.list(capitalize(c.Symptoms))
	if j := g.rng.IntN(len(cs)); j != i && g.rng.IntN(2) == 0 {
		b.link("The same muscles are often involved in", strings.ToLower(cs[j].Title), "/conditions/"+cs[j].Slug)
	}

	b.heading(2, "How massage therapy can help")
	for _, t := range pickN(g, g.v.techniques, 3) {
		b.heading(3, t)
		b.para(w.expandAll(pickN(g, helpTemplates(), 4))...)
	}
	if g.rng.IntN(3) == 0 {
		b.para("Here is what a session often looks like:")
		b.table([2]string{"Part of the session", "What happens"}, g.sessionRows(w))
	}

	b.heading(2, "When massage helps most")
	b.para(w.expand("Clients with {lower} most often benefit when they have:"))
	b.list(capitalize(w.expandAll(pickN(g, helpsMostTemplates(), 5))))

	b.heading(2, "When to be cautious and see a doctor")
	b.para(w.expand("Most {lower} is not serious, but a few signs mean something else may be going on."))
	b.caution(pick(g, cautionLeads()), pickN(g, g.v.redFlags, 4))
	b.para(w.expand("If you are unsure whether massage is right for you, talk to your doctor before booking, or call us and we will help you decide."),
		w.expand("We are always happy to work alongside your doctor or physical therapist."))
}

func (g *generator) sessionRows(w words) [][2]string {
	rows := g.v.sessionRows
	out := make([][2]string, len(rows))
	for i, r := range rows {
		out[i] = [2]string{r[0], w.expand(r[1])}
	}
	return out
}

// capitalize upper-cases the first letter of each item.
func capitalize(items []string) []string {
	out := make([]string, len(items))
	for i, s := range items {
		if s != "" {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		out[i] = s
	}
	return out
}
