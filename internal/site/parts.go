package site

import (
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/relief-massage/relief/internal/route"
)

// A page's header, footer and call to action are most of its template
// actions, and on most pages they come out the same: executing them for
// each of a thousand condition pages was about a third of the templates'
// work. So a template writes {{part "footer" .}} where it would write
// {{template "footer" .}}, and part executes the partial once per site for
// all the pages that give it the same fields:
//
//   - Which fields of the view a partial reads is found once per template
//     set by walking its parse tree and those of the templates it calls
//     (pageFields). A partial that hands the whole view to a function or
//     a method, or keeps it in a variable, reads what it likes: part
//     executes it for every page.
//   - The fields that are the same on every page of a language (siteWide:
//     the settings, the navigation, the language) are left out of the key;
//     the others must be strings, booleans, or empty (a nil pointer, an
//     empty list), whose values make the key. Any other value executes
//     the partial for that page.
//
// part returns what {{template "name" .}} writes for a partial that
// begins and ends in HTML text (every partial that prints elements), as
// template.HTML, which the page's template inserts as it is. Each Site
// keeps its own parts (a preview's rebuild may change the settings while
// the templates stay).

// siteWide are the view's fields that are the same on every page of one
// language's site (Site.view sets them from the site alone).
var siteWide = map[string]bool{"Site": true, "Menu": true, "Nav": true, "Contact": true, "Dev": true, "LiveReload": true, "Lang": true, "Locale": true}

// parts keeps a site's partials, made once for each template set, name
// and key.
type parts struct {
	fields partFields // shared by the sites built from the same templates
	kept[partKey]
}

// partFields holds, for each template set and template name in it, the
// indexes of the view's fields that key the partial: nil for one made for
// every page. It is made once, when the templates are parsed (before any
// runs: html/template rewrites a template's tree the first time it runs),
// and only read after.
type partFields map[*template.Template]map[string][]int

// fieldsOf returns the partFields of every template in each set.
func fieldsOf(kinds map[route.Kind]*template.Template) partFields {
	pf := partFields{}
	for _, set := range kinds {
		m := map[string][]int{}
		for _, t := range set.Templates() {
			m[t.Name()] = keyFields(set, t.Name())
		}
		pf[set] = m
	}
	return pf
}

type partKey struct {
	set  *template.Template
	name string
	key  string
}

func newParts(fields partFields) *parts {
	return &parts{fields: fields, kept: kept[partKey]{made: map[partKey]template.HTML{}, limit: maxParts}}
}

// part is the template function part: the partial name of the set v is
// executed with (executeView), for v.
func part(name string, v *view) (template.HTML, error) {
	if v == nil || v.set == nil || v.parts == nil {
		return "", fmt.Errorf("part %q: called with something other than the page (write {{part %q .}})", name, name)
	}
	return v.parts.get(name, v)
}

func (ps *parts) get(name string, v *view) (template.HTML, error) {
	key, keep := partKeyOf(v, ps.fields[v.set][name])
	return ps.kept.get(partKey{v.set, name, key}, keep, func(b *strings.Builder) error {
		return executeView(v.set, b, name, v)
	})
}

// maxParts bounds the partials a site keeps. The built-in templates give
// a few dozen keys; a therapist's partial keyed by a field that holds a
// visitor's words (a search page's title) would otherwise keep one for
// every query typed, until the next reload.
const maxParts = 1024

var viewType = reflect.TypeFor[view]()

// keyFields returns the indexes of the view's fields, besides siteWide,
// that the template name of set reads, or nil when it cannot tell (the
// partial is then executed for every page).
func keyFields(set *template.Template, name string) []int {
	read, ok := pageFields(set, name)
	if !ok {
		return nil
	}
	out := []int{} // not nil: a partial that reads only siteWide fields is kept once
	for f := range read {
		if siteWide[f] {
			continue
		}
		sf, ok := viewType.FieldByName(f)
		if !ok || len(sf.Index) != 1 || !sf.IsExported() {
			return nil // a method, or a field that is not the view's own
		}
		out = append(out, sf.Index[0])
	}
	slices.Sort(out)
	return out
}

