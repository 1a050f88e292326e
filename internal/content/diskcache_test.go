package content

import (
	"bytes"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/relief-massage/relief/internal/cache"
	"github.com/relief-massage/relief/internal/route"
)

func TestRenderedRoundTrip(t *testing.T) {
	r, err := NewMarkdown("(555) 014-2368", "911").render([]byte(render1))
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeRendered(encodeRendered(r))
	if err != nil {
		t.Fatalf("decodeRendered: %v", err)
	}
	if len(r.callouts) == 0 || len(r.sentences) < 3 || len(r.headingLines) != 2 {
		t.Fatalf("render1 has too little to test the round trip of callouts, sentences and heading lines: %+v", r)
	}
	if !reflect.DeepEqual(got, r) {
		t.Fatalf("round trip changed the result:\n got %+v\nwant %+v", got, r)
	}
	data := encodeRendered(r)
	for _, bad := range [][]byte{nil, data[:len(data)-1], append(data[:len(data):len(data)], 0)} {
		if _, err := decodeRendered(bad); err == nil {
			t.Errorf("decodeRendered of %d damaged bytes: no error", len(bad))
		}
	}
}

const render1 = "## Causes\n\nSee [sciatica](/conditions/sciatica) and ![a map](/static/map.png).\n\n" +
	"## When to be cautious\n\n> [!CAUTION]\n> Call 911 or (555) 014-2368. Rest first.\n"

// TestDiskCacheKeepsWarnings: a load that takes every rendered body from
// the disk cache reports the same problems as the first, the visitors'
// warnings included (they need the callouts and sentences the cache keeps).
func TestDiskCacheKeepsWarnings(t *testing.T) {
	files := map[string]string{"conditions/sciatica.md": strings.Replace(strings.Replace(goodCondition,
		"Intro.", "Our massage is guaranteed to help.", 1), "> [!CAUTION]", "> [!NOTE]", 1)}
	store, err := cache.Open(t.TempDir(), "test")
	if err != nil {
		t.Fatal(err)
	}
	var got [2]string
	for i := range got {
		s, err := Load(tree(files), Options{URLs: route.Names{}, Dir: "content", Now: testNow, Disk: store})
		if err != nil {
			t.Fatal(err)
		}
		store.Flush()
		store.Wait() // on disk, for the second load to read
		got[i] = s.Warnings.Error()
	}
	if got[0] != got[1] || !strings.Contains(got[0], "guaranteed") || !strings.Contains(got[0], "has no urgent-care box") {
		t.Errorf("warnings, first load:\n%s\nfrom the cache:\n%s", got[0], got[1])
	}
}

// BenchmarkRenderedCodec encodes and decodes the rendered body of the
// longest example condition, as a start with a warm disk cache does once
// per page.
func BenchmarkRenderedCodec(b *testing.B) {
	data, err := os.ReadFile("../../content/conditions/chronic-back-pain.md")
	if err != nil {
		b.Fatal(err)
	}
	r, err := NewMarkdown("(555) 014-2368", "911").render(data)
	if err != nil {
		b.Fatal(err)
	}
	enc := encodeRendered(r)
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			encodeRendered(r)
		}
	})
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			if _, err := decodeRendered(enc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestParsedStringsShareOneBlock: a parse read back from the cache (not
// mapped) holds its strings in one allocation, not one each (a served
// site keeps them all; the collector marks each object it holds), equal
// to the page parsed.
func TestParsedStringsShareOneBlock(t *testing.T) {
	var body strings.Builder
	body.WriteString("---\ntitle: Sore Neck\nsummary: A stiff, sore neck after sleeping badly or long hours at a desk.\nsymptoms: [stiffness, ache, headache]\n---\n")
	for i := range 40 {
		if i%8 == 0 {
			body.WriteString("\n## Heading " + strings.Repeat("x", i) + "\n")
		}
		body.WriteString("\nA paragraph of gentle advice about the neck, number " + strings.Repeat("n", i) + ".\n")
	}
	r, err := NewMarkdown("(555) 014-2368", "911").render([]byte(strings.SplitN(body.String(), "---\n", 3)[2]))
	if err != nil {
		t.Fatal(err)
	}
	c := &Condition{Page: Page{Path: "conditions/sore-neck.md", Title: "Sore Neck", Passages: r.Passages, Headings: r.Headings}, Symptoms: []string{"stiffness", "ache", "headache"}}
	data := encodeParsed(&parsed{ok: true, c: c})
	got, err := decodeParsed(data, true, false)
	if err != nil {
		t.Fatalf("decodeParsed: %v", err)
	}
	if !reflect.DeepEqual(got.c, c) {
		t.Fatalf("read back:\n%+v\nwant\n%+v", got.c, c)
	}
	// Every string lies in one block no longer than all of them, outside
	// data (copies, so the site does not keep the entry).
	var strs []string
	strs = append(strs, got.c.Passages.Data(), got.c.Passages.Records())
	for _, h := range got.c.Headings {
		strs = append(strs, h.ID, h.Text)
	}
	strs = append(append(strs, got.c.Path, got.c.Title), got.c.Symptoms...)
	lo, hi, total := uintptr(math.MaxUint), uintptr(0), 0
	for _, s := range strs {
		if s == "" {
			// An empty string must not point into data either: it would keep it.
			if at := uintptr(unsafe.Pointer(unsafe.StringData(s))); at != 0 {
				if d := uintptr(unsafe.Pointer(&data[0])); at >= d && at <= d+uintptr(len(data)) {
					t.Fatal("an empty string read back points into the entry, and keeps it")
				}
			}
			continue
		}
		at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		lo, hi, total = min(lo, at), max(hi, at+uintptr(len(s))), total+len(s)
		if d := uintptr(unsafe.Pointer(&data[0])); at >= d && at < d+uintptr(len(data)) {
			t.Fatalf("%q shares the entry's memory, want a copy", s)
		}
	}
	if hi-lo > uintptr(total) {
		t.Errorf("the %d strings read back span %d bytes, want one block of at most %d", len(strs), hi-lo, total)
	}
}

// TestDecodeDamagedPassages: an entry whose passages point outside their
// text is damaged (an error, and the body is rendered again), never a
// panic when search reads them later.
func TestDecodeDamagedPassages(t *testing.T) {
	r, err := NewMarkdown("(555) 014-2368", "911").render([]byte("## Rest\n\nLie down.\n\n- Ice it.\n"))
	if err != nil {
		t.Fatal(err)
	}
	data := encodeRendered(r)
	if _, err := decodeRendered(data); err != nil {
		t.Fatalf("decodeRendered of an entry as written: %v", err)
	}
	// The passages' records end the entry: the last record's text
	// offset starts 24 bytes before the end.
	bad := bytes.Clone(data)
	bad[len(bad)-21] = 0xff
	if _, err := decodeRendered(bad); err == nil {
		t.Error("decodeRendered of passages pointing past their text: no error")
	}
}
