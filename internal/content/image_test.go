package content_test

import (
	"bytes"
	"fmt"

	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// imageTree is the ok tree with the images of testdata/images in its
// images folder.
func imageTree(t *testing.T) fstest.MapFS {
	t.Helper()
	m := baseTree()
	entries, err := os.ReadDir("testdata/images")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(path.Join("testdata/images", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m["images/"+e.Name()] = &fstest.MapFile{Data: data}
	}
	return m
}

// imageMistakes are the ways a therapist can get an image wrong, each an
// edit of sciatica.md in imageTree.
var imageMistakes = []struct{ name, old, new string }{
	{"missing file", "## Causes\n", "## Causes\n\n![A stretch for the lower back](strech.jpg)\n"},
	{"remote image", "## Causes\n", "## Causes\n\n![A stretch](https://example.com/pictures/stretch.jpg)\n"},
	{"no alt text", "## Causes\n", "## Causes\n\n![](photo.jpg)\n"},
	{"not the image it claims", "## Causes\n", "## Causes\n\n![A stretch](fake.jpg)\n"},
	{"decompression bomb", "## Causes\n", "## Causes\n\n![A chart](bomb.png)\n"},
	{"unsupported format", "## Causes\n", "## Causes\n\n![A moving picture](moving.gif)\n"},
	{"drawing with a script", "## Causes\n", "## Causes\n\n![A drawing](script.svg)\n"},
	{"frontmatter image missing", "reviewed: 2026-10-01\n", "reviewed: 2026-10-01\nimage: stretch.jpg\nimage_alt: A stretch\n"},
	{"frontmatter image without alt", "reviewed: 2026-10-01\n", "reviewed: 2026-10-01\nimage: photo.jpg\n"},
	{"frontmatter alt without image", "reviewed: 2026-10-01\n", "reviewed: 2026-10-01\nimage_alt: A stretch\n"},
	{"decorative is fine", "## Causes\n", "## Causes\n\n![decorative](leaf.svg)\n"},
}

// TestImageMistakesGolden checks what relief check says about each image
// mistake, against testdata/images.golden (run with -update to rewrite).
func TestImageMistakesGolden(t *testing.T) {
	var got bytes.Buffer
	for _, m := range imageMistakes {
		tree := imageTree(t)
		edit(tree, "conditions/sciatica.md", m.old, m.new)
		r := content.Check(tree, content.Options{URLs: route.Names{}, Dir: "content", Static: os.DirFS("testdata/static"), Now: checkNow})
		fmt.Fprintf(&got, "# %s\n", m.name)
		r.WriteTo(&got)
		fmt.Fprintln(&got)
	}
	golden(t, "testdata/images.golden", got.Bytes())
}

// TestImageHTMLGolden renders every form of image: a photo (the first
// image of the page, loaded at once), a PNG drawing (lazy), an SVG, a
// decorative image, a static file, and a page whose image: comes first
// (so its body's images are all lazy), against testdata/images.golden.html.
func TestImageHTMLGolden(t *testing.T) {
	tree := imageTree(t)
	edit(tree, "conditions/sciatica.md", "## Causes\n", "## Causes\n\n![A gentle stretch for the lower back](photo.jpg)\n\n![A drawing of the sciatic nerve](images/drawing.png)\n\n![A drawing of the neck](/images/leaf.svg)\n\n![decorative](leaf.svg)\n")
	edit(tree, "conditions/neck-pain.md", "---\n", "---\nimage: photo.jpg\nimage_alt: A calm treatment room\n")
	edit(tree, "conditions/neck-pain.md", "\n---\n", "\n---\n![A drawing of the sciatic nerve](drawing.png)\n\n")
	site, err := content.Load(tree, content.Options{URLs: route.Names{}, Dir: "content", Static: os.DirFS("testdata/static"), Now: checkNow})
	if err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, slug := range []string{"sciatica", "neck-pain"} {
		c := site.Condition(slug)
		fmt.Fprintf(&got, "<!-- %s body -->\n%s\n", slug, c.Body)
		if c.Image != nil {
			fmt.Fprintf(&got, "<!-- %s image: -->\n%s\n", slug, c.Image.HTML(c.ImageAlt, true, ""))
			fmt.Fprintf(&got, "<!-- %s card -->\n%s\n", slug, c.Image.Card())
		}
	}
	golden(t, "testdata/images.golden.html", []byte(got.String()))
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	if update() {
		if err := os.WriteFile(name, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it); got:\n%s", name, got)
	}
}
