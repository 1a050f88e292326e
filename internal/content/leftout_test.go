package content

import (
	"errors"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/route"
)

// twoLanguages is a valid tree in English and Spanish in which other pages
// point at sciatica in every way one page can point at another: a link
// and a related list in English, a link from the Spanish home page and
// from a Spanish condition, and a translation.
func twoLanguages(files map[string]string) map[string]string {
	neck := strings.Replace(strings.Replace(goodCondition, "Sciatica", "Neck Pain", 1), "[back]", "[neck]", 1)
	neck = strings.Replace(neck, "reviewed:", "related: [sciatica]\nreviewed:", 1) + "\nSee [sciatica](/conditions/sciatica).\n"
	esNeck := strings.Replace(strings.Replace(esSciatica, "Ciática", "Dolor de cuello", 1), "slug: ciatica", "slug: dolor-de-cuello", 1)
	all := map[string]string{
		"site.yaml": bilingual, "i18n/es.yaml": "text: {book: Reservar}\n",
		"index.es.md":                esHome + "\nLea sobre la [ciática](/es/conditions/ciatica).\n",
		"conditions/neck-pain.md":    neck,
		"conditions/sciatica.es.md":  esSciatica,
		"conditions/neck-pain.es.md": esNeck + "\nVea [ciática](/es/conditions/ciatica).\n",
		"pages/about.es.md":          "---\ntitle: Sobre nosotros\nsummary: Nosotros.\n---\nSomos.\n",
	}
	for name, data := range files {
		all[name] = data
	}
	return all
}

// brokenFrontmatter is goodCondition whose title never closes its quote:
// the frontmatter does not read at all.
var brokenFrontmatter = strings.Replace(goodCondition, "title: Sciatica", `title: "Sciatica`, 1)

// TestBrokenFileInTwoLanguages holds that a file which does not read is
// the only problem reported: the pages that link to it, name it as
// related or translate it are not reported as pointing at nothing.
func TestBrokenFileInTwoLanguages(t *testing.T) {
	if _, ps := load(t, twoLanguages(nil)); ps != nil {
		t.Fatalf("the tree without a broken file: Load: %v", ps)
	}
	tests := []struct {
		name, file, data string
		want             string // the one problem, from its path on
	}{
		{"original", "conditions/sciatica.md", brokenFrontmatter, "content/conditions/sciatica.md:2:8: error: title: the text opens with \""},
		{"translation", "conditions/sciatica.es.md", strings.Replace(esSciatica, "title: Ciática", `title: "Ciática`, 1), "content/conditions/sciatica.es.md:2:8: error: title: the text opens with \""},
		{"plain page", "pages/about.md", "---\ntitle: [About\n---\nUs.\n", "content/pages/about.md:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ps := load(t, twoLanguages(map[string]string{tt.file: tt.data}))
			errs := errorsOf(ps)
			if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tt.want) {
				t.Fatalf("errors = %v, want only one starting %q", errs, tt.want)
			}
		})
	}
}

