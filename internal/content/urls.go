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
	// In returns the path p of the default language in language lang
	// (lang "": p itself): In("es", "/conditions/ciatica") is
	// "/es/conditions/ciatica".
	In(lang, p string) string
	// SplitLang returns the language a path is in ("" for the default)
	// and the path without it: the reverse of In.
	SplitLang(p string) (lang, rest string)
	// Slash returns where a path missing or adding a final slash is sent
	// before anything else is looked up ("/conditions/sciatica/" to
	// "/conditions/sciatica"), or "" for a path that is not.
	Slash(p string) string
}

// langURLs are the addresses of one language other than the default:
// the default's, under the language's code.
type langURLs struct {
	URLs
	lang string
}

func (u langURLs) URL(kind, param string) string { return u.In(u.lang, u.URLs.URL(kind, param)) }

// Name names the pages of its own language only; a path in another
// language is reported by the link check (checkLinks) before it is asked.
func (u langURLs) Name(p string) (kind, param string) {
	lang, rest := u.SplitLang(p)
	if lang != u.lang && !languageFree(u.URLs, p) {
		return "", ""
	}
	return u.URLs.Name(rest)
}

// The kinds of page content asks URLs about.
const (
	kindHome      = "home"
	kindCondition = "condition"
	kindPage      = "page"
	kindArea      = "area"
	kindStatic    = "static"
)

// languageFree reports whether the path p is the same in every language
// (a static file).
func languageFree(u URLs, p string) bool { return u.In("xx", p) == p }
