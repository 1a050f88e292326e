package corpus_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/corpus"
)

// TestKeysInSchema: every frontmatter key the corpus writes is a key of
// content.Fields for that kind of file, so the benchmark corpus cannot
// drift from the one schema (the loader would refuse a key it does not
// know, but this names the key and the kind). It also checks that the
// corpus writes every required key.
func TestKeysInSchema(t *testing.T) {
	dir := t.TempDir()
	if err := corpus.Write(dir, 20, 1); err != nil {
		t.Fatalf("Write: %v", err)
	}
	kinds := map[string]content.Kind{"index.md": content.KindHome}
	fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			t.Fatal(err)
		case strings.HasPrefix(name, "conditions/"):
			kinds[name] = content.KindCondition
		case strings.HasPrefix(name, "pages/"):
			kinds[name] = content.KindPage
		}
		return nil
	})
	for name, kind := range kinds {
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		data, err := os.ReadFile(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		keys := frontmatterKeys(string(data))
		fields := map[string]content.Field{}
		for _, f := range content.FieldsFor(kind) {
			fields[f.Name] = f
		}
		for _, k := range keys {
			if _, ok := fields[k]; !ok {
				t.Errorf("%s: key %q is not in content.Fields for %s", name, k, kind)
			}
		}
		for _, f := range fields {
			if f.Required && !strings.Contains(" "+strings.Join(keys, " ")+" ", " "+f.Name+" ") {
				t.Errorf("%s: required key %q is not written", name, f.Name)
			}
		}
	}
}

// frontmatterKeys returns the top-level keys of the YAML frontmatter
// between the first two "---" lines of text.
func frontmatterKeys(text string) []string {
	lines := strings.Split(text, "\n")
	var keys []string
	for _, line := range lines[1:] {
		if line == "---" {
			break
		}
		if line == "" || line[0] == ' ' || line[0] == '#' {
			continue
		}
		if k, _, ok := strings.Cut(line, ":"); ok {
			keys = append(keys, k)
		}
	}
	return keys
}
