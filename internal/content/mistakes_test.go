package content_test

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/relief-massage/relief/internal/content"
	"github.com/relief-massage/relief/internal/route"
)

// mistakes are the mistakes a therapist makes in a file, each one edit of
// testdata/ok: in file, the first old becomes new.
var mistakes = []struct {
	name, file, old, new string
}{
	{"tab indent", "conditions/sciatica.md", "symptoms: [pain down the leg]", "symptoms:\n\t- pain down the leg"},
	{"tab before key", "conditions/sciatica.md", "related:", "\trelated:"},
	{"colon in value", "conditions/sciatica.md", "summary: Pain along", "summary: Sciatica: pain along"},
	{"hash in value", "conditions/sciatica.md", "summary: Pain along", "summary: The #1 reason for pain along"},
	{"apostrophe in single quotes", "conditions/sciatica.md", "title: Sciatica", "title: 'Runner's Sciatica'"},
	{"unclosed double quote", "conditions/sciatica.md", "title: Sciatica", "title: \"Sciatica"},
	{"closing quote only", "conditions/sciatica.md", "title: Sciatica", "title: Sciatica\""},
	{"more after closing quote", "conditions/sciatica.md", "title: Sciatica", "title: \"Sciatica\" pain"},
	{"unclosed list", "conditions/sciatica.md", "regions: [back]", "regions: [back"},
	{"no space after colon", "conditions/sciatica.md", "title: Sciatica", "title:Sciatica"},
	{"list for one value", "conditions/sciatica.md", "title: Sciatica", "title: [Sciatica, Lumbago]"},
	{"one value for a list", "conditions/sciatica.md", "regions: [back]", "regions: back"},
	{"colon in a list item", "conditions/sciatica.md", "symptoms: [pain down the leg]", "symptoms:\n  - pain: down the leg"},
	{"item not lined up", "conditions/sciatica.md", "symptoms: [pain down the leg]", "symptoms:\n  - pain down the leg\n - numbness"},
	{"february 30", "conditions/sciatica.md", "reviewed: 2026-10-01", "reviewed: 2026-02-30"},
	{"month 13", "conditions/sciatica.md", "reviewed: 2026-10-01", "reviewed: 2026-13-01"},
	{"april 31", "conditions/sciatica.md", "reviewed: 2026-10-01", "reviewed: 2024-04-31"},
	{"leap year", "conditions/sciatica.md", "reviewed: 2026-10-01", "reviewed: 2024-02-29"},
	{"tab in site.yaml", "site.yaml", "  - {slug: neck", "\t- {slug: neck"},
	{"colon in site.yaml", "site.yaml", "tagline: Calm massage for testing", "tagline: Calm massage: for testing"},
	{"toml february 30", "conditions/sciatica.md", "---\ntitle: Sciatica\nsummary: Pain along the sciatic nerve, from the lower back down the leg.\nregions: [back]\nsymptoms: [pain down the leg]\nrelated: [neck-pain]\nreviewed: 2026-10-01\n---",
		"+++\ntitle = \"Sciatica\"\nsummary = \"Pain along the sciatic nerve.\"\nregions = [\"back\"]\nreviewed = 2026-02-30\n+++"},
	{"toml unclosed quote", "conditions/sciatica.md", "---\ntitle: Sciatica\nsummary: Pain along the sciatic nerve, from the lower back down the leg.\nregions: [back]\nsymptoms: [pain down the leg]\nrelated: [neck-pain]\nreviewed: 2026-10-01\n---",
		"+++\ntitle = \"Sciatica\nsummary = \"Pain along the sciatic nerve.\"\nregions = [\"back\"]\nreviewed = 2026-10-01\n+++"},
	{"scaffold published", "conditions/sciatica.md", "Sciatica is pain along the sciatic nerve.", "Write one or two short paragraphs here: what Sciatica is."},
	{"unreachable page", "pages/about.md", "menu: true", "menu: false"},
	{"caution box outside its section", "conditions/sciatica.md", "buttock.\n\n## When to be cautious\n\n> [!CAUTION]", "buttock.\n\n> [!CAUTION]\n> Call 911.\n\n## When to be cautious\n\n> [!NOTE]"},
	{"caution section without a box", "conditions/sciatica.md", "> [!CAUTION]", "> [!NOTE]"},
	{"promise in the summary", "conditions/sciatica.md", "summary: Pain along", "summary: Massage cures pain along"},
	{"promise in the body", "conditions/sciatica.md", "A disc, or a tight muscle deep in the buttock.", "A disc, or a tight muscle. Our massage is guaranteed to help."},
	{"promise turned around", "conditions/sciatica.md", "A disc, or a tight muscle deep in the buttock.", "Massage cannot cure it, and we never promise a permanent fix."},
	{"hard to read", "conditions/sciatica.md", "Sciatica is pain along the sciatic nerve.", "Sciatica is pain along the sciatic nerve.\n\nIntervertebral disc herniation frequently precipitates radiculopathy, necessitating comprehensive neurological evaluation and individualized multidisciplinary management strategies. Conservative interventions, including therapeutic massage, physiotherapy and pharmacological analgesia, demonstrate considerable efficacy. Occupational considerations, particularly prolonged sedentary positioning, substantially exacerbate symptomatology. Nevertheless, spontaneous resolution characteristically occurs within approximately six weeks. Practitioners should systematically document neurological deficits. Rest."},
	{"no body area", "conditions/sciatica.md", "regions: [back]", "regions: []"},
}

// TestMistakesGolden checks what relief check says about each mistake,
// against testdata/mistakes.golden: the exact path:line:col and message.
// Run with -update after a deliberate change, and read the diff.
func TestMistakesGolden(t *testing.T) {
	var got bytes.Buffer
	for _, m := range mistakes {
		tree := baseTree()
		if !bytes.Contains(tree[m.file].Data, []byte(m.old)) {
			t.Fatalf("%s: %s does not contain %q", m.name, m.file, m.old)
		}
		edit(tree, m.file, m.old, m.new)
		r := content.Check(tree, content.Options{URLs: route.Names{}, Dir: "content", Static: os.DirFS("testdata/static"), Now: checkNow})
		fmt.Fprintf(&got, "# %s\n", m.name)
		r.WriteTo(&got)
		fmt.Fprintln(&got)
	}
	const golden = "testdata/mistakes.golden"
	if update() {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestMistakesGolden -update to create it)", err)
	}
	if got.String() != string(want) {
		t.Errorf("relief check's messages changed:\n%s\nwant:\n%s", got.String(), want)
	}
}
