package content

import (
	"net/url"
	"strings"
)

// decodeConfig reads site.yaml. It is plain YAML, without fences.
// isCode says whether a text has the shape of a language code (from the
// map of the site, see URLs.SplitLang).
func decodeConfig(data []byte, isCode func(string) bool, ps problems) (Config, bool) {
	var cfg Config
	before := len(*ps.list)
	if !checkUTF8(data, ps) {
		return cfg, false
	}
	data = normalize(data)
	var c fmCapture
	if err := formats()[0].Unmarshal(data, &c); err != nil {
		fe := err.(*fmError)
		ps.errorf(max(fe.line, 1), max(fe.col, 1), "%s", fe.msg)
		return cfg, false
	}
	fields := yamlFields(&c.yaml, data, 0, ps)
	if fields == nil {
		return cfg, false
	}
	doc := &document{Format: "yaml", Fence: 1, Fields: fields}
	keys := map[string]func(field) bool{
		"name": str(&cfg.Name, ps), "tagline": str(&cfg.Tagline, ps),
		"base_url": str(&cfg.BaseURL, ps), "phone": str(&cfg.Phone, ps),
		"emergency": str(&cfg.Emergency, ps), "email": str(&cfg.Email, ps),
		"address": str(&cfg.Address, ps), "booking_url": str(&cfg.BookingURL, ps),
		"disclaimer":    str(&cfg.Disclaimer, ps),
		"regions":       regions(&cfg.Regions, ps),
		"reading_grade": integer(&cfg.ReadingGrade, ps),
		"languages":     languages(&cfg.Languages, isCode, ps),
	}
	s := schema{keys: keys, kind: keysIn(keys, []string{"name", "base_url", "disclaimer", "regions"}, map[string]string{
		"name": `"name: Relief Massage Therapy"`, "base_url": `"base_url: https://www.example.com"`,
		"disclaimer": `"disclaimer: Massage is not a substitute for medical care..."`,
		"regions":    `"regions: [{slug: back, title: Back}]"`,
	})}
	cfg.ReadingGrade = DefaultReadingGrade
	s.decode(doc, ps)
	for _, f := range fields {
		switch f.Key {
		case "base_url", "booking_url":
			checkURL(f, ps)
		}
	}
	cfg.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	if len(cfg.Languages) == 0 {
		cfg.Languages = []*Language{defaultLanguage()}
	}
	return cfg, len(*ps.list) == before
}

func checkURL(f field, ps problems) {
	s, _ := f.Value.(string)
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		ps.errorf(f.Line, f.Col, "%s: %q is not a full web address: write it like https://www.example.com", f.Key, s)
	}
}

// regions decodes the list of {slug, title} body areas.
func regions(dst *[]*Region, ps problems) func(field) bool {
	return func(f field) bool {
		list, ok := f.Value.([]any)
		if !ok || len(list) == 0 {
			ps.errorf(f.Line, f.Col, "%s: expected a list of body areas, like\n  - slug: back\n    title: Back", f.Key)
			return false
		}
		good := true
		seen := map[string]bool{}
		for i, it := range list {
			p := f.itemPos(i)
			m, ok := it.(map[string]any)
			slug, _ := m["slug"].(string)
			title, _ := m["title"].(string)
			if !ok || len(m) != 2 || slug == "" || title == "" {
				ps.errorf(p.Line, p.Col, "regions: item %d: each body area needs exactly two things, the word for its web address (slug) and the name visitors see (title), like {slug: back, title: Back}", i+1)
				good = false
				continue
			}
			switch {
			case !validSlug(slug):
				ps.errorf(p.Line, p.Col, "regions: %q cannot be part of a web address: use only lowercase letters, digits and hyphens, like %q", slug, Slugify(slug))
				good = false
			case seen[slug]:
				ps.errorf(p.Line, p.Col, "regions: %q is listed twice: keep one", slug)
				good = false
			default:
				seen[slug] = true
				*dst = append(*dst, &Region{Slug: slug, Title: title})
			}
		}
		return good
	}
}

