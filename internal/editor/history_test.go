package editor

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/history"
	"github.com/relief-massage/relief/internal/publish"
)

// newHistoryFixture is newFixture with the content folder's history (and
// an on-publish command, when given).
func newHistoryFixture(t *testing.T, onPublish string) (*fixture, *history.Repo) {
	t.Helper()
	fx := newFixture(t)
	repo, err := history.Open(fx.dir)
	if err != nil {
		t.Fatal(err)
	}
	fx.ed.opts.History = repo
	fx.ed.opts.Publish = publish.New(context.Background(), publish.Options{Command: onPublish, Content: fx.dir, Logger: slog.New(slog.DiscardHandler)})
	return fx, repo
}

// want checks a response's status and that its body has every one of texts.
func want(t *testing.T, what string, w interface {
	Result() *http.Response
}, status int, texts ...string) string {
	t.Helper()
	res := w.Result()
	defer res.Body.Close()
	buf := new(strings.Builder)
	io.Copy(buf, res.Body)
	if res.StatusCode != status {
		t.Errorf("%s: status = %d, want %d\n%s", what, res.StatusCode, status, buf)
	}
	for _, s := range texts {
		if !strings.Contains(buf.String(), s) {
			t.Errorf("%s: the answer lacks %q", what, s)
		}
	}
	return buf.String()
}

func location(t *testing.T, w interface{ Result() *http.Response }) string {
	t.Helper()
	return w.Result().Header.Get("Location")
}

