package site

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// words are the words visitors read that the site writes itself, from
// templates/words.yaml: the one place they live, beside the templates that
// hold the rest. Every key is required, so a missing one is named at
// start-up rather than shown to visitors as an empty title.
type words struct {
	Language        string     `yaml:"language"` // JSON-LD inLanguage
	Date            string     `yaml:"date"`     // how 2 January 2006 reads: the layout of the date function
	Home            string     `yaml:"home"`     // the first breadcrumb
	ConditionsIndex titled     `yaml:"conditions_index"`
	Areas           titled     `yaml:"areas"`
	Area            titled     `yaml:"area"` // description with {area}
	Symptoms        titled     `yaml:"symptoms"`
	Search          searchText `yaml:"search"`
	NotFound        titled     `yaml:"not_found"`
	ServerError     serverText `yaml:"server_error"`
	Moved           movedText  `yaml:"moved"`
	// Months are the names of the months, January first, for dates.
	Months []string `yaml:"months"`
	// Alphabet is the letters of the A to Z bar, in order.
	Alphabet string `yaml:"alphabet"`
	// Plurals are the words that change with a number, by name: the
	// form for one and the other form (see plural).
	Plurals map[string]pluralText `yaml:"plurals"`
	// Text is every other word on the pages, by name: {{t "book"}}.
	Text map[string]string `yaml:"text"`

	prefix string       // the language's addresses start with it: "es"; "" for the default
	tag    language.Tag // Language, parsed (setLanguage)
}

// movedText is the page an exported site leaves at an old address.
type movedText struct {
	Title string `yaml:"title"`
	Text  string `yaml:"text"` // with {link}: the link to the new address
}

// pluralText is a word's forms: "condition" for one, "conditions" for
// the other numbers (as each language counts: French says 0 condition).
type pluralText struct {
	One   string `yaml:"one"`
	Other string `yaml:"other"`
}

// serverText is the page shown when something went wrong on our side.
type serverText struct {
	Title   string `yaml:"title"`
	Heading string `yaml:"heading"`
	Text    string `yaml:"text"` // with {home}: the link to the home page
	Home    string `yaml:"home"` // the words of that link
}

// titled is the title and description of a page the site makes.
type titled struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

type searchText struct {
	titled  `yaml:",inline"`
	Results string `yaml:"results"` // with {query}
}

// wordsFile is where the words live in the templates folder.
const wordsFile = "words.yaml"

// loadWords reads and checks templates/words.yaml.
func loadWords(tfs fs.FS) (*words, error) {
	data, err := fs.ReadFile(tfs, wordsFile)
	if err != nil {
		return nil, fmt.Errorf("templates/%s: %w: it holds the words of the pages the site makes (copy it from relief's own templates folder)", wordsFile, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	w := &words{}
	if err := dec.Decode(w); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("templates/%s: %w", wordsFile, err)
	}
	for _, kv := range [][2]string{
		{"language", w.Language}, {"date", w.Date}, {"home", w.Home},
		{"conditions_index: title", w.ConditionsIndex.Title}, {"conditions_index: description", w.ConditionsIndex.Description},
		{"areas: title", w.Areas.Title}, {"areas: description", w.Areas.Description}, {"area: description", w.Area.Description},
		{"symptoms: title", w.Symptoms.Title}, {"symptoms: description", w.Symptoms.Description},
		{"search: title", w.Search.Title}, {"search: results", w.Search.Results}, {"search: description", w.Search.Description},
		{"not_found: title", w.NotFound.Title}, {"not_found: description", w.NotFound.Description},
		{"server_error: title", w.ServerError.Title}, {"server_error: heading", w.ServerError.Heading},
		{"server_error: text", w.ServerError.Text}, {"server_error: home", w.ServerError.Home},
		{"moved: title", w.Moved.Title}, {"moved: text", w.Moved.Text},
	} {
		if strings.TrimSpace(kv[1]) == "" {
			return nil, fmt.Errorf("templates/%s: %s is missing: add it, with the words visitors should read", wordsFile, kv[0])
		}
	}
	w.setLanguage(w.Language)
	if len(w.Months) != 12 {
		return nil, fmt.Errorf("templates/%s: months: write the twelve month names, January first, like [January, February, ...]", wordsFile)
	}
	if _, err := time.Parse(w.Date, time.Date(2006, 1, 2, 0, 0, 0, 0, time.UTC).Format(w.Date)); err != nil || !strings.Contains(w.Date, "2006") {
		return nil, fmt.Errorf("templates/%s: date: %q is not the date 2 January 2006 written out: write that very date the way yours should read, like 2 January 2006 or January 2, 2006", wordsFile, w.Date)
	}
	return w, nil
}

// serverErrorPage is the 500 page in the site's words. It is made once, at
// load, from nothing but words.yaml, so that showing it cannot itself fail.
func (w *words) serverErrorPage() []byte {
	e := html.EscapeString
	home := `<a href="/">` + e(w.ServerError.Home) + `</a>`
	return []byte(`<!DOCTYPE html>
<html lang="` + e(w.Language) + `"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + e(w.ServerError.Title) + `</title></head>
<body><main><h1>` + e(w.ServerError.Heading) + `</h1>
<p>` + fill(e(w.ServerError.Text), "home", home) + `</p></main></body></html>
`)
}

// ServerErrorPage returns the page to show, with status 500, when
// something went wrong on our side; its words are in templates/words.yaml.
func (s *Site) ServerErrorPage() []byte { return s.serverError }

// MovedPage returns the page an exported site leaves at an old address
// of a page (redirect_from) whose new address is to: browsers follow its
// meta refresh at once, search engines its canonical link. Its words are
// in templates/words.yaml.
func (s *Site) MovedPage(canonical, to string) []byte { return s.words.movedPage(canonical, to) }

func (w *words) movedPage(canonical, to string) []byte {
	e := html.EscapeString
	link := `<a href="` + e(to) + `">` + e(to) + `</a>`
	return []byte(`<!DOCTYPE html>
<html lang="` + e(w.Language) + `"><head><meta charset="utf-8">
<title>` + e(w.Moved.Title) + `</title>
<link rel="canonical" href="` + e(canonical) + `">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=` + e(to) + `">
</head>
<body><p>` + fill(e(w.Moved.Text), "link", link) + `</p></body></html>
`)
}

// fill replaces {name} in s with value.
func fill(s, name, value string) string { return strings.ReplaceAll(s, "{"+name+"}", value) }
