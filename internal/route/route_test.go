package route

import "testing"

// TestMap checks the map in both directions for every kind: the URL of a
// page, the page of that URL, the file behind it and the page that file
// produces.
func TestMap(t *testing.T) {
	tests := []struct {
		ref      Ref
		url      string
		file     string // "" for pages made from the whole site
		template string
		cache    string
	}{
		{Ref{Home, ""}, "/", "index.md", "home.html", "page"},
		{Ref{ConditionsIndex, ""}, "/conditions/", "", "conditions.html", "page"},
		{Ref{Condition, "sciatica"}, "/conditions/sciatica", "conditions/sciatica.md", "condition.html", "page"},
		{Ref{AreasIndex, ""}, "/areas/", "", "areas.html", "page"},
		{Ref{Area, "back"}, "/areas/back", "", "area.html", "page"},
		{Ref{Symptoms, ""}, "/symptoms/", "", "symptoms.html", "page"},
		{Ref{Page, "about"}, "/about", "pages/about.md", "page.html", "page"},
		{Ref{Search, ""}, "/search", "", "search.html", "search"},
		{Ref{SearchJSON, ""}, "/search.json", "", "", "search"},
		{Ref{Sitemap, ""}, "/sitemap.xml", "", "", "page"},
		{Ref{Robots, ""}, "/robots.txt", "", "", "page"},
		{Ref{NotFound, ""}, "", "", "404.html", "not found"},
		{Ref{Static, "css/site.css"}, "/static/css/site.css", "static/css/site.css", "", "page"},
	}
	seen := map[Kind]bool{}
	for _, tt := range tests {
		k := tt.ref.Kind
		seen[k] = true
		if got := tt.ref.URL(); got != tt.url {
			t.Errorf("URL(%s, %q) = %q, want %q", k, tt.ref.Param, got, tt.url)
		}
		if tt.url != "" {
			if got := Parse(tt.url); got != tt.ref {
				t.Errorf("Parse(%q) = %+v, want %+v", tt.url, got, tt.ref)
			}
		}
		if got := File(tt.ref); got != tt.file {
			t.Errorf("File(%+v) = %q, want %q", tt.ref, got, tt.file)
		}
		if tt.file != "" {
			if got := ForFile(tt.file, ""); got != tt.ref {
				t.Errorf("ForFile(%q) = %+v, want %+v", tt.file, got, tt.ref)
			}
		}
		r := Of(k)
		if r.Kind != k || r.Template != tt.template || r.Cache != tt.cache {
			t.Errorf("Of(%s) = kind %s, template %q, cache %q; want %s, %q, %q", k, r.Kind, r.Template, r.Cache, k, tt.template, tt.cache)
		}
		if r.Source == "" {
			t.Errorf("Of(%s): no Source: say which files the page comes from", k)
		}
	}
	for k := Home; k < numKinds; k++ {
		if !seen[k] {
			t.Errorf("kind %s is not in the test: add a row", k)
		}
	}
	if n := len(Routes()); n != int(numKinds)-1 {
		t.Errorf("Routes() has %d rows, want %d", n, numKinds-1)
	}
	if last := Routes()[len(Routes())-1]; last.Kind != Page {
		t.Errorf("Routes() ends with %s, want page: /{slug} must be tried last", last.Kind)
	}
}

func TestParseOther(t *testing.T) {
	tests := map[string]Ref{
		"/conditions":           {},
		"/conditions/a/b":       {},
		"/areas":                {},
		"/about/":               {},
		"/static/":              {},
		"/a/b":                  {},
		"/static/js/search.js":  {Static, "js/search.js"},
		"/conditions/no-such":   {Condition, "no-such"},
		"/conditions/sciatica/": {},
		"/search.json":          {SearchJSON, ""},
		"/healthz":              {},
		"/_relief/events":       {},
	}
	for p, want := range tests {
		if got := Parse(p); got != want {
			t.Errorf("Parse(%q) = %+v, want %+v", p, got, want)
		}
	}
}

