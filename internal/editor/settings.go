package editor

import (
	"bytes"
	"fmt"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/relief-massage/relief/internal/content"
)

// siteFile is the site settings' file in the content folder.
const siteFile = "site.yaml"

// setting is one line of site.yaml the settings form shows.
type setting struct {
	Key, Label, Help string
	Long             bool // a textarea
}

// settings are the keys of site.yaml the form edits, in its order; the
// body areas (regions) have their own table. Keys the form does not know
// stay in the file as they are.
var settings = []setting{
	{"name", "Practice name", "as visitors see it at the top of every page", false},
	{"tagline", "Tagline", "one short line under the name", false},
	{"base_url", "Web address", "the site's full address, like https://www.example.com", false},
	{"phone", "Phone", "as people should dial it", false},
	{"emergency", "Emergency number", "shown in the urgent-care boxes, like 911", false},
	{"email", "Email", "", false},
	{"address", "Address", "", false},
	{"booking_url", "Booking page", "the full address of your booking page", false},
	{"disclaimer", "Disclaimer", "shown on every condition page", true},
	{"reading_grade", "Reading level", "the school grade pages should not read above; empty: grade " + strconv.Itoa(content.DefaultReadingGrade) + ", 0 turns the check off", false},
}

// newRegionRows is how many empty rows the body areas table offers.
const newRegionRows = 3

// settingsPage is the settings form's data. A save that is refused shows
// the form again as she sent it, with why at the top (Used, Refused) and
// each box's own mistakes beside it: nothing she typed is lost.
type settingsPage struct {
	Version string
	Fields  []settingView
	Regions []regionRow
	History string
	Used    []usedRegion // body areas the form removes or renames while pages use them
	Refused *refusedPage // mistakes that are not one box's, or the intro to those beside the boxes
}

type settingView struct {
	setting
	Value    string
	Problems []string // the checker's, in the form's words
}

// regionRow is one body area in the form, with the pages that use it.
type regionRow struct {
	Slug, Title string
	Used        []pageLink
}

// pageLink is a page by its title, with the address of its form.
type pageLink struct{ Title, Href string }

// usedRegion is a body area the settings form removes or renames while
// pages still use it, with those pages: why a save is refused.
type usedRegion struct {
	Title, Slug string
	Pages       []pageLink
}

// settingsForm shows site.yaml as a form.
func (e *Editor) settingsForm(w http.ResponseWriter, r *http.Request) {
	files, done, ok := e.open(w, r)
	if !ok {
		return
	}
	defer done()
	data, err := readFile(files, target{Path: siteFile})
	if err != nil || data == nil {
		e.refuse(w, r, http.StatusInternalServerError, "The site settings cannot be opened", fmt.Errorf("site.yaml could not be read: %v", err))
		return
	}
	doc, err := settingsDoc(data)
	if err != nil {
		e.message(w, r, http.StatusUnprocessableEntity, "The site settings cannot be shown", err.Error())
		return
	}
	p := settingsPage{Version: version(data), History: "/_relief/history/" + siteFile}
	for _, s := range settings {
		v := ""
		if n := valueOf(doc, s.Key); n != nil {
			v = n.Value
		}
		p.Fields = append(p.Fields, settingView{setting: s, Value: v})
	}
	p.Regions = e.regionRows(doc)
	e.show(w, r, http.StatusOK, "settings", "Site settings", p)
}

// regionRows are the body areas of doc, with the pages using each, and
// the empty rows for new ones.
func (e *Editor) regionRows(doc *yaml.Node) []regionRow {
	used := e.regionUse()
	var rows []regionRow
	if n := valueOf(doc, "regions"); n != nil {
		for _, item := range n.Content {
			slug, title := valueOf(item, "slug"), valueOf(item, "title")
			if slug != nil && title != nil {
				rows = append(rows, regionRow{Slug: slug.Value, Title: title.Value, Used: used[slug.Value]})
			}
		}
	}
	for range newRegionRows {
		rows = append(rows, regionRow{})
	}
	return rows
}