// pageBindings are the decoders of the keys every kind of Markdown file
// may take (schemaFor keeps those of its kind); condition keys are added by
// decodeCondition.
// The map has room for a condition's keys too, so that adding them makes
// it grow no more.
func pageBindings(p *Page, ps problems) map[string]func(field) bool {
	bind := make(map[string]func(field) bool, 16)
	bind["title"] = str(&p.Title, ps)
	bind["summary"] = str(&p.Summary, ps)
	bind["slug"] = str(&p.Slug, ps)
	bind["weight"] = integer(&p.Weight, ps)
	bind["draft"] = boolean(&p.Draft, ps)
	bind["menu"] = boolean(&p.Menu, ps)
	bind["extra"] = dict(&p.Extra, ps)
	bind["image"] = str(&p.imageName, ps)
	bind["image_alt"] = str(&p.ImageAlt, ps)
	return bind
}

// decodeHome decodes index.md, which only has a title and summary.
func decodeHome(doc *document, p *Page, ps problems) {
	schemaFor(KindHome, pageBindings(p, ps)).decode(doc, ps)
}

// decodePage decodes a plain page's frontmatter.
func decodePage(doc *document, p *Page, ps problems) {
	schemaFor(KindPage, pageBindings(p, ps)).decode(doc, ps)
}

// decodeCondition decodes a condition's frontmatter.
func decodeCondition(doc *document, c *Condition, ps problems) {
	bind := pageBindings(&c.Page, ps)
	regions := strList(&c.regionSlugs, &c.regionPos, ps)
	bind["regions"] = func(f field) bool { c.regionsBad = !regions(f); return !c.regionsBad }
	bind["symptoms"] = listOnce(&c.Symptoms, nil, "Symptoms", sameWords, ps)
	bind["aliases"] = listOnce(&c.Aliases, nil, "Other names", sameWords, ps)
	bind["related"] = strList(&c.relatedSlugs, &c.relatedPos, ps)
	bind["redirect_from"] = listOnce(&c.RedirectFrom, &c.redirectPos, "Old addresses", sameAddress, ps)
	reviewed := date(&c.Reviewed, ps)
	bind["reviewed"] = func(f field) bool { c.reviewedGiven = true; return reviewed(f) }
	schemaFor(KindCondition, bind).decode(doc, ps)
	c.regionsAt, c.reviewedAt = fieldPos(doc, "regions"), fieldPos(doc, "reviewed")
}

// fieldPos returns where key stands in doc, or the opening fence.
func fieldPos(doc *document, key string) pos {
	for _, f := range doc.Fields {
		if f.Key == key {
			return f.pos
		}
	}
	return pos{doc.Fence, 1}
}

// listOnce is strList for a list whose items should each be listed once:
// it warns at each item that repeats an earlier one (listedTwice). at, when
// not nil, gets where each item stands, as strList's items does.
func listOnce(dst *[]string, at *[]pos, under string, key func(string) string, ps problems) func(field) bool {
	if at == nil {
		at = new([]pos)
	}
	decode := strList(dst, at, ps)
	return func(f field) bool {
		ok := decode(f)
		listedTwice(*dst, *at, under, key, ps)
		return ok
	}
}

// sameWords is the key of a symptom or another name: two that differ
// only in case and the spaces around them ("Numbness", " numbness") read
// as the same words.
func sameWords(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// sameAddress is the key of an old address: the server finds an old
// address exactly as written, so "/Back.html" and "/back.html/" are
// addresses of their own, not "/back.html" again.
func sameAddress(s string) string { return s }

// listedTwice warns at each item of list (at is where each stands) whose
// key repeats an earlier one's: a page shows its symptoms as written, so a
// visitor would read one twice, and a name or an old address twice is one
// more line to keep up for nothing. under is the list's name in the form.
func listedTwice(list []string, at []pos, under string, key func(string) string, ps problems) {
	first := make(map[string]string, len(list))
	for i, s := range list {
		k := key(s)
		if k == "" || i >= len(at) {
			continue
		}
		if was, ok := first[k]; ok {
			ps.warnf(at[i].Line, at[i].Col, "“%s” is listed twice under %s; remove one", was, under)
			continue
		}
		first[k] = strings.TrimSpace(s)
	}
}
