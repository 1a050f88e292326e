package search

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSearchTopHit(t *testing.T) {
	ix := New(fixture(), nil)
	tests := []struct {
		query, url, field, matched string // empty field/matched: not checked
	}{
		{"sciatica", "/conditions/sciatica", "title", "Sciatica"},
		{"sciatca", "/conditions/sciatica", "title", ""},
		{"Sciática", "/conditions/sciatica", "title", ""},
		{"SCIATICA", "/conditions/sciatica", "title", ""},
		{"fibromialgia", "/conditions/fibromyalgia", "title", ""},
		{"plantar fascitis", "/conditions/plantar-fasciitis", "title", ""},
		{"migrane", "/conditions/tension-headaches", "body", ""},
		{"headaches", "/conditions/tension-headaches", "title", ""},
		{"headache", "/conditions/tension-headaches", "title", ""},
		{"tension headache", "/conditions/tension-headaches", "title", ""},
		{"frozen shoulders", "/conditions/frozen-shoulder", "title", ""},
		{"lumbago", "/conditions/chronic-back-pain", "alias", "lumbago"},
		{"low back pain", "/conditions/chronic-back-pain", "alias", "low back pain"},
		{"stiff neck", "/conditions/neck-pain", "alias", "stiff neck"},
		{"jaw clicks", "/conditions/tmj-disorder", "symptom", "jaw clicks"},
		{"clicking jaw", "/conditions/tmj-disorder", "symptom", "jaw clicks"},
		{"pain down my leg", "/conditions/sciatica", "symptom", "pain down the back of the leg"},
		{"numb fingers", "/conditions/carpal-tunnel-syndrome", "symptom", "numb fingers"},
		{"heel pain morning", "/conditions/plantar-fasciitis", "", ""},
		{"piriformis", "/conditions/sciatica", "body", ""},
		{"car accident", "/conditions/whiplash", "symptom", "neck pain after an accident"},
		{"can't sleep, racing thoughts", "/conditions/stress-and-anxiety", "symptom", "racing thoughts"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := ix.Search(tt.query)
			if len(res.Hits) == 0 {
				t.Fatalf("Search(%q): no hits, want %s", tt.query, tt.url)
			}
			h := res.Hits[0]
			if h.Doc.URL != tt.url {
				t.Fatalf("Search(%q): top hit %s, want %s (hits: %s)", tt.query, h.Doc.URL, tt.url, urls(res.Hits))
			}
			if tt.field != "" && h.Field != tt.field {
				t.Errorf("Search(%q): field %q (%q), want %q", tt.query, h.Field, h.Matched, tt.field)
			}
			if tt.matched != "" && h.Matched != tt.matched {
				t.Errorf("Search(%q): matched %q, want %q", tt.query, h.Matched, tt.matched)
			}
		})
	}
}

func TestSearchRanking(t *testing.T) {
	ix := New(fixture(), nil)
	tests := []struct {
		query, above, below string
	}{
		{"sciatica", "/conditions/sciatica", "/conditions/chronic-back-pain"}, // title above body
		{"neck", "/conditions/neck-pain", "/conditions/whiplash"},             // title above alias
		{"neck", "/conditions/whiplash", "/conditions/tension-headaches"},     // alias above body
		{"headache", "/conditions/tmj-disorder", "/conditions/neck-pain"},     // symptom above nothing
		{"jaw", "/conditions/tmj-disorder", "/conditions/tension-headaches"},  // symptom above region-less
		{"neck shoulders", "/conditions/neck-pain", "/conditions/whiplash"},   // all words above some
		{"sciatca", "/conditions/sciatica", "/conditions/chronic-back-pain"},  // fuzzy title above exact body
		{"shoulder blades", "/conditions/upper-back-pain", "/conditions/neck-pain"},
	}
	for _, tt := range tests {
		t.Run(tt.query+"/"+tt.above, func(t *testing.T) {
			hits := ix.Search(tt.query).Hits
			a, b := rankOf(hits, tt.above), rankOf(hits, tt.below)
			if a < 0 || (b >= 0 && a > b) {
				t.Errorf("Search(%q): %s at %d, %s at %d; want the first above (hits: %s)",
					tt.query, tt.above, a, tt.below, b, urls(hits))
			}
		})
	}
}

