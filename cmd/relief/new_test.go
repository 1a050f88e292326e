package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/relief-massage/relief"
	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// TestNewCommand writes a condition into a copy of the built-in content:
// it must load without errors, as a draft, and never overwrite a file.
func TestNewCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, relief.Content()); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"new", "-content", dir, "Runner's Knee"}, noEnv, &stdout, &stderr)
	if err != nil {
		t.Fatalf("relief new: %v\n%s", err, stderr.String())
	}
	name := filepath.Join(dir, "conditions", "runners-knee.md")
	for _, want := range []string{"wrote " + filepath.ToSlash(name), "relief serve -dev -content " + dir, "/conditions/runners-knee"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout does not contain %q:\n%s", want, stdout.String())
		}
	}
	cs, err := content.Load(os.DirFS(dir), content.Options{URLs: route.Names{}, Dir: "content", Static: relief.Static()})
	if err != nil {
		t.Fatalf("the new page does not load:\n%v", err)
	}
	c := cs.Condition("runners-knee")
	if c == nil || !c.Draft || c.Title != "Runner's Knee" || c.Reviewed.IsZero() || len(c.TOC()) != 4 {
		t.Errorf("the new condition = %+v, want a draft titled Runner's Knee, reviewed today, with 4 sections", c)
	}
	for _, w := range cs.Warnings {
		if strings.Contains(w.Path, "runners-knee") {
			t.Errorf("warning about the new page: %s", w)
		}
	}

	before, _ := os.ReadFile(name)
	err = run(context.Background(), []string{"new", "-content", dir, "Runner's Knee"}, noEnv, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("relief new for an existing page: err = %v, want \"already exists\"", err)
	}
	if after, _ := os.ReadFile(name); !bytes.Equal(before, after) {
		t.Errorf("relief new changed the existing file")
	}
}

func TestNewCommandUsage(t *testing.T) {
	for _, args := range [][]string{{"new"}, {"new", "a", "b"}, {"new", "!!!"}} {
		var stderr bytes.Buffer
		err := run(context.Background(), args, noEnv, &bytes.Buffer{}, &stderr)
		if code := exitCode(err, &stderr); code != 2 {
			t.Errorf("relief %s: exit code = %d, want 2", strings.Join(args, " "), code)
		}
	}
}
