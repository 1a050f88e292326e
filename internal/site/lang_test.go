package site

import (
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/content"
)

// shipped builds the site relief ships, in every language.
func shipped(t *testing.T) *Site {
	t.Helper()
	s, err := Load(Files{Content: relief.Content(), Templates: relief.Templates(), Static: relief.Static(), ContentDir: "content"}, Options{})
	if err != nil {
		t.Fatalf("the shipped site does not load: %v", err)
	}
	return s
}

// TestTranslatedConditionGolden holds the shipped Spanish Sciatica page to
// testdata/condition.es.golden.html (go test -update rewrites it).
func TestTranslatedConditionGolden(t *testing.T) {
	s := shipped(t)
	p := s.Lookup("/es/conditions/ciatica")
	if p == nil {
		t.Fatal("no page at /es/conditions/ciatica")
	}
	checkGolden(t, "condition.es.golden.html", p.Plain())
	if len(s.Warnings) > 0 {
		t.Errorf("the shipped strings files have warnings:\n%v", s.Warnings)
	}
}

// TestWordsInLanguage: a strings file over the English words, the words
// it leaves out named for check, and dates, plurals and the letter bar by
// the language.
func TestWordsInLanguage(t *testing.T) {
	en, err := loadWords(relief.Templates())
	if err != nil {
		t.Fatal(err)
	}
	es, ps := en.in(&content.Language{Code: "es", Name: "Español", StringsPath: "content/i18n/es.yaml",
		Strings: []byte("months: [enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre]\ndate: 2 de January de 2006\nalphabet: ABCDEFGHIJKLMNÑOPQRSTUVWXYZ\nplurals: {condition: {one: afección, other: afecciones}}\ntext: {book: Reservar una sesión}\n")})
	if got, _ := es.t("book"); got != "Reservar una sesión" {
		t.Errorf(`es: t("book") = %q, want the Spanish`, got)
	}
	if got, _ := es.t("skip"); got != "Skip to content" {
		t.Errorf(`es: t("skip") = %q, want the English fallback`, got)
	}
	if got, _ := en.t("book"); got != "Book a session" {
		t.Errorf(`en: t("book") = %q after es was made: the English words changed`, got)
	}
	if !strings.Contains(ps.Error(), "content/i18n/es.yaml:1:1: warning: text: skip is missing: visitors reading Español see it in the first language (\"Skip to content\")") {
		t.Errorf("warnings lack the missing text: skip:\n%v", ps)
	}
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct{ what, got, want string }{
		{"es date", es.date(day), "1 de noviembre de 2026"},
		{"en date", en.date(day), "1 November 2026"},
		{"es letter of Ñ", es.letterOf("Ñandú"), "Ñ"},
		{"es letter of Á", es.letterOf("Ácido"), "A"},
		{"en letter of Ñ", en.letterOf("Ñandú"), "N"},
		{"letter of a digit", en.letterOf("3 things"), "#"},
		{"es bar", string([]rune(es.Alphabet)[14]), "Ñ"},
	}
	for n, want := range map[int]string{0: "afecciones", 1: "afección", 2: "afecciones"} {
		got, _ := es.plural(n, "condition")
		tests = append(tests, struct{ what, got, want string }{"es plural", got, want})
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.what, tt.got, tt.want)
		}
	}
	if _, err := es.t("no_such_word"); err == nil {
		t.Errorf(`t("no_such_word"): no error, want one naming the key`)
	}
}
