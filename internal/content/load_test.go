package content

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relief-massage/relief/internal/route"
)

var testNow = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

const testSiteYAML = `name: Test Practice
base_url: https://test.example.com/
phone: "(555) 010-0000"
emergency: "911"
disclaimer: Not medical advice.
regions:
  - {slug: back, title: Back}
  - {slug: neck, title: Neck}
`

const testHome = "---\ntitle: Home\nsummary: Welcome.\n---\nHello.\n"

// goodCondition is a complete condition that loads without warnings.
const goodCondition = `---
title: Sciatica
summary: Pain along the sciatic nerve.
regions: [back]
symptoms: [pain down the leg]
aliases: [pinched nerve]
reviewed: 2026-11-01
---
Intro.

## When to be cautious

> [!CAUTION]
> Call 911.
`

// tree returns a valid content tree with the given files added or replaced.
func tree(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.yaml":                {Data: []byte(testSiteYAML)},
		"index.md":                 {Data: []byte(testHome)},
		"conditions/sciatica.md":   {Data: []byte(goodCondition)},
		"pages/about.md":           {Data: []byte("---\ntitle: About\nsummary: Us.\nmenu: true\n---\nAbout us.\n")},
		"conditions/neck-pain.md":  {Data: []byte(strings.Replace(strings.Replace(goodCondition, "Sciatica", "Neck Pain", 1), "[back]", "[neck]", 1))},
		"conditions/.hidden.md.sw": {Data: []byte("editor swap file")},
	}
	for name, data := range files {
		if data == "" {
			delete(fsys, name)
			continue
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func load(t *testing.T, files map[string]string) (*Site, Problems) {
	t.Helper()
	s, err := Load(tree(files), Options{URLs: route.Names{}, Dir: "content", Now: testNow})
	if err == nil {
		return s, nil
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load: error of type %T, want Problems: %v", err, err)
	}
	return nil, ps
}

func TestLoadValid(t *testing.T) {
	s, ps := load(t, nil)
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("warnings = %v, want none", s.Warnings)
	}
	if s.Config.BaseURL != "https://test.example.com" {
		t.Errorf("BaseURL = %q, want the trailing slash trimmed", s.Config.BaseURL)
	}
	c := s.Condition("sciatica")
	if c == nil {
		t.Fatal(`Condition("sciatica") = nil; the slug should default to the file name`)
	}
	if c.Title != "Sciatica" || len(c.Regions) != 1 || c.Regions[0].Title != "Back" || c.Aliases[0] != "pinched nerve" {
		t.Errorf("condition decoded wrongly: %+v", c)
	}
	if got := c.NextReview().Format(time.DateOnly); got != "2027-11-01" {
		t.Errorf("NextReview = %s, want 2027-11-01", got)
	}
	if toc := c.TOC(); len(toc) != 1 || toc[0].ID != "when-to-be-cautious" {
		t.Errorf("TOC = %+v, want one entry when-to-be-cautious", toc)
	}
	if got := []string{s.Conditions[0].Slug, s.Conditions[1].Slug}; got[0] != "neck-pain" || got[1] != "sciatica" {
		t.Errorf("conditions = %v, want sorted by title", got)
	}
	if p := s.Page("about"); p == nil || !p.Menu {
		t.Errorf("Page(about) = %+v, want a menu page", p)
	}
}

func TestLoadTOML(t *testing.T) {
	s, ps := load(t, map[string]string{"conditions/sciatica.md": `+++
title = "Sciatica"
summary = "Pain along the nerve."
regions = ["back"]
related = ["neck-pain"]
reviewed = 2026-09-01
weight = 5
draft = true
[extra]
colour = "green"
+++
Body text.

> [!WARNING]
> Careful.
`})
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	c := s.Condition("sciatica")
	if c.Reviewed.Format(time.DateOnly) != "2026-09-01" || c.Weight != 5 || !c.Draft || c.Extra["colour"] != "green" {
		t.Errorf("TOML decoded wrongly: reviewed %v weight %d draft %v extra %v", c.Reviewed, c.Weight, c.Draft, c.Extra)
	}
	if len(c.Related) != 1 || c.Related[0].Slug != "neck-pain" {
		t.Errorf("Related = %v, want neck-pain", c.Related)
	}
}

func TestLoadNormalizesBOMAndCRLF(t *testing.T) {
	crlf := "\ufeff" + strings.ReplaceAll(goodCondition, "\n", "\r\n")
	s, ps := load(t, map[string]string{"conditions/sciatica.md": crlf})
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	if s.Condition("sciatica").Title != "Sciatica" {
		t.Error("a file with a byte-order mark and CRLF lines lost its frontmatter")
	}
}

func TestLoadSlugAndDrafts(t *testing.T) {
	s, ps := load(t, map[string]string{
		"conditions/Old Name.md": "---\ntitle: Hip Pain\nsummary: Hips.\nslug: hip-pain\ndraft: true\nreviewed: 2026-11-01\n---\n> [!CAUTION]\n> Careful.\n",
	})
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	c := s.Condition("hip-pain")
	if c == nil || !c.Draft {
		t.Fatalf("Condition(hip-pain) = %+v, want a draft with the slug from frontmatter", c)
	}
}

// TestLoadProblems checks that each kind of mistake is reported at the
// exact place, with a message that says what to do.
func TestLoadProblems(t *testing.T) {
	const c = "conditions/sciatica.md"
	tests := []struct {
		name  string
		files map[string]string
		want  string // one line of the problems
	}{
		{"bad yaml", map[string]string{c: "---\ntitle: Sciatica\nsummary: pain: here\n---\nBody\n"},
			"content/conditions/sciatica.md:3:14: error: summary: the colon in the text is read as the start of a new key"},
		{"bad toml", map[string]string{c: "+++\ntitle = \"Sciatica\"\nsummary = \n+++\nBody\n"},
			"content/conditions/sciatica.md:3:"},
		{"unknown key", map[string]string{c: strings.Replace(goodCondition, "title:", "titel:", 1)},
			`content/conditions/sciatica.md:2:1: error: unknown key "titel": did you mean title?`},
		{"unknown key far from any", map[string]string{c: strings.Replace(goodCondition, "aliases:", "colourscheme:", 1)},
			`content/conditions/sciatica.md:6:1: error: unknown key "colourscheme": the keys you can use are`},
		{"unclosed frontmatter", map[string]string{c: "---\ntitle: Sciatica\nsummary: x\n\nBody\n"},
			"content/conditions/sciatica.md:1:1: error: the frontmatter opened with --- on line 1 is never closed"},
		{"no frontmatter", map[string]string{c: "# Sciatica\n"},
			"content/conditions/sciatica.md:1:1: error: the file does not start with frontmatter"},
		{"not utf-8", map[string]string{c: "---\ntitle: Sci\xe1tica\n---\n"},
			"content/conditions/sciatica.md:2:11: error: the file is not valid UTF-8 (byte 0xe1)"},
		{"missing title", map[string]string{c: strings.Replace(goodCondition, "title: Sciatica\n", "", 1)},
			"content/conditions/sciatica.md:1:1: error: the required key title is missing"},
		{"wrong type", map[string]string{c: strings.Replace(goodCondition, "regions: [back]", "regions: back", 1)},
			"content/conditions/sciatica.md:4:1: error: regions: this takes a list, even of one item: write it in [ ], like regions: [back]"},
		{"bad date", map[string]string{c: strings.Replace(goodCondition, "2026-11-01", "2026-13-45", 1)},
			"content/conditions/sciatica.md:7:1: error: reviewed: 2026-13-45: there is no month 13"},
		{"invalid slug", map[string]string{c: strings.Replace(goodCondition, "title: Sciatica", "title: Sciatica\nslug: Sciatica Pain", 1)},
			`content/conditions/sciatica.md:3:1: error: "Sciatica Pain" cannot be the page's web address, which may have only lowercase letters, digits and hyphens: change it to slug: sciatica-pain`},
		{"invalid file name", map[string]string{c: "", "conditions/Sciatica_Pain.md": goodCondition},
			`content/conditions/Sciatica_Pain.md:1:1: error: "Sciatica_Pain" cannot be the page's web address, which may have only lowercase letters, digits and hyphens: rename the file to sciatica-pain.md, or write slug: sciatica-pain at the top of the page`},
		{"duplicate slug", map[string]string{"conditions/sciatica-2.md": strings.Replace(goodCondition, "title: Sciatica", "title: Sciatica Again\nslug: sciatica", 1)},
			`content/conditions/sciatica-2.md:3:1: error: content/conditions/sciatica.md already has the web address /conditions/sciatica: give one of the two pages another address`},
		{"unknown region", map[string]string{c: strings.Replace(goodCondition, "[back]", "[back, legs]", 1)},
			`content/conditions/sciatica.md:4:17: error: regions: "legs" is not a body area in site.yaml: use one of back, neck`},
		{"related missing", map[string]string{c: strings.Replace(goodCondition, "reviewed:", "related: [neck-pian]\nreviewed:", 1)},
			`content/conditions/sciatica.md:7:11: error: related: there is no condition at /conditions/neck-pian (did you mean neck-pain?)`},
		{"related self", map[string]string{c: strings.Replace(goodCondition, "reviewed:", "related:\n  - sciatica\nreviewed:", 1)},
			`content/conditions/sciatica.md:8:5: error: related: a condition cannot be related to itself`},
		{"broken link", map[string]string{c: goodCondition + "\nSee [neck](/conditions/nek-pain).\n"},
			`content/conditions/sciatica.md:16:5: error: link to /conditions/nek-pain: there is no condition at this address (did you mean /conditions/neck-pain?)`},
		{"broken anchor", map[string]string{c: goodCondition + "\nSee [above](#when-to-be-cautios).\n"},
			`content/conditions/sciatica.md:16:5: error: link to #when-to-be-cautios: this page has no heading with the id "when-to-be-cautios" (did you mean when-to-be-cautious?)`},
		{"broken anchor on another page", map[string]string{c: goodCondition + "\n[neck](/conditions/neck-pain#nope)\n"},
			`content/conditions/sciatica.md:16:1: error: link to /conditions/neck-pain#nope: /conditions/neck-pain has no heading with the id "nope"`},
		{"unknown page link", map[string]string{"pages/about.md": "---\ntitle: About\nsummary: Us.\n---\n[prices](/prices)\n"},
			"content/pages/about.md:5:1: error: link to /prices: there is no such page on this site"},
		{"reserved page slug", map[string]string{"pages/search.md": "---\ntitle: Search\nsummary: x\n---\nx\n"},
			`content/pages/search.md:1:1: error: the web address /search belongs to the site itself`},
		{"no conditions", map[string]string{c: "", "conditions/neck-pain.md": ""},
			"content/conditions:1:1: error: there are no conditions"},
		{"missing site.yaml", map[string]string{"site.yaml": ""},
			"content/site.yaml:1:1: error: the file is missing"},
		{"site.yaml bad region", map[string]string{"site.yaml": strings.Replace(testSiteYAML, "{slug: neck, title: Neck}", "{slug: Neck}", 1)},
			"content/site.yaml:8:5: error: regions: item 2: each body area needs exactly two things, the word for its web address (slug) and the name visitors see (title)"},
		{"duplicate key", map[string]string{c: strings.Replace(goodCondition, "summary:", "title: Again\nsummary:", 1)},
			"content/conditions/sciatica.md:3:1: error: title is set twice (first on line 2): keep one"},
		{"synonyms not a list", map[string]string{"synonyms.yaml": "tired: exhausted\n"},
			"content/synonyms.yaml:1:1: error: expected a list of groups of words: write each group on its own line"},
		{"synonym group of one", map[string]string{"synonyms.yaml": "# words\n- [tired, exhausted]\n- [lift]\n"},
			"content/synonyms.yaml:3:3: error: a group needs two or more words or phrases that mean the same"},
		{"synonym in two groups", map[string]string{"synonyms.yaml": "- [tired, exhausted]\n- [worn out, Exhausted]\n"},
			`content/synonyms.yaml:2:14: error: "Exhausted" is already in the group on line 1: a word belongs to one group`},
		{"synonym without letters", map[string]string{"synonyms.yaml": "- [tired, \"--\"]\n"},
			`content/synonyms.yaml:1:11: error: "--" has no letters`},
		{"synonyms bad yaml", map[string]string{"synonyms.yaml": "- [tired, exhausted\n- [lift, raise]\n"},
			"content/synonyms.yaml:"},
		{"wrong type in list", map[string]string{c: strings.Replace(goodCondition, "[pain down the leg]", "[pain, {a: b}]", 1)},
			"content/conditions/sciatica.md:5:18: error: symptoms: item 2: the colon in it is read as a key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := load(t, tt.files)
			if ps == nil {
				t.Fatalf("Load succeeded, want a problem starting %q", tt.want)
			}
			for _, p := range ps {
				if strings.HasPrefix(p.String(), tt.want) {
					return
				}
			}
			t.Errorf("problems:\n%v\nwant a line starting %q", ps, tt.want)
		})
	}
}

