package editor

import (
	"cmp"
	"fmt"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/fuzzy"
	"github.com/relief-massage/relief/internal/route"
)

// Translations (conditions/sciatica.es.md beside conditions/sciatica.md,
// see content.Language) are edited like any page, with three differences:
//
//   - The dashboard lists each under its original, with its language, its
//     own warnings, and "may be out of date" when the original was
//     reviewed after it (the rule the checker warns by). An original
//     offers "Add a Spanish version" for each language of site.yaml it
//     has none in: POST /_relief/translate writes NAME.es.md with the
//     translated fields copied from the original for the therapist to
//     translate (content.Field.Translated), and its text, as a draft,
//     through the same check, write, reload and history as a save.
//   - The form has only the fields a translation writes itself
//     (target.fields); the shared ones (body areas, related conditions,
//     weight...) are shown read-only, "taken from the English page", with
//     a link to edit them there. A posted form with a shared field is
//     refused: it would silently override the original's.
//   - The original's text is shown beside the translation's (side by
//     side on a wide screen, one above the other on a phone), to
//     translate paragraph by paragraph.

// langName matches a translation's file name: its original's name, then
// a language code, then .md ("sciatica.es.md", "index.pt-br.md").
var langName = regexp.MustCompile(`^(.+)\.([a-z]{2,3}(?:-[a-z0-9]{2,8})?)\.md$`)

// splitLang returns the original of a translation's path and the
// language code in its name: "conditions/sciatica.es.md" is
// "conditions/sciatica.md" and "es". Any other path comes back as it is,
// with "". Whether the site has that language is the loader's to say.
func splitLang(p string) (orig, code string) {
	dir, name := path.Split(p)
	m := langName.FindStringSubmatch(name)
	if m == nil {
		return p, ""
	}
	return dir + m[1] + ".md", m[2]
}

// original is the page t translates; t itself when it is an original.
func (t target) original() target {
	orig, _ := splitLang(t.Path)
	return target{Path: orig, Kind: t.Kind}
}

// in is t's translation into the language code.
func (t target) in(code string) target {
	return target{Path: content.LangFile(code, t.Path), Kind: t.Kind, Lang: code}
}

// ownField reports whether a translation writes fd itself: the translated
// fields, and its own address, draft and review date (the date it was
// last compared with the original, which the checker's "may be out of
// date" compares).
func ownField(fd content.Field) bool {
	return fd.Translated || fd.Name == "slug" || fd.Name == "draft" || fd.Name == "reviewed"
}

// fields are the frontmatter keys t's form has, in schema order: every
// key of its kind for an original, the ones it writes itself (ownField)
// for a translation.
func (t target) fields() []content.Field {
	fs := content.FieldsFor(t.Kind)
	if t.Lang == "" {
		return fs
	}
	return slices.DeleteFunc(fs, func(fd content.Field) bool { return !ownField(fd) })
}

// englishName names a language in the editor's words ("Spanish" for es),
// or by its own name from site.yaml when it has no English one.
func englishName(l *content.Language) string {
	tag, err := language.Parse(l.Code)
	if err != nil {
		return l.Name
	}
	return cmp.Or(display.English.Tags().Name(tag), l.Name)
}

// addTranslation is the "Add a Spanish version" button of a dashboard row.
type addTranslation struct{ Path, Code, Label string }

// withTranslations puts each translation's row under its original's and
// gives each original the languages it can be translated into.
func (e *Editor) withTranslations(rows []row) []row {
	cs := e.opts.Site().Content
	langs := cs.Config.Languages
	if len(langs) < 2 {
		return rows
	}
	warnings := map[string]int{}
	for _, p := range cs.Warnings {
		warnings[e.rel(p.Path)]++
	}
	type translated struct {
		page  *content.Page
		stale bool
		lang  *content.Language
		cond  *content.Condition
	}
	have := map[string]translated{} // by path inside the content folder
	originals := map[string]*content.Condition{}
	for _, c := range cs.Conditions {
		originals[e.rel(c.Path)] = c
	}
	for _, ts := range cs.Translations {
		if ts.Home != nil {
			have[e.rel(ts.Home.Path)] = translated{page: ts.Home, lang: ts.Lang}
		}
		for _, c := range ts.Conditions {
			orig, _ := splitLang(e.rel(c.Path))
			o := originals[orig]
			stale := o != nil && !c.Reviewed.IsZero() && c.Reviewed.Before(o.Reviewed)
			have[e.rel(c.Path)] = translated{page: &c.Page, stale: stale, lang: ts.Lang, cond: c}
		}
		for _, p := range ts.Pages {
			have[e.rel(p.Path)] = translated{page: p, lang: ts.Lang}
		}
	}
	var out []row
	for _, rw := range rows {
		orig, err := parseTarget(strings.TrimPrefix(rw.Edit, "/_relief/edit/"))
		if err != nil {
			out = append(out, rw)
			continue
		}
		var under []row
		for _, l := range langs[1:] {
			t := orig.in(l.Code)
			tr, ok := have[t.Path]
			if !ok {
				rw.Add = append(rw.Add, addTranslation{Path: orig.Path, Code: l.Code, Label: "Add a " + englishName(l) + " version"})
				continue
			}
			r := row{Title: tr.page.Title, Kind: rw.Kind, Edit: t.editURL(), Draft: tr.page.Draft, Warnings: warnings[t.Path],
				Language: l.Name, Stale: tr.stale, Filter: rw.Filter + " " + fuzzy.Fold(strings.ToLower(tr.page.Title+" "+l.Name))}
			if tr.cond != nil && !tr.cond.Reviewed.IsZero() {
				r.Reviewed = day(tr.cond.Reviewed)
			}
			under = append(under, r)
		}
		out = append(out, rw)
		out = append(out, under...)
	}
	return out
}