// editOnDisk changes a file and commits it, as a save would.
func editOnDisk(t *testing.T, fx *fixture, repo *history.Repo, path, from, to string) history.Version {
	t.Helper()
	text := strings.Replace(fx.file(path), from, to, 1)
	if err := os.WriteFile(filepath.Join(fx.dir, path), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	v, err := repo.Commit("anna", "Edited "+path, path)
	if err != nil {
		t.Fatal(err)
	}
	if ps := fx.ed.opts.Reload(context.Background()); ps != nil {
		t.Fatal(ps)
	}
	return v
}

func TestHistoryAndRestore(t *testing.T) {
	fx, repo := newHistoryFixture(t, "")
	const p = "conditions/sciatica.md"
	original := fx.file(p)
	editOnDisk(t, fx, repo, p, `title: "Sciatica"`, `title: "Sciatica (leg pain)"`)

	page := want(t, "GET history", fx.do("GET", "/_relief/history/"+p, nil), http.StatusOK,
		"History of Sciatica (leg pain)", "Edited conditions/sciatica.md", "by anna", "First version of the content",
		"the version on the site now", `title: &#34;Sciatica (leg pain)&#34;`, "Restore this version", "1 added, 1 taken out")
	if n := strings.Count(page, `<button type="submit">Restore this version`); n != 1 {
		t.Errorf("the history offers %d restores, want 1 (the current version has none)", n)
	}
	vs, _ := repo.Log(p, 0)
	first := vs[len(vs)-1]
	form := url.Values{"path": {p}, "from": {p}, "hash": {first.Hash}, "version": {version([]byte(fx.file(p)))}, "when": {"1 November"}}

	// A stale screen, an unknown version, a path outside: nothing done.
	stale := url.Values{"path": {p}, "hash": {first.Hash}, "version": {version([]byte(original))}}
	want(t, "restore from a stale screen", fx.do("POST", "/_relief/restore", stale), http.StatusConflict, "changed since you opened")
	bad := url.Values{"path": {p}, "hash": {strings.Repeat("0", 40)}, "version": form["version"]}
	want(t, "restore an unknown version", fx.do("POST", "/_relief/restore", bad), http.StatusNotFound, "cannot be found")
	outside := url.Values{"path": {"../secret.md"}, "hash": {first.Hash}, "version": form["version"]}
	want(t, "restore outside the folder", fx.do("POST", "/_relief/restore", outside), http.StatusBadRequest, "not a page the editor can open")
	if fx.file(p) == original {
		t.Fatal("a refused restore changed the file")
	}

	w := fx.do("POST", "/_relief/restore", form)
	want(t, "restore", w, http.StatusSeeOther)
	if loc := location(t, w); loc != "/_relief/edit/"+p+"?saved=1" {
		t.Errorf("restore went on to %q", loc)
	}
	if fx.file(p) != original {
		t.Errorf("after restoring, the file is\n%s\nwant the first version", fx.file(p))
	}
	if got := fx.current.Load().Content.Condition("sciatica").Title; got != "Sciatica" {
		t.Errorf("the site serves the title %q after restoring, want Sciatica", got)
	}
	vs, _ = repo.Log(p, 0)
	if len(vs) != 3 || vs[0].Author != "tester" || vs[0].Message != "Restored Sciatica to the version of 1 November" {
		t.Errorf("history after restoring: %+v", vs)
	}
}

func TestHistoryOfSettingsAndBadPaths(t *testing.T) {
	fx, _ := newHistoryFixture(t, "")
	want(t, "history of site.yaml", fx.do("GET", "/_relief/history/site.yaml", nil), http.StatusOK, "History of Site settings", "First version")
	for _, p := range []string{"../x.md", "conditions/../../x.md", "synonyms.yaml", ".git/config"} {
		want(t, "history of "+p, fx.do("GET", "/_relief/history/"+p, nil), http.StatusNotFound)
	}
	fx.ed.opts.History = nil
	want(t, "history without a repository", fx.do("GET", "/_relief/history/index.md", nil), http.StatusNotFound, "No versions are kept")
}

func TestDeleteAndRestoreFromDeleted(t *testing.T) {
	fx, repo := newHistoryFixture(t, "")
	const p = "conditions/carpal-tunnel-syndrome.md"
	text := fx.file(p)
	want(t, "GET delete", fx.do("GET", "/_relief/delete/"+p, nil), http.StatusOK, "Delete Carpal Tunnel Syndrome?", "Yes, delete", "Deleted pages")

	form := url.Values{"path": {p}, "version": {version([]byte(text))}}
	w := fx.do("POST", "/_relief/delete", form)
	want(t, "POST delete", w, http.StatusSeeOther)
	if fx.file(p) != "" {
		t.Fatal("the file is still there")
	}
	if fx.current.Load().Content.Condition("carpal-tunnel-syndrome") != nil {
		t.Error("the site still serves the deleted page")
	}
	want(t, "replayed delete", fx.do("POST", "/_relief/delete", form), http.StatusConflict)

	page := want(t, "deleted pages", fx.do("GET", location(t, w), nil), http.StatusOK, "Deleted. The page is off the site", "Carpal Tunnel Syndrome", "by tester", "Restore Carpal Tunnel Syndrome")
	vs, _ := repo.Log(p, 0)
	if len(vs) != 2 || !vs[0].Deleted || vs[0].Message != "Deleted Carpal Tunnel Syndrome" {
		t.Fatalf("history after deleting: %+v", vs)
	}
	if !strings.Contains(page, vs[1].Hash) {
		t.Error("the restore on the deleted pages is not the version before the delete")
	}
	restore := url.Values{"path": {p}, "hash": {vs[1].Hash}, "version": {""}}
	want(t, "restore the deleted page", fx.do("POST", "/_relief/restore", restore), http.StatusSeeOther)
	if fx.file(p) != text || fx.current.Load().Content.Condition("carpal-tunnel-syndrome") == nil {
		t.Error("the restored page is not back on the site as it was")
	}
	want(t, "deleted pages after restoring", fx.do("GET", "/_relief/deleted", nil), http.StatusOK, "No pages have been deleted")
}

func TestDeleteRefused(t *testing.T) {
	fx, _ := newHistoryFixture(t, "")
	const p = "conditions/whiplash.md" // Neck Pain names it as related
	want(t, "GET delete a page others need", fx.do("GET", "/_relief/delete/"+p, nil), http.StatusOK, "Neck Pain names Whiplash among its related conditions")
	form := url.Values{"path": {p}, "version": {version([]byte(fx.file(p)))}}
	refused := want(t, "delete a page others need", fx.do("POST", "/_relief/delete", form), http.StatusUnprocessableEntity, "Other pages still need Whiplash",
		`<a href="/_relief/edit/conditions/neck-pain.md">The page “Neck Pain”</a>: Related conditions: there is no condition at /conditions/whiplash`,
		`<a href="/_relief/edit/conditions/neck-pain.md">The page “Neck Pain”</a>: its text links to /conditions/whiplash`)
	if strings.Contains(refused, "error:") || strings.Contains(refused, "neck-pain.md:") {
		t.Errorf("the refusal lists the checker's lines, not the pages by their titles:\n%s", refused)
	}
	if fx.file(p) == "" {
		t.Error("a refused delete removed the file")
	}
	for _, f := range []url.Values{
		{"path": {"index.md"}, "version": {version([]byte(fx.file("index.md")))}},
		{"path": {"../../etc/passwd"}, "version": {""}},
		{"path": {"conditions/sciatica.md\x00"}, "version": {""}},
	} {
		want(t, "delete "+f.Get("path"), fx.do("POST", "/_relief/delete", f), http.StatusBadRequest)
	}
	want(t, "GET delete the home page", fx.do("GET", "/_relief/delete/index.md", nil), http.StatusNotFound, "cannot be deleted")
}

func TestRename(t *testing.T) {
	fx, repo := newHistoryFixture(t, "")
	const p, to = "conditions/carpal-tunnel-syndrome.md", "conditions/carpal-tunnel.md"
	want(t, "GET rename", fx.do("GET", "/_relief/rename/"+p, nil), http.StatusOK, "/conditions/carpal-tunnel-syndrome", `value="carpal-tunnel-syndrome"`)
	form := url.Values{"path": {p}, "version": {version([]byte(fx.file(p)))}, "slug": {"carpal-tunnel"}}
	w := fx.do("POST", "/_relief/rename", form)
	want(t, "POST rename", w, http.StatusSeeOther)
	if loc := location(t, w); loc != "/_relief/edit/"+to+"?saved=1" {
		t.Errorf("rename went on to %q", loc)
	}
	if fx.file(p) != "" || !strings.Contains(fx.file(to), "redirect_from: \n") && !strings.Contains(fx.file(to), `redirect_from:`) {
		t.Fatalf("after renaming: old file %q, new file:\n%s", fx.file(p), fx.file(to))
	}
	c := fx.current.Load().Content.Condition("carpal-tunnel")
	if c == nil || len(c.RedirectFrom) != 1 || c.RedirectFrom[0] != "/conditions/carpal-tunnel-syndrome" {
		t.Fatalf("the site's page at the new address: %+v", c)
	}
	vs, _ := repo.Log(to, 0)
	if len(vs) != 2 || vs[0].Author != "tester" || vs[1].Path != p {
		t.Errorf("the new address's history does not follow the page: %+v", vs)
	}
	want(t, "the history after renaming", fx.do("GET", "/_relief/history/"+to, nil), http.StatusOK, "then called <code>"+p+"</code>")

	// Renaming back drops the address from redirect_from again.
	back := url.Values{"path": {to}, "version": {version([]byte(fx.file(to)))}, "slug": {"carpal-tunnel-syndrome"}}
	want(t, "rename back", fx.do("POST", "/_relief/rename", back), http.StatusSeeOther)
	if c := fx.current.Load().Content.Condition("carpal-tunnel-syndrome"); c == nil || len(c.RedirectFrom) != 1 || c.RedirectFrom[0] != "/conditions/carpal-tunnel" {
		t.Errorf("after renaming back: %+v", c)
	}
}

func TestRenameRefused(t *testing.T) {
	fx, _ := newHistoryFixture(t, "")
	const p = "conditions/tmj-disorder.md"
	v := version([]byte(fx.file(p)))
	for _, tc := range []struct {
		slug   string
		status int
		text   string
	}{
		{"../../etc", http.StatusBadRequest, "cannot be an address"},
		{"Jaw Pain", http.StatusBadRequest, "cannot be an address"},
		{"sciatica", http.StatusConflict, "already has the address"},
		{"jaw-pain", http.StatusUnprocessableEntity, "tmj-disorder"}, // other pages name it as related
	} {
		want(t, "rename to "+tc.slug, fx.do("POST", "/_relief/rename", url.Values{"path": {p}, "version": {v}, "slug": {tc.slug}}), tc.status, tc.text)
	}
	want(t, "rename a plain page", fx.do("POST", "/_relief/rename", url.Values{"path": {"pages/about.md"}, "slug": {"x"}}), http.StatusBadRequest, "only a condition")
	if fx.file(p) == "" {
		t.Error("a refused rename moved the file")
	}
}

// settingsForm returns the settings form as the editor shows it for
// site.yaml now, as a browser would post it.
func (fx *fixture) settingsForm() url.Values {
	doc, _ := settingsDoc([]byte(fx.file("site.yaml")))
	v := url.Values{"version": {version([]byte(fx.file("site.yaml")))}}
	for _, s := range settings {
		if n := valueOf(doc, s.Key); n != nil {
			v.Set(s.Key, n.Value)
		}
	}
	for _, r := range fx.ed.regionRows(doc) {
		v.Add("region_slug", r.Slug)
		v.Add("region_title", r.Title)
	}
	return v
}

func TestSettings(t *testing.T) {
	fx, repo := newHistoryFixture(t, "")
	page := want(t, "GET settings", fx.do("GET", "/_relief/settings", nil), http.StatusOK,
		`value="Relief Massage Therapy"`, `value="back"`, `value="Back"`, "Body areas")
	_ = page
	orig := fx.file("site.yaml")
	form := fx.settingsForm
	f := form()
	f.Set("name", "Calm Hands Massage")
	f["region_title"][3] = "Back and Spine"
	f["region_slug"][8], f["region_title"][8] = "knees", "Knees"
	want(t, "save settings", fx.do("POST", "/_relief/settings", f), http.StatusSeeOther)
	now := fx.file("site.yaml")
	for _, s := range []string{"# Example practice", `name: "Calm Hands Massage"`, `{slug: back, title: "Back and Spine"}`, `{slug: knees, title: "Knees"}`, "disclaimer: \"Massage therapy does not replace"} {
		if !strings.Contains(now, s) {
			t.Errorf("site.yaml lacks %q:\n%s", s, now)
		}
	}
	cfg := fx.current.Load().Content.Config
	if cfg.Name != "Calm Hands Massage" || len(cfg.Regions) != 9 {
		t.Errorf("the site's settings after saving: %q, %d body areas", cfg.Name, len(cfg.Regions))
	}
	if vs, _ := repo.Log("site.yaml", 0); len(vs) != 2 || vs[0].Message != "Changed the site settings" {
		t.Errorf("site.yaml history: %+v", vs)
	}

	// Removing a body area pages use is refused, naming them, each linked
	// to its form; an unused one goes.
	f = form()
	f["region_slug"][3], f["region_title"][3] = "", ""
	before := fx.file("site.yaml")
	f.Set("tagline", "Typed before the refusal")
	want(t, "remove a used body area", fx.do("POST", "/_relief/settings", f), http.StatusConflict,
		`<h1>The settings were not saved</h1>`,
		`<p class="problem" role="alert">The body area “Back and Spine” (back) is used by `+
			`<a href="/_relief/edit/conditions/chronic-back-pain.md">Chronic Back Pain</a>, `+
			`<a href="/_relief/edit/conditions/sciatica.md">Sciatica</a>, `+
			`<a href="/_relief/edit/conditions/upper-back-pain.md">Upper Back and Shoulder-Blade Pain</a>, `+
			`<a href="/_relief/edit/conditions/whiplash.md">Whiplash</a>. `+
			`Keep it (its name, the second box, can change freely), or first take it off those pages, then remove it here.</p>`,
		`value="Typed before the refusal"`, `<form method="post" action="/_relief/settings">`)
	if fx.file("site.yaml") != before {
		t.Error("a refused removal of a used body area changed site.yaml")
	}
	f = form()
	f["region_slug"][3] = "spine"
	want(t, "rename a used body area", fx.do("POST", "/_relief/settings", f), http.StatusConflict, "is used by")
	f = form()
	f["region_slug"][8], f["region_title"][8] = "", ""
	want(t, "remove an unused body area", fx.do("POST", "/_relief/settings", f), http.StatusSeeOther)
	if strings.Contains(fx.file("site.yaml"), "knees") {
		t.Error("the unused body area is still there")
	}

	// Mistakes and tampering write nothing.
	before = fx.file("site.yaml")
	f = form()
	f.Set("base_url", "not a web address")
	f.Set("name", "Typed before the mistake")
	page = want(t, "a bad web address", fx.do("POST", "/_relief/settings", f), http.StatusUnprocessableEntity,
		`<h1>The settings were not saved</h1>`, "The settings have mistakes: correct what is marked and save again.",
		`value="Typed before the mistake"`, `value="not a web address"`,
		`aria-describedby="help-base_url problems-base_url" aria-invalid="true"`,
		`<ul class="field-problems" id="problems-base_url"><li class="error">&#34;not a web address&#34; is not a full web address`)
	if strings.Count(page, `aria-invalid`) != 1 || strings.Contains(page, "base_url:") || strings.Contains(page, "settings, line") {
		t.Errorf("the mistake is not beside its box alone, in the form's words:\n%s", page)
	}
	f = form()
	f.Set("owner", "me")
	want(t, "an unknown field", fx.do("POST", "/_relief/settings", f), http.StatusBadRequest, "owner")
	f = form()
	f.Set("name", "\xff")
	want(t, "invalid UTF-8", fx.do("POST", "/_relief/settings", f), http.StatusBadRequest, "not text")
	f = form()
	f.Set("version", version([]byte(orig)))
	want(t, "a stale form", fx.do("POST", "/_relief/settings", f), http.StatusConflict)
	if fx.file("site.yaml") != before {
		t.Error("a refused settings form changed site.yaml")
	}
}

func TestOnPublishAfterEachChange(t *testing.T) {
	fx, _ := newHistoryFixture(t, `printf '%s\n' "$RELIEF_CHANGED" >> "$RELIEF_CONTENT/../published.log"; echo "upload refused" >&2; exit 1`)
	const p = "conditions/carpal-tunnel-syndrome.md"
	form := url.Values{"path": {p}, "version": {version([]byte(fx.file(p)))}, "slug": {"carpal-tunnel"}}
	want(t, "rename", fx.do("POST", "/_relief/rename", form), http.StatusSeeOther)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := fx.ed.opts.Publish.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	log, _ := os.ReadFile(filepath.Join(fx.dir, "..", "published.log"))
	if string(log) != "conditions/carpal-tunnel-syndrome.md\nconditions/carpal-tunnel.md\n" {
		t.Errorf("RELIEF_CHANGED was %q", log)
	}
	want(t, "dashboard", fx.do("GET", "/_relief/edit/", nil), http.StatusOK, "The command run after publishing failed", "exit status 1", "upload refused", "Your changes are saved")
}

// TestRefusal checks how a refused action lists each error: a page by its
// title, in the form's words, linked to its form; the site's settings
// linked to theirs; a file the editor has no form for by its line, not
// linked.
func TestRefusal(t *testing.T) {
	fx := newFixture(t)
	tests := []struct {
		pr                    content.Problem
		where, href, textFrom string
	}{
		{content.Problem{Path: "conditions/sciatica.md", Line: 4, Message: "related: there is no condition at /conditions/x"},
			"The page “Sciatica”", "/_relief/edit/conditions/sciatica.md", "Related conditions: there is no condition at /conditions/x"},
		{content.Problem{Path: "site.yaml", Line: 3, Message: `unknown key "colour": the keys you can use are title, regions`},
			"The site's settings, line 3", "/_relief/settings", "the form has no place for the setting “colour”"},
		{content.Problem{Path: "templates/words.es.yaml", Line: 2, Message: "a value"},
			"templates/words.es.yaml, line 2", "", "a value"},
	}
	for _, tt := range tests {
		got := fx.ed.refusal(tt.pr)
		if got.Where != tt.where || got.Href != tt.href || !strings.HasPrefix(got.Text, tt.textFrom) {
			t.Errorf("refusal(%s) = %+v, want %q linked to %q: %q…", tt.pr.Path, got, tt.where, tt.href, tt.textFrom)
		}
	}
}

// TestRegionsUsedPage checks the settings' refusal to remove body areas
// pages still use: each area named, then its pages, each a link to its
// form, every word escaped, and what to do once at the end.
func TestRegionsUsedPage(t *testing.T) {
	fx := newFixture(t)
	tests := []struct {
		name  string
		areas []usedRegion
		want  string
	}{
		{"one area, one page", []usedRegion{{Title: "Back", Slug: "back", Pages: []pageLink{{"Sciatica", "/_relief/edit/conditions/sciatica.md"}}}},
			`<p class="problem" role="alert">The body area “Back” (back) is used by <a href="/_relief/edit/conditions/sciatica.md">Sciatica</a>. Keep it`},
		{"two areas, escaped", []usedRegion{
			{Title: "Neck & <b>Shoulders</b>", Slug: "neck", Pages: []pageLink{{"Neck & <b>Pain</b>", "/_relief/edit/conditions/neck.md"}, {"Whiplash", "/_relief/edit/conditions/whiplash.md"}}},
			{Title: "Hips", Slug: "hips", Pages: []pageLink{{"Hip Pain", "/_relief/edit/conditions/hip-pain.md"}}}},
			`<p class="problem" role="alert">The body area “Neck &amp; &lt;b&gt;Shoulders&lt;/b&gt;” (neck) is used by ` +
				`<a href="/_relief/edit/conditions/neck.md">Neck &amp; &lt;b&gt;Pain&lt;/b&gt;</a>, <a href="/_relief/edit/conditions/whiplash.md">Whiplash</a>. ` +
				`The body area “Hips” (hips) is used by <a href="/_relief/edit/conditions/hip-pain.md">Hip Pain</a>. ` +
				`Keep it (its name, the second box, can change freely), or first take it off those pages, then remove it here.</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			fx.ed.show(w, httptest.NewRequest("POST", "/_relief/settings", nil), http.StatusConflict, "settings", "The settings were not saved", settingsPage{Used: tt.areas})
			want(t, "the refusal", w, http.StatusConflict, tt.want, `<h1>The settings were not saved</h1>`)
		})
	}
}

// TestRefusedPage checks the page of a refusal: the intro, then each
// error on its own line after a bullet, the place a link when it has a
// form, every word escaped.
func TestRefusedPage(t *testing.T) {
	fx := newFixture(t)
	w := httptest.NewRecorder()
	fx.ed.show(w, httptest.NewRequest("POST", "/_relief/delete", nil), http.StatusUnprocessableEntity, "refused", "Not deleted", refusedPage{
		Intro: "Other pages still need <Whiplash>:",
		Items: []problemLink{
			{Where: "The page “Neck & <b>Shoulder</b>”", Href: "/_relief/edit/conditions/neck.md", Text: "its text links to /conditions/whiplash"},
			{Where: "templates/words.es.yaml, line 2", Text: "a <value>"},
		},
	})
	want(t, "the refused page", w, http.StatusUnprocessableEntity,
		`<p class="problem">Other pages still need &lt;Whiplash&gt;:`+"\n• "+`<a href="/_relief/edit/conditions/neck.md">The page “Neck &amp; &lt;b&gt;Shoulder&lt;/b&gt;”</a>: its text links to /conditions/whiplash`+
			"\n• templates/words.es.yaml, line 2: a &lt;value&gt;</p>",
		`<a href="/_relief/edit/">Back to all pages</a>`)
}
