package site

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/content"
)

// TestPageFields checks which of the view's fields a partial is found to
// read, and that a partial that may read any is never kept.
func TestPageFields(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // the fields read; nil: cannot tell
	}{
		{"site only", `{{.Site.Name}}{{t "book"}}`, []string{"Site"}},
		{"if and else", `{{if .IsHome}}a{{else}}{{.Title}}{{end}}`, []string{"IsHome", "Title"}},
		{"with changes dot", `{{with .Condition}}{{.Title}}{{else}}{{.Path}}{{end}}`, []string{"Condition", "Path"}},
		{"with dollar", `{{with .Condition}}{{$.Description}}{{end}}`, []string{"Condition", "Description"}},
		{"range changes dot", `{{range .Nav}}{{.URL}}{{$.NavPath}}{{end}}`, []string{"Nav", "NavPath"}},
		{"variable from a field", `{{$p := .Path}}{{$p}}`, []string{"Path"}},
		{"called with the view", `{{template "inner" .}}`, []string{"Canonical"}},
		{"called with a field", `{{template "inner" .Site}}`, []string{"Site"}},
		{"the view to a function", `{{printf "%v" .}}`, nil},
		{"the view in a variable", `{{$v := .}}{{$v.Title}}`, nil},
		{"the view printed", `{{.}}`, nil},
		{"dollar to a function", `{{with .Site}}{{printf "%v" $}}{{end}}`, nil},
		{"undefined template", `{{template "missing" .}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := template.Must(template.New("x").Funcs(template.FuncMap{"t": func(string) string { return "" }}).Parse(
				`{{define "inner"}}{{.Canonical}}{{end}}{{define "p"}}` + tt.src + `{{end}}`))
			read, ok := pageFields(set, "p")
			if tt.want == nil {
				if ok {
					t.Errorf("pageFields(%s) = %v, true; want false", tt.src, read)
				}
				return
			}
			var got []string
			for f := range read {
				got = append(got, f)
			}
			slices.Sort(got)
			if !ok || !slices.Equal(got, tt.want) {
				t.Errorf("pageFields(%s) = %v, %v; want %v, true", tt.src, got, ok, tt.want)
			}
		})
	}
}

// TestPartKeptAndKeyed checks that part gives what {{template}} gives,
// makes a partial that reads only the site's fields once, keys one that
// reads a page's fields by their values, and makes one it cannot key for
// every page.
func TestPartKeptAndKeyed(t *testing.T) {
	calls := map[string]int{}
	count := func(name string) string { calls[name]++; return "" }
	set := template.Must(template.New("base").Funcs(template.FuncMap{"part": part, "count": count}).Parse(
		`{{define "site"}}{{count "site"}}<p>{{.Site.Name}}</p>{{end}}` +
			`{{define "here"}}{{count "here"}}{{if .IsHome}}<b>home</b>{{end}}<i>{{.NavPath}}</i>{{end}}` +
			`{{define "page"}}{{count "page"}}<p>{{.Condition.Title}}</p>{{end}}` +
			`{{define "base"}}{{part "site" .}}{{part "here" .}}{{part "page" .}}|{{template "site" .}}{{template "here" .}}{{template "page" .}}{{end}}`))
	ps := newParts(partFields{set: {"site": keyFields(set, "site"), "here": keyFields(set, "here"), "page": keyFields(set, "page")}})
	cfg := &content.Config{Name: "Relief & Co"}
	pages := []*view{
		{Site: cfg, NavPath: "/", IsHome: true, Condition: &content.Condition{Page: content.Page{Title: "A"}}},
		{Site: cfg, Condition: &content.Condition{Page: content.Page{Title: "B <1>"}}},
		{Site: cfg, Condition: &content.Condition{Page: content.Page{Title: "C"}}},
		{Site: cfg, NavPath: "/about", Condition: &content.Condition{Page: content.Page{Title: "D"}}},
	}
	for _, v := range pages {
		v.parts = ps
		var b bytes.Buffer
		if err := executeView(set, &b, "base", v); err != nil {
			t.Fatal(err)
		}
		parted, whole, _ := strings.Cut(b.String(), "|")
		if parted != whole {
			t.Errorf("page %s: part gives %q, template gives %q", v.Condition.Title, parted, whole)
		}
	}
	// Each page's {{template}} calls count once a page too.
	n := len(pages)
	want := map[string]int{"site": 1 + n, "here": 3 + n, "page": n + n}
	for name, w := range want {
		if calls[name] != w {
			t.Errorf("%s executed %d times, want %d", name, calls[name], w)
		}
	}
}
