package editor

import (
	"cmp"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strings"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
	"github.com/relief-massage/relief/internal/site"
)

// fieldView is one field of the edit form.
type fieldView struct {
	content.Field
	Label    string
	Control  string // "text", "number", "date", "textarea", "checkbox", "checkboxes"
	Rows     int    // of a textarea
	Counter  int    // a textarea's recommended length, counted as they type; 0 for none
	Options  []option
	Value    string
	Problems []problemView
	// ForBuilder marks a field for whoever builds the site's design, not
	// for the therapist: the form keeps it under "More", closed unless it
	// has a problem.
	ForBuilder bool
}

// Invalid reports whether the field has an error (not only warnings):
// its control is marked aria-invalid, so a screen reader says so when
// she reaches it, and the script keeps the mark as she types.
func (f fieldView) Invalid() bool { return hasError(f.Problems) }

// hasError reports whether some problem is an error.
func hasError(ps []problemView) bool {
	for _, p := range ps {
		if p.Severity == "error" {
			return true
		}
	}
	return false
}

// forBuilder are the fields only the site's templates read: a therapist
// never needs them, and a label cannot make them mean more.
var forBuilder = map[string]bool{"extra": true}

// option is one checkbox of a list chosen from names.
type option struct{ Value, Label string }

// problemView is a problem as the form shows it.
type problemView struct {
	Severity string // "error" or "warning"
	Line     int    // in the body, for body problems
	Text     string
	// Where and Href name and link another page, for its problems that
	// this change brings up ("The page “Whiplash”", its edit address).
	Where string `json:",omitempty"`
	Href  string `json:",omitempty"`
}

// problemLink is an error as the top of a refused form lists it: where it
// is, in the form's words ("Title", "Line 3 of the page's text"), a link
// there, and what is wrong.
type problemLink struct {
	Where, Href, Text string
	Line              int // a line of the text, which the script moves the cursor to
}

// editPage is the edit form's data.
type editPage struct {
	Heading      string
	Public       string // the page's address on the site, when it has one
	Form         *form
	Fields       []fieldView
	BodyProblems []problemView
	General      []problemView // problems not tied to a field or line
	Errors       bool          // some problem is an error: the page cannot be saved as it is
	Unsaved      bool          // the form holds text sent and not saved (a save refused): the browser keeps it, and offers nothing back
	Refused      bool          // a save was refused for its errors: the top of the page says so, and lists them (Summary)
	Summary      []problemLink // every error, in the form's order, each linked to its field or line
	Worth        []problemLink // every warning, the same way: the "Worth a look" list at the top, which the notice after a save links to
	Today        string
	Conditions   []option         // every condition, for the toolbar's links
	Translation  *translationView // a translation's original, beside it; nil for an original
	Unknown      []unknownKey     // keys of the page's settings the form has no field for (keep.go), in a box at the top
	Unreadable   bool             // the page's settings could not be read: the box of them replaces the fields (keep.go)
	Front        []problemView    // the checker's problems with the settings in that box, each with its line there
	Note         string           // what a button that does not save did to the form, at its top; "" for none
}

// labels are the form's words for the schema's fields.
var labels = map[string]string{
	"title": "Title", "summary": "Summary", "image": "Picture at the top", "image_alt": "What the picture shows",
	"slug": "Web address", "regions": "Body areas",
	"symptoms": "Symptoms, one a line", "aliases": "Other names people search for, one a line",
	"related": "Related conditions", "redirect_from": "Old addresses of this page, one a line",
	"reviewed": "Last reviewed", "weight": "Order (lower comes first)", "menu": "Show in the site's menu",
	"draft": "Draft (not shown to visitors)", "extra": "Settings for the site's design",
}

// helps are the form's words under a field where the schema's own help
// speaks of the file (site.yaml, [lists], slugs) rather than of the form.
var helps = map[string]string{
	"image":         "the name of a picture on the site, like shoulder.jpg, shown at the top of the page and on its card (the Picture button above the page's text adds a new one)",
	"slug":          "the end of the page's web address; lowercase letters, digits and hyphens, like chronic-back-pain",
	"regions":       "tick every part of the body this page is about",
	"aliases":       "other names people search for, like lumbago",
	"related":       "tick the conditions a visitor reading this page may also want to read",
	"redirect_from": "old web addresses of this page, like /old-page.html, so that old links still arrive here",
	"draft":         "a draft is kept, but visitors do not see it until you untick this",
	"menu":          "tick to list the page in the site's menu",
	"extra":         "only for the person who built or changes the site's design: settings its templates can read, like {banner: spring}; leave it as it is if you are not sure",
}