// TestLeftOut holds that a file Options.LeftOut names is out of the site
// but keeps its place for the checks: the rest loads without a problem.
func TestLeftOut(t *testing.T) {
	badLink := goodCondition + "\nSee [nothing](/conditions/nothing).\n"
	tests := []struct {
		name    string
		files   map[string]string
		leftOut []string
		check   func(t *testing.T, s *Site)
	}{
		{"a condition that reads, with its own mistake", map[string]string{"conditions/sciatica.md": badLink}, []string{"conditions/sciatica.md"}, func(t *testing.T, s *Site) {
			wantOut(t, s, "en", "sciatica")
			wantOut(t, s, "es", "ciatica") // its translation goes with it
			wantIn(t, s, "en", "neck-pain")
			wantIn(t, s, "es", "dolor-de-cuello")
			if c := s.Condition("neck-pain"); len(c.Related) != 0 {
				t.Errorf("neck-pain: related = %d conditions, want none (sciatica is left out)", len(c.Related))
			}
		}},
		{"a condition that does not read", map[string]string{"conditions/sciatica.md": brokenFrontmatter}, []string{"conditions/sciatica.md"}, func(t *testing.T, s *Site) {
			wantOut(t, s, "en", "sciatica")
			wantOut(t, s, "es", "ciatica")
		}},
		{"a translation", map[string]string{"conditions/sciatica.es.md": esSciatica + "\n[x](/es/conditions/nada)\n"}, []string{"conditions/sciatica.es.md"}, func(t *testing.T, s *Site) {
			wantIn(t, s, "en", "sciatica")
			wantOut(t, s, "es", "ciatica")
		}},
		{"a plain page", map[string]string{"pages/about.md": "---\ntitle: About\nsummary: Us.\nmenu: maybe\n---\nUs.\n"}, []string{"pages/about.md"}, func(t *testing.T, s *Site) {
			if s.Page("about") != nil || s.Translation("es").Page("about") != nil {
				t.Errorf("the page about is in the site, want it left out in both languages")
			}
		}},
		{"another language's home page", map[string]string{"index.es.md": "---\ntitle: [Inicio\n---\n"}, []string{"index.es.md"}, func(t *testing.T, s *Site) {
			if s.Translation("es") != nil {
				t.Errorf("the site has Spanish, want it left out with its home page")
			}
			wantIn(t, s, "en", "sciatica")
		}},
		{"nothing left out but a file that is not there", nil, []string{"conditions/nothing.md"}, func(t *testing.T, s *Site) {
			wantIn(t, s, "en", "sciatica")
			wantIn(t, s, "es", "ciatica")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := map[string]bool{}
			for _, rel := range tt.leftOut {
				out[rel] = true
			}
			s, err := Load(tree(twoLanguages(tt.files)), Options{URLs: route.Names{}, Dir: "content", Now: testNow, LeftOut: out})
			if err != nil {
				t.Fatalf("Load with %v left out: %v", tt.leftOut, err)
			}
			if errs := errorsOf(s.Warnings); len(errs) != 0 {
				t.Errorf("warnings hold errors: %v", errs)
			}
			tt.check(t, s)
		})
	}

	t.Run("the home page is never left out", func(t *testing.T) {
		_, err := Load(tree(map[string]string{"index.md": "---\ntitle: [Home\n---\n"}), Options{URLs: route.Names{}, Dir: "content", Now: testNow, LeftOut: map[string]bool{"index.md": true}})
		var ps Problems
		if !errors.As(err, &ps) || len(errorsOf(ps)) != 1 || !strings.HasPrefix(ps[0].Path, "content/index.md") {
			t.Fatalf("Load with index.md left out: %v, want its one error", err)
		}
	})
}

func errorsOf(ps Problems) Problems {
	var errs Problems
	for _, p := range ps {
		if p.Severity == Error {
			errs = append(errs, p)
		}
	}
	return errs
}

func wantIn(t *testing.T, s *Site, lang, slug string) {
	t.Helper()
	if ls := s.Translation(lang); ls == nil || ls.Condition(slug) == nil {
		t.Errorf("%s: no condition %s, want it in the site", lang, slug)
	}
}

func wantOut(t *testing.T, s *Site, lang, slug string) {
	t.Helper()
	if ls := s.Translation(lang); ls != nil && ls.Condition(slug) != nil {
		t.Errorf("%s: condition %s is in the site, want it left out", lang, slug)
	}
}

func TestWrittenSlug(t *testing.T) {
	tests := []struct{ text, want string }{
		{"---\ntitle: \"Ciática\nslug: ciatica\n---\n", "ciatica"},
		{"---\nslug: \"dolor-de-cuello\"\r\n---\n", "dolor-de-cuello"},
		{"+++\nslug = 'ciatica'\n+++\n", "ciatica"},
		{"---\nslug: [ciatica\n---\n", ""},
		{"---\nslug: Ciática\n---\n", ""},
		{"---\ntitle: x\n---\nslug: in-the-body\n", "in-the-body"}, // within the first lines: the closing fence may be the mistake
		{strings.Repeat("a: b\n", MaxFrontmatterLines+1) + "slug: too-far\n", ""},
		{"---\ntitle: x\n---\n", ""},
	}
	for _, tt := range tests {
		if got := WrittenSlug([]byte(tt.text)); got != tt.want {
			t.Errorf("WrittenSlug(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
