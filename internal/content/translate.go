package content

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// isCode reports whether s has the shape of a language code, as the map
// of the site reads one (URLs.SplitLang).
func (l *loader) isCode(s string) bool {
	lang, _ := l.opts.URLs.SplitLang("/" + s + "/")
	return s != "" && lang == s
}

// fileLang returns the language code in a content file's name and the
// name of its original: "conditions/sciatica.es.md" is "es" and
// "conditions/sciatica.md". A file without one gives "" and rel.
func (l *loader) fileLang(rel string) (code, original string) {
	dir, name := path.Split(rel)
	base, ok := strings.CutSuffix(name, ".md")
	i := strings.LastIndexByte(base, '.')
	if !ok || i <= 0 || !l.isCode(base[i+1:]) {
		return "", rel
	}
	return base[i+1:], dir + base[:i] + ".md"
}

// byLanguage splits a folder's Markdown files into the default language's
// and each other language's, by the code in their names. A code the site
// does not declare, or the default language's own code, is an error: the
// file would otherwise be silently left out.
func (l *loader) byLanguage(files []string, cfg Config) ([]string, map[string][]string) {
	var originals []string
	trans := map[string][]string{}
	for _, rel := range files {
		code, original := l.fileLang(rel)
		lang := cfg.Language(code)
		switch {
		case code == "":
			originals = append(originals, rel)
		case lang == nil:
			l.ps(rel).errorf(1, 1, "the file name says the page is in the language %q, which site.yaml does not list: add it to languages: in site.yaml (like - {code: %s, name: ...}), or rename the file to %s", code, code, path.Base(original))
		case lang.Default:
			l.ps(rel).errorf(1, 1, "pages in %s, the site's first language, need no language in their name: rename the file to %s", lang.Name, path.Base(original))
		default:
			trans[code] = append(trans[code], rel)
		}
	}
	return originals, trans
}

// translation loads the site in lang: its home page (index.<code>.md)
// and the conditions and plain pages translated into it, each beside its
// original in the default language's site orig. Shared frontmatter a
// translation leaves out is the original's (Field.Translated); its body
// areas, related conditions and links are resolved within lang. It
// returns nil when lang has no home page (an error).
func (l *loader) translation(orig *Site, lang *Language, conditions, pages []string) *Site {
	w := &loader{fsys: l.fsys, opts: l.opts, reader: l.reader, md: l.md, phones: l.phones, grade: l.grade, failed: map[string]bool{}, out: l.out, translating: true, sources: l.sources, oldAddresses: l.oldAddresses}
	w.opts.URLs = langURLs{l.opts.URLs, lang.Code}
	defer func() { l.list = append(l.list, w.list...) }()
	ts := &Site{Config: localConfig(orig.Config, lang), Lang: lang, Images: orig.Images}
	home := LangFile(lang.Code, "index.md")
	if _, err := fs.Stat(l.fsys, home); errors.Is(err, fs.ErrNotExist) {
		w.ps("site.yaml").errorf(1, 1, "site.yaml lists %s (%s), but there is no %s: write the home page in %s, beside index.md", lang.Name, lang.Code, home, lang.Name)
		return nil
	}
	w.strings(lang)
	w.synonyms(ts, LangFile(lang.Code, SynonymsFile))
	var ok bool
	if ts.Home, ok = w.page(home, decodeHome); !ok || w.leftOut(home) {
		return nil
	}
	for _, r := range w.conditions(conditions) {
		w.list = append(w.list, r.problems...)
		o := orig.byKey(w.key(r.rel))
		switch {
		case !r.ok || w.leftOut(r.rel) || w.out[w.key(r.rel)]:
			w.leaveOut(kindCondition, r.rel, translatedSlug(&r.c.Page, o.page(), r.ok))
		case o == nil:
			w.missingOriginal(r.rel, lang)
		default:
			w.inherit(&r.c.Page, &o.Page)
			inheritCondition(r.c, o)
			ts.Conditions = append(ts.Conditions, r.c)
		}
	}
	for _, rel := range pages {
		p := &Page{}
		ok := cached(w, rel, p, func(data []byte) bool { return w.parse(rel, data, p, decodePage) })
		o := orig.PageByKey(w.key(rel))
		switch {
		case !ok || w.leftOut(rel) || w.out[w.key(rel)]:
			w.leaveOut(kindPage, rel, translatedSlug(p, o, ok))
		case o == nil:
			w.missingOriginal(rel, lang)
		default:
			w.inherit(p, o)
			ts.Pages = append(ts.Pages, p)
		}
	}
	w.index(ts, collator(lang.Code))
	ts.keyed = nil // byKey asked before the list was complete
	w.checkSlugs(ts)
	for _, c := range ts.Conditions {
		w.resolveTranslated(ts, orig, c)
	}
	w.checkOldAddresses(ts)
	for _, p := range ts.allPages() {
		w.checkLinks(ts, p)
	}
	return ts
}

