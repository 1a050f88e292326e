package site

import (
	"bytes"
	"html/template"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/search"
)

// resultsTemplate parses testdata/results.html, the list of results as
// the template writeResults reproduces.
func resultsTemplate(t *testing.T) *template.Template {
	t.Helper()
	src, err := os.ReadFile("testdata/results.html")
	if err != nil {
		t.Fatal(err)
	}
	return template.Must(template.New("results.html").Parse(string(src)))
}

// checkLikeTemplate fails unless writeResults writes rs as the template
// does.
func checkLikeTemplate(t *testing.T, tmpl *template.Template, what string, rs []resultView) {
	t.Helper()
	var want bytes.Buffer
	if err := tmpl.ExecuteTemplate(&want, "results", rs); err != nil {
		t.Fatalf("%s: template: %v", what, err)
	}
	if got := string(resultsHTML(rs)); got != want.String() {
		t.Errorf("%s: writeResults differs from testdata/results.html:\n got: %q\nwant: %q", what, got, want.String())
	}
}

// TestResultsLikeTemplate checks that the list of results written in Go
// is byte for byte the template's, for what visitors type on the
// practice's pages in both languages (hostile queries among them), and
// for results made by hand with every character html/template escapes.
func TestResultsLikeTemplate(t *testing.T) {
	tmpl := resultsTemplate(t)
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	queries := append(slices.Clone(searchLoadQueries),
		"sciatca", "pain", "back", "lumbago", "tmj", "brain fog", "numbness in the leg", "whiplash after a car accident",
		"dolor de espalda", "ciática", "hormigueo en la mano", "cuello", "lumbalgia", "dolor",
		`<script>alert("x")</script> back`, `"back" 'pain' & neck + shoulder`, "pain\x00 <b>", "\xff\xfe back",
		"héadache ünïcode 頭痛 🤕 back", strings.Repeat("pain in my lower back and legs ", 12))
	sites := map[string]*Site{"en": s, "es": s.In("es")}
	for lang, st := range sites {
		if st == nil {
			t.Fatalf("no %s site", lang)
		}
		found := 0
		for _, q := range queries {
			rs, err := st.results(st.index.get().Search(cutQuery(q)).Hits)
			if err != nil {
				t.Fatal(err)
			}
			found += len(rs)
			checkLikeTemplate(t, tmpl, lang+" "+q, rs)
		}
		if found < 20 {
			t.Errorf("%s: %d results over %d queries: the check needs results to compare", lang, found, len(queries))
		}
	}
	hostile := []string{`<script>alert("x")</script>`, `"double" 'single' & + < >`, "nul\x00here", "bad \xff\xfe utf-8", "héadache 頭痛 🤕", "&amp; already", ""}
	urls := []string{"/conditions/sciatica", "/es/condiciones/ciática", `/a b"<>'+&`, "javascript:alert(1)", "https://example.com/x?y=1&z=2", "/%41%zz", "//evil.example"}
	var rs []resultView
	for i, h := range hostile {
		rs = append(rs, resultView{
			Hit: search.Hit{Doc: &search.Doc{URL: urls[i%len(urls)], Title: h}, Matched: hostile[(i+1)%len(hostile)],
				Section: hostile[(i+2)%len(hostile)], Excerpt: template.HTML(hostile[(i+3)%len(hostile)])},
			Found: hostile[(i+4)%len(hostile)], Quoted: i%2 == 0,
		})
	}
	for i, u := range urls {
		rs = append(rs, resultView{Hit: search.Hit{Doc: &search.Doc{URL: u, Title: "t"}}, Found: "f", Quoted: i%3 == 0})
	}
	checkLikeTemplate(t, tmpl, "made by hand", rs)
	checkLikeTemplate(t, tmpl, "no results", nil)
}
