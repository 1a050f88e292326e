package site_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/site"
)

func embedded(t *testing.T) *site.Site {
	t.Helper()
	st, err := site.Load(site.Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, site.Options{})
	if err != nil {
		t.Fatalf("loading the embedded site: %v", err)
	}
	return st
}

func TestSitemap(t *testing.T) {
	st := embedded(t)
	p := st.Lookup("/sitemap.xml")
	if p == nil || !strings.HasPrefix(p.ContentType, "application/xml") {
		t.Fatalf("/sitemap.xml: %v, want an XML page", p)
	}
	var doc struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(p.Plain(), &doc); err != nil {
		t.Fatalf("/sitemap.xml does not parse: %v", err)
	}
	if doc.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || doc.XMLName.Local != "urlset" {
		t.Errorf("root element = %v, want sitemaps.org urlset", doc.XMLName)
	}
	base := st.Content.Config.BaseURL
	locs := map[string]string{}
	for _, u := range doc.URLs {
		locs[u.Loc] = u.LastMod
	}
	for _, path := range st.Paths() {
		if strings.HasPrefix(st.Lookup(path).ContentType, "text/html") {
			if _, ok := locs[base+path]; !ok {
				t.Errorf("the sitemap lacks %s", base+path)
			}
		}
	}
	for _, c := range st.Content.Conditions {
		if !c.Draft && !c.Reviewed.IsZero() && locs[base+c.URL()] != c.Reviewed.Format("2006-01-02") {
			t.Errorf("%s: lastmod = %q, want %s", c.URL(), locs[base+c.URL()], c.Reviewed.Format("2006-01-02"))
		}
	}
	robots := st.Lookup("/robots.txt")
	if robots == nil || !strings.Contains(string(robots.Plain()), "Sitemap: "+base+"/sitemap.xml") {
		t.Errorf("/robots.txt does not name the sitemap: %v", robots)
	}
}

var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// jsonLD returns the JSON-LD object of a page, parsed.
func jsonLD(t *testing.T, st *site.Site, path string) map[string]any {
	t.Helper()
	m := ldRE.FindSubmatch(st.Lookup(path).Plain())
	if m == nil {
		t.Fatalf("%s: no JSON-LD", path)
	}
	var v map[string]any
	if err := json.Unmarshal(m[1], &v); err != nil {
		t.Fatalf("%s: JSON-LD does not parse: %v\n%s", path, err, m[1])
	}
	return v
}

func TestConditionJSONLD(t *testing.T) {
	st := embedded(t)
	c := st.Content.Condition("sciatica")
	ld := jsonLD(t, st, "/conditions/sciatica")
	if ld["@context"] != "https://schema.org" || ld["@type"] != "MedicalWebPage" || ld["lastReviewed"] != c.Reviewed.Format("2006-01-02") {
		t.Errorf("JSON-LD = %v, want a schema.org MedicalWebPage reviewed %s", ld, c.Reviewed.Format("2006-01-02"))
	}
	about, _ := ld["about"].(map[string]any)
	if about["@type"] != "MedicalCondition" || about["name"] != "Sciatica" {
		t.Errorf("about = %v, want the MedicalCondition Sciatica", about)
	}
	if names, _ := about["alternateName"].([]any); len(names) != len(c.Aliases) {
		t.Errorf("alternateName = %v, want the %d aliases", about["alternateName"], len(c.Aliases))
	}
	if signs, _ := about["signOrSymptom"].([]any); len(signs) != len(c.Symptoms) {
		t.Errorf("signOrSymptom = %v, want the %d symptoms", about["signOrSymptom"], len(c.Symptoms))
	}
	crumbs, _ := ld["breadcrumb"].(map[string]any)
	items, _ := crumbs["itemListElement"].([]any)
	if crumbs["@type"] != "BreadcrumbList" || len(items) != 3 {
		t.Fatalf("breadcrumb = %v, want a BreadcrumbList of 3", crumbs)
	}
	if last, _ := items[2].(map[string]any); last["item"] != st.Content.Config.BaseURL+"/conditions/sciatica" {
		t.Errorf("last breadcrumb = %v, want the page", last)
	}
}

