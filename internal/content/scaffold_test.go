package content

import (
	"strconv"
	"strings"
	"testing"
)

// TestScaffoldPublished: an untouched relief new page published with
// draft: false fails with every prompt reported at its line, and with no
// body area chosen; as a draft it loads without a word.
func TestScaffoldPublished(t *testing.T) {
	text := NewCondition("Knee Pain", "knee-pain", []string{"back", "neck"}, testNow)
	if _, ps := load(t, map[string]string{"conditions/knee-pain.md": text}); ps != nil {
		t.Fatalf("the draft does not load: %v", ps)
	}
	published := strings.Replace(text, "draft: true", "draft: false", 1)
	_, ps := load(t, map[string]string{"conditions/knee-pain.md": published})
	got := map[int]bool{}
	for _, p := range ps {
		if strings.Contains(p.Message, "is a prompt from relief new") {
			got[p.Line] = true
		}
	}
	regions, fences := false, 0
	for i, line := range strings.Split(published, "\n") {
		if line == "---" {
			fences++
			continue
		}
		if strings.HasPrefix(line, "regions:") {
			regions = strings.Contains(ps.Error(), "conditions/knee-pain.md:"+strconv.Itoa(i+1)+":1: error: regions: choose at least one body area")
		}
		if prose(line, fences == 2) && !got[i+1] {
			t.Errorf("line %d %q of relief new's page is not reported as a prompt", i+1, line)
		}
	}
	if !regions {
		t.Errorf("a published page with no body area is not an error at its regions line:\n%v", ps)
	}
}

// prose reports whether a line of the scaffold is text the therapist must
// replace: in the frontmatter the summary and the example symptom; in the
// body everything but blank lines, headings and the callout's frame.
func prose(line string, inBody bool) bool {
	if !inBody {
		return strings.HasPrefix(line, "summary:") || strings.HasPrefix(line, "  - ")
	}
	t := strings.TrimSpace(strings.TrimLeft(line, "> -"))
	return t != "" && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "[!") && !strings.HasPrefix(t, "**Seek urgent care**")
}
