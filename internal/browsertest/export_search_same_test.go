package browsertest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/search"
	rsite "github.com/relief-massage/relief/internal/site"
)

// TestExportSearchSameAsServer searches the exported site (served by a
// plain static file server) with queries in English and in Spanish, and
// wants the conditions that the server's search engine (internal/search,
// in that language, with its synonyms) finds in the same fields: the
// export's script stems each language with the server's algorithm
// (Snowball for Spanish), drops the same common words and applies that
// language's synonyms. The export's index holds names, other names,
// symptoms, areas, headings and summaries, not the full text, so the
// engine is given those (relief serve also reads the full text and lists
// pages such as "Contact"); the condition each query is about must be
// among relief serve's results too.
func TestExportSearchSameAsServer(t *testing.T) {
	browser(t)
	base := site(t)
	static, dir := exportSite(t)
	for _, tt := range []struct {
		lang, query string
		want        string // a condition both must find
	}{
		{"", "sciatica", "/conditions/sciatica"},
		{"", "can't raise my arm", "/conditions/frozen-shoulder"},
		{"", "numbness in my fingers", "/conditions/carpal-tunnel-syndrome"},
		{"", "aching lower back", "/conditions/chronic-back-pain"},
		{"", "headaches", "/conditions/tension-headaches"},
		{"/es", "acorchado", "/es/conditions/ciatica"},
		{"/es", "pierna acorchada", "/es/conditions/ciatica"},
		{"/es", "lumbago", "/es/conditions/dolor-de-espalda-cronico"},
		{"/es", "Lumbago", "/es/conditions/dolor-de-espalda-cronico"},
		{"/es", "ciática", "/es/conditions/ciatica"},
		{"/es", "ciatica", "/es/conditions/ciatica"},
		{"/es", "dolores de espalda", "/es/conditions/dolor-de-espalda-cronico"},
		{"/es", "me duele la espalda", "/es/conditions/dolor-de-espalda-cronico"},
		{"/es", "hormigueos en el pie", "/es/conditions/ciatica"},
		{"/es", "entumecida", "/es/conditions/ciatica"},
		{"/es", "cervicales", ""},
		{"/es", "dolorosa", "/es/conditions/dolor-de-espalda-cronico"},
		{"/es", "piernas adormecidas", "/es/conditions/ciatica"},
		{"/es", "rigidez", "/es/conditions/dolor-de-espalda-cronico"},
	} {
		engine := engineResults(t, dir, tt.lang, tt.query)
		// &all=1: every result, not the first site.ShownHits.
		exported, v := staticResults(t, static.URL, tt.lang+"/search?q="+url.QueryEscape(tt.query)+"&all=1")
		if tt.lang == "/es" { // the script's words are the page's, in Spanish
			h1 := eval[string](t, v, `document.querySelector('h1').textContent`)
			said := eval[string](t, v, `document.querySelector('#static-results').textContent`)
			if h1 != "Resultados de la búsqueda" || !strings.Contains(said, "Encontrado en") && !strings.Contains(said, "Lo sentimos") {
				t.Errorf("search %q on /es/: heading %q, results %.80q; want them in Spanish", tt.query, h1, said)
			}
		}
		slices.Sort(engine)
		slices.Sort(exported)
		if !slices.Equal(exported, engine) {
			t.Errorf("search %q on %s/: exported site finds %q, the server's engine on the same fields %q", tt.query, tt.lang, exported, engine)
		}
		if tt.want == "" {
			continue
		}
		if !slices.Contains(exported, tt.want) {
			t.Errorf("search %q on %s/: exported site finds %q, want %s among them", tt.query, tt.lang, exported, tt.want)
		}
		if served := serverResults(t, base+tt.lang+"/search.json?q="+url.QueryEscape(tt.query)); !slices.Contains(served, tt.want) {
			t.Errorf("search %q on %s/: relief serve finds %q, want %s among them", tt.query, tt.lang, served, tt.want)
		}
	}
}

// TestExportSearchShowsFirst checks that the exported search page, like
// the server's, lists the first rsite.ShownHits results of a query with
// more, and links to the page of all of them.
func TestExportSearchShowsFirst(t *testing.T) {
	browser(t)
	static, dir := exportSite(t)
	const query = "pain"
	engine := engineResults(t, dir, "", query)
	if len(engine) <= rsite.ShownHits {
		t.Fatalf("search %q: %d results, want more than %d to check the first page", query, len(engine), rsite.ShownHits)
	}
	first, v := staticResults(t, static.URL, "/search?q="+query)
	if len(first) != rsite.ShownHits {
		t.Errorf("search %q on the exported site: %d results shown, want the first %d", query, len(first), rsite.ShownHits)
	}
	href := eval[string](t, v, `(document.querySelector('#static-results .results-more a') || {}).href || ""`)
	page := eval[string](t, v, `location.origin + location.pathname`)
	if want := page + "?q=" + query + "&all=1"; href != want {
		t.Errorf("search %q on the exported site: link to all results %q, want %q", query, href, want)
	}
	all, _ := staticResults(t, static.URL, "/search?q="+query+"&all=1")
	if len(all) != len(engine) || !slices.Equal(all[:rsite.ShownHits], first) {
		t.Errorf("search %q&all=1 on the exported site: %q, want the %d results beginning with the first page's %q", query, all, len(engine), first)
	}
}

// engineResults returns the URLs that internal/search finds for query in
// the exported index of lang ("" or "/es"): the same documents and
// synonyms, in the language the index names.
func engineResults(t *testing.T, dir, lang, query string) []string {
	t.Helper()
	file := filepath.Join(dir, lang, "search-index.json")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var ix struct {
		Docs []struct {
			T, U, S    string
			A, Y, R, H []string
		}
		Synonyms search.Synonyms
	}
	if err := json.Unmarshal(data, &ix); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	var docs []search.Doc
	for _, d := range ix.Docs {
		docs = append(docs, search.Doc{URL: d.U, Title: d.T, Summary: d.S, Kind: "condition", Aliases: d.A, Symptoms: d.Y, Regions: d.R, Headings: d.H})
	}
	urls := []string{}
	for _, h := range search.NewIn(strings.TrimPrefix(lang, "/"), docs, ix.Synonyms).Search(query).Hits {
		urls = append(urls, h.Doc.URL)
	}
	return urls
}

// serverResults returns the URLs of the results of a /search.json request.
func serverResults(t *testing.T, u string) []string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	var body struct{ Results []struct{ URL string } }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	urls := []string{}
	for _, r := range body.Results {
		urls = append(urls, r.URL)
	}
	return urls
}

// staticResults opens the exported search page at path and returns the
// paths its script lists, once it has said how many it found, and the
// page.
func staticResults(t *testing.T, base, path string) ([]string, *visit) {
	t.Helper()
	v := openAt(t, base, route{name: "export-search", path: path, status: 200}, phone, false)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if eval[bool](t, v, `!!document.querySelector('#static-results .results-count')`) {
			break
		}
	}
	return eval[[]string](t, v, `[...document.querySelectorAll('#static-results .result h2 a')].map(a => a.pathname)`), v
}
