package route_test

import (
	"io/fs"
	"testing"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/route"
)

// TestTemplatesAndFiles checks the map against the real folders: every
// template the map names exists, every page template in the folder is
// named by a route, and the file behind each page of the built-in content
// produces that page again.
func TestTemplatesAndFiles(t *testing.T) {
	named := map[string]bool{}
	for _, r := range route.Routes() {
		if r.Template == "" {
			continue
		}
		named[r.Template] = true
		if _, err := fs.Stat(relief.Templates(), r.Template); err != nil {
			t.Errorf("route %s: template %s: %v", r.Name, r.Template, err)
		}
	}
	top, err := fs.Glob(relief.Templates(), "*.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range top {
		if !named[name] {
			t.Errorf("templates/%s is the template of no route: add it to the map (internal/route/route.go)", name)
		}
	}
	for _, dir := range []string{"conditions", "pages"} {
		files, _ := fs.Glob(relief.Content(), dir+"/*.md")
		for _, rel := range files {
			ref := route.ForFile(rel, "")
			if ref.Kind == route.None || route.File(ref) != rel {
				t.Errorf("ForFile(%q) = %+v, and File of that = %q: want the same file back", rel, ref, route.File(ref))
			}
			if got := route.Parse(ref.URL()); got != ref {
				t.Errorf("%s: Parse(%q) = %+v, want %+v", rel, ref.URL(), got, ref)
			}
		}
	}
}
