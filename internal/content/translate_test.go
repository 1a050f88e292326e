package content

import (
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/route"
)

// bilingual is testSiteYAML with Spanish declared.
const bilingual = testSiteYAML + `languages:
  - {code: en, name: English}
  - code: es
    name: Español
    disclaimer: No es consejo médico.
    regions: {back: Espalda}
`

const esHome = "---\ntitle: Inicio\nsummary: Bienvenido.\n---\nHola.\n"

// esSciatica is a translation that writes only its words: the body areas,
// the review date and the weight come from sciatica.md.
const esSciatica = `---
title: Ciática
summary: Dolor a lo largo del nervio ciático.
slug: ciatica
symptoms: [dolor que baja por la pierna]
---
Introducción.

## Cuándo tener precaución

> [!CAUTION]
> Llame al 911.
`

func TestTranslationModel(t *testing.T) {
	s, ps := load(t, map[string]string{
		"site.yaml": bilingual, "index.es.md": esHome, "i18n/es.yaml": "text: {book: Reservar}\n",
		"conditions/sciatica.es.md": esSciatica,
		"pages/about.es.md":         "---\ntitle: Sobre nosotros\nsummary: Nosotros.\n---\nSomos.\n",
	})
	if ps != nil {
		t.Fatalf("Load: %v", ps)
	}
	if len(s.Translations) != 1 {
		t.Fatalf("%d translations, want 1 (es)", len(s.Translations))
	}
	es := s.Translations[0]
	en := s.Condition("sciatica")
	c := es.Condition("ciatica")
	if c == nil {
		t.Fatalf("es has no condition ciatica: %+v", es.Conditions)
	}
	tests := []struct{ what, got, want string }{
		{"language", es.Lang.Code + " " + es.Lang.Name + " " + es.Lang.Dir, "es Español ltr"},
		{"default language", s.Lang.Code, "en"},
		{"home", es.Home.Title, "Inicio"},
		{"title (translated)", c.Title, "Ciática"},
		{"url (translated slug)", c.URL(), "/es/conditions/ciatica"},
		{"key (the pair)", c.Key, en.Key},
		{"symptoms (translated)", strings.Join(c.Symptoms, ","), "dolor que baja por la pierna"},
		{"aliases (translated, none written: none taken)", strings.Join(c.Aliases, ","), ""},
		{"regions (shared, with the language's title)", c.Regions[0].Slug + " " + c.Regions[0].Title, "back Espalda"},
		{"reviewed (shared)", c.Reviewed.Format("2006-01-02"), "2026-11-01"},
		{"disclaimer", es.Config.Disclaimer, "No es consejo médico."},
		{"region title left out: the default's", es.Config.Regions[1].Title, "Neck"},
		{"English region titles unchanged", s.Config.Regions[0].Title, "Back"},
		{"plain page slug (shared)", es.Pages[0].Slug, "about"},
		{"plain page menu (shared)", map[bool]string{true: "menu", false: "no menu"}[es.Pages[0].Menu], "menu"},
		{"strings file", string(es.Lang.Strings), "text: {book: Reservar}\n"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.what, tt.got, tt.want)
		}
	}
	if es.Condition("neck-pain") != nil {
		t.Errorf("es has neck-pain, which is not translated")
	}
}

