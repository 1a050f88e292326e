package site

import (
	"html/template"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// funcs returns the template functions. asset resolves static file names to
// their fingerprinted URLs; date writes a date and lang names the
// language, as words.yaml says.
func funcs(assets *Assets, w *words) template.FuncMap {
	return template.FuncMap{
		"asset": assets.URL,
		"lang":  func() string { return w.Language },
		"tel":   tel,
		"date":  w.date,
		"iso":   func(t time.Time) string { return t.Format("2006-01-02") },
		"slug":  content.Slugify,
		"upper": strings.ToUpper,
		// t is a word of the page's language: {{t "book"}}; tf fills in
		// its {names}: {{tf "results_nothing" "query" .Query}}.
		"t":  func(key string) (string, error) { return w.t(key) },
		"tf": w.t,
		// plural is the form of a word for a number: {{plural 2 "condition"}}.
		"plural": w.plural,
		// link is an address of the site in the page's language:
		// {{link "/conditions/"}} is /es/conditions/ on a Spanish page.
		"link": func(p string) string { return route.In(w.prefix, p) },
		// part is {{template "name" .}} made once for the pages that give
		// the partial the same fields: {{part "footer" .}} (parts.go).
		"part": part,
	}
}

// tel returns a tel: URL for a phone number as written for people.
// html/template would refuse the tel: scheme in a plain string.
func tel(phone string) template.URL { return template.URL(content.TelURL(phone)) }