func TestForFileSlug(t *testing.T) {
	tests := []struct {
		rel, slug string
		want      Ref
	}{
		{"conditions/back.md", "chronic-back-pain", Ref{Condition, "chronic-back-pain"}},
		{"pages/about-us.md", "about", Ref{Page, "about"}},
		{"site.yaml", "", Ref{}},
		{"conditions/notes.txt", "", Ref{}},
		{"conditions/sub/x.md", "", Ref{}},
		{"static/", "", Ref{}},
	}
	for _, tt := range tests {
		if got := ForFile(tt.rel, tt.slug); got != tt.want {
			t.Errorf("ForFile(%q, %q) = %+v, want %+v", tt.rel, tt.slug, got, tt.want)
		}
	}
}

func TestSlash(t *testing.T) {
	tests := map[string]string{
		"/conditions":           "/conditions/",
		"/areas":                "/areas/",
		"/symptoms":             "/symptoms/",
		"/conditions/sciatica/": "/conditions/sciatica",
		"/about":                "",
		"/about/":               "",
		"/areas/back/":          "",
		"/":                     "",
	}
	for p, want := range tests {
		if got := Slash(p); got != want {
			t.Errorf("Slash(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestReserved(t *testing.T) {
	for _, s := range []string{"conditions", "static", "search", "areas", "symptoms", "healthz", "sitemap.xml", "robots.txt", "_relief", "_x"} {
		if !Reserved(s) {
			t.Errorf("Reserved(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"about", "contact", "prices", "conditions-we-treat"} {
		if Reserved(s) {
			t.Errorf("Reserved(%q) = true, want false", s)
		}
	}
}

func TestNames(t *testing.T) {
	var n Names
	for _, r := range Routes() {
		if r.Pattern == "" {
			continue // the 404 page has no address
		}
		param := ""
		if r.Param != "" {
			param = "x"
		}
		u := n.URL(r.Name, param)
		if u != URL(r.Kind, param) {
			t.Errorf("Names.URL(%q, %q) = %q, want %q", r.Name, param, u, URL(r.Kind, param))
		}
		if kind, got := n.Name(u); kind != r.Name || got != param {
			t.Errorf("Names.Name(%q) = %q, %q; want %q, %q", u, kind, got, r.Name, param)
		}
	}
	if kind, _ := n.Name("/a/b"); kind != "" {
		t.Errorf(`Names.Name("/a/b") = %q, want ""`, kind)
	}
}

func TestNamesSlash(t *testing.T) {
	var n Names
	tests := map[string][2]string{
		"/conditions":           {"conditions index", ""},
		"/conditions/sciatica/": {"condition", "sciatica"},
		"/about/":               {"", ""},
	}
	for p, want := range tests {
		if kind, param := n.Name(p); kind != want[0] || param != want[1] {
			t.Errorf("Names.Name(%q) = %q, %q; want %q, %q", p, kind, param, want[0], want[1])
		}
	}
}

// TestExportFile checks the file every kind of page is exported to, and
// the paths that are no page of the map (an old address, a named file).
func TestExportFile(t *testing.T) {
	tests := []struct {
		path string
		html bool
		want string
	}{
		{URL(Home, ""), true, "index.html"},
		{URL(ConditionsIndex, ""), true, "conditions/index.html"},
		{URL(Condition, "sciatica"), true, "conditions/sciatica/index.html"},
		{URL(AreasIndex, ""), true, "areas/index.html"},
		{URL(Area, "lower-back"), true, "areas/lower-back/index.html"},
		{URL(Symptoms, ""), true, "symptoms/index.html"},
		{URL(Page, "about"), true, "about/index.html"},
		{URL(Search, ""), true, "search/index.html"},
		{URL(SearchJSON, ""), false, "search.json"},
		{URL(Sitemap, ""), false, "sitemap.xml"},
		{URL(Robots, ""), false, "robots.txt"},
		{URL(Static, "css/site.1a2b3c.css"), false, "static/css/site.1a2b3c.css"},
		{"/back-pain.html", true, "back-pain.html"},
		{"/old/nested-page", true, "old/nested-page/index.html"},
	}
	for _, tt := range tests {
		if got := ExportFile(tt.path, tt.html); got != tt.want {
			t.Errorf("ExportFile(%q, %v) = %q, want %q", tt.path, tt.html, got, tt.want)
		}
	}
}