// summaryLength is how long a summary should be at most: search engines
// cut the rest.
const summaryLength = 160

// edit opens one page's form.
func (e *Editor) edit(w http.ResponseWriter, r *http.Request) {
	t, err := parseTarget(strings.TrimPrefix(r.URL.Path, "/_relief/edit/"))
	if err != nil { // an address typed or cut short: the list is the way in
		e.message(w, r, http.StatusNotFound, "Not found", "There is no page to edit at this address. Choose the page from the list of all pages.")
		return
	}
	files, done, ok := e.open(w, r)
	if !ok {
		return
	}
	defer done()
	data, err := readFile(files, t)
	switch {
	case err != nil:
		e.log.Error("editor: reading a page", "path", t.Path, "err", err)
		e.message(w, r, http.StatusInternalServerError, "This page cannot be opened", t.Path+": "+err.Error())
		return
	case data == nil:
		e.notFound(w, r)
		return
	}
	f := formFromFile(t, data)
	e.showForm(w, r, http.StatusOK, f, e.warnings(files, f, data))
}

// warnings returns the warnings of f's file as it is saved (a promise of
// a cure, text hard to read when in pain), so that a page opened, and the
// page after a save, shows them beside their field or line as typing
// does, rather than only while typing; nil when the file does not load.
func (e *Editor) warnings(files site.Files, f *form, data []byte) content.Problems {
	_, problems, err := e.loadWith(files, f, data)
	if err != nil {
		return nil
	}
	var ws content.Problems
	for _, p := range problems {
		if p.Severity == content.Warning || f.unreadable() && p.Path == f.Target.Path { // what is wrong with the settings, in their box
			ws = append(ws, p)
		}
	}
	return ws
}

// showForm shows f with problems beside their fields and lines.
func (e *Editor) showForm(w http.ResponseWriter, r *http.Request, status int, f *form, problems content.Problems) {
	e.showFormNote(w, r, status, f, problems, "")
}

// showFormNote is showForm with a note at the top of the form saying what
// a button that does not save has done to it ("" for none).
func (e *Editor) showFormNote(w http.ResponseWriter, r *http.Request, status int, f *form, problems content.Problems, note string) {
	p := e.editPage(f, problems)
	p.Unsaved = r.Method == http.MethodPost
	p.Refused = status == http.StatusUnprocessableEntity
	p.Note = note
	e.show(w, r, status, "edit", cmp.Or(f.Values["title"], "Untitled page"), p)
}

// editPage lays f out as the form: a field per key of the schema for its
// kind, and problems placed by where they are.
func (e *Editor) editPage(f *form, problems content.Problems) *editPage {
	pl := place(f, problems, e.titleAt)
	p := &editPage{Heading: "Editing " + cmp.Or(f.Values["title"], "a page"), Form: f, Today: e.opts.Now().Format("2006-01-02"),
		BodyProblems: pl.Body, General: pl.General, Errors: pl.Errors, Unreadable: f.unreadable(), Front: pl.Front}
	for _, fd := range f.Target.fields() {
		fv := e.fieldView(fd, f)
		fv.Problems = pl.Fields[fd.Name]
		p.Fields = append(p.Fields, fv)
	}
	p.Summary = summary(f, pl)
	if hint, ok := e.addressHint(f, pl); ok {
		p.Summary = append(p.Summary, hint)
	}
	p.Unknown = f.unknownKeys()
	p.Worth = links(f, pl, "warning")
	p.Translation = e.translationView(p)
	p.Public = e.publicURL(f.Target)
	for _, c := range e.opts.Site().Content.Conditions {
		p.Conditions = append(p.Conditions, option{c.Slug, c.Title})
	}
	return p
}

// placed is a form's problems sorted by where the form shows them.
type placed struct {
	Fields  map[string][]problemView // beside a field, by the field's name
	Body    []problemView            // beside a line of the text
	General []problemView            // tied to no field or line (other files' errors among them)
	Front   []problemView            // in the box of settings that could not be read, by its line
	Errors  bool                     // some problem is an error: the page cannot be saved as it is
}

