package content_test

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/cache"
	. "github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/corpus"
	"github.com/relief-massage/relief/internal/passage"
	"github.com/relief-massage/relief/internal/route"
)

// loadBoth loads fsys with no disk cache, then twice with one (the first
// fills it, the second reads it), and fails unless all three give the
// same site, field by field, unexported fields, warnings and errors with
// their lines included.
func loadBoth(t *testing.T, fsys fs.FS, store *cache.Store, now time.Time) {
	t.Helper()
	opts := Options{URLs: route.Names{}, Dir: "content", Now: now}
	want, wantErr := Load(fsys, opts)
	opts.Disk = store
	for _, round := range []string{"filling the cache", "from the cache"} {
		got, err := Load(fsys, opts)
		store.Wait()
		if !reflect.DeepEqual(err, wantErr) {
			t.Fatalf("%s: error\n%v\nwant\n%v", round, err, wantErr)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: the site differs from one loaded without a cache%s", round, firstDifference(got, want))
		}
	}
}

// firstDifference names the first condition or page that differs.
func firstDifference(got, want *Site) string {
	if got == nil || want == nil {
		return ""
	}
	for i := range min(len(got.Conditions), len(want.Conditions)) {
		if g, w := got.Conditions[i], want.Conditions[i]; !reflect.DeepEqual(g, w) {
			return ": " + w.Path + "\n got " + sprint(g) + "\nwant " + sprint(w)
		}
	}
	if !reflect.DeepEqual(got.Warnings, want.Warnings) {
		return ": warnings\n" + got.Warnings.Error() + "\nwant\n" + want.Warnings.Error()
	}
	return ""
}

func sprint(c *Condition) string {
	cp := *c
	cp.Body, cp.Passages, cp.Related = "", passage.Passages{}, nil
	return fmt.Sprintf("%+v", cp)
}

// TestParsedCacheBuiltIn: the built-in site loads the same with a warm
// parse cache as without one.
func TestParsedCacheBuiltIn(t *testing.T) {
	dir := t.TempDir()
	store, err := cache.Open(dir, "test")
	if err != nil {
		t.Fatal(err)
	}
	loadBoth(t, relief.Content(), store, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	mapped, err := cache.Open(dir, "test") // the same entries, mapped as relief build maps them
	if err != nil {
		t.Fatal(err)
	}
	mapped.MapEntries()
	loadBoth(t, relief.Content(), mapped, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	// Each condition and plain page has two entries: its rendered
	// Markdown and its parse.
	s, err := Load(relief.Content(), Options{URLs: route.Names{}, Dir: "content"})
	if err != nil {
		t.Fatal(err)
	}
	entries := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries++
		}
		return nil
	})
	if want := 2*(len(s.Conditions)+len(s.Pages)) + 1; entries < want {
		t.Errorf("the cache holds %d entries, want at least %d: a rendered body and a parse per page, and the home page's body", entries, want)
	}
}

// TestParsedCacheGenerated: so does a generated site of 1,000 conditions,
// a year later (review dates, which depend on the day, are checked on
// every load), and after edits: a warning added, an error, extra data of
// every kind, a translation.
func TestParsedCacheGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 pages")
	}
	dir := t.TempDir()
	if err := corpus.Write(dir, 1000, 1); err != nil {
		t.Fatal(err)
	}
	tree := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(os.DirFS(dir), name)
		tree[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	store, err := cache.Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	now := corpus.ReviewedBy()
	loadBoth(t, tree, store, now)
	loadBoth(t, tree, store, now.AddDate(1, 0, 0))

	var names []string
	for _, name := range slices.Sorted(maps.Keys(tree)) {
		if strings.HasPrefix(name, "conditions/") {
			names = append(names, name)
		}
	}
	edit := func(name string, f func(string) string) {
		tree[name] = &fstest.MapFile{Data: []byte(f(string(tree[name].Data)))}
	}
	edit(names[0], func(s string) string {
		return strings.Replace(s, "\n---\n", "\nextra:\n  price: 45\n  big: 12345678901234\n  ratio: 0.1\n  ok: true\n  none:\n  list: [a, 1, {b: c}]\n  empty: []\n  map: {}\n---\n", 1)
	})
	edit(names[1], func(s string) string { return s + "\nOur massage is guaranteed to cure you.\n" })
	loadBoth(t, tree, store, now)
	edit(names[2], func(s string) string { return strings.Replace(s, "title:", "titel:", 1) })
	edit(names[3], func(s string) string { return strings.Replace(s, "\n---\n", "\nextra:\n  when: 2026-01-02\n---\n", 1) })
	loadBoth(t, tree, store, now)
}

// TestParsedCodecCoversEveryField fails when a field is added to Page or
// Condition: add it to their fields methods in parsedcache.go (or, if
// validation sets it, to storable), then change the counts here.
func TestParsedCodecCoversEveryField(t *testing.T) {
	if n := reflect.TypeFor[Page]().NumField(); n != 26 {
		t.Errorf("Page has %d fields, the parse cache knows 26: see parsedcache.go", n)
	}
	if n := reflect.TypeFor[Condition]().NumField(); n != 17 {
		t.Errorf("Condition has %d fields, the parse cache knows 17: see parsedcache.go", n)
	}
}
