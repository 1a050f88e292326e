package content

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the output (go test -update rewrites it):\n--- got ---\n%s", path, got)
	}
}

func TestRenderGolden(t *testing.T) {
	src, err := os.ReadFile("testdata/render.md")
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewMarkdown("(555) 010-0000", "911").render(src)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "render.golden.html", []byte(r.HTML))

	if !r.HasCaution {
		t.Error("HasCaution = false, want true for a [!CAUTION] callout")
	}
	var ids []string
	for _, h := range r.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "why-does-it-happen causes why-does-it-happen-1" {
		t.Errorf("heading ids = %q, want unique ids for repeated headings", got)
	}
	if len(r.Links) != 5 || r.Links[0].Dest != "/conditions/other" || r.Links[0].Line != 1 {
		t.Errorf("links = %+v, want 3 Markdown links and 2 tel: links, with lines", r.Links)
	}
}

func TestRenderSafety(t *testing.T) {
	r, err := NewMarkdown("", "").render([]byte("<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <iframe>\n"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(r.HTML)
	for _, bad := range []string{"<img", "<iframe", "javascript:"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered HTML contains %q:\n%s", bad, html)
		}
	}
}

func TestPhoneFinderFindsEachMention(t *testing.T) {
	f := newPhoneFinder([]byte("911, 1911, (555) 010-0000 and 911"), []string{"911", "(555) 010-0000"})
	var got []int
	for from := 0; ; {
		i, p := f.next(from)
		if i < 0 {
			break
		}
		got = append(got, i)
		from = i + len(p)
	}
	if fmt.Sprint(got) != "[0 11 30]" {
		t.Errorf("mentions at %v, want [0 11 30]", got)
	}
}

func TestFindPhone(t *testing.T) {
	phones := []string{"911", "(555) 010-0000"}
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"call 911 now", 5},
		{"call 9110 now", -1},
		{"room 1911", -1},
		{"ring (555) 010-0000 or 911", 5},
	} {
		if got, _ := newPhoneFinder([]byte(tt.in), phones).next(0); got != tt.want {
			t.Errorf("findPhone(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestPhoneLinksAreBounded(t *testing.T) {
	r, err := NewMarkdown("", "911").render([]byte("> [!CAUTION]\n> " + strings.Repeat("911 ", MaxPhoneLinks+50) + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(r.HTML), `href="tel:911"`); n != MaxPhoneLinks {
		t.Errorf("%d tel: links, want %d", n, MaxPhoneLinks)
	}
	if n := strings.Count(string(r.HTML), "911"); n < MaxPhoneLinks+50 {
		t.Errorf("the text names 911 %d times, want every mention kept", n)
	}
}
