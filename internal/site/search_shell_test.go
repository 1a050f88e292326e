package site

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relief-massage/relief"
)

// shellQueries are what visitors type, in English and Spanish, with
// every character html/template escapes and some it must not touch.
var shellQueries = []string{
	"sciatca", "pain down my leg", "lumbago", "tmj", "brain fog", "FROZEN SHOULDERS", "xylophone",
	"dolor de espalda", "ciática", "hormigueo en la mano", "cuello", "lumbalgia",
	`<script>alert("x")</script> back`, `"back" 'pain' & neck + shoulder`, "pain\x00 <b>", "\xff\xfe back",
	"héadache ünïcode 頭痛 🤕 back", strings.Repeat("pain in my lower back and legs ", 12), "{query}",
}

// TestSearchShellLikeTemplate checks that the search page made from its
// shell (search_shell.go) is byte for byte the page the whole template
// makes, in both languages of the practice's site, for what visitors type
// and for hostile queries.
func TestSearchShellLikeTemplate(t *testing.T) {
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for lang, st := range map[string]*Site{"en": s, "es": s.In("es")} {
		p := st.parts()
		if p.err != nil || p.layout == nil || p.results[0] == nil || p.results[1] == nil {
			t.Fatalf("%s: no shell for the search page (error %v; shells %v %v)", lang, p.err, p.layout, p.results)
		}
		for _, q := range append(slicesOf(searchLoadQueries), shellQueries...) {
			q = cutQuery(q)
			for _, all := range []bool{false, true} {
				fast, n1, err1 := st.searchPage(q, all, p, true)
				slow, n2, err2 := st.searchPage(q, all, p, false)
				if err1 != nil || err2 != nil {
					t.Fatalf("%s %q: %v, %v", lang, q, err1, err2)
				}
				if n1 != n2 || !bytes.Equal(fast, slow) {
					t.Errorf("%s %q all=%v: the page from the shell (%d results) differs from the template's (%d):\n%s", lang, q, all, n1, n2, firstDiff(fast, slow))
				}
			}
		}
	}
}

// TestSearchShellRefused checks that a layout showing the query where
// it is escaped another way (here in an address) makes no shell, and
// that its search pages are the template's.
func TestSearchShellRefused(t *testing.T) {
	tfs := fstest.MapFS{}
	err := fs.WalkDir(relief.Templates(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(relief.Templates(), name)
		tfs[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	base := string(tfs["layouts/base.html"].Data)
	tfs["layouts/base.html"].Data = []byte(strings.Replace(base, "</head>", `<link rel="search" href="/find?t={{.Title}}">`+"\n</head>", 1))
	s, err := Load(Files{Content: relief.Content(), Templates: tfs, Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	page, _, err := s.SearchPageHits("back & neck", false)
	if err != nil {
		t.Fatal(err)
	}
	if p := s.parts(); p.layout != nil {
		t.Errorf("a layout with the query in an address made a shell")
	}
	if want := "/find?t=" + "Search%20results"; !bytes.Contains(page, []byte("back%20%26%20neck")) {
		t.Errorf("the page lost the query's address (%s...): %s", want, page)
	}
}

func slicesOf(s []string) []string { return append([]string(nil), s...) }

// firstDiff shows where a and b first differ.
func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "got:  …" + string(a[from:min(len(a), i+80)]) + "\nwant: …" + string(b[from:min(len(b), i+80)])
}
