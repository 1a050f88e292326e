package content

import (
	"strings"
	"testing"
)

// TestOneLine: oneLine is strings.Join(strings.Fields(s), " ") byte for
// byte, for ASCII and Unicode white space, accents and broken UTF-8.
func TestOneLine(t *testing.T) {
	for _, s := range []string{
		"", " ", "word", "  two\twords \n", "a\u00a0b\u2003c\u3000 d", "dolor\u0085de  espalda",
		"café  crème\r\n brûlée", "\xff bad \xfe\xfd utf8 \xe2\x80", "x\v\fy", " \u2028lead and trail\u2029 ",
		"Pain that lasts.\n\nGentle, regular  movement helps.\n- a list item\n",
	} {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestOneLineKeeps: text that already is one line comes back as it is,
// without a copy (most paragraphs are).
func TestOneLineKeeps(t *testing.T) {
	s := strings.Repeat("Gentle pressure helps, café crème. ", 20) + "End."
	if got := oneLine(s); got != s {
		t.Fatalf("oneLine(%q) = %q, want it unchanged", s, got)
	}
	if n := testing.AllocsPerRun(10, func() { _ = oneLine(s) }); n != 0 {
		t.Errorf("oneLine of a text that is one line: %v allocations, want 0", n)
	}
}

// FuzzOneLine checks oneLine against strings.Fields on any input.
func FuzzOneLine(f *testing.F) {
	f.Add("  Gentle \t pressure\u00a0helps \xff")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := oneLine(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", s, got, want)
		}
	})
}
