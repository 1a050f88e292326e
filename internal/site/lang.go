package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/fuzzy"
	"github.com/relief-massage/relief/internal/route"
)

// in returns the words of lang: its strings file (content/i18n/<code>.yaml,
// the same keys as templates/words.yaml) over w, so that every word it
// leaves out stays in w's language. The problems are warnings for check:
// each word the file leaves out, and a file that cannot be read.
func (w *words) in(lang *content.Language) (*words, content.Problems) {
	out := w.clone()
	out.Language = lang.Code
	if lang.Strings == nil {
		return out, nil
	}
	warn := func(line int, format string, args ...any) content.Problems {
		return content.Problems{{Path: lang.StringsPath, Line: max(line, 1), Col: 1, Severity: content.Warning, Message: fmt.Sprintf(format, args...)}}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(lang.Strings, &doc); err != nil {
		return out, warn(1, "%v: the words of %s are not used until this is fixed", err, lang.Name)
	}
	dec := yaml.NewDecoder(bytes.NewReader(lang.Strings))
	dec.KnownFields(true)
	if err := dec.Decode(out); err != nil && !errors.Is(err, io.EOF) {
		return w.clone(), warn(1, "%v: the words of %s are not used until this is fixed", err, lang.Name)
	}
	out.Language = lang.Code
	var ps content.Problems
	if len(out.Months) != 12 {
		out.Months = w.Months
		ps = append(ps, warn(1, "months: write the twelve month names in %s, January first", lang.Name)...)
	}
	have := map[string]bool{}
	yamlKeys(&doc, "", have)
	english := map[string]bool{}
	var base yaml.Node
	_ = base.Encode(w) // a struct of strings: cannot fail
	yamlKeys(&base, "", english)
	for _, k := range slices.Sorted(maps.Keys(english)) {
		if !have[k] && k != "language" && lookup(w, k) != "" {
			ps = append(ps, warn(1, "%s is missing: visitors reading %s see it in the first language (%q): add it, translated", k, lang.Name, lookup(w, k))...)
		}
	}
	return out, ps
}

// lookup returns the text of the word named key ("text: book"), for
// messages.
func lookup(w *words, key string) string {
	var n yaml.Node
	_ = n.Encode(w)
	for _, part := range strings.Split(key, ": ") {
		n = *child(&n, part)
	}
	return n.Value
}

func child(n *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return &yaml.Node{}
}

// yamlKeys collects the names of every text value under n, as
// "parent: child".
func yamlKeys(n *yaml.Node, prefix string, into map[string]bool) {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		into[prefix] = true
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		if prefix != "" {
			k = prefix + ": " + k
		}
		yamlKeys(n.Content[i+1], k, into)
	}
}

// clone returns a copy of w that shares nothing that decoding over it
// could change.
func (w *words) clone() *words {
	c := *w
	c.Months = slices.Clone(w.Months)
	c.Plurals = maps.Clone(w.Plurals)
	c.Text = maps.Clone(w.Text)
	return &c
}

// t returns the word named key, with each {name} of pairs ("query", q)
// filled in. A key no words file has is a mistake in a template, which
// stops the build with its name.
func (w *words) t(key string, pairs ...string) (string, error) {
	s, ok := w.Text[key]
	if !ok {
		return "", fmt.Errorf("templates/%s: text: %s is missing: add it, with the words visitors should read", wordsFile, key)
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		s = fill(s, pairs[i], pairs[i+1])
	}
	return s, nil
}

// setLanguage makes code the language of the words, parsing it once
// for plural.
func (w *words) setLanguage(code string) {
	w.Language = code
	w.tag, _ = language.Parse(code) // a code it cannot parse: und, whose rules have no "one"
}

// plural returns the form of the word named key for the number n, by the
// language's rules (golang.org/x/text/feature/plural).
func (w *words) plural(n int, key string) (string, error) {
	p, ok := w.Plurals[key]
	if !ok {
		return "", fmt.Errorf("templates/%s: plurals: %s is missing: add it, like %s: {one: ..., other: ...}", wordsFile, key, key)
	}
	if plural.Cardinal.MatchPlural(w.tag, n, 0, 0, 0, 0) == plural.One {
		return p.One, nil
	}
	return p.Other, nil
}