// place sorts problems into f's fields, lines of its text and the rest.
// Another file's problems (a link elsewhere broken by this page, or a
// mistake made in that file outside the editor) count only when they are
// errors, named by that page's title (titleAt) and linked to its form.
func place(f *form, problems content.Problems, titleAt func(path string) string) placed {
	pl := placed{Fields: map[string][]problemView{}}
	_, fieldAt, bodyLine := f.compose()
	for _, pr := range problems {
		if pr.Path != f.Target.Path {
			if pr.Severity == content.Error {
				pl.General = append(pl.General, elsewhere(pr, titleAt(pr.Path)))
				pl.Errors = true
			}
			continue
		}
		v := problemView{Severity: pr.Severity.String(), Text: plainWords(pr.Message)}
		pl.Errors = pl.Errors || pr.Severity == content.Error
		name := ""
		switch {
		case f.unreadable() && pr.Line < bodyLine:
			v.Line = max(pr.Line-1, 1) // the box starts after the opening ---
			pl.Front = append(pl.Front, v)
			continue
		case pr.Line >= bodyLine:
			v.Line = pr.Line - bodyLine + 1
			pl.Body = append(pl.Body, v)
			continue
		case pr.Line >= 1 && pr.Line <= len(fieldAt) && fieldAt[pr.Line-1] != "":
			name = fieldAt[pr.Line-1]
		case unknownKeyIn(f, pr):
			continue // the box of keys the form does not know says it, and the summary links there
		default:
			// A field left empty has no line of its own: the message names it.
			name = namesField(f, pr.Message)
		}
		if name == "" {
			pl.General = append(pl.General, v)
			continue
		}
		v.Text = besideField(name, v.Text)
		pl.Fields[name] = append(pl.Fields[name], v)
	}
	return pl
}

// summary lists the errors of f placed as pl for the top of a refused
// form, so that the therapist, back at the top of a long page after
// pressing Save, reads at once that nothing was saved and where to look:
// the fields' in their order, then the text's by line, then the rest.
// A key the form does not know comes first, linked to its box: the
// checker refuses every one, but a required field left empty (which a
// misspelt key leaves) stops the check before it says so.
func summary(f *form, pl placed) []problemLink {
	var s []problemLink
	for _, k := range f.unknownKeys() {
		s = append(s, problemLink{Where: fmt.Sprintf("The setting “%s”", k.Key), Href: "#unknown-keys",
			Text: "the form has no place for it: delete it, or move what it holds, in the box at the top of the form"})
	}
	return append(s, links(f, pl, "error")...)
}

// links lists the problems of f placed as pl with the severity given,
// each linked to its field or line: the fields' in their order, then the
// text's by line, then the rest (which have no link).
func links(f *form, pl placed, severity string) []problemLink {
	var s []problemLink
	for _, fd := range f.Target.fields() {
		for _, pr := range pl.Fields[fd.Name] {
			if pr.Severity == severity {
				s = append(s, problemLink{Where: fieldLabel(f.Target, fd.Name), Href: "#field-" + fd.Name, Text: pr.Text})
			}
		}
	}
	for _, pr := range pl.Front {
		if pr.Severity == severity {
			s = append(s, problemLink{Where: fmt.Sprintf("Line %d of the page's settings", pr.Line), Href: "#in-keep", Text: pr.Text})
		}
	}
	for _, pr := range pl.Body {
		if pr.Severity == severity {
			s = append(s, problemLink{fmt.Sprintf("Line %d of the page's text", pr.Line), "#in-body", pr.Text, pr.Line})
		}
	}
	for _, pr := range pl.General {
		if pr.Severity == severity {
			s = append(s, problemLink{Where: pr.Where, Href: pr.Href, Text: pr.Text})
		}
	}
	return s
}

// addressHint is the way out when a condition's new web address (its
// Web address box) leaves other pages' links to it behind, as pl's errors
// of other pages say: "Change the address" moves the page and those links
// together. ok is false when no error elsewhere names the page's address.
func (e *Editor) addressHint(f *form, pl placed) (problemLink, bool) {
	old := e.publicURL(f.Target)
	if f.Target.Kind != content.KindCondition || f.Target.Lang != "" || old == "" || f.Values["slug"] == "" || f.Values["slug"] == path.Base(old) {
		return problemLink{}, false
	}
	for _, pr := range pl.General {
		if pr.Href != "" && pr.Severity == "error" && (strings.HasSuffix(pr.Text, old) || strings.Contains(pr.Text, old+":") || strings.Contains(pr.Text, old+" ")) {
			return problemLink{Where: fieldLabel(f.Target, "slug"), Href: "#field-slug",
				Text: "the new address leaves other pages' links to " + old + " behind: put back what the box had, then use “Change the address” at the top of the page, which moves the page and its links together"}, true
		}
	}
	return problemLink{}, false
}