// regionUse lists, for each body area, the pages that name it, from the
// site being served.
func (e *Editor) regionUse() map[string][]pageLink {
	used := map[string][]pageLink{}
	for _, c := range e.opts.Site().Content.Conditions {
		t := target{Path: "conditions/" + path.Base(c.Path), Kind: content.KindCondition}
		for _, rg := range c.Regions {
			used[rg.Slug] = append(used[rg.Slug], pageLink{Title: c.Title, Href: t.editURL()})
		}
	}
	return used
}

// saveSettings writes the posted settings into site.yaml (its comments and
// any key the form does not show are kept), after the guard: a body area
// that pages still use may not be removed or renamed, and the whole site
// is checked with the new settings, as a save is.
func (e *Editor) saveSettings(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		e.refuse(w, r, http.StatusBadRequest, "The settings were not saved", formError(err))
		return
	}
	if err := checkSettingsForm(r); err != nil {
		e.refuse(w, r, http.StatusBadRequest, "The settings were not saved", err)
		return
	}
	j, ok := e.begin(w, r, action{title: "The settings were not saved", target: target{Path: siteFile}, version: r.PostForm.Get("version")})
	if !ok {
		return
	}
	defer j.end()
	doc, err := settingsDoc(j.current)
	if err != nil {
		e.message(w, r, http.StatusUnprocessableEntity, "The settings were not saved", err.Error())
		return
	}
	regions := postedRegions(r)
	if used := e.regionGuard(doc, regions); len(used) > 0 {
		e.log.Warn("editor: refused", "user", e.opts.User(r), "path", r.URL.Path, "regions used", len(used))
		p := e.postedSettings(r)
		p.Used = used
		e.show(w, r, http.StatusConflict, "settings", "The settings were not saved", p)
		return
	}
	text, err := applySettings(doc, r, regions)
	if err != nil {
		e.refuse(w, r, http.StatusInternalServerError, "The settings were not saved", err)
		return
	}
	c := changes{siteFile: text}
	cs, problems, err := e.checkChanges(j.files, c)
	if err != nil {
		e.refuse(w, r, http.StatusInternalServerError, "The settings were not saved", err)
		return
	}
	if problems.Count(content.Error) > 0 {
		e.log.Warn("editor: refused", "user", e.opts.User(r), "path", r.URL.Path, "problems", problems.Count(content.Error))
		e.show(w, r, http.StatusUnprocessableEntity, "settings", "The settings were not saved", e.settingsMistakes(e.postedSettings(r), problems))
		return
	}
	user := e.opts.User(r)
	if err := e.apply(r.Context(), user, "Changed the site settings", j, cs, c); err != nil {
		e.log.Error("editor: settings not saved", "user", user, "err", err)
		e.refuse(w, r, http.StatusInternalServerError, "The settings were not saved", err)
		return
	}
	e.log.Info("editor: saved", "user", user, "path", siteFile)
	http.Redirect(w, r, "/_relief/settings?saved=1", http.StatusSeeOther)
}

// postedSettings is the settings form as r sent it, to show it again.
func (e *Editor) postedSettings(r *http.Request) settingsPage {
	p := settingsPage{Version: r.PostForm.Get("version"), History: "/_relief/history/" + siteFile}
	for _, s := range settings {
		p.Fields = append(p.Fields, settingView{setting: s, Value: r.PostForm.Get(s.Key)})
	}
	used := e.regionUse()
	titles := r.PostForm["region_title"]
	for i, slug := range r.PostForm["region_slug"] {
		slug = strings.TrimSpace(slug)
		p.Regions = append(p.Regions, regionRow{Slug: slug, Title: titles[i], Used: used[slug]})
	}
	return p
}

// settingsMistakes puts the errors of a check of the site with the posted
// settings into p: a mistake in one of the form's boxes ("base_url: …"
// at a line of site.yaml) beside that box under its label, any other
// (another page's, or a setting the form does not show) at the top, as a
// refusal names it.
func (e *Editor) settingsMistakes(p settingsPage, problems content.Problems) settingsPage {
	p.Refused = &refusedPage{Intro: "The settings have mistakes: correct what is marked and save again."}
	for _, pr := range problems {
		if pr.Severity != content.Error {
			continue
		}
		i := -1
		if path.Base(pr.Path) == siteFile {
			i = slices.IndexFunc(p.Fields, func(f settingView) bool { return strings.HasPrefix(pr.Message, f.Key+": ") })
		}
		if i < 0 {
			p.Refused.Items = append(p.Refused.Items, e.refusal(pr))
			continue
		}
		f := &p.Fields[i]
		f.Problems = append(f.Problems, plainWords(strings.TrimPrefix(pr.Message, f.Key+": ")))
	}
	return p
}

