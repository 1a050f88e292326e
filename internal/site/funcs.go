package site

import (
	"html/template"
	"strings"
	"time"

	"github.com/relief-massage/relief/internal/content"
)

// funcs returns the template functions. asset resolves static file names to
// their fingerprinted URLs; date writes a date and lang names the
// language, as words.yaml says.
func funcs(assets *Assets, w *words) template.FuncMap {
	return template.FuncMap{
		"asset": assets.URL,
		"lang":  func() string { return w.Language },
		"tel":   tel,
		"date":  func(t time.Time) string { return t.Format(w.Date) },
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
