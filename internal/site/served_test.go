package site

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// loadFixture loads the fixture content from fsys (a served build takes
// what it keeps from a content.Site, so each build loads its own).
func loadFixture(t *testing.T, fsys fs.FS) *content.Site {
	t.Helper()
	cs, err := content.Load(fsys, content.Options{URLs: route.Names{}, Dir: "fixture", Now: time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatalf("loading fixture: %v", err)
	}
	return cs
}

// fixtureFS returns a copy of the fixture content that a test may change.
func fixtureFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata/fixture"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("testdata/fixture/" + p)
		m[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestServedSiteKeepsServedTemplates checks that a site built to be
// served keeps only the template sets it renders per request, and the
// preview every set (its rebuilds take them).
func TestServedSiteKeepsServedTemplates(t *testing.T) {
	for _, dev := range []bool{false, true} {
		s := fixture(t, Options{Dev: dev})
		for _, r := range route.Routes() {
			if r.Template == "" {
				continue
			}
			want := dev || servedKind(r.Kind)
			if got := s.kinds[r.Kind] != nil; got != want {
				t.Errorf("Dev %v: has the %s template set = %v, want %v", dev, r.Kind, got, want)
			}
		}
		for set := range s.partials.fields {
			if !dev && set != s.kinds[route.NotFound] && set != s.kinds[route.Search] && set != s.kinds[searchShellKind] {
				t.Errorf("served site: partFields keep a set of a kind it no longer renders")
			}
		}
	}
}

// TestRebuildServedEqualsBuild checks that a Rebuild of a served site,
// which must parse the templates its previous site let go, gives exactly
// the pages, 404 pages and search page of a fresh Build.
func TestRebuildServedEqualsBuild(t *testing.T) {
	tfs, static := os.DirFS("../../templates"), os.DirFS("../../static")
	fsys := fixtureFS(t)
	prev, err := Build(loadFixture(t, fsys), tfs, static, Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	const changed = "fixture/conditions/fixture-condition.md" // as content names it (Dir)
	file := fsys["conditions/fixture-condition.md"]
	file.Data = []byte(strings.Replace(string(file.Data), "Massage works on the muscles", "Massage works gently on the muscles", 1))
	re, err := Rebuild(prev, loadFixture(t, fsys), tfs, static, Options{}, map[string]bool{changed: true})
	if err != nil {
		t.Fatalf("Rebuild: %v", err)
	}
	fresh, err := Build(loadFixture(t, fsys), tfs, static, Options{})
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	if got, want := strings.Join(re.Paths(), " "), strings.Join(fresh.Paths(), " "); got != want {
		t.Fatalf("Rebuild paths = %s\nBuild paths = %s", got, want)
	}
	if !strings.Contains(string(re.Lookup("/conditions/fixture-condition").Plain()), "works gently") {
		t.Errorf("Rebuild: the changed condition's page does not show the change")
	}
	for _, path := range fresh.Paths() {
		got, want := re.Lookup(path), fresh.Lookup(path)
		if string(got.Plain()) != string(want.Plain()) || got.ETag != want.ETag || got.ContentType != want.ContentType {
			t.Errorf("%s: Rebuild's page differs from Build's", path)
		}
	}
	for _, path := range []string{"/nowhere", "/conditions/fixture-conditio"} {
		got, err1 := re.NotFound(path)
		want, err2 := fresh.NotFound(path)
		if err1 != nil || err2 != nil || string(got) != string(want) {
			t.Errorf("NotFound(%q): Rebuild's differs from Build's (errors %v, %v)", path, err1, err2)
		}
	}
	for _, q := range []string{"", "fixture", "leg pain", "nothing like it"} {
		got, err1 := re.SearchPage(q)
		want, err2 := fresh.SearchPage(q)
		if err1 != nil || err2 != nil || string(got) != string(want) {
			t.Errorf("SearchPage(%q): Rebuild's differs from Build's (errors %v, %v)", q, err1, err2)
		}
	}
	if string(re.NotFoundPage()) != string(fresh.NotFoundPage()) {
		t.Errorf("NotFoundPage: Rebuild's differs from Build's")
	}
}