// elsewhere is another page's error as the form of this one shows it: the
// page by its title, linked to its own form (where the error sits beside
// its field), and the checker's message in the form's words rather than
// the file's ("Related conditions: …", not "conditions/x.md:21:38: error:
// related: …").
func elsewhere(pr content.Problem, title string) problemView {
	msg := plainWords(pr.Message)
	if key, rest, ok := strings.Cut(msg, ": "); ok && labels[key] != "" {
		msg = labels[key] + ": " + rest
	} else if to, ok := strings.CutPrefix(msg, "link to "); ok {
		msg = "its text links to " + to
	}
	if key, ok := strings.CutPrefix(pr.Message, "unknown key "); ok {
		key, _, _ = strings.Cut(key, ":")
		msg = "it has a setting the form does not know (“" + strings.Trim(key, `"`) + "”): open the page and take it out in the box at the top of its form"
	}
	t := target{Path: pr.Path}
	return problemView{Severity: "error", Text: msg, Where: "The page “" + title + "”", Href: t.editURL()}
}

// BodyInvalid reports whether the text has an error, for its aria-invalid
// (see fieldView.Invalid).
func (p *editPage) BodyInvalid() bool { return hasError(p.BodyProblems) }

// WorthIntro is the sentence above the "Worth a look" list.
func (p *editPage) WorthIntro() string { return worthIntro(len(p.Worth)) }

// worthIntro is the sentence above a "Worth a look" list of n warnings,
// for the form as sent and for the script, which keeps the list as the
// therapist types.
func worthIntro(n int) string {
	if n == 1 {
		return "This is not a mistake: the page can be saved as it is. It is a suggestion that may make the page clearer or safer for visitors."
	}
	return "These are not mistakes: the page can be saved as it is. Each is a suggestion that may make the page clearer or safer for visitors."
}

// GeneralWarnings returns p's General problems that are not errors: a
// refused form lists them after its Summary, so a page-wide warning (tied
// to no field or line) is not hidden until the errors are fixed.
func (p *editPage) GeneralWarnings() []problemView {
	var w []problemView
	for _, pr := range p.General {
		if pr.Severity != "error" {
			w = append(w, pr)
		}
	}
	return w
}

// namesField returns the field of f that msg starts by naming ("regions:
// choose at least one body area…"), or "".
func namesField(f *form, msg string) string {
	for _, fd := range f.Target.fields() {
		if strings.HasPrefix(msg, fd.Name+": ") {
			return fd.Name
		}
	}
	return ""
}

// besideField is a checker's message as it reads under its field: the
// checker names the file's key ("related: there is no …"), which beside
// the field only repeats, in a word the therapist never sees, what the
// field's label already says. For the fields ticked in the form (body
// areas, related conditions), the advice on what to write in the file
// (": write a line like regions: [back] …") goes too: the ticks are the way.
func besideField(name, msg string) string {
	// "change it to slug: hip-pain": the box holds the value alone.
	msg = strings.ReplaceAll(msg, " to "+name+": ", " to ")
	// "summary is 599 characters long": the box is the summary.
	if rest, ok := strings.CutPrefix(msg, name+" is "); ok {
		return "It is " + rest
	}
	rest, ok := strings.CutPrefix(msg, name+": ")
	if !ok || rest == "" {
		return msg
	}
	if name == "regions" || name == "related" {
		rest, _, _ = strings.Cut(rest, ": write ")
	}
	// "my photo.jpg: there is no file my photo.jpg …": the value once is
	// enough, and it starts no sentence (capitalised, it reads as not hers).
	if v, tail, ok := strings.Cut(rest, ": "); ok && tail != "" && strings.Contains(tail, v) {
		rest = tail
	}
	return strings.ToUpper(rest[:1]) + rest[1:]
}

