package content_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// FuzzParse feeds arbitrary bytes to the loader as a condition page, in an
// otherwise valid tree: it must never panic, and must either load or fail
// with a content.Problems error that names the file. The seed corpus (every
// condition in testdata, broken ones included, and a few oddities) runs in
// the normal test run; "make fuzz" explores from it for a bounded time.
func FuzzParse(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/*/conditions/*")
	ok, _ := filepath.Glob("testdata/ok/conditions/*")
	for _, name := range append(seeds, ok...) {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"", "---", "---\n---\n", "+++\n+++\n", "\ufeff---\r\ntitle: x\r\n---\r\n",
		"---\ntitle: [\n---\n", "---\n- a\n- b\n---\n", "---\ntitle: &a x\nsummary: *a\n---\n",
		"---\nextra: {a: {b: [1, 2, {c: d}]}}\n---\n", "+++\nreviewed = 1979-05-27T07:32:00Z\n+++\n",
		"---\nweight: 99999999999999999999\n---\n", "---\ntitle: x\nsummary: y\n---\n[a](/conditions/x#y) ![b](/static/../../etc/passwd)\n",
		"---\ntitle: x\nsummary: y\n---\n> [!CAUTION]\n> call 911\n\n## ##\n\n[^1]\n\n[^1]: note\n",
	} {
		f.Add([]byte(s))
	}
	base := baseTree()
	delete(base, "conditions/neck-pain.md")
	f.Fuzz(func(t *testing.T, data []byte) {
		tree := fstest.MapFS{}
		for name, file := range base {
			tree[name] = file
		}
		tree["conditions/sciatica.md"] = &fstest.MapFile{Data: data}
		site, err := content.Load(tree, content.Options{URLs: route.Names{}, Dir: "content", Now: checkNow})
		if err == nil {
			if site == nil || len(site.Conditions) == 0 {
				t.Fatalf("Load returned no error and no conditions")
			}
			return
		}
		var list content.Problems
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("Load: error %T %q, want a non-empty content.Problems", err, err)
		}
		if site != nil {
			t.Fatalf("Load returned both a site and an error")
		}
		for _, p := range list {
			if p.Path == "" || p.Message == "" {
				t.Fatalf("Load: problem without a path or message: %+v", p)
			}
		}
	})
}
