package site

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relief-massage/relief"
)

// TestLoadWords checks the shipped words.yaml and that each mistake in one
// is named with its fix.
func TestLoadWords(t *testing.T) {
	real, err := os.ReadFile("../../templates/words.yaml")
	if err != nil {
		t.Fatal(err)
	}
	w, err := loadWords(fstest.MapFS{"words.yaml": {Data: real}})
	if err != nil {
		t.Fatalf("the shipped templates/words.yaml: %v", err)
	}
	if w.ConditionsIndex.Title != "All Conditions and Symptoms" || w.Language != "en" {
		t.Errorf("words.yaml: conditions index %q, language %q", w.ConditionsIndex.Title, w.Language)
	}
	tests := []struct {
		name, src, want string
	}{
		{"missing file", "", "words.yaml: open words.yaml"},
		{"empty", "# nothing\n", "language is missing"},
		{"missing key", strings.Replace(string(real), "  results: Search results for {query}\n", "", 1), "search: results is missing"},
		{"unknown key", string(real) + "titel: x\n", "field titel not found"},
		{"bad date", strings.Replace(string(real), "date: 2 January 2006", "date: 1 Nov 2026", 1), "not the date 2 January 2006 written out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			if tt.name != "missing file" {
				fsys["words.yaml"] = &fstest.MapFile{Data: []byte(tt.src)}
			}
			_, err := loadWords(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("loadWords: error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// shippedWords loads templates/words.yaml as relief ships it.
func shippedWords(t *testing.T) *words {
	t.Helper()
	w, err := loadWords(relief.Templates())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// TestServerErrorPage checks the 500 page made from the shipped words is
// the page visitors have always seen, and that the words are escaped.
func TestServerErrorPage(t *testing.T) {
	w := shippedWords(t)
	want := `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Something went wrong</title></head>
<body><main><h1>Sorry, something went wrong on our side</h1>
<p>Please try again in a moment, or go to the <a href="/">home page</a>.</p></main></body></html>
`
	if got := string(w.serverErrorPage()); got != want {
		t.Errorf("500 page:\n%s\nwant:\n%s", got, want)
	}
	w.Language, w.ServerError.Heading = "fr", "Désolé <vraiment>"
	got := string(w.serverErrorPage())
	for _, s := range []string{`<html lang="fr">`, `<h1>Désolé &lt;vraiment&gt;</h1>`} {
		if !strings.Contains(got, s) {
			t.Errorf("500 page lacks %s:\n%s", s, got)
		}
	}
}

// TestMovedPage checks the page left at an old address, made from the
// shipped words, is the page exports have always written, and that the
// words and addresses are escaped.
func TestMovedPage(t *testing.T) {
	w := shippedWords(t)
	want := `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>This page has moved</title>
<link rel="canonical" href="https://relief.example.com/conditions/sciatica">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=/conditions/sciatica">
</head>
<body><p>This page has moved to <a href="/conditions/sciatica">/conditions/sciatica</a>.</p></body></html>
`
	if got := string(w.movedPage("https://relief.example.com/conditions/sciatica", "/conditions/sciatica")); got != want {
		t.Errorf("moved page:\n%s\nwant:\n%s", got, want)
	}
	w.Language, w.Moved.Text = "fr", "Cette page <est> ici : {link}"
	got := string(w.movedPage("https://x.example/a?b=1&c=2", `/a"b`))
	for _, s := range []string{`<html lang="fr">`, `<p>Cette page &lt;est&gt; ici : <a href="/a&#34;b">/a&#34;b</a></p>`, `href="https://x.example/a?b=1&amp;c=2"`} {
		if !strings.Contains(got, s) {
			t.Errorf("moved page lacks %s:\n%s", s, got)
		}
	}
}
