package content_test

import (
	"reflect"
	"testing"
	"testing/fstest"

	diskcache "github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// TestCache checks that loading through a Cache, or a disk cache, gives
// exactly what loading without one gives, as files change, break and come
// back.
func TestCache(t *testing.T) {
	tree := baseTree()
	cache := content.NewCache()
	disk, err := diskcache.Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	sciatica := string(tree["conditions/sciatica.md"].Data)
	steps := []struct {
		name string
		edit func(fstest.MapFS)
	}{
		{"first load", func(fstest.MapFS) {}},
		{"unchanged", func(fstest.MapFS) {}},
		{"a title changes", func(m fstest.MapFS) { edit(m, "conditions/sciatica.md", "title: Sciatica", "title: Sciatica Pain") }},
		{"a file breaks", func(m fstest.MapFS) { edit(m, "conditions/sciatica.md", "title:", "titel:") }},
		{"it is fixed", func(m fstest.MapFS) { m["conditions/sciatica.md"] = &fstest.MapFile{Data: []byte(sciatica)} }},
		{"a related page is deleted", func(m fstest.MapFS) { delete(m, "conditions/neck-pain.md") }},
		{"the phone number changes", func(m fstest.MapFS) { edit(m, "site.yaml", "(555) 010-0000", "(555) 010-9999") }},
	}
	for _, step := range steps {
		step.edit(tree)
		opts := content.Options{URLs: route.Names{}, Dir: "content", Now: checkNow}
		want, wantErr := content.Load(tree, opts)
		opts.Cache = cache
		got, gotErr := content.Load(tree, opts)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the site loaded with the cache differs from the one without", step.name)
		}
		if !reflect.DeepEqual(gotErr, wantErr) {
			t.Errorf("%s: with the cache, err =\n%v\nwant\n%v", step.name, gotErr, wantErr)
		}
		opts.Cache, opts.Disk = nil, disk
		got, gotErr = content.Load(tree, opts)
		disk.Wait() // the next step reads what this one rendered
		if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotErr, wantErr) {
			t.Errorf("%s: the site loaded with the disk cache differs from the one without (err %v)", step.name, gotErr)
		}
	}
}
