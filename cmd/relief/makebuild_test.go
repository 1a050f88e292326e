package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMakeBuildRefusesBrokenContent runs make build on a copy of the
// repository whose built-in content has an error: it must fail, say why,
// and leave no bin/relief (not even an older one) that could be installed.
func TestMakeBuildRefusesBrokenContent(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the program: skipped with -short")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	repo := filepath.Join(t.TempDir(), "relief")
	for _, name := range []string{"go.mod", "go.sum", "Makefile", "relief.go", "cmd", "internal", "content", "templates", "static"} {
		src := filepath.Join("..", "..", name)
		st, err := os.Stat(src)
		if err != nil {
			t.Fatal(err)
		}
		if !st.IsDir() {
			data, _ := os.ReadFile(src)
			os.MkdirAll(repo, 0o755)
			if err := os.WriteFile(filepath.Join(repo, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.CopyFS(filepath.Join(repo, name), os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	sciatica := filepath.Join(repo, "content", "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)
	os.WriteFile(sciatica, bytes.Replace(text, []byte("\ntitle:"), []byte("\ntitel:"), 1), 0o644)
	os.MkdirAll(filepath.Join(repo, "bin"), 0o755)
	os.WriteFile(filepath.Join(repo, "bin", "relief"), []byte("an older build"), 0o755)

	cmd := exec.Command("make", "build", "VERSION=test")
	cmd.Dir = repo
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("make build with broken content succeeded:\n%s", out)
	}
	for _, want := range []string{`content/conditions/sciatica.md:2:1: error: unknown key "titel"`, "there is no bin/relief"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("make build output lacks %q:\n%s", want, out)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(repo, "bin"))
	if len(entries) != 0 {
		t.Errorf("make build with broken content left %v in bin/", entries)
	}
}
