package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
)

func TestCheckCommand(t *testing.T) {
	broken := "../../internal/content/testdata/broken/"
	// The static files the templates need, and the image the test trees show.
	static := t.TempDir()
	if err := os.CopyFS(static, relief.Static()); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(static, os.DirFS("../../internal/content/testdata/static")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		code   int
		stdout []string
	}{
		{[]string{"check"}, 0, []string{"pages, 0 errors, 0 warnings"}},
		{[]string{"check", "-content", broken + "unknown-key", "-static", static}, 1, []string{
			broken + `unknown-key/conditions/sciatica.md:3:1: error: unknown key "sumary": did you mean summary?`,
			"4 pages, 1 error, 0 warnings",
		}},
		{[]string{"check", "-content", broken + "old-review", "-static", static}, 0, []string{"4 pages, 0 errors, 1 warning"}},
		{[]string{"check", "-strict", "-content", broken + "old-review", "-static", static}, 1, []string{"is more than 12 months ago"}},
		{[]string{"check", "-content", broken + "no-conditions", "-static", static}, 1, []string{"there are no conditions"}},
		{[]string{"check", "-nope"}, 2, nil},
		{[]string{"check", "extra"}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(context.Background(), tt.args, noEnv, &stdout, &stderr)
			if code := exitCode(err, &stderr); code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout.String(), stderr.String())
			}
			for _, want := range tt.stdout {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("stdout does not contain %q:\n%s", want, stdout.String())
				}
			}
		})
	}
}

// TestCheckSiteFolder: run in a site's folder, check checks ./content
// (not the built-in copy) and ./static, and says which folders it checked.
func TestCheckSiteFolder(t *testing.T) {
	root := t.TempDir()
	if err := os.CopyFS(filepath.Join(root, "content"), relief.Content()); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(root, "static"), relief.Static()); err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(root, "static", "img"), 0o755)
	os.WriteFile(filepath.Join(root, "static", "img", "knee.jpg"), []byte("jpeg"), 0o644)
	about := filepath.Join(root, "content", "pages", "about.md")
	text, _ := os.ReadFile(about)
	os.WriteFile(about, append(text, "\n![A knee](/static/img/knee.jpg)\n"...), 0o644)
	t.Chdir(root)

	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"check"}, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("check of a good site folder with an image only on disk: %v\n%s", err, stdout.String())
	}
	want := "checking " + filepath.Join(root, "content") + ", " + filepath.Join(root, "static") + ", and the templates built into relief"
	if !strings.HasPrefix(stdout.String(), want) {
		t.Errorf("check does not say which folders it checked: %q, want it to start with %q", stdout.String(), want)
	}

	os.WriteFile(about, bytes.Replace(text, []byte("title:"), []byte("titel:"), 1), 0o644)
	stdout.Reset()
	err := run(context.Background(), []string{"check"}, noEnv, &stdout, &stderr)
	if code := exitCode(err, &stderr); code != 1 || !strings.Contains(stdout.String(), `content/pages/about.md:2:1: error: unknown key "titel"`) {
		t.Errorf("check of a broken ./content: exit %d, output:\n%s\nwant exit 1 naming content/pages/about.md", code, stdout.String())
	}
	stdout.Reset()
	if err := run(context.Background(), []string{"check", "-built-in"}, noEnv, &stdout, &stderr); err != nil || !strings.Contains(stdout.String(), "built into relief") {
		t.Errorf("check -built-in in a broken site folder: %v\n%s", err, stdout.String())
	}
}