// formWords says the checker's advice, written for someone with the
// files and a terminal ("put the image in content/images/", "relief new",
// "draft: true"), in the form's way of doing it. Only whole phrases the
// checker writes are replaced.
var formWords = strings.NewReplacer(
	" in content/images/: put the image in that folder, or fix the name", " among the site's pictures: add it with the Picture button above the page's text, or fix the name",
	"save it as a file in content/images/ and write its name instead", "save it on your device, then add it with the Picture button above the page's text",
	"save it (if its licence allows) into content/images/ and write its name", "save it (if its licence allows) on your device, then add it with the Picture button above the page's text",
	" is a prompt from relief new, not your words: replace it (or keep the page a draft with draft: true until it is written)", " is a prompt, not your words: replace it, or keep the page a draft (tick “Draft” near the end of the form) until it is written",
	"the page has no text below its frontmatter: write the page, or mark it draft: true", "the page has no text: write it, or keep the page a draft (tick “Draft” near the end of the form)",
)

// fieldLabel is the form's name for the field called name in t's form. In
// a translation, reviewed is the day the translation was last compared
// with its original.
func fieldLabel(t target, name string) string {
	if t.Lang != "" && name == "reviewed" {
		return "Translation last compared with the original"
	}
	return cmp.Or(labels[name], name)
}

// fieldView chooses the control for one field.
func (e *Editor) fieldView(fd content.Field, f *form) fieldView {
	v := fieldView{Field: fd, Label: fieldLabel(f.Target, fd.Name), Value: f.Values[fd.Name], Control: "text", ForBuilder: forBuilder[fd.Name]}
	v.Help = cmp.Or(helps[fd.Name], fd.Help)
	switch {
	case fd.Name == "slug":
		v.Example = strings.TrimSuffix(path.Base(f.Target.Path), ".md") // the address it has without one
	case fd.Example != "":
		// An example alone, in an emptied box, reads as the box's value:
		// "Sciatica" in the Title of Hip Pain, as if the page were renamed.
		v.Example = "For example: " + fd.Example
	}
	switch {
	case fd.Name == "regions":
		v.Control = "checkboxes"
		for _, rg := range e.opts.Site().Content.Config.Regions {
			v.Options = append(v.Options, option{rg.Slug, rg.Title})
		}
		v.Options = keepChosen(v.Options, v.Value)
	case fd.Name == "related":
		v.Control = "checkboxes"
		self := strings.TrimSuffix(path.Base(f.Target.Path), ".md")
		for _, c := range e.opts.Site().Content.Conditions {
			if c.Slug != self && c.Slug != f.Values["slug"] {
				v.Options = append(v.Options, option{c.Slug, c.Title})
			}
		}
		v.Options = keepChosen(v.Options, v.Value)
	case fd.Name == "summary":
		v.Control, v.Rows, v.Counter = "textarea", 3, summaryLength
	case fd.Type == content.TypeList:
		v.Control, v.Rows = "textarea", max(3, strings.Count(v.Value, "\n")+2)
	case fd.Type == content.TypeGroup:
		v.Control, v.Rows = "textarea", 3
	case fd.Type == content.TypeBool:
		v.Control = "checkbox"
	case fd.Type == content.TypeInt:
		v.Control = "number"
	case fd.Type == content.TypeDate:
		v.Control = "date"
	}
	return v
}

// keepChosen puts the chosen values first, in the order the file has
// them (a save writes them in the order of the boxes, and the order of
// related conditions is the order visitors see), then the others. A chosen
// value opts does not offer (a body area since removed from site.yaml) is
// kept, so that a save keeps it and the checker names it, rather than
// dropping it silently.
func keepChosen(opts []option, chosen string) []option {
	var out []option
	for _, c := range strings.Split(chosen, "\n") {
		i := slices.IndexFunc(opts, func(o option) bool { return o.Value == c })
		switch {
		case c == "":
		case i >= 0:
			out = append(out, opts[i])
		default:
			out = append(out, option{c, c + " (not in the site's list)"})
		}
	}
	for _, o := range opts {
		if !has(chosen, o.Value) {
			out = append(out, o)
		}
	}
	return out
}

// publicURL is t's address on the site being served, or "".
func (e *Editor) publicURL(t target) string {
	if t.Lang != "" {
		return e.translatedURL(t)
	}
	cs := e.opts.Site().Content
	switch t.Kind {
	case content.KindHome:
		return "/"
	case content.KindCondition:
		for _, c := range cs.Conditions {
			if path.Base(c.Path) == path.Base(t.Path) && !c.Draft {
				return c.URL()
			}
		}
	case content.KindPage:
		for _, p := range cs.Pages {
			if path.Base(p.Path) == path.Base(t.Path) && !p.Draft {
				return route.URL(route.Page, p.Slug)
			}
		}
	}
	return ""
}