// date writes t the way the words say (date: and months:).
func (w *words) date(t time.Time) string {
	s := t.Format(w.Date)
	if name := w.Months[t.Month()-1]; name != t.Month().String() {
		s = strings.Replace(s, t.Month().String(), name, 1)
	}
	return s
}

// letterOf returns the letter of the A to Z bar a title goes under: its
// first letter in upper case when the alphabet has it ("Ñ" in Spanish),
// else that letter without its accent ("Á" under "A"), else "#".
func (w *words) letterOf(title string) string {
	for _, r := range title {
		u := string(unicode.ToUpper(r))
		switch {
		case strings.Contains(w.Alphabet, u) && unicode.IsLetter(r):
			return u
		case strings.Contains(w.Alphabet, strings.ToUpper(fuzzy.Fold(u))) && fuzzy.Fold(u) != "":
			return strings.ToUpper(fuzzy.Fold(u))
		}
		return "#"
	}
	return "#"
}

// languages is what every language's Site shares: the words of each
// language and, for every page, the same page in the other languages.
type languages struct {
	root  *Site               // the default language's
	all   []*content.Language // the default first
	words []*words            // of each of all
	// same lists, for each page's path, the page in every language that
	// has it (the page itself included), in the order of all.
	same map[string][]alternate
	// x is the default language's path of each page that has one.
	x map[string]string
}

// alternate is one language's version of a page.
type alternate struct {
	Lang *content.Language
	Path string
}

// newLanguages prepares the words of every language of cs and finds, for
// every page, its versions in the other languages: generated pages (the
// indexes, an area, search) by their address without the language, pages
// of content by their file (content.Page.Key). The problems are the
// strings files' missing words.
func newLanguages(cs *content.Site, w *words, dev bool) (*languages, content.Problems) {
	l := &languages{same: map[string][]alternate{}, x: map[string]string{}}
	var ps content.Problems
	byKey := map[string][]alternate{}
	keyOf := map[string]string{}
	for i, ls := range cs.Sites() {
		lang := ls.Lang
		if lang == nil {
			lang = &content.Language{Code: w.Language, Name: w.Language, Dir: "ltr", Default: true}
			ls.Lang = lang
		}
		lw := w.clone()
		if i > 0 {
			var warns content.Problems
			lw, warns = w.in(lang)
			ps = append(ps, warns...)
		}
		lw.prefix = lang.Prefix()
		lw.setLanguage(lang.Code)
		l.all, l.words = append(l.all, lang), append(l.words, lw)
		if len(cs.Translations) == 0 {
			break // one language: no page has another version
		}
		for key, path := range pagesOf(ls, dev) {
			byKey[key] = append(byKey[key], alternate{lang, path})
			keyOf[path] = key
		}
	}
	for path, key := range keyOf {
		l.same[path] = byKey[key]
		if alts := byKey[key]; alts[0].Lang.Default {
			l.x[path] = alts[0].Path
		}
	}
	return l, ps
}

// pagesOf returns the path of every HTML page the site of one language
// shows, by the key that names the same page in every language.
func pagesOf(ls *content.Site, dev bool) map[string]string {
	in := func(k route.Kind, param string) string { return route.In(ls.Lang.Prefix(), route.URL(k, param)) }
	out := map[string]string{}
	for _, k := range []route.Kind{route.Home, route.ConditionsIndex, route.AreasIndex, route.Symptoms, route.Search} {
		out[route.URL(k, "")] = in(k, "")
	}
	for _, r := range ls.Config.Regions {
		out[route.URL(route.Area, r.Slug)] = in(route.Area, r.Slug)
	}
	for _, c := range published(ls.Conditions, dev) {
		out["c:"+c.Key] = c.URL()
	}
	for _, p := range ls.Pages {
		if !p.Draft || dev {
			out["p:"+p.Key] = in(route.Page, p.Slug)
		}
	}
	return out
}