// TestLoadSynonyms checks that synonyms.yaml is read, with spaces tidied,
// and that a site without one has none.
func TestLoadSynonyms(t *testing.T) {
	s, ps := load(t, map[string]string{"synonyms.yaml": "# comment\n- [raise, lift]\n- [\"all  over\", everywhere, widespread]\n"})
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	want := [][]string{{"raise", "lift"}, {"all over", "everywhere", "widespread"}}
	if fmt.Sprint(s.Synonyms) != fmt.Sprint(want) {
		t.Errorf("Synonyms = %q, want %q", s.Synonyms, want)
	}
	if s, _ := load(t, nil); s.Synonyms != nil {
		t.Errorf("without synonyms.yaml: Synonyms = %q, want none", s.Synonyms)
	}
}

// TestLoadSynonymsInLanguages checks that each language has its own
// synonyms file, synonyms.es.yaml beside synonyms.yaml, checked the same
// way and named in its problems.
func TestLoadSynonymsInLanguages(t *testing.T) {
	files := map[string]string{
		"site.yaml": bilingual, "index.es.md": esHome, "i18n/es.yaml": "text: {book: Reservar}\n",
		"synonyms.yaml":    "- [raise, lift]\n",
		"synonyms.es.yaml": "# palabras\n- [lumbago, dolor lumbar, dolor de riñones]\n- [hormigueo, cosquilleo]\n",
	}
	s, ps := load(t, files)
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	if got, want := fmt.Sprint(s.Synonyms), "[[raise lift]]"; got != want {
		t.Errorf("English Synonyms = %s, want %s", got, want)
	}
	if got, want := fmt.Sprint(s.Translations[0].Synonyms), "[[lumbago dolor lumbar dolor de riñones] [hormigueo cosquilleo]]"; got != want {
		t.Errorf("Spanish Synonyms = %s, want %s", got, want)
	}

	delete(files, "synonyms.es.yaml")
	if s, _ := load(t, files); s.Translations[0].Synonyms != nil {
		t.Errorf("without synonyms.es.yaml: Spanish Synonyms = %q, want none (the English groups are English words)", s.Translations[0].Synonyms)
	}

	files["synonyms.es.yaml"] = "- [hormigueo, cosquilleo]\n- [cosquilleo, picor]\n"
	_, ps = load(t, files)
	if want := `content/synonyms.es.yaml:2:4: error: "cosquilleo" is already in the group on line 1`; !strings.Contains(ps.Error(), want) {
		t.Errorf("a word in two Spanish groups: problems = %v, want %s", ps, want)
	}
}