// key returns the Key of the page of the file rel, whether or not the
// file reads: "conditions/sciatica" for conditions/sciatica.es.md.
func (l *loader) key(rel string) string {
	_, original := l.fileLang(rel)
	return strings.TrimSuffix(original, ".md")
}

// translatedSlug returns the slug of the translation t of o (nil when
// there is no original): the one t writes, else the original's, else ""
// (leaveOut then takes the one the file's name gives). read tells
// whether t read as a page; when it did not, t.Slug is the one it
// writes, if any (WrittenSlug).
func translatedSlug(t, o *Page, read bool) string {
	written := t.Slug != "" && (!read || slices.Contains(t.keys, "slug"))
	if written || o == nil {
		return t.Slug
	}
	return o.Slug
}

// page returns c's page, or nil when c is nil.
func (c *Condition) page() *Page {
	if c == nil {
		return nil
	}
	return &c.Page
}

// strings reads the strings file of lang, if there is one.
func (l *loader) strings(lang *Language) {
	rel := "i18n/" + lang.Code + ".yaml"
	lang.StringsPath = path.Join(l.opts.Dir, rel)
	if _, err := fs.Stat(l.fsys, rel); errors.Is(err, fs.ErrNotExist) {
		l.ps(rel).warnf(1, 1, "there is no strings file for %s: the words the site writes itself (buttons, headings, the search page) will show in the first language: copy templates/words.yaml to %s and translate it", lang.Name, rel)
		return
	}
	lang.Strings, _ = l.read(rel)
}

// LangFile returns the name of rel's translation into the language code,
// the code before the extension: LangFile("es", "conditions/sciatica.md")
// is "conditions/sciatica.es.md", LangFile("es", "synonyms.yaml") is
// "synonyms.es.yaml".
func LangFile(code, rel string) string {
	ext := path.Ext(rel)
	return strings.TrimSuffix(rel, ext) + "." + code + ext
}

func (l *loader) missingOriginal(rel string, lang *Language) {
	_, original := l.fileLang(rel)
	l.ps(rel).errorf(1, 1, "this is a translation into %s of %s, which does not exist: a translation sits beside its original, with the same name before .%s.md: rename it to match the original, or write the original first", lang.Name, original, lang.Code)
}

// inherit gives the translation t the shared fields (Field.Translated
// false) it leaves out, from its original o, and warns when t says it was
// reviewed before o was.
func (l *loader) inherit(t, o *Page) {
	for _, f := range Fields() {
		if f.Translated || slices.Contains(t.keys, f.Name) {
			continue
		}
		switch f.Name {
		case "slug":
			t.Slug = o.Slug
		case "weight":
			t.Weight = o.Weight
		case "draft":
			t.Draft = o.Draft
		case "menu":
			t.Menu = o.Menu
		case "extra":
			t.Extra = o.Extra
		case "image": // with the original's words for it, until the translation has its own
			t.Image, t.imageName = o.Image, o.imageName
			if t.ImageAlt == "" {
				t.ImageAlt = o.ImageAlt
			}
		}
	}
}