func TestSearchTiesByWeight(t *testing.T) {
	docs := []Doc{
		{URL: "/b", Title: "Knee Bx", Weight: 2},
		{URL: "/c", Title: "Knee Ax", Weight: 2},
		{URL: "/a", Title: "Knee Cx", Weight: 1},
	}
	got := urls(New(docs, nil).Search("knee").Hits)
	if want := "/a /c /b"; got != want {
		t.Errorf(`Search("knee") = %s, want %s`, got, want)
	}
}

func TestSearchNoHits(t *testing.T) {
	ix := New(fixture(), nil)
	tests := []struct {
		query      string
		suggestion string // "" for none
	}{
		{"xylophone", ""},
		{"hedakes", "/conditions/tension-headaches"},
		{"fybromalgya", "/conditions/fibromyalgia"},
		{"", ""},
		{"   ", ""},
		{"the my of", ""},
		{"<>\"'&", ""},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := ix.Search(tt.query)
			if len(res.Hits) != 0 {
				t.Fatalf("Search(%q): %d hits (%s), want none", tt.query, len(res.Hits), urls(res.Hits))
			}
			if tt.suggestion == "" {
				if len(res.Suggestions) != 0 {
					t.Errorf("Search(%q): suggestions %v, want none", tt.query, res.Suggestions[0].URL)
				}
				return
			}
			if len(res.Suggestions) == 0 || res.Suggestions[0].URL != tt.suggestion {
				t.Errorf("Search(%q): suggestions %v, want %s first", tt.query, docURLs(res.Suggestions), tt.suggestion)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	ix := New(fixture(), nil)
	tests := []struct {
		name string
		want string // first suggestion, "" for none
	}{
		{"sciatca", "/conditions/sciatica"},
		{"frozen-sholder", "/conditions/frozen-shoulder"},
		{"carpal-tunel", "/conditions/carpal-tunnel-syndrome"},
		{"lumbag", "/conditions/chronic-back-pain"},
		{"Whiplash", "/conditions/whiplash"},
		{"xylophone", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ix.Suggest(tt.name, 3)
			if tt.want == "" {
				if len(got) != 0 {
					t.Errorf("Suggest(%q) = %v, want none", tt.name, docURLs(got))
				}
				return
			}
			if len(got) == 0 || got[0].URL != tt.want {
				t.Errorf("Suggest(%q) = %v, want %s first", tt.name, docURLs(got), tt.want)
			}
			if len(got) > 3 {
				t.Errorf("Suggest(%q, 3) returned %d docs", tt.name, len(got))
			}
		})
	}
}

func TestSearchHostile(t *testing.T) {
	docs := append(fixture(), Doc{
		URL: "/x", Title: "Odd page", Kind: "page",
		Body: `A neck <script>alert("x")</script> & 'quoted' neck text` + "\xff\xfe" + strings.Repeat(" filler", 40),
	})
	ix := New(docs, nil)
	queries := []string{
		"<script>alert(1)</script> neck",
		`"neck" 'pain' & <b>`,
		"%00neck%00",
		"neck\x00pain",
		"\u202eneck pain\u202c",
		"\xff\xfeneck\xc0",
		"neck script alert",
		strings.Repeat("<", 500),
		strings.Repeat("sciatica ", 100),
		strings.Repeat("a", 1000),
	}
	for _, q := range queries {
		t.Run(fmt.Sprintf("%.20q", q), func(t *testing.T) {
			res := ix.Search(q)
			if !utf8.ValidString(res.Query) {
				t.Errorf("Query %q is not valid UTF-8", res.Query)
			}
			if i := strings.IndexFunc(res.Query, func(r rune) bool {
				return unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
			}); i >= 0 {
				t.Errorf("Query %q keeps a control or format character", res.Query)
			}
			for _, h := range res.Hits {
				checkEscaped(t, string(h.Excerpt))
			}
		})
	}
	ex := ix.Search("neck script").Hits
	i := rankOf(ex, "/x")
	if i < 0 {
		t.Fatalf(`Search("neck script"): /x not found`)
	}
	if got := string(ex[i].Excerpt); !strings.Contains(got, "<mark>neck</mark> &lt;<mark>script</mark>&gt;alert(&#34;x&#34;)") {
		t.Errorf("excerpt %q: want escaped markup with marked words", got)
	}
}

// checkEscaped fails if html has markup other than <mark> or an unescaped
// quote.
func checkEscaped(t *testing.T, html string) {
	t.Helper()
	rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(html)
	if strings.ContainsAny(rest, `<>"'`) || !utf8.ValidString(html) {
		t.Errorf("excerpt %q is not safely escaped", html)
	}
}

func TestSearchExcerpt(t *testing.T) {
	ix := New(fixture(), nil)
	tests := []struct {
		query, want string
	}{
		{"piriformis", "<mark>piriformis</mark>"},
		{"sciatica", "<mark>Sciatica</mark> is irritation"},
		{"jaw clicks", "<mark>jaw</mark> joint"},
		{"lumbago", "Back pain that has lasted"}, // no match in summary or body: its start
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			h := ix.Search(tt.query).Hits[0]
			got := string(h.Excerpt)
			if !strings.Contains(got, tt.want) {
				t.Errorf("Search(%q): excerpt %q, want it to contain %q", tt.query, got, tt.want)
			}
			plain := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got)
			if n := utf8.RuneCountInString(plain); n > excerptWidth+2 {
				t.Errorf("Search(%q): excerpt has %d runes, want at most %d", tt.query, n, excerptWidth+2)
			}
		})
	}
}

