package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"

	"github.com/relief-massage/relief/internal/route"
)

// parseTemplates parses the base layout and partials once, then the
// template of each kind of page the map of the site names
// (route.Route.Template) into its own clone, so that each kind defines
// its own blocks; and the search page's shell (searchShellKind, see
// search_shell.go). Each kind's set has its own template function item,
// which keeps what it makes in the items returned (items.go).
func parseTemplates(tfs fs.FS, fm template.FuncMap) (map[route.Kind]*template.Template, *items, error) {
	it := &items{}
	base := template.New("base").Funcs(fm).Funcs(template.FuncMap{"item": it.itemFunc(nil)})
	partials, err := fs.Glob(tfs, "partials/*.html")
	if err != nil {
		return nil, nil, err
	}
	for _, name := range append([]string{"layouts/base.html"}, partials...) {
		if err := parseFile(base, tfs, name); err != nil {
			return nil, nil, err
		}
	}
	kinds := map[route.Kind]*template.Template{}
	for _, r := range route.Routes() {
		if r.Template == "" {
			continue
		}
		t, err := base.Clone()
		if err != nil {
			return nil, nil, err
		}
		t.Funcs(template.FuncMap{"item": it.itemFunc(t)})
		if err := parseFile(t, tfs, r.Template); err != nil {
			return nil, nil, err
		}
		kinds[r.Kind] = t
	}
	shell, err := shellTemplate(kinds[route.Search])
	if err != nil {
		return nil, nil, err
	}
	kinds[searchShellKind] = shell
	return kinds, it, nil
}

func parseFile(t *template.Template, tfs fs.FS, name string) error {
	src, err := fs.ReadFile(tfs, name)
	if err != nil {
		return fmt.Errorf("templates/%s: %w", name, err)
	}
	if _, err := t.New(path.Base(name)).Parse(string(src)); err != nil {
		return fmt.Errorf("templates/%s: %w", name, err)
	}
	return nil
}

// execute renders a page kind into a buffer, so that a template error
// never yields half a page.
func execute(kinds map[route.Kind]*template.Template, kind route.Kind, v *view) ([]byte, error) {
	var buf bytes.Buffer
	return executeTo(&buf, kinds, kind, v)
}

// executeTo is execute into buf, which it empties first; the bytes it
// returns are buf's, valid until buf is used again. The builder passes
// one buffer per CPU, so that rendering a thousand pages does not leave
// a thousand grown-and-dropped buffers to the garbage collector.
func executeTo(buf *bytes.Buffer, kinds map[route.Kind]*template.Template, kind route.Kind, v *view) ([]byte, error) {
	buf.Reset()
	if err := executeView(kinds[kind], buf, "base", v); err != nil {
		return nil, fmt.Errorf("rendering %s (%s): %w", v.Path, route.Of(kind).Template, err)
	}
	return buf.Bytes(), nil
}

// executeView executes the template name of set with v, telling v the set
// it is executed with, for the partials it makes once (parts.go).
func executeView(set *template.Template, w io.Writer, name string, v *view) error {
	v.set = set
	return set.ExecuteTemplate(w, name, v)
}

// servedKind reports whether a served site renders pages of kind after
// it is built: the 404 page with a suggestion and the search page (and
// its shell), made per request. Every other kind is rendered by the build
// only.
func servedKind(kind route.Kind) bool {
	switch kind {
	case route.NotFound, route.Search, searchShellKind:
		return true
	}
	return false
}

// forgetUnserved lets a site built to be served drop the template sets
// of the kinds it no longer renders (servedKind), with their partFields
// and the partials made with them: a parsed set is many small objects the
// garbage collector would otherwise mark for as long as the site is
// served. A build that takes templates from this site (Rebuild) parses
// them again (templatesFor).
func (s *Site) forgetUnserved() {
	kinds := map[route.Kind]*template.Template{}
	fields := partFields{}
	for k, set := range s.kinds {
		if servedKind(k) {
			kinds[k], fields[set] = set, s.partials.fields[set]
		}
	}
	ps := newParts(fields)
	s.partials.mu.Lock()
	for k, html := range s.partials.made {
		if _, ok := fields[k.set]; ok {
			ps.made[k] = html
		}
	}
	s.partials.mu.Unlock()
	s.kinds, s.partials = kinds, ps
}