// inheritCondition is inherit for the fields only conditions have.
func inheritCondition(t, o *Condition) {
	for _, f := range FieldsFor(KindCondition) {
		if f.Translated || slices.Contains(t.keys, f.Name) {
			continue
		}
		switch f.Name {
		case "regions":
			t.regionSlugs, t.regionPos, t.regionsBad = o.regionSlugs, nil, o.regionsBad
		case "related":
			t.relatedSlugs, t.relatedPos = o.relatedSlugs, nil
		case "reviewed":
			t.Reviewed, t.reviewedGiven = o.Reviewed, o.reviewedGiven
		}
	}
}

// resolveTranslated resolves a translated condition's body areas (with
// their titles in its language) and related conditions: those of the
// original's related list that are translated too, then warns what
// visitors of the translation would miss.
func (l *loader) resolveTranslated(ts, orig *Site, c *Condition) {
	ps := l.problemsAt(&c.Page)
	for i, slug := range c.regionSlugs {
		if r := ts.Region(slug); r != nil {
			c.Regions = append(c.Regions, r)
		} else if c.regionPos != nil { // written in the translation itself
			ps.errorf(c.regionPos[i].Line, c.regionPos[i].Col, "regions: %q is not a body area in site.yaml: use one of %s", slug, regionSlugs(ts))
		}
	}
	for _, slug := range c.relatedSlugs {
		if o := orig.Condition(slug); o != nil {
			if t := ts.byKey(o.Key); t != nil && t != c {
				c.Related = append(c.Related, t)
			}
		}
	}
	o := orig.byKey(c.Key)
	if slices.Contains(c.keys, "reviewed") && !c.Reviewed.IsZero() && c.Reviewed.Before(o.Reviewed) {
		ps.warnf(c.reviewedAt.Line, c.reviewedAt.Col, "reviewed: %s is before %s, when %s was last reviewed: this translation may be out of date: compare it with the original, bring it up to date, then change the date (or delete the line to take the original's)", c.Reviewed.Format("2006-01-02"), o.Reviewed.Format("2006-01-02"), path.Base(o.Path))
	}
	// The section's heading is in the translation's words: only the box
	// itself is looked for.
	if !c.Draft && !slices.ContainsFunc(c.callouts, func(co calloutAt) bool { return slices.Contains(urgentCareAlerts, co.Alert) }) {
		ps.warnf(c.bodyLine, 1, "no urgent-care box: add a \"> [!CAUTION]\" box, like the one in %s, listing the signs that need a doctor today", path.Base(o.Path))
	}
}

// collator returns how titles sort in the language code: "Ácido" with
// the A's, "Ñ" after "N" in Spanish.
func collator(code string) func(a, b string) int {
	tag, err := language.Parse(code)
	if err != nil {
		return nil
	}
	c := collate.New(tag, collate.IgnoreCase, collate.Loose)
	return func(a, b string) int { return c.CompareString(a, b) }
}

// byKey returns the condition whose Key is key, or nil.
func (s *Site) byKey(key string) *Condition {
	if s.keyed == nil {
		s.keyed = make(map[string]*Condition, len(s.Conditions))
		for _, c := range s.Conditions {
			s.keyed[c.Key] = c
		}
	}
	return s.keyed[key]
}

// PageByKey returns the plain page whose Key is key ("pages/about", the
// same in every language), or nil.
func (s *Site) PageByKey(key string) *Page {
	for _, p := range s.Pages {
		if p.Key == key {
			return p
		}
	}
	return nil
}

// allPages returns the home page, every condition's page and every plain
// page.
func (s *Site) allPages() []*Page {
	var pages []*Page
	if s.Home != nil {
		pages = append(pages, s.Home)
	}
	for _, c := range s.Conditions {
		pages = append(pages, &c.Page)
	}
	return append(pages, s.Pages...)
}

// Translation returns the site in the language code: s itself for its
// own language, nil for a language it has no site in.
func (s *Site) Translation(code string) *Site {
	if s.Lang != nil && s.Lang.Code == code {
		return s
	}
	for _, t := range s.Translations {
		if t.Lang.Code == code {
			return t
		}
	}
	return nil
}

// Sites returns the site in every language, the default first.
func (s *Site) Sites() []*Site { return append([]*Site{s}, s.Translations...) }
