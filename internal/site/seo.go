package site

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// Content types of the files seoFiles adds.
const (
	xmlType  = "application/xml; charset=utf-8"
	textType = "text/plain; charset=utf-8"
)

// seoFiles adds /sitemap.xml, listing every HTML page, and /robots.txt,
// naming the sitemap. They are pages like the others, so that the server
// and the static export treat them alike.
func (b *builder) seoFiles() error {
	s := b.site
	sitemapURL, robotsURL := route.URL(route.Sitemap, ""), route.URL(route.Robots, "")
	if old := b.opts.reuse[sitemapURL]; old != nil && b.opts.reuse[robotsURL] != nil {
		// Rebuild: no page came or went and no review date changed.
		for _, p := range []*Page{old, b.opts.reuse[robotsURL]} {
			s.pages[p.Path] = p
			s.paths = append(s.paths, p.Path)
		}
		return nil
	}
	sitemap, err := s.sitemap()
	if err != nil {
		return fmt.Errorf("rendering %s: %w", sitemapURL, err)
	}
	robots := "User-agent: *\nDisallow: /_relief/\n\nSitemap: " + s.Content.Config.BaseURL + sitemapURL + "\n"
	if b.opts.Dev {
		robots = "# A preview: nothing here is for search engines.\nUser-agent: *\nDisallow: /\n"
	}
	for _, p := range []*Page{newPage(sitemapURL, xmlType, sitemap), newPage(robotsURL, textType, []byte(robots))} {
		s.pages[p.Path] = p
		s.paths = append(s.paths, p.Path)
	}
	return nil
}