// TestReads checks which files of the content folder the loader reads,
// which the preview's copy of the folder keeps.
func TestReads(t *testing.T) {
	for rel, want := range map[string]bool{
		"site.yaml": true, "index.md": true, "index.es.md": true, "index.es.fr.md": false, "index.html": false,
		"synonyms.yaml": true, "synonyms.es.yaml": true, "synonyms.pt-br.yaml": true, "synonyms.yml": false, "synonyms..yaml": false,
		"conditions/sciatica.md": true, "conditions/.sciatica.md.swp": false, "pages/about.es.md": true,
		"i18n/es.yaml": true, "images/back.jpg": false, "notes.txt": false,
	} {
		if got := Reads(rel); got != want {
			t.Errorf("Reads(%q) = %v, want %v", rel, got, want)
		}
	}
}

func TestLoadWarnings(t *testing.T) {
	long := strings.Repeat("word ", 40)
	s, ps := load(t, map[string]string{
		"conditions/sciatica.md": strings.Replace(strings.Replace(goodCondition, "Pain along the sciatic nerve.", long, 1), "2026-11-01", "2024-01-01", 1),
		"conditions/notes.txt":   "my notes",
	})
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	want := []string{
		"content/conditions/notes.txt:1:1: warning: ignored: only .md files",
		"content/conditions/sciatica.md:7:1: warning: reviewed: 2024-01-01 is more than 12 months ago",
		"content/conditions/sciatica.md:3:1: warning: summary is 199 characters long",
	}
	got := s.Warnings.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("warnings:\n%s\nwant a line starting %q", got, w)
		}
	}
}

