package site

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// TestJSONLDLikeMaps holds the JSON-LD written from structs (seo.go) byte
// for byte equal to the same objects written as maps, whose keys
// encoding/json sorts, as relief wrote them before: for every condition
// and home page of the shipped site, in every language, with and without
// an image, and for settings that are empty or hold characters JSON and
// HTML escape.
func TestJSONLDLikeMaps(t *testing.T) {
	s := shipped(t)
	hostile := s.Content.Config
	hostile.Name, hostile.Tagline, hostile.Phone, hostile.Email, hostile.Address, hostile.BookingURL = `A & B <Massage> "Co"`, "</script><!--", "", "x+y@example.com", "1 Main St\n\u2028Town", ""
	hostile.Languages = append(hostile.Languages[:0:0], hostile.Languages...)
	odd := &content.Condition{Page: content.Page{Title: `Pain <b>&</b> "more"`, Summary: ""}, Aliases: []string{}, Symptoms: nil}
	for _, ls := range append([]*Site{s}, s.translations...) {
		for _, cfg := range []*content.Config{&ls.Content.Config, &hostile} {
			for _, img := range []string{"", "https://relief.example.com/images/a.jpg?x=1&y=<2>"} {
				for _, c := range append(ls.Content.Conditions, odd) {
					canonical := cfg.BaseURL + c.URL()
					got := conditionLD(cfg, ls.words, c, canonical, ls.url)
					got.Image = img
					want := conditionLDMap(cfg, ls.words, c, canonical, ls.url)
					if img != "" {
						want["image"] = img
					}
					sameJSON(t, c.Title, got, want)
				}
				got := businessLD(cfg, ls.url)
				got.Image = img
				want := businessLDMap(cfg, ls.url)
				if img != "" {
					want["image"] = img
				}
				sameJSON(t, "home", got, want)
				one := *cfg
				one.Languages = one.Languages[:1]
				sameJSON(t, "home in one language", businessLD(&one, ls.url), businessLDMap(&one, ls.url))
			}
		}
	}
}

func sameJSON(t *testing.T, name string, got any, want ldMap) {
	t.Helper()
	g, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	w, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(g, w) {
		t.Errorf("%s: JSON-LD from structs\n%s\nwant (from maps)\n%s", name, g, w)
	}
}

// ldMap, conditionLDMap and businessLDMap are how seo.go built the
// JSON-LD before it used structs: the reference the structs must equal.
type ldMap = map[string]any

func conditionLDMap(cfg *content.Config, w *words, c *content.Condition, canonical string, url func(route.Kind, string) string) ldMap {
	cond := ldMap{"@type": "MedicalCondition", "name": c.Title}
	if len(c.Aliases) > 0 {
		cond["alternateName"] = c.Aliases
	}
	var signs []ldMap
	for _, s := range c.Symptoms {
		signs = append(signs, ldMap{"@type": "MedicalSignOrSymptom", "name": s})
	}
	if len(signs) > 0 {
		cond["signOrSymptom"] = signs
	}
	crumb := func(pos int, name, url string) ldMap {
		return ldMap{"@type": "ListItem", "position": pos, "name": name, "item": url}
	}
	page := ldMap{
		"@context":    "https://schema.org",
		"@type":       "MedicalWebPage",
		"@id":         canonical,
		"url":         canonical,
		"name":        c.Title,
		"description": c.Summary,
		"inLanguage":  w.Language,
		"about":       cond,
		"breadcrumb": ldMap{"@type": "BreadcrumbList", "itemListElement": []ldMap{
			crumb(1, w.Home, cfg.BaseURL+url(route.Home, "")),
			crumb(2, w.ConditionsIndex.Title, cfg.BaseURL+url(route.ConditionsIndex, "")),
			crumb(3, c.Title, canonical),
		}},
		"publisher": ldMap{"@type": "HealthAndBeautyBusiness", "name": cfg.Name, "url": cfg.BaseURL + url(route.Home, "")},
	}
	if !c.Reviewed.IsZero() {
		page["lastReviewed"] = c.Reviewed.Format(time.DateOnly)
	}
	return page
}

func businessLDMap(cfg *content.Config, url func(route.Kind, string) string) ldMap {
	biz := ldMap{
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
		biz["knowsLanguage"] = codes
	}
	for key, val := range map[string]string{"telephone": cfg.Phone, "email": cfg.Email, "address": cfg.Address} {
		if val != "" {
			biz[key] = val
		}
	}
	if cfg.BookingURL != "" {
		biz["potentialAction"] = ldMap{"@type": "ReserveAction", "target": cfg.BookingURL}
	}
	return biz
}