// langLink is one entry of the language switcher.
type langLink struct {
	Code, Name string
	URL        string
	Current    bool   // the page being read
	Missing    string // the page is not in that language: URL is its home, and this says so, in that language
}

// hreflang is one <link rel="alternate" hreflang>.
type hreflang struct{ Code, URL string }

// switcher returns the language switcher of the page at path, in the
// site of lang; nil for a site in one language.
func (l *languages) switcher(path string, lang *content.Language) []langLink {
	if len(l.all) < 2 {
		return nil
	}
	var out []langLink
	for i, other := range l.all {
		ln := langLink{Code: other.Code, Name: other.Name, Current: other == lang}
		ow := l.words[i]
		if alt, ok := l.in(path, other); ok {
			ln.URL = alt
		} else {
			ln.URL = route.In(other.Prefix(), route.URL(route.Home, ""))
			ln.Missing, _ = ow.t("not_translated", "language", other.Name)
		}
		out = append(out, ln)
	}
	return out
}

// in returns the path of the page at path in the language other.
func (l *languages) in(path string, other *content.Language) (string, bool) {
	for _, a := range l.same[path] {
		if a.Lang == other {
			return a.Path, true
		}
	}
	return "", false
}

// hreflangs returns the hreflang links of the page at path, absolute
// from base, with x-default (the default language's page): none for a
// page in one language only.
func (l *languages) hreflangs(path, base string) []hreflang {
	alts := l.same[path]
	if len(alts) < 2 {
		return nil
	}
	var out []hreflang
	for _, a := range alts {
		out = append(out, hreflang{a.Lang.Code, base + a.Path})
	}
	if x, ok := l.x[path]; ok {
		out = append(out, hreflang{"x-default", base + x})
	}
	return out
}

// locale returns the Open Graph locale of a language: "en_US", "es_ES".
func locale(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return "en_US"
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

// url returns the path of the page of kind k with parameter param in the
// site's language.
func (s *Site) url(k route.Kind, param string) string {
	return route.In(s.Content.Lang.Prefix(), route.URL(k, param))
}

// In returns the site in the language whose addresses start with prefix
// ("es"; "" for the default language), or nil when it has none.
func (s *Site) In(prefix string) *Site {
	if prefix == "" {
		return s
	}
	for _, t := range s.translations {
		if t.Content.Lang.Prefix() == prefix {
			return t
		}
	}
	return nil
}

// Translations returns the site in each language other than the
// default, for the export (their search pages and 404 pages).
func (s *Site) Translations() []*Site { return s.translations }

// Prefix returns the language code the site's addresses start with: ""
// for the default language.
func (s *Site) Prefix() string { return s.Content.Lang.Prefix() }

// langOf returns the language code a path starts with.
func langOf(path string) string {
	lang, _ := route.SplitLang(path)
	return lang
}

// root returns the default language's site.
func (s *Site) root() *Site {
	if s.langs == nil || s.langs.root == nil {
		return s
	}
	return s.langs.root
}

// navLink is one link of the navigation.
type navLink struct {
	Title, URL string
	Lang       string // the code of the page's language when it is not the page's own, else ""
}

// nav returns the navigation of the site's pages: its menu pages, and
// the default language's menu pages that are not translated yet (marked
// with their language), in the default language's order; and the
// address of the contact page, likewise.
func (s *Site) nav() ([]navLink, string) {
	root := s.root()
	var out []navLink
	contact := ""
	for _, p := range root.Content.Pages {
		if p.Draft && !s.opts.Dev {
			continue
		}
		link := navLink{Title: p.Title, URL: root.url(route.Page, p.Slug)}
		if t := s.Content.PageByKey(p.Key); t != nil && (!t.Draft || s.opts.Dev) {
			link = navLink{Title: t.Title, URL: s.url(route.Page, t.Slug)}
		} else if s != root {
			link.Lang = root.Content.Lang.Code
		}
		if p.Key == "pages/contact" {
			contact = link.URL
		}
		if p.Menu {
			out = append(out, link)
		}
	}
	return out, contact
}