func TestHomeJSONLD(t *testing.T) {
	st := embedded(t)
	ld := jsonLD(t, st, "/")
	cfg := st.Content.Config
	if ld["@type"] != "HealthAndBeautyBusiness" || ld["name"] != cfg.Name || ld["telephone"] != cfg.Phone || ld["url"] != cfg.BaseURL+"/" {
		t.Errorf("home JSON-LD = %v, want the practice as a HealthAndBeautyBusiness", ld)
	}
}

func TestSocialTags(t *testing.T) {
	st := embedded(t)
	body := string(st.Lookup("/conditions/sciatica").Plain())
	c := st.Content.Condition("sciatica")
	for _, want := range []string{
		`<link rel="canonical" href="` + st.Content.Config.BaseURL + `/conditions/sciatica">`,
		`<meta name="description" content="` + c.Summary + `">`,
		`<meta property="og:title" content="Sciatica">`,
		`<meta property="og:type" content="article">`,
		`<meta name="twitter:card" content="summary">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/conditions/sciatica lacks %s", want)
		}
	}
}

// TestEncodings checks what Encode keeps and how it names it.
func TestEncodings(t *testing.T) {
	e := site.Encode([]byte(strings.Repeat("<p>hello</p>\n", 200)), "text/html; charset=utf-8")
	br, brETag := e.Brotli()
	gz, gzETag := e.Gzip()
	if gz == nil || br == nil || !e.Varies() {
		t.Fatal("a repetitive page was not compressed")
	}
	if gzETag != strings.TrimSuffix(e.ETag, `"`)+`-gz"` || brETag != strings.TrimSuffix(e.ETag, `"`)+`-br"` {
		t.Errorf("ETags %s %s %s: want the -gz and -br forms of the first", e.ETag, gzETag, brETag)
	}
	tiny := site.Encode([]byte("ok"), "text/plain")
	tinyBr, _ := tiny.Brotli()
	if tinyGz, _ := tiny.Gzip(); tinyGz != nil || tinyBr != nil || tiny.ETag == "" || tiny.Varies() {
		t.Errorf("a 2-byte body: gzip %q, brotli %q, ETag %q, varies %v: want only an ETag", tinyGz, tinyBr, tiny.ETag, tiny.Varies())
	}
	png := site.Encode([]byte(strings.Repeat("a", 5000)), "image/png")
	if gz, _ := png.Gzip(); gz != nil || png.Varies() {
		t.Error("an image was compressed")
	}
}

// TestCompressInBackground: Build returns with every ETag and the body
// as it is; the gzip forms follow (Gzipped), then the brotli forms
// (Compressed). Until then a page says its response varies by
// Accept-Encoding, and it always gives its body back the same.
func TestCompressInBackground(t *testing.T) {
	s := embedded(t)
	plain := map[string][]byte{}
	for _, path := range s.Paths() {
		p := s.Lookup(path)
		if gz, _ := p.Gzip(); p.ETag == "" || (gz == nil && !p.Varies()) {
			t.Errorf("%s: ETag %q, Varies %v right after Build: want an ETag, and Vary while compressing", path, p.ETag, p.Varies())
		}
		plain[path] = bytes.Clone(p.Plain())
	}
	<-s.Gzipped()
	for _, path := range s.Paths() {
		p := s.Lookup(path)
		gz, etag := p.Gzip()
		if len(p.Plain()) > 1024 && (gz == nil || etag != strings.TrimSuffix(p.ETag, `"`)+`-gz"`) {
			t.Errorf("%s: %d gzip bytes with ETag %q after Gzipped; want its -gz form", path, len(gz), etag)
		}
	}
	<-s.Compressed()
	for _, path := range s.Paths() {
		p := s.Lookup(path)
		br, etag := p.Brotli()
		if len(p.Plain()) > 1024 && (br == nil || etag != strings.TrimSuffix(p.ETag, `"`)+`-br"`) {
			t.Errorf("%s: %d brotli bytes with ETag %q after Compressed; want its -br form", path, len(br), etag)
		}
		if !bytes.Equal(p.Plain(), plain[path]) {
			t.Errorf("%s: the body changed once compressed", path)
		}
	}
}
