//go:build unix

package dev_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestPreviewHostileFiles starts the preview on a content folder holding a
// named pipe, a link to /dev/zero, a huge file and a video, then adds a
// link to a secret outside the folder while it runs. The preview must
// start, say what is wrong with each file on its page, keep every other
// page, and never show the secret.
func TestPreviewHostileFiles(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "shadow")
	if err := os.WriteFile(secret, []byte("root:SECRET-HASH:19000:0:99999:7:::\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	pv := startPreview(t, func(dir string) {
		copyBuiltIn(t)(dir)
		cond := filepath.Join(dir, "content", "conditions")
		if err := syscall.Mkfifo(filepath.Join(cond, "fifo.md"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("/dev/zero", filepath.Join(cond, "z.md")); err != nil {
			t.Fatal(err)
		}
		for name, size := range map[string]int64{"conditions/huge.md": 3 << 30, "video.mp4": 200 << 20} {
			f, err := os.Create(filepath.Join(dir, "content", name))
			if err == nil {
				err = f.Truncate(size) // sparse: no disk used
				f.Close()
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	})
	for path, want := range map[string]string{
		"/conditions/z":    "it is a symbolic link: relief reads only real files",
		"/conditions/fifo": "it is a named pipe, not a file",
		"/conditions/huge": "the file is 3221225472 bytes (3072.0 MiB); the limit is 1048576 bytes (1.0 MiB)",
	} {
		_, body := pv.get(t, path)
		mustContain(t, "GET "+path, body, `class="dev-error"`, want)
	}
	if code, body := pv.get(t, "/conditions/sciatica"); code != 200 || strings.Contains(body, "dev-error") {
		t.Errorf("GET /conditions/sciatica: %d, or an error page; want the page", code)
	}

	if err := os.Symlink(secret, filepath.Join(pv.dir, "content", "conditions", "passwd.md")); err != nil {
		t.Fatal(err)
	}
	if ev := pv.next(t); ev != "reload" {
		t.Fatalf("after adding a link: event %q, want reload", ev)
	}
	_, body := pv.get(t, "/conditions/passwd")
	mustContain(t, "GET /conditions/passwd", body, "content/conditions/passwd.md", "it is a symbolic link")
	for _, path := range []string{"/conditions/passwd", "/conditions/", "/", "/conditions/z"} {
		if _, body := pv.get(t, path); strings.Contains(body, "SECRET") {
			t.Errorf("GET %s shows the secret the link points to", path)
		}
	}
}
