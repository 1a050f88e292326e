package content

// URLs are the site's addresses, as far as content needs them: the URL of
// a condition, what a link's path names, and which slugs the site keeps
// for itself. The caller hands them in (Options.URLs) from the map of the
// site, route.Names; content builds no URL and knows no route. Kinds are
// named as the map names them: "home", "condition", "page" (a plain
// page), "area", "static", and others for pages made from the whole site
// ("conditions index", "search", ...).
type URLs interface {
	// URL returns the path of the page of kind with parameter param:
	// URL("condition", "sciatica") is "/conditions/sciatica".
	URL(kind, param string) string
	// Name returns what page a path on the site names, by shape: its kind
	// and parameter, or kind "" when the site has no such address.
	Name(path string) (kind, param string)
	// Reserved reports whether a plain page may not take slug.
	Reserved(slug string) bool
}

// The kinds of page content asks URLs about.
const (
	kindHome      = "home"
	kindCondition = "condition"
	kindPage      = "page"
	kindArea      = "area"
	kindStatic    = "static"
)