// checkSettingsForm refuses a form the settings page cannot have made.
func checkSettingsForm(r *http.Request) error {
	for name, vs := range r.PostForm {
		known := name == "version" || name == "region_slug" || name == "region_title" ||
			slices.ContainsFunc(settings, func(s setting) bool { return s.Key == name })
		if !known {
			return fmt.Errorf("this form is out of date: it has a box for “%s”, which the settings do not have. Reload the page and save the settings again", name)
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return fmt.Errorf("the form's %q has characters that are not text (invalid UTF-8); type it again", name)
			}
		}
	}
	if len(r.PostForm["region_slug"]) != len(r.PostForm["region_title"]) {
		return fmt.Errorf("the body areas in the form are incomplete; reload the settings page and try again")
	}
	return nil
}

// postedRegions are the form's body areas; rows with both boxes empty are
// dropped (that is how one is removed).
func postedRegions(r *http.Request) []regionRow {
	var out []regionRow
	titles := r.PostForm["region_title"]
	for i, slug := range r.PostForm["region_slug"] {
		slug, title := strings.TrimSpace(slug), strings.TrimSpace(titles[i])
		if slug != "" || title != "" {
			out = append(out, regionRow{Slug: slug, Title: title})
		}
	}
	return out
}

// regionGuard is the body areas the form removes or renames that pages
// still use, with those pages; none when the form may be saved.
func (e *Editor) regionGuard(doc *yaml.Node, posted []regionRow) []usedRegion {
	var used []usedRegion
	for _, old := range e.regionRows(doc) {
		if old.Slug == "" || slices.ContainsFunc(posted, func(p regionRow) bool { return p.Slug == old.Slug }) {
			continue
		}
		if len(old.Used) > 0 {
			used = append(used, usedRegion{Title: old.Title, Slug: old.Slug, Pages: old.Used})
		}
	}
	return used
}

// settingsDoc reads site.yaml as a YAML mapping, comments kept.
func settingsDoc(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("site.yaml has a mistake that keeps the form from showing it (relief check names the line). Correct it in a text editor, or restore an earlier version from its history: /_relief/history/site.yaml")
	}
	return &doc, nil
}

// valueOf is the value of key in the mapping n (or a document holding
// one); nil when absent.
func valueOf(n *yaml.Node, key string) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// applySettings sets the form's values in doc and writes it out.
func applySettings(doc *yaml.Node, r *http.Request, regions []regionRow) ([]byte, error) {
	m := doc.Content[0]
	for _, s := range settings {
		v := strings.TrimSpace(strings.ReplaceAll(r.PostForm.Get(s.Key), "\r\n", "\n"))
		val := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.DoubleQuotedStyle}
		if _, err := strconv.Atoi(v); err == nil && s.Key == "reading_grade" {
			val = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v}
		}
		setKey(m, s.Key, val, v == "")
	}
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, rg := range regions {
		seq.Content = append(seq.Content, &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: "slug"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: rg.Slug},
			{Kind: yaml.ScalarNode, Tag: "!!str", Value: "title"}, {Kind: yaml.ScalarNode, Tag: "!!str", Value: rg.Title, Style: yaml.DoubleQuotedStyle},
		}})
	}
	if old := valueOf(m, "regions"); old != nil {
		old.Kind, old.Tag, old.Style, old.Content = yaml.SequenceNode, "!!seq", 0, seq.Content
	} else {
		setKey(m, "regions", seq, false)
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("site.yaml could not be written: %w", err)
	}
	enc.Close()
	return buf.Bytes(), nil
}

// setKey sets key to val in the mapping m, keeping the key's comments;
// remove drops it instead.
func setKey(m *yaml.Node, key string, val *yaml.Node, remove bool) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key {
			continue
		}
		if remove {
			m.Content = slices.Delete(m.Content, i, i+2)
			return
		}
		val.LineComment = m.Content[i+1].LineComment
		m.Content[i+1] = val
		return
	}
	if !remove {
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, val)
	}
}
