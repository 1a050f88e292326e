package site

import (
	"html/template"
	"strings"
	"unicode/utf8"
)

// The list of results on the search page is written here, in Go, rather
// than by a template: it is the one part of a page made per request that
// grows with the results, and executing it as a template (reflection for
// every field, an escaper call for every value: about eight a result,
// fifty results a page) cost twice what the search itself did. The
// markup is the template testdata/results.html, and so is the escaping:
// writeResults escapes every value as html/template escapes it in the
// same place, and TestResultsLikeTemplate checks that the two agree byte
// for byte over many queries, hostile ones among them.
//
// The list, for each result (a condition's name linked to its page, where
// it matched, and the excerpt under its heading):
//
//	<ol class="results">
//	<li class="result">
//	<h2 class="card-title"><a href="URL">Title</a></h2>
//	<p class="result-match">Found: “Matched”</p>
//	<p class="result-excerpt"><span class="result-section">Section:</span> Excerpt</p>
//	</li>
//	</ol>
//
// ": “Matched”" only when Quoted; the excerpt's paragraph only with an
// excerpt, its section only with a heading.

// writeResults writes the list of results rs to buf, as testdata/results.html
// would.
func writeResults(buf *strings.Builder, rs []resultView) {
	buf.WriteString(`<ol class="results">`)
	for i := range rs {
		r := &rs[i]
		buf.WriteString("\n<li class=\"result\">\n<h2 class=\"card-title\"><a href=\"")
		if plainPath(r.Doc.URL) {
			buf.WriteString(r.Doc.URL)
		} else {
			buf.WriteString(escapeHref(r.Doc.URL))
		}
		buf.WriteString(`">`)
		escapeText(buf, r.Doc.Title)
		buf.WriteString("</a></h2>\n<p class=\"result-match\">")
		escapeText(buf, r.Found)
		if r.Quoted {
			buf.WriteString(": “")
			escapeText(buf, r.Matched)
			buf.WriteString("”")
		}
		buf.WriteString("</p>\n")
		if r.Excerpt != "" {
			buf.WriteString(`<p class="result-excerpt">`)
			if r.Section != "" {
				buf.WriteString(`<span class="result-section">`)
				escapeText(buf, r.Section)
				buf.WriteString(":</span> ")
			}
			buf.WriteString(string(r.Excerpt)) // HTML already, escaped by the search
			buf.WriteString("</p>")
		}
		buf.WriteString("\n</li>")
	}
	buf.WriteString("\n</ol>")
}

// resultsHTML returns the list of results rs as writeResults writes it.
func resultsHTML(rs []resultView) template.HTML {
	var buf strings.Builder // its String is its bytes: no copy
	buf.Grow(len(rs) * 500)
	writeResults(&buf, rs)
	return template.HTML(buf.String())
}

// escapeText writes s as html/template escapes a string in text: the
// characters of its htmlReplacementTable replaced, every other byte kept
// (invalid UTF-8 too). template.HTMLEscapeString is not the same: it
// leaves "+" as it is, where html/template writes "&#43;".
func escapeText[W interface{ WriteString(string) (int, error) }](buf W, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		buf.WriteString(s[last:i])
		buf.WriteString(repl)
		last = i + 1
	}
	buf.WriteString(s[last:])
}

// plainPath reports whether u is a path html/template writes into an href
// as it is: it starts with "/" and holds only letters, digits and
// "/-._~". The site's own addresses are; anything else (a character to
// percent-encode, an accent in a slug) goes through escapeHref.
func plainPath(u string) bool {
	if !strings.HasPrefix(u, "/") {
		return false
	}
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c >= utf8.RuneSelf || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("/-._~", c) >= 0) {
			return false
		}
	}
	return true
}

// escapeHref returns u escaped as html/template escapes it in an href
// attribute (filtered, percent-encoded, then attribute-escaped), by
// executing a template that holds only that. Only addresses plainPath
// refuses come here, and slugs are plain (content.validSlug), so its
// cost is rare.
func escapeHref(u string) string {
	t := template.Must(template.New("href").Parse(`<a href="{{.}}">`)) // a constant: it parses
	var b strings.Builder
	if err := t.Execute(&b, u); err != nil {
		return "#ZgotmplZ" // what html/template writes for an address it refuses
	}
	s := b.String()
	return s[len(`<a href="`) : len(s)-len(`">`)]
}
