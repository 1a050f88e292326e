package corpus

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, 50, 7); err != nil {
		t.Fatalf("Write: %v", err)
	}
	for _, name := range []string{"site.yaml", "index.md", "pages/about.md", "pages/contact.md"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("Write: %s missing: %v", name, err)
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "conditions", "*.md"))
	if err != nil || len(files) != 50 {
		t.Fatalf("Write(n=50): %d condition files (err %v), want 50", len(files), err)
	}
	slugRE := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, f := range files {
		data, _ := os.ReadFile(f)
		text := string(data)
		slug := strings.TrimSuffix(filepath.Base(f), ".md")
		if !slugRE.MatchString(slug) {
			t.Errorf("%s: slug %q is not lowercase words joined by hyphens", f, slug)
		}
		for _, want := range []string{"---\ntitle: ", "\nregions: [", "\nrelated: [", "\nreviewed: 2026-",
			"## Why does it happen?", "### Causes", "### Symptoms", "## How massage therapy can help",
			"## When massage helps most", "## When to be cautious and see a doctor", "\n> [!CAUTION]\n> "} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: missing %q", filepath.Base(f), want)
			}
		}
		if n := len(strings.Fields(text)); n < 550 || n > 950 {
			t.Errorf("%s: %d words, want about 700", filepath.Base(f), n)
		}
	}
}

func TestGenerate(t *testing.T) {
	tests := []struct {
		n    int
		seed int64
	}{{1, 1}, {3, 2}, {50, 7}, {1000, 42}}
	for _, tt := range tests {
		cs := Generate(tt.n, tt.seed)
		if len(cs) != tt.n {
			t.Fatalf("Generate(%d): %d conditions", tt.n, len(cs))
		}
		slugs, titles := map[string]bool{}, map[string]bool{}
		for _, c := range cs {
			if slugs[c.Slug] || titles[c.Title] {
				t.Errorf("Generate(%d): duplicate %q / %q", tt.n, c.Slug, c.Title)
			}
			slugs[c.Slug], titles[c.Title] = true, true
		}
		for _, c := range cs {
			checkCondition(t, c, slugs, tt.n)
		}
	}
}

func checkCondition(t *testing.T, c Condition, slugs map[string]bool, n int) {
	t.Helper()
	if want := min(n-1, 2); len(c.Related) < want || len(c.Related) > 3 {
		t.Errorf("%s: %d related, want 2–3 (or all %d others)", c.Slug, len(c.Related), n-1)
	}
	for _, r := range c.Related {
		if r == c.Slug || !slugs[r] {
			t.Errorf("%s: related %q is itself or does not exist", c.Slug, r)
		}
	}
	if len(c.Summary) > 150 || c.Summary == "" {
		t.Errorf("%s: summary has %d characters, want 1–150", c.Slug, len(c.Summary))
	}
	if c.Reviewed < "2026-05-01" || c.Reviewed > "2026-11-01" {
		t.Errorf("%s: reviewed %s, want within six months of 2026-11-01", c.Slug, c.Reviewed)
	}
	for _, m := range regexp.MustCompile(`\]\(/conditions/([^)]+)\)`).FindAllStringSubmatch(c.Markdown, -1) {
		if !slugs[m[1]] {
			t.Errorf("%s: link to missing condition %q", c.Slug, m[1])
		}
	}
	for _, r := range c.Regions {
		if !slices.ContainsFunc(Regions(), func(x Region) bool { return x.Slug == r }) {
			t.Errorf("%s: unknown region %q", c.Slug, r)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Write(dir, 30, 99); err != nil {
			t.Fatalf("Write: %v", err)
		}
	}
	other := Generate(30, 100)
	same := 0
	for i, c := range Generate(30, 99) {
		if c.Markdown == other[i].Markdown {
			same++
		}
	}
	if same == 30 {
		t.Errorf("Generate: seeds 99 and 100 gave the same conditions")
	}
	fa, _ := filepath.Glob(filepath.Join(a, "*", "*"))
	fb, _ := filepath.Glob(filepath.Join(b, "*", "*"))
	if len(fa) != len(fb) {
		t.Fatalf("Write twice with seed 99: %d and %d files", len(fa), len(fb))
	}
	for i := range fa {
		da, _ := os.ReadFile(fa[i])
		db, _ := os.ReadFile(fb[i])
		if filepath.Base(fa[i]) != filepath.Base(fb[i]) || string(da) != string(db) {
			t.Errorf("Write twice with seed 99: %s and %s differ", fa[i], fb[i])
		}
	}
}

func TestWriteMissingDir(t *testing.T) {
	if err := Write(filepath.Join(t.TempDir(), "nope"), 3, 1); err == nil {
		t.Errorf("Write into a missing folder: no error")
	}
}
