package content

import (
	"crypto/sha256"
	"testing"
)

// TestSourcesDone: the sorted list Load leaves answers File and Digest as
// the map did while Load read. (Nothing adds a file once done: see add.)
func TestSourcesDone(t *testing.T) {
	files := map[string]string{
		"content/site.yaml":              "title: Relief\n",
		"content/conditions/sciatica.md": "---\ntitle: Sciatica\n---\nBody.\n",
		"content/conditions/back.md":     "---\ntitle: Back\n---\nOther body.\n",
		"content/about.md":               "About us.\n",
	}
	fill := func() *Sources {
		s := newSources()
		for name, data := range files {
			s.add(name, name[len("content/"):], []byte(data))
		}
		return s
	}
	open, done := fill(), fill()
	done.finish()
	for _, tc := range []struct {
		state string
		s     *Sources
	}{{"while Load reads", open}, {"once done", done}} {
		for name, data := range files {
			if got, want := tc.s.File(name), sha256.Sum256([]byte(data)); got != want {
				t.Errorf("File(%q) %s = %x, want %x", name, tc.state, got, want)
			}
		}
		if got := tc.s.File("content/nowhere.md"); got != ([sha256.Size]byte{}) {
			t.Errorf("File of a file never read %s = %x, want zeros", tc.state, got)
		}
	}
	// Digest finishes the list itself: the same digest either way.
	for _, bodies := range []bool{false, true} {
		if got, want := done.Digest(bodies), open.Digest(bodies); got != want {
			t.Errorf("Digest(%v) once done = %x, want the map's %x", bodies, got, want)
		}
	}
}
