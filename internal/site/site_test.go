package site

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// fixture builds the fixture site with the repository's real templates.
func fixture(t *testing.T, opts Options) *Site {
	t.Helper()
	cs, err := content.Load(os.DirFS("testdata/fixture"), content.Options{URLs: route.Names{}, Dir: "fixture", Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("loading fixture: %v", err)
	}
	s, err := Build(cs, os.DirFS("../../templates"), os.DirFS("../../static"), opts)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return s
}

func TestConditionPageGolden(t *testing.T) {
	s := fixture(t, Options{})
	p := s.Lookup("/conditions/fixture-condition")
	if p == nil {
		t.Fatal("no page at /conditions/fixture-condition")
	}
	checkGolden(t, "condition.golden.html", p.Plain())
}

// checkGolden compares got with testdata/name, which go test -update
// rewrites with got.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update creates it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", path, got)
	}
}

func TestBuildPages(t *testing.T) {
	s := fixture(t, Options{})
	want := []string{"/", "/conditions/", "/conditions/fixture-condition", "/conditions/other-condition", "/about"}
	if got := strings.Join(s.Paths(), " "); !strings.HasPrefix(got, strings.Join(want, " ")) {
		t.Errorf("Paths() = %s, want it to start with %s (drafts left out)", got, strings.Join(want, " "))
	}
	if s.Lookup("/conditions/draft-condition") != nil {
		t.Error("a draft is served outside dev mode")
	}
	index := string(s.Lookup("/conditions/").Plain())
	for _, want := range []string{
		`<h1>All Conditions and Symptoms</h1>`,
		`<a href="#area-back">Back</a>`,
		`<li id="area-hips-legs"><a class="area-name" href="/areas/hips-legs">`,
		`<h3 class="letter" id="letter-F">F</h3>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index page lacks %q", want)
		}
	}
	if strings.Contains(index, "Draft Condition") {
		t.Error("index lists a draft")
	}
	home := string(s.Lookup("/").Plain())
	if !strings.Contains(home, "Book a session") || !strings.Contains(home, `href="/conditions/fixture-condition"`) {
		t.Error("home page lacks the call to action or the featured conditions")
	}
}

func TestBuildDev(t *testing.T) {
	s := fixture(t, Options{Dev: true})
	p := s.Lookup("/conditions/draft-condition")
	if p == nil {
		t.Fatal("dev build has no page for the draft")
	}
	if !strings.Contains(string(p.Plain()), `class="draft-banner"`) {
		t.Error("the draft has no Draft banner in dev mode")
	}
}

func TestNotFoundSuggestion(t *testing.T) {
	s := fixture(t, Options{})
	for path, want := range map[string]string{
		"/conditions/fixture-conditon": `Were you looking for <a href="/conditions/fixture-condition">Fixture Condition</a>?`,
		"/fixturitis":                  `<a href="/conditions/fixture-condition">`,
		"/zzzzzzzzzzzzzzzzzz":          "",
		"/wp-admin/setup-config.php":   "",
	} {
		page, err := s.NotFound(path)
		if err != nil {
			t.Fatalf("NotFound(%q): %v", path, err)
		}
		body := string(page)
		if again, _ := s.NotFound(path); string(again) != body {
			t.Errorf("NotFound(%q) a second time (kept) differs from the first", path)
		}
		if want == "" {
			if strings.Contains(body, "Were you looking for") || body != string(s.NotFoundPage()) {
				t.Errorf("NotFound(%q) suggests something for a far-off path, or differs from NotFoundPage", path)
			}
			continue
		}
		if !strings.Contains(body, want) {
			t.Errorf("NotFound(%q) lacks %q", path, want)
		}
		// The page is the one without a suggestion, with only the
		// suggestion's paragraph added.
		i, j := strings.Index(body, `<p class="suggestion">`), strings.Index(body, "?</p>")
		if i < 0 || j < i || body[:i]+body[j+len("?</p>"):] != string(s.NotFoundPage()) {
			t.Errorf("NotFound(%q) is not the 404 page with one suggestion paragraph added", path)
		}
	}
}

// TestNotFoundSearchesThePath checks the 404 page on the shipped pages: an
// address that is no name but describes a condition suggests it.
func TestNotFoundSearchesThePath(t *testing.T) {
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/conditions/sciatic-pain":     "/conditions/sciatica",
		"/conditions/jaw-clicking":     "/conditions/tmj-disorder",
		"/conditions/heel-spurs":       "/conditions/plantar-fasciitis",
		"/conditions/frozen_shoulder/": "/conditions/frozen-shoulder",
	} {
		body, err := s.NotFound(path)
		if err != nil {
			t.Fatalf("NotFound(%q): %v", path, err)
		}
		if !strings.Contains(string(body), `Were you looking for <a href="`+want+`">`) {
			t.Errorf("NotFound(%q) does not suggest %s", path, want)
		}
	}
}

func TestBuildTemplateErrors(t *testing.T) {
	cs, err := content.Load(os.DirFS("testdata/fixture"), content.Options{URLs: route.Names{}, Dir: "fixture"})
	if err != nil {
		t.Fatal(err)
	}
	tmpl := fstest.MapFS{}
	err = fs.WalkDir(os.DirFS("../../templates"), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join("../../templates", name))
		tmpl[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file, src, want string
	}{
		{"parse error", "condition.html", `{{define "main"}}{{if}}{{end}}`, "templates/condition.html"},
		{"exec error", "page.html", `{{define "main"}}{{.Nope}}{{end}}`, "rendering /about (page.html)"},
		{"missing asset", "home.html", `{{define "main"}}{{asset "nope.css"}}{{end}}`, `asset "nope.css": there is no such file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			broken := fstest.MapFS{}
			for k, v := range tmpl {
				broken[k] = v
			}
			broken[tt.file] = &fstest.MapFile{Data: []byte(tt.src)}
			_, err := Build(cs, broken, os.DirFS("../../static"), Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestNotFoundSuggestsOnlyWhatWasMeant checks the 404 page's suggestions
// on the shipped pages: a mistyped or half-remembered name suggests its
// page (two when the address fits two as well), and an address that
// matches only words of the text ("massage", "book"), or many names as
// well ("pain"), suggests none: the page still offers the index, the
// search page and the home page.
func TestNotFoundSuggestsOnlyWhatWasMeant(t *testing.T) {
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string][]string{
		"/conditions/back-pian": {"/conditions/chronic-back-pain", "/conditions/upper-back-pain"},
		"/sciatca":              {"/conditions/sciatica"},
		"/conditions/neck":      {"/conditions/neck-pain"},
		"/conditions/stress":    {"/conditions/stress-and-anxiety"},
		"/conditions/foot-pain": {"/conditions/plantar-fasciitis"},
		"/contact-us":           {"/contact"},
		"/conditions/pain":      nil,
		"/conditions/massage":   nil,
		"/book":                 nil,
		"/blog":                 nil,
		"/services":             nil,
		"/conditions/knee":      nil,
		"/index.html":           nil,
	} {
		page, err := s.NotFound(path)
		if err != nil {
			t.Fatalf("NotFound(%q): %v", path, err)
		}
		body := string(page)
		var got []string
		if _, sug, ok := strings.Cut(body, `<p class="suggestion">`); ok {
			sug, _, _ = strings.Cut(sug, "</p>")
			for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(sug, -1) {
				got = append(got, m[1])
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("NotFound(%q) suggests %q, want %q", path, got, want)
		}
		for _, offer := range []string{`href="/conditions/"`, `href="/search"`, `href="/"`} {
			if !strings.Contains(body, offer) {
				t.Errorf("NotFound(%q) does not offer %s", path, offer)
			}
		}
	}
}