// partKeyOf returns the key of v's values of fields, and false when one
// cannot be part of a key (see parts).
func partKeyOf(v *view, fields []int) (string, bool) {
	if fields == nil {
		return "", false
	}
	rv := reflect.ValueOf(v).Elem()
	var b strings.Builder
	for _, i := range fields {
		f := rv.Field(i)
		switch f.Kind() {
		case reflect.String:
			b.WriteString(f.String())
		case reflect.Bool:
			if f.Bool() {
				b.WriteByte('1')
			}
		case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice:
			if !f.IsNil() && (f.Kind() != reflect.Slice || f.Len() > 0) {
				return "", false
			}
		default:
			return "", false
		}
		b.WriteByte(0)
	}
	return b.String(), true
}

// pageFields returns the fields of the page's view that the template name
// of set reads, directly or through the templates it calls with the
// view; false when it may read others (it passes the view to a function
// or method, or keeps it in a variable) or name is not defined.
func pageFields(set *template.Template, name string) (map[string]bool, bool) {
	w := &fieldWalk{set: set, read: map[string]bool{}, seen: map[string]bool{}, ok: true}
	w.template(name)
	return w.read, w.ok
}

type fieldWalk struct {
	set  *template.Template
	read map[string]bool
	seen map[string]bool // templates walked with the view as dot
	ok   bool
}

// template walks a template called with the view as its dot (and $).
func (w *fieldWalk) template(name string) {
	if w.seen[name] {
		return
	}
	w.seen[name] = true
	t := w.set.Lookup(name)
	if t == nil || t.Tree == nil || t.Tree.Root == nil {
		w.ok = false
		return
	}
	w.node(t.Tree.Root, true)
}

// node walks n; view says whether dot is the view there. ($ is the view
// throughout a template walked by template.)
func (w *fieldWalk) node(n parse.Node, view bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			w.node(c, view)
		}
	case *parse.ActionNode:
		w.pipe(n.Pipe, view)
	case *parse.IfNode:
		w.pipe(n.Pipe, view)
		w.node(n.List, view)
		w.node(n.ElseList, view)
	case *parse.WithNode:
		w.pipe(n.Pipe, view)
		w.node(n.List, isView(n.Pipe, view))
		w.node(n.ElseList, view)
	case *parse.RangeNode:
		w.pipe(n.Pipe, view)
		w.node(n.List, false)
		w.node(n.ElseList, view)
	case *parse.TemplateNode:
		if isView(n.Pipe, view) {
			w.template(n.Name)
			return
		}
		w.pipe(n.Pipe, view)
		// called with something else as its dot: its $ is that too, so
		// only a use of the view reached some other way would matter,
		// and there is none (variables do not cross templates).
	case *parse.TextNode, *parse.CommentNode, *parse.BreakNode, *parse.ContinueNode, nil:
	default:
		w.ok = false
	}
}

// isView says whether a pipeline is just the view: {{template "x" .}}.
func isView(p *parse.PipeNode, view bool) bool {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return false
	}
	switch a := p.Cmds[0].Args[0].(type) {
	case *parse.DotNode:
		return view
	case *parse.VariableNode:
		return len(a.Ident) == 1 && a.Ident[0] == "$"
	}
	return false
}

func (w *fieldWalk) pipe(p *parse.PipeNode, view bool) {
	if p == nil {
		return
	}
	if len(p.Decl) > 0 && isViewValue(p, view) {
		w.ok = false // a variable holding the view
	}
	for _, c := range p.Cmds {
		for _, a := range c.Args {
			w.arg(a, view)
		}
	}
}

// isViewValue says whether a pipeline's value may be the view itself.
func isViewValue(p *parse.PipeNode, view bool) bool {
	last := p.Cmds[len(p.Cmds)-1]
	if len(last.Args) != 1 {
		return false
	}
	switch a := last.Args[0].(type) {
	case *parse.DotNode:
		return view
	case *parse.VariableNode:
		return len(a.Ident) == 1
	}
	return false
}

func (w *fieldWalk) arg(a parse.Node, view bool) {
	switch a := a.(type) {
	case *parse.FieldNode:
		if view {
			w.read[a.Ident[0]] = true
		}
	case *parse.VariableNode:
		if a.Ident[0] == "$" {
			if len(a.Ident) == 1 {
				w.ok = false // the whole view, to a function or method
			} else {
				w.read[a.Ident[1]] = true
			}
		}
	case *parse.DotNode:
		if view {
			w.ok = false
		}
	case *parse.ChainNode:
		w.arg(a.Node, view)
	case *parse.PipeNode:
		w.pipe(a, view)
	case *parse.IdentifierNode, *parse.BoolNode, *parse.NumberNode, *parse.StringNode, *parse.NilNode:
	default:
		w.ok = false
	}
}
