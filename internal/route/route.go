package route

import (
	"net/url"
	"path"
	"strings"
)

// Kind is a kind of page of the site.
type Kind uint8

// The kinds of page, in the order of the map.
const (
	None Kind = iota // no page of the site
	Home
	ConditionsIndex
	Condition
	AreasIndex
	Area
	Symptoms
	Page // a plain page: About, Contact, Prices
	Search
	SearchJSON
	Sitemap
	Robots
	NotFound
	Static
	numKinds
)

// Route is one row of the map: a kind of page and everything about it.
type Route struct {
	Kind Kind
	// Name is the kind's name in logs and tests: "condition".
	Name string
	// Pattern is the URL pattern, in chi's syntax: "/conditions/{slug}".
	// The 404 page has none: it answers any URL no other route does.
	Pattern string
	// Param is the name of the pattern's one parameter ("slug"; "*" for
	// the rest of the path), or "" when the pattern has none.
	Param string
	// Source is where the page comes from, relative to the content folder
	// (or the static folder for a static file); "<slug>" stands for the
	// parameter. Pages made from the whole site say so.
	Source string
	// Template is the template, in the templates folder, that renders the
	// page, or "" for pages made without one.
	Template string
	// Cache is the kind of response the server's header policy gives the
	// page (internal/server/policy.go): "page", "search", "not found".
	// Static files under their fingerprinted names are "fingerprinted".
	Cache string
}

// routes is the map of the site. The order matters where patterns overlap:
// a fixed path ("/search", "/sitemap.xml") wins over a plain page's
// "/{slug}", which comes last.
var routes = [numKinds]Route{
	None:            {},
	Home:            {Home, "home", "/", "", "index.md", "home.html", "page"},
	ConditionsIndex: {ConditionsIndex, "conditions index", "/conditions/", "", "conditions/*.md and site.yaml (body areas)", "conditions.html", "page"},
	Condition:       {Condition, "condition", "/conditions/{slug}", "slug", "conditions/<slug>.md (or the file whose slug: is <slug>)", "condition.html", "page"},
	AreasIndex:      {AreasIndex, "areas index", "/areas/", "", "site.yaml (regions) and conditions/*.md", "areas.html", "page"},
	Area:            {Area, "area", "/areas/{region}", "region", "site.yaml (the region <slug>) and the conditions/*.md that name it", "area.html", "page"},
	Symptoms:        {Symptoms, "symptoms", "/symptoms/", "", "conditions/*.md (symptoms:)", "symptoms.html", "page"},
	Page:            {Page, "page", "/{slug}", "slug", "pages/<slug>.md (or the file whose slug: is <slug>)", "page.html", "page"},
	Search:          {Search, "search", "/search", "", "every published page, indexed when the site is built", "search.html", "search"},
	SearchJSON:      {SearchJSON, "search results", "/search.json", "", "every published page, indexed when the site is built", "", "search"},
	Sitemap:         {Sitemap, "sitemap", "/sitemap.xml", "", "every HTML page", "", "page"},
	Robots:          {Robots, "robots", "/robots.txt", "", "site.yaml (base_url)", "", "page"},
	NotFound:        {NotFound, "not found", "", "", "every published condition (for the suggestion)", "404.html", "not found"},
	Static:          {Static, "static", "/static/*", "*", "static/<slug>", "", "page"},
}

// Routes returns the whole map, one row per kind, in the order a router
// must try them (fixed paths before "/{slug}").
func Routes() []Route {
	out := make([]Route, 0, numKinds-1)
	for _, r := range routes[Home:] {
		if r.Kind != Page {
			out = append(out, r)
		}
	}
	return append(out, routes[Page])
}

// Of returns the row of kind k.
func Of(k Kind) Route {
	if k >= numKinds {
		return routes[None]
	}
	return routes[k]
}

// String returns the kind's name.
func (k Kind) String() string {
	if k == None || k >= numKinds {
		return "none"
	}
	return routes[k].Name
}

// Ref names one page: its kind and the value of its parameter.
type Ref struct {
	Kind  Kind
	Param string // the slug, the region, or the static file's name; "" for kinds without one
}

// URL returns the path of the page of kind k with parameter param:
// URL(Condition, "sciatica") is "/conditions/sciatica". It returns "" for
// the 404 page, which has no address of its own, and for a kind that
// needs a parameter when param is "".
func URL(k Kind, param string) string {
	r := Of(k)
	if r.Pattern == "" || (r.Param == "") != (param == "") {
		return ""
	}
	if r.Param == "" {
		return r.Pattern
	}
	i := strings.IndexAny(r.Pattern, "{*")
	if r.Param == "*" {
		return r.Pattern[:i] + param
	}
	return r.Pattern[:i] + url.PathEscape(param)
}

// URL returns the page's path.
func (ref Ref) URL() string { return URL(ref.Kind, ref.Param) }

// Parse returns the page a URL path names, or a Ref of kind None: the
// reverse of URL, for every kind but NotFound. The path is decoded
// ("/conditions/sciatica", not its percent-encoded form). Parse knows the
// shape of an address, not the site: "/conditions/no-such" is a Condition
// ref; whether that condition exists is the loaded site's to say. A
// reserved first segment ("/conditions", "/healthz") is no plain page.
func Parse(p string) Ref {
	for _, r := range Routes() {
		if param, ok := match(r, p); ok && !(r.Kind == Page && Reserved(param)) {
			return Ref{r.Kind, param}
		}
	}
	return Ref{}
}