// translate writes a new translation of an original page (see the top of
// this file) and opens it; one that exists already is simply opened.
func (e *Editor) translate(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		e.refuse(w, r, http.StatusBadRequest, "No translation was made", formError(err))
		return
	}
	orig, err := parseTarget(r.PostForm.Get("path"))
	if err == nil && orig.Lang != "" {
		err = fmt.Errorf("%s is a translation already: add the new language from the original page's row on the list of pages", orig.Path)
	}
	if err != nil {
		e.refuse(w, r, http.StatusBadRequest, "No translation was made", err)
		return
	}
	code := r.PostForm.Get("lang")
	lang := e.opts.Site().Content.Config.Language(code)
	if lang == nil || lang.Default {
		e.refuse(w, r, http.StatusBadRequest, "No translation was made",
			fmt.Errorf("the site has no second language %q: add it to languages: in the site settings first", code))
		return
	}
	t := orig.in(code)
	j, ok := e.begin(w, r, action{title: "No translation was made", target: t,
		changed: func([]byte) { http.Redirect(w, r, t.editURL(), http.StatusSeeOther) }, // made already, in another tab or by hand
	})
	if !ok {
		return
	}
	defer j.end()
	data, err := readFile(j.files, orig)
	switch {
	case err != nil:
		e.refuse(w, r, http.StatusInternalServerError, "No translation was made", fmt.Errorf("%s could not be read: %w", orig.Path, err))
		return
	case data == nil:
		e.notFound(w, r)
		return
	}
	of := formFromFile(orig, data)
	f := &form{Target: t, Values: map[string]string{}, Body: of.Body}
	for _, fd := range t.fields() {
		if fd.Translated && fd.Name != "redirect_from" { // old addresses are the original's
			f.Values[fd.Name] = of.Values[fd.Name]
		}
		if fd.Name == "draft" {
			f.Values["draft"] = "true" // not shown to visitors until it is translated
		}
	}
	text, _, _ := f.compose()
	e.log.Info("editor: new translation", "user", e.opts.User(r), "path", t.Path)
	e.commitForm(w, r, j, f, []byte(text))
}

// translationView is what a translation's form shows of its original.
type translationView struct {
	Language, English string // the translation's language: "Español", "Spanish"
	From              string // the original's language: "English"
	Original          string // the original's path
	Edit              string // where the original is edited
	OriginalTitle     string
	Shared            []sharedField // read-only, taken from the original
	Body              string        // the original's text, to translate from
}

// sharedField is one shared value of the original.
type sharedField struct{ Label, Value string }

// translationView reads the original of p's page, when it is a
// translation; nil otherwise, or when the original cannot be read (the
// checker names that).
func (e *Editor) translationView(p *editPage) *translationView {
	t := p.Form.Target
	if t.Lang == "" {
		return nil
	}
	orig := t.original()
	files, done, err := e.opts.Files()
	if err != nil {
		return nil
	}
	defer done()
	data, err := readFile(files, orig)
	if err != nil || data == nil {
		return nil
	}
	of := formFromFile(orig, data)
	v := &translationView{Language: t.Lang, English: t.Lang, Original: orig.Path, Edit: orig.editURL(), OriginalTitle: of.Values["title"], Body: of.Body}
	v.From = englishName(e.opts.Site().Content.Config.Languages[0])
	if l := e.opts.Site().Content.Config.Language(t.Lang); l != nil {
		v.Language, v.English = l.Name, englishName(l)
	}
	for _, fd := range content.FieldsFor(t.Kind) {
		if ownField(fd) && fd.Name != "reviewed" {
			continue
		}
		val := of.Values[fd.Name]
		if fd.Type == content.TypeList {
			val = strings.Join(e.named(fd, of, strings.Split(val, "\n")), ", ")
		}
		if fd.Type == content.TypeBool {
			val = map[string]string{"true": "yes", "": "no"}[val]
		}
		label := cmp.Or(labels[fd.Name], fd.Name)
		if fd.Name == "reviewed" {
			label = "The " + v.From + " page was last reviewed"
			if d, err := time.Parse(time.DateOnly, val); err == nil {
				val = day(d)
			}
		}
		v.Shared = append(v.Shared, sharedField{label, cmp.Or(val, "(none)")})
	}
	for i := range p.Fields {
		if p.Fields[i].Name == "reviewed" {
			p.Fields[i].Help = "the day you last checked this translation against the original; leave it empty to take the original's date"
		}
	}
	return v
}

// named is what the form shows for values of the list field fd: a body
// area's or a condition's name where the field offers them as ticks
// ("Hips and Legs", not hips-legs), else the value itself.
func (e *Editor) named(fd content.Field, f *form, values []string) []string {
	names := map[string]string{}
	for _, o := range e.fieldView(fd, f).Options {
		names[o.Value] = o.Label
	}
	out := make([]string, 0, len(values))
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, cmp.Or(names[v], v))
		}
	}
	return out
}

// translatedURL is the translation t's address on the site, or "" when
// it is a draft or not on the site.
func (e *Editor) translatedURL(t target) string {
	ts := e.opts.Site().Content.Translation(t.Lang)
	if ts == nil || ts.Lang.Default {
		return ""
	}
	switch t.Kind {
	case content.KindHome:
		return route.In(ts.Lang.Prefix(), route.URL(route.Home, ""))
	case content.KindCondition:
		for _, c := range ts.Conditions {
			if e.rel(c.Path) == t.Path && !c.Draft {
				return c.URL()
			}
		}
	case content.KindPage:
		for _, p := range ts.Pages {
			if e.rel(p.Path) == t.Path && !p.Draft {
				return route.In(ts.Lang.Prefix(), route.URL(route.Page, p.Slug))
			}
		}
	}
	return ""
}
