package site

import (
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/content"
)

func TestRelatedTo(t *testing.T) {
	back, neck, legs := &content.Region{Slug: "back"}, &content.Region{Slug: "neck"}, &content.Region{Slug: "legs"}
	cond := func(slug string, weight int, regions []*content.Region, symptoms ...string) *content.Condition {
		c := &content.Condition{Regions: regions, Symptoms: symptoms}
		c.Slug, c.Title, c.Weight = slug, strings.ToUpper(slug), weight
		return c
	}
	a := cond("a", 10, []*content.Region{back, legs}, "stiffness", "Numbness")
	b := cond("b", 50, []*content.Region{back, legs}, "numbness ") // shares 2 regions + 1 symptom (case and space folded)
	c := cond("c", 20, []*content.Region{back})                    // shares 1 region
	d := cond("d", 10, []*content.Region{back})                    // shares 1 region, lower weight than c
	e := cond("e", 10, []*content.Region{neck})                    // shares nothing
	f := cond("f", 90, []*content.Region{neck})                    // listed explicitly
	draft := cond("draft", 1, []*content.Region{back, legs}, "stiffness")
	a.Related = []*content.Condition{f, draft}
	shown := []*content.Condition{a, b, c, d, e, f} // the draft is not shown

	all := relatedAll(shown)
	var got []string
	for _, r := range all[a] {
		got = append(got, r.Slug)
	}
	if want := "f b d c"; strings.Join(got, " ") != want {
		t.Errorf("relatedTo(a) = %v, want %s: the related list first, then most shared, then weight; never drafts or strangers", got, want)
	}
	if got := all[e]; len(got) != 1 || got[0] != f {
		t.Errorf("relatedTo(e) = %v, want only f (the one sharing a region)", got)
	}
}

func TestSymptomsDeduplicated(t *testing.T) {
	x := &content.Condition{Symptoms: []string{"Brain fog", "stiff neck"}}
	x.Title = "X"
	y := &content.Condition{Symptoms: []string{"brain fog "}}
	y.Title = "Y"
	got := symptoms([]*content.Condition{x, y})
	if len(got) != 2 || got[0].ID != "brain-fog" || len(got[0].Conditions) != 2 || got[1].ID != "stiff-neck" {
		t.Errorf("symptoms = %+v, want brain fog (X, Y) then stiff neck, A to Z", got)
	}
}

func TestLetterBar(t *testing.T) {
	bar := letterBar([]letter{{Letter: "B"}, {Letter: "S"}}, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
	if len(bar) != 26 || !bar[1].Has || bar[0].Has || !bar[18].Has {
		t.Errorf("letterBar = %+v, want A-Z with only B and S marked", bar)
	}
}

func TestFixtureBrowsePages(t *testing.T) {
	s := fixture(t, Options{})
	for path, want := range map[string]string{
		"/areas/":      `<a href="/areas/hips-legs" aria-label="Hips and Legs (2 conditions)">`,
		"/areas/back":  `<a href="/conditions/fixture-condition">Fixture Condition</a>`,
		"/symptoms/":   `<dt id="pain-down-the-leg">pain down the leg</dt>`,
		"/conditions/": `<li><a href="#letter-F">F</a></li>`, // only letters with conditions
	} {
		p := s.Lookup(path)
		if p == nil || !strings.Contains(string(p.Plain()), want) {
			t.Errorf("%s lacks %q", path, want)
		}
	}
	page, err := s.SearchPage("fixturitis")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<a href="/conditions/fixture-condition">Fixture Condition</a>`) || !strings.Contains(string(page), `name="robots" content="noindex"`) {
		t.Errorf("search page for an alias lacks the result or noindex:\n%s", page)
	}
	long := strings.Repeat("é", 300)
	if got := cutQuery(long + "\x00"); len([]rune(got)) != MaxQuery {
		t.Errorf("cutQuery kept %d characters, want %d", len([]rune(got)), MaxQuery)
	}
}
