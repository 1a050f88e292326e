package content

import (
	"crypto/sha256"
	"testing"
)

// TestSourcesDone: the sorted list Load leaves answers File and Digest as
// the map did, and a file added afterwards is not lost.
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
	for _, bodies := range []bool{false, true} {
		if got, want := done.Digest(bodies), open.Digest(bodies); got != want {
			t.Errorf("Digest(%v) once done = %x, want the map's %x", bodies, got, want)
		}
	}
	for name, data := range files {
		if got, want := done.File(name), sha256.Sum256([]byte(data)); got != want {
			t.Errorf("File(%q) once done = %x, want %x", name, got, want)
		}
	}
	if got := done.File("content/nowhere.md"); got != ([sha256.Size]byte{}) {
		t.Errorf("File of a file never read = %x, want zeros", got)
	}
	done.add("content/late.md", "late.md", []byte("Late.\n"))
	if got, want := done.File("content/late.md"), sha256.Sum256([]byte("Late.\n")); got != want {
		t.Errorf("File of a file added once done = %x, want %x", got, want)
	}
	if done.File("content/about.md") != sha256.Sum256([]byte(files["content/about.md"])) {
		t.Error("a file added once done lost the others")
	}
}
