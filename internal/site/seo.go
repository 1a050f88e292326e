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
func (b *builder) jsonLD(v *view) (template.JS, error) {
	var data any
	switch {
	case v.Condition != nil:
		data = conditionLD(&b.site.Content.Config, b.site.words, v.Condition, v.Canonical, b.site.url)
	case v.IsHome:
		data = businessLD(&b.site.Content.Config, b.site.url)
	default:
		return "", nil
	}
	if img := v.ShareImage(); img != "" {
		data.(ld)["image"] = img
	}
	out, err := json.Marshal(data)
	if err != nil {
		return "", fmt.Errorf("rendering %s: JSON-LD: %w", v.Path, err)
	}
	return template.JS(out), nil
}

// ld is a schema.org object.
type ld = map[string]any

// url is the site's in its language (Site.url).
func conditionLD(cfg *content.Config, w *words, c *content.Condition, canonical string, url func(route.Kind, string) string) ld {
	cond := ld{"@type": "MedicalCondition", "name": c.Title}
	if len(c.Aliases) > 0 {
		cond["alternateName"] = c.Aliases
	}
	var signs []ld
	for _, s := range c.Symptoms {
		signs = append(signs, ld{"@type": "MedicalSignOrSymptom", "name": s})
	}
	if len(signs) > 0 {
		cond["signOrSymptom"] = signs
	}
	page := ld{
		"@context":    "https://schema.org",
		"@type":       "MedicalWebPage",
		"@id":         canonical,
		"url":         canonical,
		"name":        c.Title,
		"description": c.Summary,
		"inLanguage":  w.Language,
		"about":       cond,
		"breadcrumb": ld{"@type": "BreadcrumbList", "itemListElement": []ld{
			crumb(1, w.Home, cfg.BaseURL+url(route.Home, "")),
			crumb(2, w.ConditionsIndex.Title, cfg.BaseURL+url(route.ConditionsIndex, "")),
			crumb(3, c.Title, canonical),
		}},
		"publisher": ld{"@type": "HealthAndBeautyBusiness", "name": cfg.Name, "url": cfg.BaseURL + url(route.Home, "")},
	}
	if !c.Reviewed.IsZero() {
		page["lastReviewed"] = c.Reviewed.Format(time.DateOnly)
	}
	return page
}

func crumb(pos int, name, url string) ld {
	return ld{"@type": "ListItem", "position": pos, "name": name, "item": url}
}

// businessLD describes the practice from site.yaml. HealthAndBeautyBusiness
// is a schema.org LocalBusiness.
func businessLD(cfg *content.Config, url func(route.Kind, string) string) ld {
	biz := ld{
		"@context":    "https://schema.org",
		"@type":       "HealthAndBeautyBusiness",
		"@id":         cfg.BaseURL + url(route.Home, "") + "#business",
		"name":        cfg.Name,
		"description": cfg.Tagline,
		"url":         cfg.BaseURL + url(route.Home, ""),
	}
	if len(cfg.Languages) > 1 {
		var codes []string
		for _, l := range cfg.Languages {
			codes = append(codes, l.Code)
		}
		biz["knowsLanguage"] = codes // the languages the practice serves its clients in
	}
	for key, val := range map[string]string{"telephone": cfg.Phone, "email": cfg.Email, "address": cfg.Address} {
		if val != "" {
			biz[key] = val
		}
	}
	if cfg.BookingURL != "" {
		biz["potentialAction"] = ld{"@type": "ReserveAction", "target": cfg.BookingURL}
	}
	return biz
}
