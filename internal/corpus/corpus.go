// Package corpus generates realistic content trees for benchmarks and load
// tests: a site.yaml, a home page, two plain pages and any number of
// condition pages in the exact format the content loader accepts, with
// plausible titles, symptoms and ~700-word bodies drawn from a built-in
// massage and anatomy vocabulary.
//
// Generate returns the conditions as data (for benchmarks that build their
// own structures, such as search documents); Write renders them, with the
// other files, into a folder. Both are deterministic for a given seed, and
// nothing here reads the clock: review dates count back from ReviewedBy.
package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
)

// ReviewedBy returns the date review dates are generated before: every
// condition was reviewed within the six months up to it. Load generated
// trees with this as the loader's "now" to get no review warnings.
func ReviewedBy() time.Time { return time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC) }

// Region is a body area listed in site.yaml.
type Region struct {
	Slug, Title string
}

// Condition is one generated condition page.
type Condition struct {
	Slug     string
	Title    string
	Summary  string   // at most 150 characters
	Regions  []string // region slugs
	Symptoms []string
	Aliases  []string
	Related  []string // slugs of 2–3 other conditions
	Reviewed string   // YYYY-MM-DD
	Weight   int
	Markdown string   // the body, below the frontmatter
	Text     string   // the body as plain text, without Markdown
	Headings []string // the body's ## and ### headings
}

// Regions returns the body areas every generated site.yaml lists.
func Regions() []Region {
	var out []Region
	for _, a := range newVocab().areas {
		out = append(out, Region{a.slug, a.title})
	}
	return out
}

// Generate returns n conditions with unique titles and slugs, generated
// from seed.
func Generate(n int, seed int64) []Condition {
	g := &generator{
		rng:   rand.New(rand.NewPCG(uint64(seed), 0x5eed)),
		v:     newVocab(),
		taken: make(map[string]bool),
	}
	cs := make([]Condition, n)
	areas, kinds := make([]area, n), make([]string, n)
	for i := range cs {
		areas[i] = g.pick(g.v.areas)
		cs[i].Title, kinds[i] = g.title(areas[i])
		cs[i].Slug = content.Slugify(cs[i].Title) // the slug relief new would give it
		cs[i].Weight = 10 * (i + 1)
	}
	for i := range cs {
		g.fill(&cs[i], areas[i], kinds[i], cs, i)
	}
	return cs
}

// generator holds the state of one Generate call.
type generator struct {
	rng   *rand.Rand
	v     vocab
	taken map[string]bool // titles used so far, lower-cased
}

// pick returns a random element of list.
func pick[T any](g *generator, list []T) T { return list[g.rng.IntN(len(list))] }

func (g *generator) pick(list []area) area { return pick(g, list) }

// pickN returns k distinct random elements of list (all of it if shorter).
func pickN[T any](g *generator, list []T, k int) []T {
	k = min(k, len(list))
	out := make([]T, 0, k)
	for _, i := range g.rng.Perm(len(list))[:k] {
		out = append(out, list[i])
	}
	return out
}

// title returns an unused title for a condition in a, and its condition
// word. It tries a few word combinations and falls back to numbering one:
// "Knee Strain 17".
func (g *generator) title(a area) (title, kind string) {
	var t string
	for range 6 {
		kind = pick(g, g.v.kinds)
		t = titleCase(pick(g, a.parts)) + " " + kind
		if g.rng.IntN(3) == 0 {
			t = pick(g, g.v.qualifiers) + " " + t
		}
		if !g.taken[strings.ToLower(t)] {
			break
		}
	}
	base := t
	for n := 2; g.taken[strings.ToLower(t)]; n++ {
		t = base + " " + strconv.Itoa(n)
	}
	g.taken[strings.ToLower(t)] = true
	return t, kind
}

// titleCase upper-cases the first letter of every word.
func titleCase(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(ws, " ")
}
