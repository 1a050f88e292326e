package content

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestSchemaREADME: the README's frontmatter table lists exactly the
// fields of Fields, each with the same kinds of file ("where") and the
// same "required".
func TestSchemaREADME(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		kinds    []Kind
		required bool
	}
	readme := map[string]row{}
	_, table, ok := strings.Cut(string(data), "### Frontmatter\n")
	if !ok {
		t.Fatal(`README.md has no "### Frontmatter" section`)
	}
	_, table, _ = strings.Cut(table, "| key | where | meaning |\n| --- | --- | --- |\n")
	for line := range strings.Lines(table) {
		if !strings.HasPrefix(line, "| `") {
			break
		}
		cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		if len(cells) != 3 {
			t.Fatalf("README frontmatter row %q: want 3 cells", line)
		}
		name := strings.Trim(strings.TrimSpace(cells[0]), "`")
		var kinds []Kind
		for w := range strings.SplitSeq(strings.TrimSpace(cells[1]), ",") {
			if w = strings.TrimSpace(w); w == "all" {
				kinds = append(kinds, Kinds()...)
			} else {
				kinds = append(kinds, Kind(w))
			}
		}
		slices.Sort(kinds)
		readme[name] = row{kinds, strings.HasPrefix(strings.TrimSpace(cells[2]), "required")}
	}
	for _, f := range Fields() {
		r, ok := readme[f.Name]
		if !ok {
			t.Errorf("README's frontmatter table does not list %s", f.Name)
			continue
		}
		delete(readme, f.Name)
		kinds := slices.Sorted(slices.Values(f.Kinds))
		if !slices.Equal(r.kinds, kinds) {
			t.Errorf("README says %s is for %v, the schema says %v", f.Name, r.kinds, kinds)
		}
		if r.required != f.Required {
			t.Errorf("README says %s required=%v, the schema says %v", f.Name, r.required, f.Required)
		}
	}
	for name := range readme {
		t.Errorf("README's frontmatter table lists %s, which is not in the schema (Fields)", name)
	}
}

// TestSchemaComplete: every field has a type, at least one kind, one line
// of help and an example, and every kind's decoders cover its fields
// (schemaFor panics otherwise).
func TestSchemaComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Fields() {
		if seen[f.Name] {
			t.Errorf("%s is listed twice", f.Name)
		}
		seen[f.Name] = true
		if f.Type == "" || len(f.Kinds) == 0 || f.Help == "" || f.Example == "" || strings.Contains(f.Help, "\n") {
			t.Errorf("%s: want a type, kinds, one line of help and an example: %+v", f.Name, f)
		}
	}
	for _, k := range Kinds() {
		if len(FieldsFor(k)) == 0 {
			t.Errorf("no field for %s", k)
		}
	}
	_, ps := load(t, map[string]string{
		"index.md":           "---\ntitle: Home\nsummary: Welcome.\n---\nHello.\n",
		"pages/about.md":     "---\ntitle: About\nsummary: Who we are.\nmenu: true\n---\nHello.\n",
		"conditions/knee.md": "---\ntitle: Knee\nsummary: Knee pain.\ndraft: true\n---\nHello.\n",
	})
	if ps != nil {
		t.Fatalf("a home page, a plain page and a condition do not load: %v", ps)
	}
}

// TestSchemaExamples: on every kind of file, each field's Example decodes
// without a type error (so Type, Example and the loader's decoder agree),
// and a field of another kind is an unknown key.
func TestSchemaExamples(t *testing.T) {
	files := map[Kind]string{KindHome: "index.md", KindCondition: "conditions/x-test.md", KindPage: "pages/x-test.md"}
	for _, k := range Kinds() {
		for _, f := range Fields() {
			if f.Name == "title" || f.Name == "summary" {
				continue
			}
			text := "---\ntitle: X\nsummary: Y.\n" + f.Name + ": " + f.Example + "\n---\nHello.\n"
			_, ps := load(t, map[string]string{files[k]: text})
			unknown := false
			for _, p := range ps {
				if !strings.HasSuffix(p.Path, files[k]) {
					continue
				}
				if strings.HasPrefix(p.Message, "unknown key \""+f.Name+"\"") {
					unknown = true
				}
				if strings.HasPrefix(p.Message, f.Name+": expected") || strings.Contains(p.Message, "this takes") {
					t.Errorf("%s on %s: example %q: %s", f.Name, k, f.Example, p.Message)
				}
			}
			if unknown == f.For(k) {
				t.Errorf("%s on %s: unknown key = %v, want %v", f.Name, k, unknown, !f.For(k))
			}
		}
	}
}
