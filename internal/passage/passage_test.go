package passage

import (
	"errors"
	"strings"
	"testing"
)

type want struct {
	heading, text string
	item          bool
	callout       string
}

var page = []want{
	{"", "Before any heading.", false, ""},
	{"Causes", "Sitting for long hours.", true, ""},
	{"Causes", "Lifting with a bent back.", true, ""},
	{"When to see a doctor", "Numbness in both legs.", false, "caution"},
	{"When to see a doctor", "Call us first.", false, "note"},
	{"Self-care", "Walk a little every day.", false, "caution"},
}

func build(ws []want) Passages {
	var b Builder
	for _, w := range ws {
		b.Add(w.heading, w.text, w.item, w.callout)
	}
	return b.Passages()
}

func check(t *testing.T, p Passages, ws []want) {
	t.Helper()
	if p.Len() != len(ws) {
		t.Fatalf("Len() = %d, want %d", p.Len(), len(ws))
	}
	for i, w := range ws {
		got := want{p.Heading(i), p.Text(i), p.Item(i), p.Callout(i)}
		if got != w {
			t.Errorf("passage %d = %+v, want %+v", i, got, w)
		}
	}
}

func TestBuilder(t *testing.T) {
	p := build(page)
	check(t, p, page)
	// Each distinct heading and callout is held once.
	for _, s := range []string{"When to see a doctor", "caution", "Causes"} {
		if n := strings.Count(p.Data(), s); n != 1 {
			t.Errorf("Data() holds %q %d times, want once", s, n)
		}
	}
	q, err := Parse(p.Data(), p.Records())
	if err != nil {
		t.Fatalf("Parse(Data(), Records()): %v", err)
	}
	check(t, q, page)
}

func TestEmpty(t *testing.T) {
	var b Builder
	if p := b.Passages(); p != (Passages{}) || p.Len() != 0 {
		t.Errorf("no passages: got %+v, want the zero value", p)
	}
	if p, err := Parse("", ""); err != nil || p.Len() != 0 {
		t.Errorf(`Parse("", "") = %+v, %v; want none, nil`, p, err)
	}
}

func TestBuilderReused(t *testing.T) {
	var b Builder
	b.Grow(64, 2)
	b.Add("A", "one", false, "")
	first := b.Passages()
	b.Add("B", "two", true, "note")
	second := b.Passages()
	check(t, first, []want{{"A", "one", false, ""}})
	check(t, second, []want{{"B", "two", true, "note"}})
}

func TestParseDamaged(t *testing.T) {
	p := build(page)
	data, recs := p.Data(), p.Records()
	set := func(at int, v byte) string {
		b := []byte(recs)
		b[at] = v
		return string(b)
	}
	for _, tc := range []struct {
		name       string
		data, recs string
	}{
		{"records cut short", data, recs[:len(recs)-1]},
		{"text cut short", data[:len(data)-1], recs},
		{"no text", "", recs},
		{"text past the end", data, set(3, 0xff)},
		{"heading past the end", data, set(recSize+11, 0x7f)},
		{"callout past the end", data, set(3*recSize+20, 0xff)},
		{"huge offset and length", data, set(2, 0xff) + ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Parse(tc.data, tc.recs); !errors.Is(err, ErrDamaged) {
				t.Errorf("Parse: err = %v, want ErrDamaged", err)
			}
		})
	}
}

// FuzzParse: whatever a damaged cache holds, Parse returns an error or
// passages whose every field can be read.
func FuzzParse(f *testing.F) {
	p := build(page)
	f.Add(p.Data(), p.Records())
	f.Add("", "")
	f.Add("abc", strings.Repeat("\xff", recSize))
	f.Fuzz(func(t *testing.T, data, recs string) {
		p, err := Parse(data, recs)
		if err != nil {
			return
		}
		for i := range p.Len() {
			_, _, _, _ = p.Heading(i), p.Text(i), p.Item(i), p.Callout(i)
		}
	})
}

func TestWritten(t *testing.T) {
	var b Builder
	b.Write([]byte("Rest the "))
	b.WriteByte('b')
	b.Write([]byte("ack."))
	rest := b.Written()
	if rest != "Rest the back." {
		t.Fatalf("Written() = %q, want %q", rest, "Rest the back.")
	}
	b.AddWritten("Care", false, "")
	b.Write([]byte("  wrapped \n text "))
	wrapped := b.Written()
	b.Add("Care", "wrapped text", true, "note") // the written text is not used
	b.Write([]byte("Ice, then heat."))
	b.AddWritten("Care", false, "note")
	p := b.Passages()
	check(t, p, []want{{"Care", "Rest the back.", false, ""}, {"Care", "wrapped text", true, "note"}, {"Care", "Ice, then heat.", false, "note"}})
	if rest != "Rest the back." || wrapped != "  wrapped \n text " {
		t.Errorf("texts read back with Written changed: %q, %q", rest, wrapped)
	}
	if strings.Contains(p.Data(), "wrapped \n") {
		t.Errorf("Data() = %q, holds the text that was written and not added", p.Data())
	}
}
