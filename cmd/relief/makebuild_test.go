package main

import (
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMakeBuildRefusesBrokenContent runs make build on a copy of the
// repository: with its content as it is, the build must give one static
// file (no C library, no loader: it runs on any Linux); once the built-in
// content has an error, make build must fail, say why, and leave no
// bin/relief (not even the older one) that could be installed.
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
	build := exec.Command("make", "build", "VERSION=test")
	build.Dir = repo
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("make build: %v\n%s", err, out)
	}
	if why := notStatic(filepath.Join(repo, "bin", "relief")); why != "" {
		t.Errorf("make build gave a binary that is not one static file: %s", why)
	}

	sciatica := filepath.Join(repo, "content", "conditions", "sciatica.md")
	text, _ := os.ReadFile(sciatica)
	os.WriteFile(sciatica, bytes.Replace(text, []byte("\ntitle:"), []byte("\ntitel:"), 1), 0o644)

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

// notStatic says why the executable at name is not one static file (it
// names a program loader or C libraries to load with it), or "".
func notStatic(name string) string {
	f, err := elf.Open(name)
	if err != nil {
		return err.Error()
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return "it asks for a program loader (PT_INTERP): build it with CGO_ENABLED=0"
		}
	}
	if libs, _ := f.ImportedLibraries(); len(libs) > 0 {
		return fmt.Sprintf("it needs %v: build it with CGO_ENABLED=0", libs)
	}
	return ""
}