// match reports whether path p fits r's pattern, and its parameter.
func match(r Route, p string) (string, bool) {
	switch {
	case r.Pattern == "":
		return "", false
	case r.Param == "":
		return "", p == r.Pattern
	}
	prefix := r.Pattern[:strings.IndexAny(r.Pattern, "{*")]
	rest, ok := strings.CutPrefix(p, prefix)
	if !ok || rest == "" {
		return "", false
	}
	if r.Param != "*" && strings.Contains(rest, "/") {
		return "", false
	}
	return rest, true
}

// Slash returns the URL that a path missing or adding a final slash
// should be sent to: "/conditions" to "/conditions/", and
// "/conditions/sciatica/" to "/conditions/sciatica". Other paths have none.
func Slash(p string) string {
	if k := Parse(p + "/"); k.Kind != None && k.Kind != Page && strings.HasSuffix(Of(k.Kind).Pattern, "/") {
		return p + "/"
	}
	if trimmed, ok := strings.CutSuffix(p, "/"); ok {
		if ref := Parse(trimmed); ref.Kind == Condition {
			return ref.URL()
		}
	}
	return ""
}

// ExportFile returns the file, relative to an exported site's folder,
// that a static host answers path p with: index.html inside a folder for
// an HTML page ("/conditions/sciatica" is conditions/sciatica/index.html,
// "/conditions/" is conditions/index.html), the path itself for anything
// else ("/sitemap.xml", a static file) or a path that already names an
// HTML file. html says whether the page is HTML. It knows the shape of a
// path, not the site: an old address kept as a redirect gets its file too.
func ExportFile(p string, html bool) string {
	name := strings.TrimPrefix(p, "/")
	switch {
	case name == "" || strings.HasSuffix(name, "/"):
		return name + "index.html"
	case html && !strings.HasSuffix(name, ".html") && !strings.HasSuffix(name, ".htm"):
		return name + "/index.html"
	}
	return name
}

// File returns the file a page comes from by default, relative to the
// content folder ("conditions/sciatica.md") or, for a static file, "static/"
// and its name; "" for pages made from the whole site (the indexes,
// search, the sitemap). A page's slug: can give it another address than
// its file name: the loaded content knows which file actually has it.
func File(ref Ref) string {
	switch ref.Kind {
	case Home:
		return "index.md"
	case Condition:
		return "conditions/" + ref.Param + ".md"
	case Page:
		return "pages/" + ref.Param + ".md"
	case Static:
		return "static/" + ref.Param
	}
	return ""
}

// ForFile returns the page a file produces: the reverse of File. rel is
// the file's path relative to the content folder, or "static/" and a name
// in the static folder; slug is its slug: frontmatter, "" for the default
// (the file name without .md). Files that make no page of their own
// (site.yaml, a stray file) give a Ref of kind None.
func ForFile(rel, slug string) Ref {
	dir, name := path.Split(rel)
	base, isMD := strings.CutSuffix(name, ".md")
	if slug == "" {
		slug = base
	}
	switch {
	case rel == "index.md":
		return Ref{Home, ""}
	case dir == "conditions/" && isMD:
		return Ref{Condition, slug}
	case dir == "pages/" && isMD:
		return Ref{Page, slug}
	case strings.HasPrefix(rel, "static/") && len(rel) > len("static/"):
		return Ref{Static, strings.TrimPrefix(rel, "static/")}
	}
	return Ref{}
}

// Reserved reports whether a plain page may not take slug as its address,
// because the site uses that first segment itself (conditions, static,
// search, sitemap.xml, ...) or keeps it for its own machinery: healthz,
// and anything starting with "_" (/_relief/events). The codes of the
// site's languages are the loaded content's to refuse.
func Reserved(slug string) bool {
	if slug == "healthz" || strings.HasPrefix(slug, "_") {
		return true
	}
	for _, r := range Routes() {
		if r.Kind == Page || r.Pattern == "" || r.Pattern == "/" {
			continue
		}
		first, _, _ := strings.Cut(strings.TrimPrefix(r.Pattern, "/"), "/")
		if first == slug {
			return true
		}
	}
	return false
}

// Names is the map as package content asks it (content.URLs), with kinds
// by their names ("condition") so that content needs no import of route.
type Names struct{}

// URL returns the path of the page of the kind named kind: URL("condition",
// "sciatica") is "/conditions/sciatica"; "" for an unknown kind.
func (Names) URL(kind, param string) string { return URL(named(kind), param) }

// Name returns the name of the kind of page path names, and its parameter;
// "" when the site has no such address. A path that only redirects for
// its final slash (Slash) names the page it redirects to.
func (Names) Name(path string) (kind, param string) {
	ref := Parse(path)
	if to := Slash(path); ref.Kind == None && to != "" {
		ref = Parse(to)
	}
	if ref.Kind == None {
		return "", ""
	}
	return ref.Kind.String(), ref.Param
}

// Reserved reports whether a plain page may not take slug (see Reserved).
func (Names) Reserved(slug string) bool { return Reserved(slug) }

// In returns path p in language lang (see In).
func (Names) In(lang, p string) string { return In(lang, p) }

// SplitLang returns the language a path is in and the rest of it (see
// SplitLang).
func (Names) SplitLang(p string) (lang, rest string) { return SplitLang(p) }

// Slash is the package's Slash.
func (Names) Slash(p string) string { return Slash(p) }

func named(name string) Kind {
	for _, r := range routes[Home:] {
		if r.Name == name {
			return r.Kind
		}
	}
	return None
}
