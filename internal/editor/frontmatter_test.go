package editor

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/relief-massage/relief/internal/content"
)

// TestComposeKeepsTheFile opens pages written by hand (YAML with comments
// as relief new writes them, TOML like Plantar Fasciitis) and changes one
// field at a time: unchanged, the bytes stay exactly; changed, only the
// lines of that field change, in the file's own format.
func TestComposeKeepsTheFile(t *testing.T) {
	scaffold := content.NewCondition("Runner's Knee", "runners-knee", []string{"knee", "legs"}, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
	const toml = "+++\n" +
		"title = \"Plantar Fasciitis\"  # as clients say it\n" +
		"summary = \"Massage can loosen the tight calf.\"\n" +
		"regions = [\"feet\"]\n" +
		"symptoms = [\n  \"heel pain\",\n  \"tight calves\",\n]\n" +
		"\n# When it was last checked:\n" +
		"reviewed = 2026-11-01\n" +
		"weight = 90\n" +
		"+++\nPlantar fasciitis is common.\n"
	tests := []struct {
		name, file, field, value string
		want                     []string // the lines that replace the field's lines; nil: the bytes stay
	}{
		{"yaml unchanged", scaffold, "", "", nil},
		{"yaml summary", scaffold, "summary", "Knee pain from running.", []string{`summary: "Knee pain from running."`}},
		{"yaml weight keeps its comment", scaffold, "weight", "7", []string{"weight: 7  # " + helpOf("weight")}},
		{"yaml list", scaffold, "symptoms", "pain below the kneecap\nswelling", []string{`  - "pain below the kneecap"`, `  - "swelling"`}}, // "symptoms:  # help" stays as it was
		{"toml unchanged", toml, "", "", nil},
		{"toml summary", toml, "summary", `Massage eases the "first steps".`, []string{`summary = "Massage eases the \"first steps\"."`}},
		{"toml title keeps its comment", toml, "title", "Heel Pain", []string{`title = "Heel Pain"  # as clients say it`}},
		{"toml list over lines", toml, "symptoms", "heel pain", []string{`symptoms = ["heel pain"]`}},
		{"toml date", toml, "reviewed", "2026-12-01", []string{"reviewed = 2026-12-01"}},
		{"toml added", toml, "draft", "true", []string{"draft = true"}},
		{"toml removed", toml, "weight", "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tg, _ := parseTarget("conditions/x.md")
			f := formFromFile(tg, []byte(tt.file))
			old := f.Values[tt.field]
			if tt.field != "" {
				f.Values[tt.field] = tt.value
			}
			got, _, _ := f.compose()
			if tt.want == nil {
				if got != tt.file {
					t.Fatalf("opened and composed unchanged, the file became\n%s\nwant\n%s", got, tt.file)
				}
				return
			}
			removed, added := lineDiff(tt.file, got)
			if strings.Join(added, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changing %s from %q: lines added\n%s\nwant\n%s\nwhole file:\n%s", tt.field, old, strings.Join(added, "\n"), strings.Join(tt.want, "\n"), got)
			}
			for _, l := range removed {
				if !strings.HasPrefix(l, tt.field) && !strings.HasPrefix(l, "  ") && l != "]" {
					t.Errorf("changing %s took out the line %q", tt.field, l)
				}
			}
			if g := formFromFile(tg, []byte(got)); g.Values[tt.field] != tt.value {
				t.Errorf("the file reads back %s = %q, want %q", tt.field, g.Values[tt.field], tt.value)
			}
		})
	}
}

// helpOf is the comment relief new writes after a field.
func helpOf(name string) string {
	for _, fd := range content.FieldsFor(content.KindCondition) {
		if fd.Name == name {
			return fd.Help
		}
	}
	return ""
}

// lineDiff lists the lines of a not in b and of b not in a, in order.
func lineDiff(a, b string) (removed, added []string) {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	count := func(ls []string) map[string]int {
		m := map[string]int{}
		for _, l := range ls {
			m[l]++
		}
		return m
	}
	ac, bc := count(al), count(bl)
	for _, l := range al {
		if bc[l] > 0 {
			bc[l]--
			continue
		}
		removed = append(removed, l)
	}
	for _, l := range bl {
		if ac[l] > 0 {
			ac[l]--
			continue
		}
		added = append(added, l)
	}
	return removed, added
}

// TestSaveKeepsTOML saves Plantar Fasciitis, written in TOML, through the
// editor: unchanged it keeps its bytes; with a new summary it stays TOML
// and only the summary's line changes.
func TestSaveKeepsTOML(t *testing.T) {
	fx := newFixture(t)
	const p = "conditions/plantar-fasciitis.md"
	before := fx.file(p)
	if !strings.HasPrefix(before, "+++\n") {
		t.Fatalf("%s is not TOML any more: change the test's page", p)
	}
	if w := fx.do("POST", "/_relief/save", fx.formOf(p)); w.Code != http.StatusSeeOther {
		t.Fatalf("save unchanged: status = %d\n%s", w.Code, w.Body)
	}
	if after := fx.file(p); after != before {
		t.Fatalf("saving unchanged changed the file:\n%s", after)
	}
	v := fx.formOf(p)
	v.Set("summary", "Massage loosens the calf and the sole of the foot.")
	if w := fx.do("POST", "/_relief/save", v); w.Code != http.StatusSeeOther {
		t.Fatalf("save: status = %d\n%s", w.Code, w.Body)
	}
	removed, added := lineDiff(before, fx.file(p))
	if len(removed) != 1 || !strings.HasPrefix(removed[0], "summary = ") || len(added) != 1 || added[0] != `summary = "Massage loosens the calf and the sole of the foot."` {
		t.Errorf("saving a new summary changed\n%q\ninto\n%q", removed, added)
	}
}
