package dev

import (
	"bytes"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/site"
)

// fileError is one problem to show on an error page.
type fileError struct {
	Path      string // as the therapist knows it: "content/conditions/sciatica.md"
	Line, Col int    // 1-based; 0 when unknown
	Message   string
	Source    []byte // the file's text, to quote from; nil when unknown
}

// quoted is a line of a file around a problem.
type quoted struct {
	N    int
	Text string
	Bad  bool
}

// Lines returns the lines around the problem, the bad one marked.
func (e fileError) Lines() []quoted {
	if e.Line < 1 || e.Source == nil {
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(string(e.Source), "\r\n", "\n"), "\n")
	var out []quoted
	for n := max(1, e.Line-3); n <= min(len(lines), e.Line+3); n++ {
		out = append(out, quoted{N: n, Text: strings.TrimPrefix(lines[n-1], "\ufeff"), Bad: n == e.Line})
	}
	return out
}

// Where is "line 3, column 1" or "" when the position is unknown.
func (e fileError) Where() string {
	switch {
	case e.Line < 1:
		return ""
	case e.Col < 1:
		return "line " + strconv.Itoa(e.Line)
	}
	return "line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Col)
}

// The error page uses only the site's stylesheet and the reload script,
// both from the static folder: the Content-Security-Policy allows nothing
// inline.
var errorPageTmpl = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mistake in {{(index .Errors 0).Path}}</title>
<link rel="stylesheet" href="{{.CSS}}">
<script src="{{.Script}}" defer></script>
</head>
<body>
<main id="main" class="wrap page">
<h1>This page has a mistake to fix</h1>
<p class="lead">Fix it in your editor and save: this tab reloads by itself. The other pages keep showing their last good version, and visitors never see this page.</p>
{{range .Errors}}<section class="dev-error">
<h2>{{.Path}}{{with .Where}}, {{.}}{{end}}</h2>
<p>{{.Message}}</p>
{{with .Lines}}<pre><code>{{range .}}{{if .Bad}}<mark>{{printf "%4d" .N}} | {{.Text}}</mark>{{else}}{{printf "%4d" .N}} | {{.Text}}{{end}}
{{end}}</code></pre>{{end}}
</section>
{{end}}</main>
</body>
</html>
`))

// errorPage renders errs, with the stylesheet and script of assets.
func errorPage(errs []fileError, assets *site.Assets) []byte {
	url := func(name string) string {
		if assets != nil {
			if u, err := assets.URL(name); err == nil {
				return u
			}
		}
		return "/static/" + name
	}
	var buf bytes.Buffer
	data := struct {
		Errors      []fileError
		CSS, Script string
	}{errs, url("css/site.css"), url("js/dev-reload.js")}
	if err := errorPageTmpl.Execute(&buf, data); err != nil {
		return []byte("relief: cannot show the error page: " + template.HTMLEscapeString(err.Error()))
	}
	return buf.Bytes()
}

// siteWide returns a site on which every page shows errs, and errs: built
// on the last site that built, so the static files still work.
func (p *Preview) siteWide(errs []fileError) (*site.Site, []fileError) {
	if p.built != nil {
		return p.built.WithErrorPage(errorPage(errs, p.built.Assets)), errs
	}
	static := folder(p.cfg.Static)
	st, err := site.ErrorSite(static, errorPage(errs, nil))
	if err != nil {
		st, _ = site.ErrorSite(fstest.MapFS{}, errorPage(errs, nil))
	}
	// Render again now that the asset URLs are known.
	return st.WithErrorPage(errorPage(errs, st.Assets)), errs
}

// withErrors returns built with the page of every broken file replaced by
// its error page, and the problems of every broken file.
func (p *Preview) withErrors(built *site.Site, cs *content.Site, broken map[string][]fileError) (*site.Site, []fileError) {
	if len(broken) == 0 {
		return built, nil
	}
	byURL := map[string][]fileError{}
	var all []fileError
	for _, rel := range slices.Sorted(maps.Keys(broken)) {
		all = append(all, broken[rel]...)
		for _, u := range p.errorURLs(cs, rel) {
			byURL[u] = append(byURL[u], broken[rel]...)
		}
	}
	pages := map[string][]byte{}
	for u, errs := range byURL {
		pages[u] = errorPage(errs, built.Assets)
	}
	return built.WithPages(pages), all
}

// errorURLs returns the addresses that show the mistakes of the broken
// file rel: its page's and, when the page is left out of the site (it has
// no good version to stand in: content.Options.LeftOut), those of its
// translations, left out with it.
func (p *Preview) errorURLs(cs *content.Site, rel string) []string {
	urls := []string{pageURL(cs, p.cfg.ContentDir, rel, p.tree.files[rel])}
	if dir, _ := path.Split(rel); dir != "conditions/" && dir != "pages/" || slugOf(cs, p.problemPath(rel)) != "" {
		return urls // not a page of its own, or its last good version stands in
	}
	for _, ts := range cs.Translations {
		t := content.LangFile(ts.Lang.Code, rel)
		if data, ok := p.tree.files[t]; ok {
			urls = append(urls, pageURL(cs, p.cfg.ContentDir, t, data))
		}
	}
	return urls
}

// problems turns the problems error pages show into the reload service's
// error: nil when there are none.
func problems(errs []fileError) error {
	if len(errs) == 0 {
		return nil
	}
	list := make(content.Problems, len(errs))
	for i, e := range errs {
		list[i] = content.Problem{Path: e.Path, Line: e.Line, Col: e.Col, Severity: content.Error, Message: e.Message}
	}
	return list
}

// String formats e as "path:line:col: message" for the terminal.
func (e fileError) String() string {
	s := e.Path
	if e.Line > 0 {
		s += ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(max(e.Col, 1))
	}
	return s + ": " + e.Message
}

// tmplPosRE finds the template and line in html/template's errors:
// "template: condition.html:12:5: executing ...".
var tmplPosRE = regexp.MustCompile(`template: ([^:\s]+):(\d+)(?::(\d+))?:`)

// templateError turns an error from building the site into a problem in
// the template file it names, with its text to quote.
func templateError(err error, dir string) fileError {
	fe := fileError{Path: "templates", Message: err.Error()}
	m := tmplPosRE.FindStringSubmatch(err.Error())
	if m == nil {
		return fe
	}
	fe.Line, _ = strconv.Atoi(m[2])
	fe.Col, _ = strconv.Atoi(m[3])
	fsys := folder(dir)
	fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Base(name) == m[1] && fe.Source == nil {
			fe.Path = "templates/" + name
			fe.Source, _ = fs.ReadFile(fsys, name)
		}
		return nil
	})
	return fe
}
