package editor

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/site"
)

// TestSaveHandsOverTheSiteItChecked saves in turn a condition's summary,
// another condition, the same one again and then a draft, and checks after
// each that the site the save handed over (Options.Swap, nothing read from
// disk again) serves exactly the pages, redirects and 404 a full load of
// the folder would: no drafts, the same bytes.
func TestSaveHandsOverTheSiteItChecked(t *testing.T) {
	fx := newFixture(t)
	steps := []struct {
		path, field, value string
	}{
		{backPain, "summary", "A new summary for the back, saved from the editor."},
		{"conditions/tension-headaches.md", "title", "Tension Headaches"},
		{backPain, "summary", "The back's summary, saved a second time."},
		{backPain, "draft", "true"},
	}
	for i, s := range steps {
		v := fx.formOf(s.path)
		v.Set(s.field, s.value)
		if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
			t.Fatalf("save %d: status = %d\n%s", i, w.Code, w.Body)
		}
		if got := fx.swaps.Load(); got != int32(i+1) {
			t.Fatalf("save %d: %d sites handed over, want %d (the folder was read again instead)", i, got, i+1)
		}
		sameSite(t, fx.current.Load(), fx.loadFromDisk())
	}
	if fx.current.Load().Lookup("/conditions/chronic-back-pain") != nil {
		t.Errorf("the page saved as a draft is still public")
	}
}

// TestSaveReadsAgainWhenAnotherFileChanged edits another condition on disk
// (over SSH, say) between the save's check and its write: the save must
// not hand over the site it checked, which lacks that edit, but read the
// folders again.
func TestSaveReadsAgainWhenAnotherFileChanged(t *testing.T) {
	fx := newFixture(t)
	other := filepath.Join(fx.dir, "conditions", "tension-headaches.md")
	write := fx.ed.write
	fx.ed.write = func(dir, name string, data []byte) error {
		old, err := os.ReadFile(other)
		if err != nil {
			return err
		}
		edited := strings.Replace(string(old), "title:", "title: Edited over SSH #", 1)
		if err := os.WriteFile(other, []byte(edited), 0o644); err != nil {
			return err
		}
		return write(dir, name, data)
	}
	v := fx.formOf(backPain)
	v.Set("summary", "Saved while someone edits another page over SSH.")
	if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
		t.Fatalf("status = %d\n%s", w.Code, w.Body)
	}
	if fx.swaps.Load() != 0 {
		t.Errorf("the save handed over the site it checked, which lacks the edit over SSH")
	}
	p := fx.current.Load().Lookup("/conditions/tension-headaches")
	if p == nil || !bytes.Contains(p.Plain(), []byte("Edited over SSH")) {
		t.Errorf("the public site does not show the edit over SSH")
	}
	sameSite(t, fx.current.Load(), fx.loadFromDisk())
}

// loadFromDisk loads the folder as the reload service does.
func (fx *fixture) loadFromDisk() *site.Site {
	fx.t.Helper()
	files, done, err := fx.ed.opts.Files()
	if err != nil {
		fx.t.Fatal(err)
	}
	defer done()
	st, err := site.Load(files, site.Options{Images: testImages})
	if err != nil {
		fx.t.Fatal(err)
	}
	return st
}

// sameSite reports every way got serves differently from want.
func sameSite(t *testing.T, got, want *site.Site) {
	t.Helper()
	if g, w := strings.Join(got.Paths(), " "), strings.Join(want.Paths(), " "); g != w {
		t.Errorf("pages differ:\n got %s\nwant %s", g, w)
	}
	for _, p := range want.Paths() {
		g, w := got.Lookup(p), want.Lookup(p)
		if g == nil || !bytes.Equal(g.Plain(), w.Plain()) || g.ETag != w.ETag {
			t.Errorf("%s differs from a full load", p)
		}
	}
	for from, to := range want.Redirects() {
		if got.Redirect(from) != to {
			t.Errorf("redirect %s: got %q, want %q", from, got.Redirect(from), to)
		}
	}
	if len(got.Redirects()) != len(want.Redirects()) {
		t.Errorf("%d redirects, want %d", len(got.Redirects()), len(want.Redirects()))
	}
}

// TestEveryChangeHandsOverTheSiteItChecked restores, deletes, restores
// from the deleted pages, renames and changes the site settings in turn,
// and checks after each that the change handed over the site it checked
// (Options.Swap, nothing read from disk again), and that this site serves
// exactly what a full load of the folder would.
func TestEveryChangeHandsOverTheSiteItChecked(t *testing.T) {
	fx, repo := newHistoryFixture(t, "")
	const p, to = "conditions/carpal-tunnel-syndrome.md", "conditions/carpal-tunnel.md"
	editOnDisk(t, fx, repo, p, `title: "Carpal Tunnel Syndrome"`, `title: "Carpal Tunnel"`)
	fx.ed.opts.Reload(context.Background()) // the edit over SSH is read, as the watcher would
	versionOf := func(p string) string {
		if s := fx.file(p); s != "" {
			return version([]byte(s))
		}
		return ""
	}
	steps := []struct {
		name   string
		target string
		form   func() url.Values
	}{
		{"restore", "/_relief/restore", func() url.Values {
			vs, _ := repo.Log(p, 0)
			return url.Values{"path": {p}, "hash": {vs[len(vs)-1].Hash}, "version": {versionOf(p)}}
		}},
		{"delete", "/_relief/delete", func() url.Values { return url.Values{"path": {p}, "version": {versionOf(p)}} }},
		{"restore a deleted page", "/_relief/restore", func() url.Values {
			vs, _ := repo.Log(p, 0)
			return url.Values{"path": {p}, "hash": {vs[1].Hash}, "version": {""}}
		}},
		{"rename", "/_relief/rename", func() url.Values {
			return url.Values{"path": {p}, "version": {versionOf(p)}, "slug": {"carpal-tunnel"}}
		}},
		{"restore after a rename", "/_relief/restore", func() url.Values {
			vs, _ := repo.Log(to, 0)
			return url.Values{"path": {to}, "from": {vs[1].Path}, "hash": {vs[1].Hash}, "version": {versionOf(to)}}
		}},
		{"settings", "/_relief/settings", func() url.Values {
			doc, _ := settingsDoc([]byte(fx.file("site.yaml")))
			v := url.Values{"version": {versionOf("site.yaml")}}
			for _, s := range settings {
				if n := valueOf(doc, s.Key); n != nil {
					v.Set(s.Key, n.Value)
				}
			}
			v.Set("name", "Calm Hands Massage")
			for _, r := range fx.ed.regionRows(doc) {
				v.Add("region_slug", r.Slug)
				v.Add("region_title", r.Title)
			}
			return v
		}},
	}
	for _, s := range steps {
		swaps := fx.swaps.Load()
		if w := fx.do("POST", s.target, s.form()); w.Code != http.StatusSeeOther {
			t.Fatalf("%s: status = %d\n%s", s.name, w.Code, w.Body)
		}
		if got := fx.swaps.Load(); got != swaps+1 {
			t.Fatalf("%s: %d sites handed over, want 1 (the folder was read again instead)", s.name, got-swaps)
		}
		sameSite(t, fx.current.Load(), fx.loadFromDisk())
	}
	if fx.current.Load().Content.Config.Name != "Calm Hands Massage" {
		t.Errorf("the site does not serve the new settings")
	}
}
