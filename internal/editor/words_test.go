package editor

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestWordsTheTherapistReads: the words after a save and beside an empty
// field say what happened and what to do, in the form's words, not the
// file's.
func TestWordsTheTherapistReads(t *testing.T) {
	fx := newFixture(t)
	if w := fx.do("POST", "/_relief/new", url.Values{"title": {"Runner's Knee"}}); w.Code != http.StatusSeeOther {
		t.Fatalf("new condition: status = %d\n%s", w.Code, w.Body)
	}
	body := fx.do("GET", "/_relief/edit/conditions/runners-knee.md?saved=1", nil).Body.String()
	if !strings.Contains(body, "Saved as a draft") || strings.Contains(body, "The page is live") {
		t.Errorf("a new draft: the notice does not say it is a draft:\n%s", body)
	}
	body = fx.do("GET", "/_relief/edit/", nil).Body.String()
	for _, word := range []string{">plain<", "(slug)"} {
		if strings.Contains(body, word) {
			t.Errorf("the dashboard says %q", word)
		}
	}
	// What the page shows: its text without the tags and the script data.
	text := regexp.MustCompile(`(?s)<datalist.*?</datalist>|<[^>]*>`).ReplaceAllString(fx.do("GET", "/_relief/edit/conditions/runners-knee.md", nil).Body.String(), " ")
	for _, word := range []string{"slug", "site.yaml", "[back]", "frontmatter", "YAML"} {
		if i := strings.Index(text, word); i >= 0 {
			t.Errorf("the form says %q: …%s…", word, text[max(0, i-80):min(len(text), i+80)])
		}
	}
}

func TestBesideField(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"related", `related: there is no condition "x"`, `There is no condition "x"`},
		{"related", `regions: unknown`, `regions: unknown`},
		{"title", "title: ", "title: "},
	} {
		if got := besideField(c.name, c.in); got != c.want {
			t.Errorf("besideField(%q, %q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}
