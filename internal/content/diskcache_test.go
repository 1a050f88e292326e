package content

import (
	"os"
	"reflect"
	"strings"
	"testing"

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
