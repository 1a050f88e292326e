package content

import (
	"fmt"
	"sort"
	"strings"
)

// Language is one language the site is written in, from site.yaml:
//
//	languages:
//	  - {code: en, name: English}
//	  - code: es
//	    name: Español
//	    tagline: Masaje terapéutico para el dolor y la tensión
//	    disclaimer: El masaje no sustituye la atención médica...
//	    regions: {back: Espalda, neck: Cuello}
//
// The first is the default: its pages keep the addresses they have
// always had (/conditions/sciatica). Each other language has every page
// under its code (/es/conditions/ciatica) and its pages beside their
// originals, the code in the file name (conditions/sciatica.es.md).
// Without a languages list the site is in English (code en) only.
type Language struct {
	Code    string // "es": the URL prefix, the file-name suffix and <html lang>
	Name    string // as its speakers write it: "Español", for the language switcher
	Dir     string // "ltr", or "rtl" for Arabic, Hebrew, Persian, Urdu...
	Default bool   // the first language: no prefix, no suffix
	// Tagline and Disclaimer are site.yaml's in this language; "" takes
	// the default language's.
	Tagline    string
	Disclaimer string
	// Regions are the body areas' titles in this language, by slug; an
	// area left out keeps the default language's title.
	Regions map[string]string
	// Strings is the language's strings file, i18n/<code>.yaml in the
	// content folder: the words the site writes itself (buttons, the
	// titles of the indexes), read by package site; nil when there is
	// none. StringsPath names it in problems.
	Strings     []byte
	StringsPath string
}

// Prefix returns the language's code as its addresses carry it: "" for
// the default language, the code for the others.
func (l *Language) Prefix() string {
	if l == nil || l.Default {
		return ""
	}
	return l.Code
}

// defaultLanguage is the language of a site.yaml without languages.
func defaultLanguage() *Language {
	return &Language{Code: "en", Name: "English", Dir: "ltr", Default: true}
}

// Language returns the site's language with code, or nil.
func (c *Config) Language(code string) *Language {
	for _, l := range c.Languages {
		if l.Code == code {
			return l
		}
	}
	return nil
}

// languageCodes lists the codes of langs, for messages.
func languageCodes(langs []*Language) string {
	var s []string
	for _, l := range langs {
		s = append(s, l.Code)
	}
	return strings.Join(s, ", ")
}

// languages decodes site.yaml's languages list.
func languages(dst *[]*Language, isCode func(string) bool, ps problems) func(field) bool {
	return func(f field) bool {
		list, ok := f.Value.([]any)
		if !ok || len(list) == 0 {
			ps.errorf(f.Line, f.Col, "languages: expected a list of languages, the default first, like\n  - {code: en, name: English}\n  - {code: es, name: Español}")
			return false
		}
		good := true
		for i, it := range list {
			at := f.itemPos(i)
			l, msg := decodeLanguage(it, isCode)
			switch {
			case msg != "":
				ps.errorf(at.Line, at.Col, "languages: item %d: %s", i+1, msg)
				good = false
			case slicesContainsCode(*dst, l.Code):
				ps.errorf(at.Line, at.Col, "languages: %q is listed twice: keep one", l.Code)
				good = false
			default:
				l.Default = len(*dst) == 0
				*dst = append(*dst, l)
			}
		}
		return good
	}
}

func slicesContainsCode(langs []*Language, code string) bool {
	for _, l := range langs {
		if l.Code == code {
			return true
		}
	}
	return false
}

// decodeLanguage reads one item of the languages list, or says what is
// wrong with it.
func decodeLanguage(it any, isCode func(string) bool) (*Language, string) {
	m, ok := it.(map[string]any)
	if !ok {
		return nil, "each language needs a code and a name, like {code: es, name: Español}"
	}
	l := &Language{Dir: "ltr", Regions: map[string]string{}}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		s, isStr := v.(string)
		switch k {
		case "code":
			l.Code = s
		case "name":
			l.Name = s
		case "dir":
			l.Dir = s
		case "tagline":
			l.Tagline = s
		case "disclaimer":
			l.Disclaimer = s
		case "regions":
			rm, ok := v.(map[string]any)
			if !ok {
				return nil, "regions: write each body area's title in this language, like regions: {back: Espalda}"
			}
			for slug, t := range rm {
				title, _ := t.(string)
				l.Regions[slug] = title
			}
			isStr = true
		default:
			return nil, fmt.Sprintf("unknown key %q: a language takes code, name, dir, tagline, disclaimer and regions", k)
		}
		if !isStr {
			return nil, fmt.Sprintf("%s: write it as text", k)
		}
	}
	switch {
	case !isCode(l.Code):
		return nil, fmt.Sprintf("code: %q is not a language code: use the two-letter code of the language, in lower case, like es for Spanish or fr for French", l.Code)
	case strings.TrimSpace(l.Name) == "":
		return nil, fmt.Sprintf("name: give the language's name as its speakers write it, like {code: %s, name: Español}", l.Code)
	case l.Dir != "ltr" && l.Dir != "rtl":
		return nil, fmt.Sprintf("dir: %q is not a direction: write ltr (left to right) or rtl (right to left, for Arabic or Hebrew)", l.Dir)
	}
	return l, ""
}

// localConfig is cfg in language lang: its tagline, disclaimer and body
// area titles, the default language's where lang leaves one out.
func localConfig(cfg Config, lang *Language) Config {
	out := cfg
	if lang.Tagline != "" {
		out.Tagline = lang.Tagline
	}
	if lang.Disclaimer != "" {
		out.Disclaimer = lang.Disclaimer
	}
	out.Regions = make([]*Region, len(cfg.Regions))
	for i, r := range cfg.Regions {
		out.Regions[i] = &Region{Slug: r.Slug, Title: r.Title}
		if t := lang.Regions[r.Slug]; t != "" {
			out.Regions[i].Title = t
		}
	}
	return out
}
