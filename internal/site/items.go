package site

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/relief-massage/relief/internal/content"
)

// A list page shows the same few things many times over: a condition's
// card on each page it is related to, its link under each of its
// symptoms, a body area's or a symptom's tag on every condition page that
// names it. Executing the same markup for the same value again and again
// was about a third of the templates' work with an empty cache, every
// value in it an escaper's and a method's reflective call. So a template
// writes {{item "card" .}} where it would write {{template "card" .}}
// for a value of the content, and item executes the partial once per
// value while a site is built, and gives the same HTML to every page
// that shows it.
//
// Only values that cannot change while the site is built are kept: a
// string, or a condition, body area or page of the content (by pointer:
// the content is never changed once loaded, but for the rendered bodies
// dropped as their pages are made, which no partial may show). Any other
// value executes the partial every time, as does every call once the site
// is built (a search or 404 page made per request keeps nothing) and in
// the preview, whose rebuilds share the templates with the site they
// replace. Like part, item returns what {{template}} writes as
// template.HTML, so the partial must begin and end in HTML text.

// items keeps the partials made once for a value, for the template sets
// parsed together (one language's kinds).
type items struct {
	kept[itemKey] // made is nil unless a site is being built (keep)
}

type itemKey struct {
	set  *template.Template
	name string
	dot  any // a string or a pointer (itemKeyOf)
}

// itemFunc returns the template function item for the templates of set.
// set is nil in the base set, which is cloned for each kind and never
// executed itself.
func (it *items) itemFunc(set *template.Template) func(string, any) (template.HTML, error) {
	return func(name string, dot any) (template.HTML, error) {
		if set == nil {
			return "", fmt.Errorf("item %q: called outside a page's templates", name)
		}
		return it.kept.get(itemKey{set, name, dot}, itemKeyed(dot), func(b *strings.Builder) error {
			return set.ExecuteTemplate(b, name, dot)
		})
	}
}

// keep starts keeping the partials made (on), or stops and forgets them.
func (it *items) keep(on bool) {
	it.mu.Lock()
	defer it.mu.Unlock()
	it.made = nil
	if on {
		it.made = map[itemKey]template.HTML{}
	}
}

// itemKeyed says whether a value may key a partial (see items).
func itemKeyed(dot any) bool {
	switch dot.(type) {
	case string, *content.Condition, *content.Region, *content.Page:
		return true
	}
	return false
}