func TestSearchLimits(t *testing.T) {
	var docs []Doc
	for i := range 80 {
		docs = append(docs, Doc{URL: fmt.Sprint("/", i), Title: fmt.Sprint("Knee ", i), Weight: i})
	}
	ix := New(docs, nil)
	if n := len(ix.Search("knee").Hits); n != MaxHits {
		t.Errorf(`Search("knee") over 80 docs: %d hits, want %d`, n, MaxHits)
	}
	long := strings.Repeat("é", 150) + " " + strings.Repeat("knee ", 100)
	res := ix.Search(long)
	if n := utf8.RuneCountInString(res.Query); n > maxQueryRunes {
		t.Errorf("Query has %d runes, want at most %d", n, maxQueryRunes)
	}
	if !strings.HasSuffix(res.Query, "knee") || len(res.Hits) == 0 {
		t.Errorf("Query %q… with %d hits: want the words within 200 runes kept and searched", res.Query[:20], len(res.Hits))
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"headaches", "headach"}, {"headache", "headach"},
		{"stiffness", "stiff"}, {"stiff", "stiff"},
		{"aching", "ach"}, {"aches", "ach"}, {"ache", "ach"},
		{"tingling", "tingl"}, {"tingle", "tingl"},
		{"clicks", "click"}, {"clicking", "click"}, {"clicked", "click"},
		{"injuries", "injury"}, {"knees", "kne"}, {"knee", "kne"},
		{"sitting", "sit"}, {"swelling", "swell"}, {"painful", "pain"},
		{"fasciitis", "fasciitis"}, {"stress", "stress"}, {"leg", "leg"},
		{"sciatica", "sciatica"}, {"shoulders", "shoulder"},
	}
	for _, tt := range tests {
		if got := stem(tt.in); got != tt.want {
			t.Errorf("stem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSearchConcurrent(t *testing.T) {
	ix := New(fixture(), nil)
	want := urls(ix.Search("pain down my leg").Hits)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 50 {
				if got := urls(ix.Search("pain down my leg").Hits); got != want {
					t.Errorf("concurrent Search = %s, want %s", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func rankOf(hits []Hit, url string) int {
	for i, h := range hits {
		if h.Doc.URL == url {
			return i
		}
	}
	return -1
}

func urls(hits []Hit) string {
	var s []string
	for _, h := range hits {
		s = append(s, h.Doc.URL)
	}
	return strings.Join(s, " ")
}

func docURLs(docs []*Doc) []string {
	var s []string
	for _, d := range docs {
		s = append(s, d.URL)
	}
	return s
}
