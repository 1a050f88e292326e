package site

import (
	"html/template"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
)

// funcs returns the template functions. asset resolves static file names to
// their fingerprinted URLs.
func funcs(assets *Assets) template.FuncMap {
	return template.FuncMap{
		"asset": assets.URL,
		"tel":   tel,
		"date":  func(t time.Time) string { return t.Format("2 January 2006") },
		"iso":   func(t time.Time) string { return t.Format("2006-01-02") },
		"slug":  content.Slugify,
		"upper": strings.ToUpper,
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
	}
}

// tel returns a tel: URL for a phone number as written for people.
// html/template would refuse the tel: scheme in a plain string.
func tel(phone string) template.URL { return template.URL(content.TelURL(phone)) }
