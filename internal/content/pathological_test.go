package content

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/relief-massage/relief/internal/route"
)

// pathological are inputs under MaxFileSize that once took seconds to a
// minute to load, because turning offsets into lines and columns, finding
// TOML keys or phone numbers went over the text again for each link, key
// or mention (issue 9). BenchmarkPathological shows each now loads in well
// under a second; TestPathological keeps them loading at all.
func pathological() map[string]string {
	var links, phones, toml, notes strings.Builder
	links.WriteString(condHead("Links"))
	for i := range 38000 {
		fmt.Fprintf(&links, "[x](#a%d) ", i%10)
	}
	phones.WriteString(condHead("Phones") + "> [!CAUTION]\n> ")
	for range 200000 {
		phones.WriteString("911 ")
	}
	toml.WriteString("+++\ntitle = \"Keys\"\nsummary = \"Many keys.\"\n")
	for i := range 20000 {
		fmt.Fprintf(&toml, "k%05d = 1\n", i)
	}
	toml.WriteString("+++\nBody.\n")
	notes.WriteString(condHead("Notes"))
	for i := range 30000 {
		fmt.Fprintf(&notes, "N[^%d]\n", i)
	}
	notes.WriteString("\n")
	for i := range 30000 {
		fmt.Fprintf(&notes, "[^%d]: n\n", i)
	}
	return map[string]string{
		"38,000 links on one line":          links.String(),
		"200,000 emergency-number mentions": phones.String(),
		"TOML with 20,000 keys":             toml.String(),
		"30,000 footnotes":                  notes.String(),
	}
}

func condHead(title string) string {
	return "---\ntitle: " + title + "\nsummary: A stress test.\nregions: [back]\n---\n"
}

func loadPathological(tb testing.TB, page string) Problems {
	if len(page) > MaxFileSize {
		tb.Fatalf("input is %d bytes, over MaxFileSize", len(page))
	}
	_, err := Load(tree(map[string]string{"conditions/stress.md": page}), Options{URLs: route.Names{}, Dir: "content", Now: testNow})
	ps, _ := err.(Problems)
	return ps
}

func BenchmarkPathological(b *testing.B) {
	for name, page := range pathological() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			for b.Loop() {
				loadPathological(b, page)
			}
		})
	}
}

// TestPathological loads each pathological input and checks what the
// therapist is told: oversized footnote lists and frontmatter are refused
// with a message, the rest loads (its broken anchors reported as usual).
func TestPathological(t *testing.T) {
	if testing.Short() {
		t.Skip("builds megabyte pages")
	}
	want := map[string]string{
		"38,000 links on one line":          `content/conditions/stress.md:6:1: error: link to #a0: this page has no heading with the id "a0"`,
		"200,000 emergency-number mentions": "",
		"TOML with 20,000 keys":             "content/conditions/stress.md:1:1: error: the frontmatter is more than 1000 lines long",
		"30,000 footnotes":                  "content/conditions/stress.md:6:1: error: the page has 60000 footnote marks (like [^1]); one page may have at most 1000",
	}
	for name, page := range pathological() {
		ps := loadPathological(t, page)
		got := ""
		for _, p := range ps {
			if p.Path == "content/conditions/stress.md" && p.Severity == Error {
				got = p.String()
				break
			}
		}
		if w := want[name]; (w == "") != (got == "") || !strings.HasPrefix(got, w) {
			t.Errorf("%s: first error = %q, want one starting %q", name, got, w)
		}
	}
}

// FuzzLineIndex checks lineIndex against the plain count lineCol makes,
// at every offset that starts a rune.
func FuzzLineIndex(f *testing.F) {
	for _, s := range []string{"", "a", "\n", "a\nb", "é\nü\n\n€x", strings.Repeat("ab€\n", 50), strings.Repeat("x", 200) + "é"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, s string, off int) {
		src := []byte(strings.ToValidUTF8(s, "?"))
		x := newLineIndex(src)
		if off < 0 {
			off = -off
		}
		off %= len(src) + 1
		for off > 0 && off < len(src) && !utf8.RuneStart(src[off]) {
			off--
		}
		for _, o := range []int{off, 0, len(src)} {
			l1, c1 := x.pos(o)
			l2, c2 := lineCol(src, o)
			if l1 != l2 || c1 != c2 {
				t.Fatalf("offset %d of %q: lineIndex says %d:%d, lineCol %d:%d", o, src, l1, c1, l2, c2)
			}
		}
	})
}