// sitemapURL is one <url> of a sitemap (https://www.sitemaps.org/protocol.html).
type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// sitemap returns the sitemap of every HTML page, with the date a
// condition was last reviewed as its lastmod.
func (s *Site) sitemap() ([]byte, error) {
	doc := struct {
		XMLName xml.Name     `xml:"urlset"`
		NS      string       `xml:"xmlns,attr"`
		URLs    []sitemapURL `xml:"url"`
	}{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, path := range s.paths {
		if p := s.pages[path]; p.ContentType != htmlType {
			continue
		}
		u := sitemapURL{Loc: s.Content.Config.BaseURL + path}
		lang, rest := route.SplitLang(path)
		if ref, ls := route.Parse(rest), s.In(lang); ref.Kind == route.Condition && ls != nil {
			if c := ls.Content.Condition(ref.Param); c != nil && !c.Reviewed.IsZero() {
				u.LastMod = c.Reviewed.Format(time.DateOnly)
			}
		}
		doc.URLs = append(doc.URLs, u)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// jsonLD returns the structured data of a page for search engines, or ""
// when the page has none: a MedicalWebPage about the MedicalCondition on
// condition pages, the business on the home page. json.Marshal escapes <,
// > and &, so the result cannot end its <script> element early.
//
// The objects are structs whose fields are in the order of their JSON
// names, so the output is what marshalling them as maps gives (keys
// sorted) without a map per object: TestJSONLDLikeMaps holds the two
// byte for byte equal.
func (b *builder) jsonLD(v *view) (template.JS, error) {
	var data any
	switch {
	case v.Condition != nil:
		page := conditionLD(&b.site.Content.Config, b.site.words, v.Condition, v.Canonical, b.site.url)
		page.Image = v.ShareImage()
		data = page
	case v.IsHome:
		biz := businessLD(&b.site.Content.Config, b.site.url)
		biz.Image = v.ShareImage()
		data = biz
	default:
		return "", nil
	}
	out, err := json.Marshal(data)
	if err != nil {
		return "", fmt.Errorf("rendering %s: JSON-LD: %w", v.Path, err)
	}
	return template.JS(out), nil
}

// The schema.org objects of jsonLD. Each struct's fields are in the byte
// order of their JSON names ("@" first), as encoding/json writes a map's
// keys; an optional key is omitempty.
type (
	medicalWebPage struct {
		Context      string           `json:"@context"`
		ID           string           `json:"@id"`
		Type         string           `json:"@type"`
		About        medicalCondition `json:"about"`
		Breadcrumb   breadcrumbList   `json:"breadcrumb"`
		Description  string           `json:"description"`
		Image        string           `json:"image,omitempty"`
		InLanguage   string           `json:"inLanguage"`
		LastReviewed string           `json:"lastReviewed,omitempty"`
		Name         string           `json:"name"`
		Publisher    publisher        `json:"publisher"`
		URL          string           `json:"url"`
	}
	medicalCondition struct {
		Type          string       `json:"@type"`
		AlternateName []string     `json:"alternateName,omitempty"`
		Name          string       `json:"name"`
		SignOrSymptom []typedThing `json:"signOrSymptom,omitempty"`
	}
	typedThing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
	}
	breadcrumbList struct {
		Type            string     `json:"@type"`
		ItemListElement []listItem `json:"itemListElement"`
	}
	listItem struct {
		Type     string `json:"@type"`
		Item     string `json:"item"`
		Name     string `json:"name"`
		Position int    `json:"position"`
	}
	publisher struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	business struct {
		Context         string         `json:"@context"`
		ID              string         `json:"@id"`
		Type            string         `json:"@type"`
		Address         string         `json:"address,omitempty"`
		Description     string         `json:"description"`
		Email           string         `json:"email,omitempty"`
		Image           string         `json:"image,omitempty"`
		KnowsLanguage   []string       `json:"knowsLanguage,omitempty"` // the languages the practice serves its clients in
		Name            string         `json:"name"`
		PotentialAction *reserveAction `json:"potentialAction,omitempty"`
		Telephone       string         `json:"telephone,omitempty"`
		URL             string         `json:"url"`
	}
	reserveAction struct {
		Type   string `json:"@type"`
		Target string `json:"target"`
	}
)

// conditionLD describes a condition's page; url is the site's in its
// language (Site.url).
func conditionLD(cfg *content.Config, w *words, c *content.Condition, canonical string, url func(route.Kind, string) string) *medicalWebPage {
	home := cfg.BaseURL + url(route.Home, "")
	page := &medicalWebPage{
		Context:     "https://schema.org",
		ID:          canonical,
		Type:        "MedicalWebPage",
		About:       medicalCondition{Type: "MedicalCondition", AlternateName: c.Aliases, Name: c.Title},
		Description: c.Summary,
		InLanguage:  w.Language,
		Name:        c.Title,
		Publisher:   publisher{Type: "HealthAndBeautyBusiness", Name: cfg.Name, URL: home},
		URL:         canonical,
	}
	if len(c.Symptoms) > 0 {
		page.About.SignOrSymptom = make([]typedThing, len(c.Symptoms))
		for i, s := range c.Symptoms {
			page.About.SignOrSymptom[i] = typedThing{Type: "MedicalSignOrSymptom", Name: s}
		}
	}
	page.Breadcrumb = breadcrumbList{Type: "BreadcrumbList", ItemListElement: []listItem{
		{Type: "ListItem", Item: home, Name: w.Home, Position: 1},
		{Type: "ListItem", Item: cfg.BaseURL + url(route.ConditionsIndex, ""), Name: w.ConditionsIndex.Title, Position: 2},
		{Type: "ListItem", Item: canonical, Name: c.Title, Position: 3},
	}}
	if !c.Reviewed.IsZero() {
		page.LastReviewed = c.Reviewed.Format(time.DateOnly)
	}
	return page
}

// businessLD describes the practice from site.yaml. HealthAndBeautyBusiness
// is a schema.org LocalBusiness.
func businessLD(cfg *content.Config, url func(route.Kind, string) string) *business {
	home := cfg.BaseURL + url(route.Home, "")
	biz := &business{
		Context:     "https://schema.org",
		ID:          home + "#business",
		Type:        "HealthAndBeautyBusiness",
		Address:     cfg.Address,
		Description: cfg.Tagline,
		Email:       cfg.Email,
		Name:        cfg.Name,
		Telephone:   cfg.Phone,
		URL:         home,
	}
	if len(cfg.Languages) > 1 {
		for _, l := range cfg.Languages {
			biz.KnowsLanguage = append(biz.KnowsLanguage, l.Code)
		}
	}
	if cfg.BookingURL != "" {
		biz.PotentialAction = &reserveAction{Type: "ReserveAction", Target: cfg.BookingURL}
	}
	return biz
}