// TestTranslationFallbacks: each shared field a translation leaves out is
// the original's; one it writes is its own; translated fields never fall
// back.
func TestTranslationFallbacks(t *testing.T) {
	for _, f := range Fields() {
		if f.Name == "title" || f.Name == "summary" || f.Name == "body" {
			if !f.Translated {
				t.Errorf("%s: Translated = false, want true", f.Name)
			}
		}
	}
	original := strings.Replace(goodCondition, "reviewed: 2026-11-01", "reviewed: 2026-11-01\nweight: 7\nrelated: [neck-pain]\nextra: {color: blue}", 1)
	tests := []struct {
		name, frontmatter string
		check             func(c *Condition) string
	}{
		{"nothing shared written", "", func(c *Condition) string {
			if c.Weight != 7 || c.Slug != "sciatica" || c.Extra["color"] != "blue" || len(c.Related) != 0 {
				return "want weight 7, slug sciatica, extra color blue, no related (neck-pain is not translated)"
			}
			return ""
		}},
		{"own weight", "weight: 3\n", func(c *Condition) string {
			if c.Weight != 3 {
				return "want weight 3"
			}
			return ""
		}},
		{"own regions", "regions: [neck]\n", func(c *Condition) string {
			if len(c.Regions) != 1 || c.Regions[0].Slug != "neck" {
				return "want regions [neck]"
			}
			return ""
		}},
		{"draft", "draft: true\n", func(c *Condition) string {
			if !c.Draft {
				return "want a draft"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := strings.Replace(esSciatica, "slug: ciatica\n", tt.frontmatter, 1)
			s, ps := load(t, map[string]string{"site.yaml": bilingual, "index.es.md": esHome, "i18n/es.yaml": "home: Inicio\n", "conditions/sciatica.md": original, "conditions/sciatica.es.md": tr})
			if ps != nil {
				t.Fatalf("Load: %v", ps)
			}
			c := s.Translations[0].Conditions[0]
			if msg := tt.check(c); msg != "" {
				t.Errorf("%s: got weight %d, slug %q, extra %v, related %d, draft %v", msg, c.Weight, c.Slug, c.Extra, len(c.Related), c.Draft)
			}
		})
	}
}

// TestTranslationChecks: each mistake a bilingual site can make, with its
// message.
func TestTranslationChecks(t *testing.T) {
	base := map[string]string{"site.yaml": bilingual, "index.es.md": esHome, "i18n/es.yaml": "home: Inicio\n", "conditions/sciatica.es.md": esSciatica}
	tests := []struct {
		name  string
		files map[string]string
		want  string // in the problems, with its file and line
	}{
		{"translation without original", map[string]string{"conditions/hip-pain.es.md": esSciatica},
			"content/conditions/hip-pain.es.md:1:1: error: this is a translation into Español of conditions/hip-pain.md, which does not exist"},
		{"translation older than its original", map[string]string{"conditions/sciatica.es.md": strings.Replace(esSciatica, "slug: ciatica", "slug: ciatica\nreviewed: 2026-01-05", 1)},
			"content/conditions/sciatica.es.md:5:1: warning: reviewed: 2026-01-05 is before 2026-11-01, when sciatica.md was last reviewed: this translation may be out of date"},
		{"undeclared language", map[string]string{"conditions/sciatica.fr.md": esSciatica},
			`content/conditions/sciatica.fr.md:1:1: error: the file name says the page is in the language "fr", which site.yaml does not list`},
		{"the default language's code", map[string]string{"conditions/sciatica.en.md": esSciatica},
			"content/conditions/sciatica.en.md:1:1: error: pages in English, the site's first language, need no language in their name: rename the file to sciatica.md"},
		{"link into English", map[string]string{"conditions/sciatica.es.md": esSciatica + "\nVea [el cuello](/conditions/neck-pain).\n"},
			"content/conditions/sciatica.es.md:14:5: warning: link to /conditions/neck-pain: this page is in Español, and the link takes visitors to a page in English"},
		{"link into Spanish", map[string]string{"pages/about.md": "---\ntitle: About\nsummary: Us.\nmenu: true\n---\nSee [ciática](/es/conditions/ciatica).\n"},
			"content/pages/about.md:6:5: warning: link to /es/conditions/ciatica: this page is in English, and the link takes visitors to a page in Español"},
		{"no home in the language", map[string]string{"index.es.md": ""},
			"content/site.yaml:1:1: error: site.yaml lists Español (es), but there is no index.es.md"},
		{"no strings file", map[string]string{"i18n/es.yaml": ""},
			"content/i18n/es.yaml:1:1: warning: there is no strings file for Español"},
		{"no urgent-care box", map[string]string{"conditions/sciatica.es.md": strings.Replace(esSciatica, "> [!CAUTION]\n", "", 1)},
			`content/conditions/sciatica.es.md:7:1: warning: no urgent-care box: add a "> [!CAUTION]" box, like the one in sciatica.md`},
		{"bad language code", map[string]string{"site.yaml": strings.Replace(bilingual, "code: es", "code: Spanish", 1)},
			`content/site.yaml:11:5: error: languages: item 2: code: "Spanish" is not a language code`},
		{"a page with a language's slug", map[string]string{"pages/es.md": "---\ntitle: Es\nsummary: Es.\nmenu: true\n---\nEs.\n"},
			`content/pages/es.md:1:1: error: the web address /es belongs to the site itself`},
		{"a malformed old address in a translation", map[string]string{"conditions/sciatica.es.md": strings.Replace(esSciatica, "slug: ciatica", "slug: ciatica\nredirect_from: [ciatica vieja.html]", 1)},
			`content/conditions/sciatica.es.md:5:17: error: redirect_from: "ciatica vieja.html" must be a path on this site, starting with /`},
		{"a translation's own address as its old address", map[string]string{"conditions/sciatica.es.md": strings.Replace(esSciatica, "slug: ciatica", "slug: ciatica\nredirect_from: [/es/conditions/ciatica]", 1)},
			`content/conditions/sciatica.es.md:5:17: warning: “/es/conditions/ciatica” is this page's own address, so it needs no old address: remove it`},
		{"an old address two languages list", map[string]string{"conditions/sciatica.es.md": strings.Replace(esSciatica, "slug: ciatica", "slug: ciatica\nredirect_from: [/ciatica.html]", 1),
			"conditions/neck-pain.es.md": strings.Replace(strings.Replace(esSciatica, "slug: ciatica", "slug: cuello\nredirect_from: [/ciatica.html]", 1), "Ciática", "Cuello", 1)},
			`warning: “/ciatica.html” is already an old address of the page`},
		{"a broken link in a translation", map[string]string{"conditions/sciatica.es.md": esSciatica + "\nVea [nada](/es/conditions/nada).\n"},
			`content/conditions/sciatica.es.md:14:5: error: link to /es/conditions/nada: there is no condition at this address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range base {
				files[k] = v
			}
			for k, v := range tt.files {
				files[k] = v
			}
			s, ps := load(t, files)
			if s != nil {
				ps = s.Warnings
			}
			if !strings.Contains(ps.Error(), tt.want) {
				t.Errorf("problems lack\n  %s\ngot\n%v", tt.want, ps.Error())
			}
		})
	}
}

// TestLangFile checks the names of translations, and that the map of the
// site (route.FileLang) reads each back as its language and original.
func TestLangFile(t *testing.T) {
	for _, tt := range []struct{ code, original, file string }{
		{"es", "conditions/sciatica.md", "conditions/sciatica.es.md"},
		{"es", "index.md", "index.es.md"},
		{"pt-br", "pages/about.md", "pages/about.pt-br.md"},
		{"es", "synonyms.yaml", "synonyms.es.yaml"},
	} {
		if got := LangFile(tt.code, tt.original); got != tt.file {
			t.Errorf("LangFile(%q, %q) = %q, want %q", tt.code, tt.original, got, tt.file)
		}
		if !strings.HasSuffix(tt.file, ".md") {
			continue
		}
		if code, orig := route.FileLang(tt.file); code != tt.code || orig != tt.original {
			t.Errorf("route.FileLang(%q) = %q, %q; want %q, %q", tt.file, code, orig, tt.code, tt.original)
		}
	}
}