func TestProblemsErrorIsSorted(t *testing.T) {
	ps := Problems{
		{Path: "b.md", Line: 1, Message: "x"},
		{Path: "a.md", Line: 9, Col: 2, Message: "y", Severity: Warning},
		{Path: "a.md", Line: 2, Col: 5, Message: "z"},
	}
	want := "a.md:2:5: error: z\na.md:9:2: warning: y\nb.md:1:1: error: x"
	if got := ps.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
}

func TestSlugify(t *testing.T) {
	for in, want := range map[string]string{
		"Carpal Tunnel Syndrome":   "carpal-tunnel-syndrome",
		"TMJ Disorder (jaw pain)":  "tmj-disorder-jaw-pain",
		"Upper Back & Shoulder":    "upper-back-shoulder",
		"  Leading and trailing  ": "leading-and-trailing",
		"Sciatica's Café":          "sciaticas-cafe",
	} {
		if got := Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLoadReportsEverythingAtOnce: a mistake in one key does not hide the
// mistakes that only checks across files find.
func TestLoadReportsEverythingAtOnce(t *testing.T) {
	broken := strings.Replace(strings.Replace(goodCondition, "title:", "titel:", 1), "[back]", "[knees]", 1) + "\n[x](/conditions/nope)\n"
	_, ps := load(t, map[string]string{"conditions/sciatica.md": broken})
	got := ps.Error()
	for _, want := range []string{
		`sciatica.md:2:1: error: unknown key "titel": did you mean title?`,
		`sciatica.md:4:11: error: regions: "knees" is not a body area`,
		`sciatica.md:16:1: error: link to /conditions/nope`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems:\n%s\nwant a line containing %q", got, want)
		}
	}
	if strings.Contains(got, "required key title is missing") {
		t.Errorf("problems:\n%s\nreport the misspelt title twice", got)
	}
}

// TestLoadDuplicateSymptoms: a symptom listed twice on one page (case and
// the spaces around it ignored) is a warning at the line of the second,
// in words a therapist can act on; the site still loads.
func TestLoadDuplicateSymptoms(t *testing.T) {
	const c = "conditions/sciatica.md"
	tests := []struct {
		name     string
		symptoms string
		want     []string // warnings about symptoms, as relief check prints them
	}{
		{"none twice", "symptoms: [numbness, pain down the leg]", nil},
		{"the same words", "symptoms: [numbness, pain down the leg, numbness]",
			[]string{"content/conditions/sciatica.md:5:41: warning: “numbness” is listed twice under Symptoms; remove one"}},
		{"case and spaces", "symptoms:\n  - Numbness\n  - pain down the leg\n  - \" numbness \"",
			[]string{"content/conditions/sciatica.md:8:5: warning: “Numbness” is listed twice under Symptoms; remove one"}},
		{"three times", "symptoms:\n  - Numbness\n  - numbness\n  - NUMBNESS",
			[]string{
				"content/conditions/sciatica.md:7:5: warning: “Numbness” is listed twice under Symptoms; remove one",
				"content/conditions/sciatica.md:8:5: warning: “Numbness” is listed twice under Symptoms; remove one",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ps := load(t, map[string]string{c: strings.Replace(goodCondition, "symptoms: [pain down the leg]", tt.symptoms, 1)})
			if ps != nil {
				t.Fatalf("Load: %v (a symptom listed twice is a warning, not an error)", ps)
			}
			var got []string
			for _, w := range s.Warnings.Sorted() {
				if strings.Contains(w.Message, "Symptoms") {
					got = append(got, w.String())
				}
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings about symptoms:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
